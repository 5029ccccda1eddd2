"""The command line: thin, documented, and one clear line per error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "store"
    result = CliRunner().invoke(main, ["build", "--store", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.parametrize("name", sorted(main.commands))
def test_cli_every_command_is_documented_in_readme(name):
    assert f"`kg {name}" in README, f"kg {name} is not documented in README.md"


@pytest.mark.parametrize("name", sorted(main.commands))
def test_cli_every_command_has_help(name):
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0 and main.commands[name].help


def test_cli_build_prints_counts(store):
    result = CliRunner().invoke(main, ["build", "--store", str(store), "--force"])
    assert result.exit_code == 0
    for word in ("documents: 1 built", "paragraphs: 107", "mentions:", "triples in store:"):
        assert word in result.output


def test_cli_extract_follows_the_contract():
    result = CliRunner().invoke(main, ["extract", "--format", "jsonl"])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.output.splitlines()]
    doc = records[0]
    assert doc["record"] == "document" and doc["symbol"] == "A/RES/71/209" and doc["operative_paragraphs"] == 54
    keys = {"record", "doc", "type", "text", "start", "end", "paragraph", "entity", "label", "symbol", "citation"}
    assert all(keys <= set(r) for r in records[1:])
    assert {"resolution", "instrument"} <= {r["type"] for r in records[1:]}


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_cli_query_formats(store, fmt):
    result = CliRunner().invoke(
        main, ["query", "citing-resolutions", "--store", str(store), "--param", "cited=A/RES/70/174", "--format", fmt]
    )
    assert result.exit_code == 0, result.output
    assert "reaffirms" in result.output


def test_cli_query_with_unknown_parameter_is_one_line(store):
    result = CliRunner().invoke(main, ["query", "citing-resolutions", "--store", str(store), "--param", "nope=1"])
    assert result.exit_code != 0
    assert "unknown parameter 'nope'" in result.output and "Traceback" not in result.output


def test_cli_commands_on_a_missing_store_fail_cleanly(tmp_path):
    for args in (["stats"], ["export"], ["validate"], ["query", "citing-resolutions", "--param", "cited=A/RES/1/1"]):
        result = CliRunner().invoke(main, [*args, "--store", str(tmp_path / "none")])
        assert result.exit_code != 0
        assert "no store here" in result.output and "Traceback" not in result.output


def test_cli_build_reports_bad_files_and_builds_the_rest(tmp_path):
    good = tmp_path / "in" / "A_RES_71_209.txt"
    good.parent.mkdir()
    good.write_text((Path(__file__).resolve().parents[1] / "kg" / "data" / "A_RES_71_209.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "notes.txt").write_text("Shopping list: milk, eggs.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "in"), "--store", str(tmp_path / "s")])
    assert result.exit_code != 0
    assert "empty.txt: empty file" in result.output
    assert "notes.txt: not a UN resolution" in result.output
    assert "documents: 1 built" in result.output and "2 file(s) failed" in result.output


def test_cli_export_stats_validate(store, tmp_path):
    out = tmp_path / "kg.ttl"
    assert CliRunner().invoke(main, ["export", "--store", str(store), "-o", str(out)]).exit_code == 0
    assert out.stat().st_size > 1000
    stats = CliRunner().invoke(main, ["stats", "--store", str(store)])
    assert "operative paragraphs     54" in stats.output
    assert CliRunner().invoke(main, ["validate", "--store", str(store)]).exit_code == 0
