"""Shared fixtures: the corpus beside the repository (skipped where it is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def corpus_file(rel: str) -> Path:
    path = CORPUS / rel
    if not path.exists():
        pytest.skip(f"corpus file {rel} not available")
    return path


@pytest.fixture(scope="session")
def reference_source():
    from kg.read import read_default

    return read_default()


@pytest.fixture(scope="session")
def reference_segmented(reference_source):
    from kg.segment import segment

    return segment(reference_source)
