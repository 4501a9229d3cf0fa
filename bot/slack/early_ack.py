"""Slash commands acked at the door: a signed /news request is answered 200 at once, and Bolt
handles it on a thread of its own.

newsbot's listeners ack every slash command with an empty 200 and answer through its
response_url, so the HTTP answer never depends on what Bolt does with the request. Bolt's
dispatch (its middleware, the workspace's token looked up, the listener matched) takes the
interpreter lock many times over; while other answers are being worked out, each time costs a
wait. Here the ack needs none of it: the request is read (SignedOnly checked its signature
already), answered, and dispatched afterwards, where Bolt's own ack goes nowhere.
"""

from __future__ import annotations

import io
import logging
import re
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

log = logging.getLogger(__name__)
SLASH_COMMAND = re.compile(rb"(?:^|&)command=")  # a form field only slash commands carry
DISPATCHERS = 4  # Bolt dispatches at once; the answers themselves run on Bolt's own threads
ARRIVED = "newsbot.arrived"  # the environ key of when the server handed the request over


class EarlyAck:
    """WSGI middleware in front of Bolt's handler: POSTed slash commands get their empty 200
    before Bolt sees them; everything else (buttons, modals, events) goes through Bolt first,
    as those answers can carry content. `observe` gets each ack's seconds since ARRIVED."""

    def __init__(
        self,
        app: WSGIApplication,
        path: str,
        observe: Callable[[float], None] | None = None,
    ) -> None:
        self.app = app
        self.path = path
        self.observe = observe
        self._pool = ThreadPoolExecutor(DISPATCHERS, thread_name_prefix="dispatch")

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") != "POST" or environ.get("PATH_INFO") != self.path:
            return self.app(environ, start_response)
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        environ["wsgi.input"] = io.BytesIO(body)
        form = environ.get("CONTENT_TYPE", "").startswith("application/x-www-form-urlencoded")
        if not (form and SLASH_COMMAND.search(body)):
            return self.app(environ, start_response)
        self._pool.submit(self._dispatch, dict(environ), body)
        start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "0")])
        if self.observe is not None and ARRIVED in environ:
            self.observe(time.perf_counter() - environ[ARRIVED])
        return [b""]

    def _dispatch(self, environ: WSGIEnvironment, body: bytes) -> None:
        """Bolt's handling of the acked command; its HTTP answer is dropped."""
        environ["wsgi.input"] = io.BytesIO(body)
        status: list[str] = []

        def answered(code: str, headers: object, exc_info: object = None) -> None:
            status.append(code)

        try:
            for _ in self.app(environ, answered):  # type: ignore[arg-type]
                pass
        except Exception:  # one command's failure must not stop the next
            log.exception("a slash command could not be handled")
            return
        if status and not status[0].startswith("200"):
            log.warning("Bolt answered an acked slash command %s", status[0])

    def close(self) -> None:
        """Finish the commands already acked."""
        self._pool.shutdown(wait=True)
