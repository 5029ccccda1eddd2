"""``kg serve``: a read-only SPARQL endpoint over a built store that bounds query time and
result size and keeps answering.

Two processes, one address:

* the Oxigraph server (the ``oxigraph`` executable of the PyPI package ``oxigraph``), run as
  ``oxigraph serve-read-only --union-default-graph --timeout-s N`` on a private free port of
  127.0.0.1 — nobody but the proxy talks to it;
* a small front proxy (stdlib :class:`http.server.ThreadingHTTPServer`) on the public
  ``HOST:PORT`` (127.0.0.1 by default) that speaks the SPARQL 1.1 protocol for *queries only*:

  - GET or POST ``/query`` (``/sparql`` and ``/`` are aliases), forwarding the query string,
    the body and the ``Accept``/``Content-Type`` headers;
  - anything else — ``/update``, ``/store``, PUT, DELETE, a POST of
    ``application/sparql-update`` or a form with an ``update`` field — answers 403 without
    reaching Oxigraph;
  - a result larger than ``max_result_bytes`` answers 413 ("add LIMIT"), never a truncated
    document: the proxy buffers up to the limit and decides the status before the body;
  - a query still running after ``timeout`` seconds answers 504 (Oxigraph cancels it; the
    proxy also stops reading a result that is still streaming at ``timeout + 1`` s);
  - at most ``max_concurrent`` queries reach Oxigraph at once; more answer 503 at once.

The store's shared :class:`~kg.store.StoreLock` is held as long as the server runs (the
Oxigraph child inherits it), so ``kg build`` cannot write under it: Oxigraph documents reading
a store another process writes as undefined behaviour.
"""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .errors import StoreError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30
DEFAULT_MAX_RESULT_BYTES = 50_000_000
DEFAULT_MAX_CONCURRENT = 4
MAX_QUERY_BYTES = 1_000_000  # a request body (the query text) larger than this is refused
QUERY_PATHS = frozenset({"/query", "/sparql", "/"})
CANCELLED = b"The SPARQL operation has been cancelled"  # what Oxigraph writes when --timeout-s fires
READ_CHUNK = 1 << 16


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
    """The argument vector that starts a read-only Oxigraph server on ``store`` at ``host:port``."""
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
    """A TCP port nobody listens on right now."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
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


class _Refused(Exception):
    """A request the proxy answers itself: HTTP ``status`` and a one-line ``message``."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


READ_ONLY = "read-only SPARQL endpoint: only queries are served (GET or POST /query); updates and the graph store protocol are refused"


