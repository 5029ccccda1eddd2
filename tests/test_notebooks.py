"""The notebooks run from top to bottom without error and draw at least one plot; the .ipynb
files are in sync with their jupytext .py sources."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
CORPUS = ROOT.parent / "shared" / "corpus"
SOURCES = sorted(NOTEBOOKS.glob("*.py"))

nbformat = pytest.importorskip("nbformat")
jupytext = pytest.importorskip("jupytext")


def test_notebooks_exist():
    assert [p.stem for p in SOURCES] == ["01-explore-the-graph", "02-citation-network", "03-crime-types-over-sessions"]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_notebooks_ipynb_matches_py_source(source):
    paired = source.with_suffix(".ipynb")
    assert paired.exists(), f"run: jupytext --to ipynb {source}"
    code = lambda nb: [c.source.strip() for c in nb.cells if c.cell_type == "code"]  # noqa: E731
    assert code(jupytext.read(source)) == code(nbformat.read(paired, as_version=4))


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_notebooks_execute_without_error_and_plot(source, tmp_path):
    if not CORPUS.is_dir():
        pytest.skip("corpus not available")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    nb = jupytext.read(source)
    env_before = os.environ.get("KG_CORPUS")
    os.environ["KG_CORPUS"] = str(CORPUS)  # the kernel inherits it
    try:
        client = nbclient.NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}})
        client.execute()
    finally:
        if env_before is None:
            os.environ.pop("KG_CORPUS", None)
        else:
            os.environ["KG_CORPUS"] = env_before
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert any("image/png" in o.get("data", {}) for o in outputs), "no plot drawn"
