"""On the wire: content decoding that stops at a cap, and a watchdog for one exchange."""

from __future__ import annotations

import contextlib
import socket
import threading
import zlib
from typing import Any

from digests.ingest._guards import private_kind


class Inflater:
    """Content-Encoding decoding that never produces more than it is asked for."""

    def __init__(self, coding: str) -> None:
        codings = [c.strip().lower() for c in coding.split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        self.coding = codings[0] if codings else None
        self._raw_deflate_fallback = self.coding == "deflate"
        if len(codings) > 1 or self.coding not in (None, "gzip", "x-gzip", "deflate"):
            raise ValueError(coding)
        wbits = zlib.MAX_WBITS | 16 if self.coding in ("gzip", "x-gzip") else zlib.MAX_WBITS
        self._z = zlib.decompressobj(wbits) if self.coding else None

    def feed(self, data: bytes, room: int) -> bytes:
        """Decode a chunk, returning at most room + 1 bytes (more means over the cap)."""
        if self._z is None:
            return data
        out = bytearray()
        while True:
            want = room + 1 - len(out)
            try:
                piece = self._z.decompress(data, want)
            except zlib.error:
                if not self._raw_deflate_fallback:
                    raise
                self._z = zlib.decompressobj(-zlib.MAX_WBITS)  # deflate without zlib header
                piece = self._z.decompress(data, want)
            self._raw_deflate_fallback = False
            out += piece
            data = self._z.unconsumed_tail
            if len(out) > room or (not data and len(piece) < want):
                return bytes(out)

    def finish(self) -> None:
        """Complain when the encoded stream stopped before its end."""
        if self._z is not None and not self._z.eof:
            raise zlib.error("the compressed stream is truncated")


class Exchange:
    """Watch over one HTTP exchange: the overall deadline and the address actually reached."""

    def __init__(self, deadline: float, allow_private: bool) -> None:
        self._lock = threading.Lock()
        self._sock: socket.socket | None = None
        self._done = False
        self._allow_private = allow_private
        self.expired = False
        self.refused: tuple[str, str] | None = None
        self._timer = threading.Timer(deadline, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Exchange:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._done = True
        self._timer.cancel()

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpcore's trace hook: keep the socket, refuse a private peer (DNS rebinding)."""
        if event not in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            return
        stream = info["return_value"]
        sock = stream.get_extra_info("socket")
        with self._lock:
            self._sock = sock
            stop = self.expired
        if event.endswith("connect_tcp.complete") and not self._allow_private:
            peer = stream.get_extra_info("server_addr")
            kind = private_kind(str(peer[0])) if peer else None
            if kind is not None:
                self.refused = (str(peer[0]), kind)
                stop = True
        if stop:
            shutdown(sock)

    def _expire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.expired = True
            if self._sock is not None:
                shutdown(self._sock)


def shutdown(sock: socket.socket | None) -> None:
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
