"""A threaded HTTP server on loopback whose routes each test sets, and ways to answer."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Handler = Callable[[BaseHTTPRequestHandler], None]


class Loopback:
    """The routes of a loopback server, the requests it saw, and helpers to answer them."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.seen: list[tuple[str, dict[str, str]]] = []
        self.port = 0
        self.lock = threading.Lock()

    def url(self, path: str = "/", host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def paths(self) -> list[str]:
        with self.lock:
            return [path for path, _ in self.seen]

    def headers(self, path: str) -> dict[str, str]:
        with self.lock:
            return next(h for p, h in reversed(self.seen) if p == path)

    def route(self, path: str, handler: Handler) -> None:
        self.routes[path] = handler

    def serve(
        self,
        path: str,
        body: bytes,
        *,
        status: int = 200,
        content_type: str = "text/plain; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        def handler(req: BaseHTTPRequestHandler) -> None:
            respond(req, status, body, {"Content-Type": content_type, **(headers or {})})

        self.route(path, handler)

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        self.serve(path, b"", status=status, headers={"Location": location})


def respond(req: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str]) -> None:
    """A complete response with a Content-Length, then the connection closes."""
    req.send_response(status)
    for name, value in headers.items():
        req.send_header(name, value)
    req.send_header("Content-Length", str(len(body)))
    req.send_header("Connection", "close")
    req.end_headers()
    req.wfile.write(body)


def stream(req: BaseHTTPRequestHandler, chunks: Iterable[bytes], headers: dict[str, str]) -> None:
    """A 200 whose body is written chunk by chunk; it ends when the client hangs up."""
    req.send_response(200)
    for name, value in headers.items():
        req.send_header(name, value)
    req.send_header("Connection", "close")
    req.end_headers()
    for chunk in chunks:
        req.wfile.write(chunk)
        req.wfile.flush()


def drip(data: bytes, pause: float, limit: float = 10.0) -> Iterator[bytes]:
    """`data` one byte at a time, `pause` seconds apart, for at most `limit` seconds."""
    end = time.monotonic() + limit
    for i in range(len(data)):
        if time.monotonic() > end:
            return
        time.sleep(pause)
        yield data[i : i + 1]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    site: Loopback

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        with self.site.lock:
            self.site.seen.append((path, {k.lower(): v for k, v in self.headers.items()}))
        self.close_connection = True
        handler = self.site.routes.get(path)
        try:
            if handler is None:
                respond(self, 404, b"not found", {"Content-Type": "text/plain"})
            else:
                handler(self)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as hostile-server tests expect it to

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hangs up mid-response is what several tests do on purpose


@contextmanager
def serving_loopback() -> Iterator[Loopback]:
    """A fresh loopback HTTP server (127.0.0.1, a free port) with no routes yet."""
    site = Loopback()
    handler = type("Handler", (_Handler,), {"site": site})
    server = _Server(("127.0.0.1", 0), handler)
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
