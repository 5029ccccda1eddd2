import os

import pytest

from kg.errors import InputError
from kg.read import decode, iter_paths, read, read_default


def test_read_default_is_the_reference_document():
    src = read_default()
    assert "71/209." in src.text and src.media_type == "text/markdown"


@pytest.mark.parametrize(
    "data,reason",
    [
        (b"", "empty file"),
        (b"   \n\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Résolution".encode("latin-1"), "not UTF-8"),
    ],
)
def test_read_bad_bytes_give_a_clear_reason(data, reason):
    with pytest.raises(InputError) as err:
        decode(data, "bad.txt")
    assert reason in str(err.value) and "bad.txt" in str(err.value)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_read_decodes_boms(encoding):
    assert decode("Réaffirmant sa résolution".encode(encoding), "x") == "Réaffirmant sa résolution"


def test_read_normalises_crlf():
    assert decode(b"a\r\nb\rc", "x") == "a\nb\nc"


def test_read_walks_directories_in_order_and_survives_a_symlink_loop(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("x")
    (tmp_path / "1.txt").write_text("x")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    os.symlink(tmp_path, tmp_path / "b" / "loop")
    names = [p.name for p in iter_paths([tmp_path])]
    assert names == ["1.txt", "2.txt"]


def test_read_missing_path_is_named(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(iter_paths([tmp_path / "nope.txt"]))
    with pytest.raises(InputError, match="nope"):
        read(tmp_path / "nope.txt")
