"""kg build --executor dask: extraction on a Dask cluster gives the same graph as a local build."""

from __future__ import annotations

import io

import pytest

from kg.api import build
from kg.export import export
from kg.store import GraphStore

from .conftest import corpus_file

distributed = pytest.importorskip("dask.distributed")


def _nquads(path) -> list[str]:
    buf = io.BytesIO()
    with GraphStore(path, read_only=True) as store:
        export(store, buf, fmt="nquads")
    return sorted(buf.getvalue().decode().splitlines())


def test_dask_build_on_a_local_cluster_equals_a_local_build(tmp_path):
    files = [str(corpus_file(rel)) for rel in ("en/ga/A_RES_78_225.txt", "en/ga/A_RES_80_225.txt", "fr/ga/A_RES_71_209.txt")]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        report = build(files, tmp_path / "dask", executor="dask", scheduler=cluster.scheduler_address)
    assert report.ok and report.documents == 3
    build(files, tmp_path / "local")
    assert _nquads(tmp_path / "dask") == _nquads(tmp_path / "local")


def test_dask_executor_needs_a_scheduler(tmp_path):
    from kg.errors import KGError

    with pytest.raises(KGError, match="--scheduler"):
        build(None, tmp_path / "s", executor="dask")
