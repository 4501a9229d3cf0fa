"""Slack's HTTP requests checked before anything parses them: a size cap, then the signature.

Bolt reads and parses a whole request before it checks the signature, so an unsigned request
with a huge body could fill the memory. Here waitress refuses a body over MAX_BODY with 413
before reading it, and SignedOnly lets through to Bolt only requests whose v0 signature and
timestamp are right; everything else gets 401 with nothing parsed.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import logging
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

log = logging.getLogger(__name__)
# The largest request Slack sends us is a message shortcut carrying someone's message: up to
# 40,000 characters of text (Slack's documented limit) and its rich-text blocks, form-encoded
# (a character can take 12 bytes). 1 MiB holds that; slash commands and buttons are a few KB.
MAX_BODY = 1024 * 1024
REPLAY_WINDOW = 5 * 60  # seconds a request's timestamp may be off, as Slack advises
_SSL_CHECK = b"ssl_check=1"  # Slack's certificate check: unsigned, answered 200 with nothing


class SignedOnly:
    """WSGI middleware: POSTs at `path` reach `app` only when Slack signed them."""

    def __init__(
        self,
        app: WSGIApplication,
        secret: str,
        path: str,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.app = app
        self.secret = secret.encode()
        self.path = path
        self.clock = clock

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO") != self.path or environ.get("REQUEST_METHOD") != "POST":
            return self.app(environ, start_response)
        length = _content_length(environ)
        if length is None or length > MAX_BODY:  # waitress refuses these first; never read them
            return _answer(start_response, "413 Payload Too Large", b"request too large\n")
        body = environ["wsgi.input"].read(length)
        if body.startswith(_SSL_CHECK) and len(body) < 1000:
            return _answer(start_response, "200 OK", b"")
        if not self.signed(
            body,
            environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", ""),
            environ.get("HTTP_X_SLACK_SIGNATURE", ""),
        ):
            log.warning(
                "refused a request to %s from %s: no valid Slack signature",
                self.path,
                environ.get("REMOTE_ADDR", "?"),
            )
            return _answer(start_response, "401 Unauthorized", b"invalid request\n")
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        return self.app(environ, start_response)

    def signed(self, body: bytes, timestamp: str, signature: str) -> bool:
        """Whether `signature` is Slack's v0 signature of `body` at a recent `timestamp`."""
        if not (timestamp.isascii() and timestamp.isdigit()) or len(timestamp) > 12:
            return False
        if abs(self.clock() - int(timestamp)) > REPLAY_WINDOW:
            return False
        base = b"v0:" + timestamp.encode() + b":" + body
        expected = "v0=" + hmac.new(self.secret, base, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected.encode(), signature.encode("latin-1", "replace"))


def _content_length(environ: WSGIEnvironment) -> int | None:
    """The body's length in bytes; None when the header is no number."""
    text = environ.get("CONTENT_LENGTH") or "0"
    return int(text) if text.isascii() and text.isdigit() else None


def _answer(start_response: StartResponse, status: str, body: bytes) -> list[bytes]:
    start_response(
        status, [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))]
    )
    return [body]