class _Handler(BaseHTTPRequestHandler):
    """One request: check it is a query, forward it to Oxigraph under the proxy's bounds."""

    server: "_Proxy"
    server_version = "kg-serve"
    protocol_version = "HTTP/1.0"  # one request per connection: an idle client holds no thread
    timeout = 30  # seconds to send the request itself (slow clients)

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._answer(self._query)

    def do_POST(self) -> None:  # noqa: N802
        self._answer(self._query)

    def _refuse_method(self) -> None:
        self._answer(self._refuse)

    do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _refuse_method

    def _refuse(self) -> None:
        self._body()  # read what was sent so the client sees the answer, not a reset
        raise _Refused(403, READ_ONLY)

    def _answer(self, handle) -> None:
        try:
            handle()
        except _Refused as exc:
            self._send(exc.status, (exc.message + "\n").encode(), "text/plain; charset=utf-8", exc.headers)

    def _body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            raise _Refused(411, "send the request with a Content-Length")
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            raise _Refused(400, "bad Content-Length") from None
        if length > MAX_QUERY_BYTES:
            raise _Refused(413, f"request larger than {MAX_QUERY_BYTES} bytes")
        return self.rfile.read(length) if length > 0 else b""

    def _query(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        path = url.path.rstrip("/") or "/"
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        body = self._body() if self.command == "POST" else b""
        if path not in QUERY_PATHS or "update" in params:
            raise _Refused(403, READ_ONLY)
        ctype = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if self.command == "POST":
            if ctype == "application/x-www-form-urlencoded":
                form = urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
                if "update" in form:
                    raise _Refused(403, READ_ONLY)
                if "query" not in form:
                    raise _Refused(400, "missing `query` form field")
            elif ctype == "application/sparql-update":
                raise _Refused(403, READ_ONLY)
            elif ctype != "application/sparql-query":
                raise _Refused(415, "POST a query as application/sparql-query or application/x-www-form-urlencoded")
            target = "/query" + (f"?{url.query}" if url.query else "")
        elif "query" in params:
            target = "/query?" + url.query
        elif path == "/":
            target = "/"  # Oxigraph's query page
        else:
            raise _Refused(400, "missing `query` parameter")
        headers = {k: v for k in ("Accept", "Content-Type") if (v := self.headers.get(k))}
        status, ctype_out, data = self.server.forward(self.command, target, body if self.command == "POST" else None, headers)
        self._send(status, data, ctype_out, {})

    def _send(self, status: int, data: bytes, ctype: str | None, headers: dict[str, str]) -> None:
        try:
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client went away

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        if not self.server.quiet:
            super().log_message(format, *args)


class _Proxy(ThreadingHTTPServer):
    """The public front: bounds and forwards queries to the Oxigraph server at ``upstream``."""

    daemon_threads = True
    block_on_close = False
    request_queue_size = 64

    def __init__(self, address, *, timeout: int | None, max_result_bytes: int, max_concurrent: int, quiet: bool) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        super().__init__(address, _Handler)
        self.upstream: tuple[str, int] | None = None
        self.query_timeout = timeout or None
        self.max_result_bytes = max_result_bytes
        self.slots = threading.BoundedSemaphore(max_concurrent)
        self.max_concurrent = max_concurrent
        self.quiet = quiet

    def forward(self, method: str, target: str, body: bytes | None, headers: dict[str, str]) -> tuple[int, str | None, bytes]:
        """Send one query to Oxigraph; its status, content type and whole body, or _Refused."""
        if not self.slots.acquire(blocking=False):
            raise _Refused(503, f"too many queries at once (at most {self.max_concurrent}); try again", {"Retry-After": "1"})
        try:
            return self._exchange(method, target, body, headers)
        finally:
            self.slots.release()

    def _exchange(self, method, target, body, headers):
        limit, started = self.max_result_bytes, time.monotonic()
        deadline = started + self.query_timeout + 1 if self.query_timeout else None
        timed_out = _Refused(504, f"query stopped after {self.query_timeout} s; narrow it or add LIMIT")
        too_big = _Refused(413, f"result larger than {limit} bytes; add LIMIT")
        conn = http.client.HTTPConnection(*self.upstream, timeout=self.query_timeout and self.query_timeout + 1)
        try:
            conn.request(method, target, body=body, headers=headers)
            resp = conn.getresponse()
            length = resp.getheader("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise too_big
            chunks, size = [], 0
            while True:
                if deadline is not None:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise timed_out
                    conn.sock.settimeout(left)
                chunk = resp.read1(READ_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > limit:
                    raise too_big
                chunks.append(chunk)
            data = b"".join(chunks)
            if CANCELLED in data[-200:]:
                raise timed_out  # Oxigraph's --timeout-s fired, after a 200 status it had already sent
            return resp.status, resp.getheader("Content-Type"), data
        except (TimeoutError, socket.timeout):
            raise timed_out from None
        except (http.client.HTTPException, OSError) as exc:
            raise _Refused(502, f"the store server failed to answer ({type(exc).__name__})") from None
        finally:
            conn.close()  # an unread result stops streaming: Oxigraph's write fails


class Endpoint:
    """A running ``kg serve``: the Oxigraph child on a private port and the proxy in front.

    Made by :func:`start`; :meth:`stop` it (idempotent). ``url`` is the public query URL."""

    def __init__(self, proxy: _Proxy, process: subprocess.Popen, lock, thread: threading.Thread) -> None:
        self.proxy, self.process, self._lock, self._thread = proxy, process, lock, thread
        host, port = proxy.server_address[:2]
        self.host, self.port = host, port
        self.url = endpoint(host, port)

    def poll(self) -> int | None:
        """The Oxigraph child's exit code, None while it runs."""
        return self.process.poll()

    def wait(self) -> int:
        """Block until the Oxigraph child exits (Ctrl-C interrupts); its exit code."""
        while True:
            try:
                return self.process.wait(timeout=0.5)
            except subprocess.TimeoutExpired:
                continue

    def stop(self, *, grace: float = 5.0) -> None:
        """Close the public port, then terminate Oxigraph (kill it after ``grace`` s), then
        release the store lock."""
        try:
            if self._thread.is_alive():
                self.proxy.shutdown()
                self._thread.join(timeout=grace)
            self.proxy.server_close()
        finally:
            try:
                _terminate(self.process, grace)
            finally:
                if self._lock is not None:
                    self._lock.release()
                    self._lock = None


def _terminate(proc: subprocess.Popen, grace: float) -> None:
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=grace)


def _die_with_parent() -> None:
    """In the child, before exec (Linux): get SIGTERM when the parent dies, even by SIGKILL."""
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _spawn_oxigraph(store, timeout, lock, wait: float) -> subprocess.Popen:
    """Oxigraph on a free port of 127.0.0.1, answering; retried if the port was taken meanwhile."""
    fd = lock.fileno() if lock is not None else None
    pass_fds = (fd,) if fd is not None else ()  # the lock lives as long as Oxigraph does
    on_linux_main = sys.platform.startswith("linux") and threading.current_thread() is threading.main_thread()
    last: StoreError | None = None
    for _ in range(3):
        port = free_port(DEFAULT_HOST)
        proc = subprocess.Popen(
            server_command(store, DEFAULT_HOST, port, timeout=timeout), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL, pass_fds=pass_fds, preexec_fn=_die_with_parent if on_linux_main else None,
        )  # fmt: skip
        try:
            wait_until_ready(endpoint(DEFAULT_HOST, port), proc, timeout=wait)
            proc.kg_port = port
            return proc
        except StoreError as exc:
            _terminate(proc, 5.0)
            last = exc
        except BaseException:
            _terminate(proc, 5.0)
            raise
    raise last or StoreError("the SPARQL server did not start")


def start(
    store: str | os.PathLike, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *, timeout: int | None = DEFAULT_TIMEOUT,
    max_result_bytes: int = DEFAULT_MAX_RESULT_BYTES, max_concurrent: int = DEFAULT_MAX_CONCURRENT, wait: float = 20.0, quiet: bool = True,
) -> Endpoint:  # fmt: skip
    """Start the endpoint in the background and wait until it answers; the caller must
    :func:`stop` it.  ``timeout`` 0 or None: no time limit.  ``quiet``: no request log."""
    lock = _reader_lock(store)
    try:
        try:
            proxy = _Proxy((host, port), timeout=timeout, max_result_bytes=max_result_bytes, max_concurrent=max_concurrent, quiet=quiet)
        except OSError as exc:
            raise StoreError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
        try:
            proc = _spawn_oxigraph(store, timeout, lock, wait)
        except BaseException:
            proxy.server_close()
            raise
    except BaseException:
        lock.release()
        raise
    proxy.upstream = (DEFAULT_HOST, proc.kg_port)
    thread = threading.Thread(target=proxy.serve_forever, kwargs={"poll_interval": 0.2}, name="kg-serve", daemon=True)
    thread.start()
    return Endpoint(proxy, proc, lock, thread)


def stop(server: Endpoint, *, grace: float = 5.0) -> None:
    """Stop an endpoint made by :func:`start`: no process is left behind."""
    server.stop(grace=grace)


def serve(
    store: str | os.PathLike, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *, timeout: int | None = DEFAULT_TIMEOUT,
    max_result_bytes: int = DEFAULT_MAX_RESULT_BYTES, max_concurrent: int = DEFAULT_MAX_CONCURRENT,
) -> int:  # fmt: skip
    """Run the endpoint in the foreground until Oxigraph exits, Ctrl-C or SIGTERM; returns
    Oxigraph's exit code (130 when interrupted).  Both processes are always stopped."""
    ep = start(store, host, port, timeout=timeout, max_result_bytes=max_result_bytes, max_concurrent=max_concurrent, quiet=False)
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        return ep.wait()
    except KeyboardInterrupt:
        return 130
    finally:
        ep.stop()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _reader_lock(store: str | os.PathLike):
    """A shared lock on the store for as long as the server runs: a build cannot start
    under it (Oxigraph's read-only opening is undefined while another process writes)."""
    from .store import StoreLock

    if not Path(store).is_dir():
        raise StoreError(f"{store}: no store here (run `kg build` first)")
    return StoreLock(store, exclusive=False)


__all__ = [
    "DEFAULT_HOST", "DEFAULT_MAX_CONCURRENT", "DEFAULT_MAX_RESULT_BYTES", "DEFAULT_PORT", "DEFAULT_TIMEOUT", "Endpoint",
    "endpoint", "free_port", "oxigraph_executable", "serve", "server_command", "start", "stop", "wait_until_ready",
]  # fmt: skip
