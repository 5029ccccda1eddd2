"""``kg serve``: a read-only SPARQL endpoint over a built store, with the Oxigraph server.

The server is the ``oxigraph`` executable of the PyPI package ``oxigraph`` (installed with
``kg``), run as ``oxigraph serve-read-only --location STORE --bind HOST:PORT
--union-default-graph --timeout-s N``:

* read-only: the store is opened read-only and SPARQL UPDATE requests are refused;
* standard SPARQL 1.1 protocol at ``http://HOST:PORT/query`` (GET ``?query=`` or POST);
* the default graph is the union of all named graphs, as for ``kg query``;
* binds to 127.0.0.1 by default — pass ``--host 0.0.0.0`` only behind a proxy you trust;
* each query is stopped after ``--timeout`` seconds (Oxigraph's ``--timeout-s``).  Oxigraph has
  no option bounding the size of a result: add ``LIMIT`` to queries that may return much.

Do not run ``kg build`` on the same store while the server is up: Oxigraph documents reading
a store another process writes as undefined behaviour.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from .errors import StoreError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30


def oxigraph_executable() -> str:
    """The ``oxigraph`` server binary: next to this Python (the virtualenv's bin), else on PATH."""
    exe = "oxigraph.exe" if os.name == "nt" else "oxigraph"
    beside = Path(sys.executable).parent / exe
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise StoreError("the `oxigraph` server is not installed (pip install 'oxigraph>=0.5.13,<0.6')")


def server_command(store: str | os.PathLike, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *, timeout: int | None = DEFAULT_TIMEOUT) -> list[str]:
    """The argument vector that starts a read-only server on ``store``."""
    if not Path(store).is_dir():
        raise StoreError(f"{store}: no store here (run `kg build` first)")
    cmd = [
        oxigraph_executable(), "serve-read-only", "--location", str(store),
        "--bind", f"{host}:{port}", "--union-default-graph",
    ]  # fmt: skip
    if timeout:
        cmd += ["--timeout-s", str(int(timeout))]
    return cmd


def free_port(host: str = DEFAULT_HOST) -> int:
    """A TCP port nobody listens on right now (for tests)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def endpoint(host: str, port: int) -> str:
    """The SPARQL query endpoint URL."""
    h = f"[{host}]" if ":" in host else host
    return f"http://{h}:{port}/query"


def wait_until_ready(url: str, proc: subprocess.Popen | None = None, *, timeout: float = 20.0) -> None:
    """Poll ``url`` with a tiny ASK query until the server answers, the process dies, or
    ``timeout`` seconds pass (then StoreError)."""
    deadline = time.monotonic() + timeout
    probe = url + "?query=" + urllib.parse.quote("ASK {}")
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise StoreError(f"the SPARQL server exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(probe, timeout=2) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            time.sleep(0.1)
    raise StoreError(f"the SPARQL server did not answer at {url} within {timeout:.0f} s")


def start(store: str | os.PathLike, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *, timeout: int | None = DEFAULT_TIMEOUT, wait: float = 20.0, quiet: bool = True) -> subprocess.Popen:
    """Start the server in the background and wait until it answers; the caller must
    :func:`stop` it."""
    out = subprocess.DEVNULL if quiet else None
    lock = _reader_lock(store)
    proc = subprocess.Popen(server_command(store, host, port, timeout=timeout), stdout=out, stderr=out)
    proc.kg_lock = lock  # released by stop()
    try:
        wait_until_ready(endpoint(host, port), proc, timeout=wait)
    except BaseException:
        stop(proc)
        raise
    return proc


def stop(proc: subprocess.Popen, *, grace: float = 5.0) -> None:
    """Terminate the server started by :func:`start` (kill it if it does not exit in ``grace`` s)."""
    try:
        if proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=grace)
    finally:
        lock = getattr(proc, "kg_lock", None)
        if lock is not None:
            lock.release()


def serve(store: str | os.PathLike, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *, timeout: int | None = DEFAULT_TIMEOUT) -> int:
    """Run the server in the foreground until it exits or Ctrl-C; returns its exit code."""
    lock = _reader_lock(store)
    proc = subprocess.Popen(server_command(store, host, port, timeout=timeout))
    proc.kg_lock = lock
    try:
        return proc.wait()
    except KeyboardInterrupt:
        return 130
    finally:
        stop(proc)


def _reader_lock(store: str | os.PathLike):
    """A shared lock on the store for as long as the server runs: a build cannot start
    under it (Oxigraph's read-only opening is undefined while another process writes)."""
    from .errors import StoreError
    from .store import StoreLock

    if not Path(store).is_dir():
        raise StoreError(f"{store}: no store here (run `kg build` first)")
    return StoreLock(store, exclusive=False)


__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "DEFAULT_TIMEOUT", "endpoint", "free_port", "oxigraph_executable", "serve", "server_command", "start", "stop", "wait_until_ready"]
