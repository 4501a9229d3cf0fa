"""Serving the app: Socket Mode, or HTTP mode (/slack/events, /healthz, /metrics) under
waitress."""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk.errors import SlackApiError
from waitress.server import create_server

from bot.slack.early_ack import ARRIVED, EarlyAck
from bot.slack.gate import MAX_BODY, SignedOnly
from bot.slack.metrics import METRICS_PATH, Metrics
from digests.errors import DigestError

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

log = logging.getLogger(__name__)
EVENTS_PATH, HEALTH_PATH = "/slack/events", "/healthz"
HTTP_THREADS = 16


class ServeError(DigestError):
    """newsbot cannot serve Slack: its port is taken, or Slack refused the app-level token."""


class HealthyEvents:
    """The WSGI application: Slack's signed requests at /slack/events, a health check at
    /healthz, and the metrics at /metrics (not signed by Slack: they hold no secret)."""

    def __init__(
        self, app: App, signing_secret: str, ready: threading.Event, metrics: Metrics | None
    ) -> None:
        timed = metrics.command_seconds.observe if metrics is not None else None
        self.acks = EarlyAck(SlackRequestHandler(app, path=EVENTS_PATH), EVENTS_PATH, timed)
        self.slack = SignedOnly(self.acks, signing_secret, EVENTS_PATH)
        self.ready = ready
        self.metrics = metrics.wsgi() if metrics is not None else None

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        environ[ARRIVED] = time.perf_counter()  # waitress has read the request: timing starts
        if environ.get("PATH_INFO") == HEALTH_PATH:
            ok = self.ready.is_set()
            start_response(
                "200 OK" if ok else "503 Service Unavailable",
                [("Content-Type", "text/plain; charset=utf-8")],
            )
            return [b"ok\n" if ok else b"starting\n"]
        if environ.get("PATH_INFO") == METRICS_PATH and self.metrics is not None:
            return self.metrics(environ, start_response)
        return self.slack(environ, start_response)


class HttpServer:
    """waitress serving the app (and `metrics`, if given) on `port` until stop() (from a
    signal handler or a test); a request body over MAX_BODY is answered 413 before it is read."""

    def __init__(
        self,
        app: App,
        signing_secret: str,
        port: int,
        host: str = "0.0.0.0",
        metrics: Metrics | None = None,
    ) -> None:
        self.ready = threading.Event()
        self._events = HealthyEvents(app, signing_secret, self.ready, metrics)
        try:
            self._server = create_server(
                self._events,
                host=host,
                port=port,
                threads=HTTP_THREADS,
                max_request_body_size=MAX_BODY + 1,  # waitress refuses a body this size or more
            )
        except OSError as exc:
            raise ServeError(
                f"cannot listen on port {port} ({exc.strerror or exc}): stop what listens "
                "there, or set PORT to a free port"
            ) from exc

    @property
    def port(self) -> int:
        return int(self._server.effective_port)

    def serve(self) -> None:
        """Answer requests until stop(); /healthz says 200 from the first moment."""
        self.ready.set()
        log.info("HTTP mode: Slack's requests at http://0.0.0.0:%d%s", self.port, EVENTS_PATH)
        with contextlib.suppress(OSError):  # the listening socket closed by stop()
            self._server.run()

    def stop(self) -> None:
        self.ready.clear()
        self._server.close()
        self._events.acks.close()


class SocketServer:
    """Socket Mode: a websocket to Slack opened with the app-level token; no public URL."""

    def __init__(self, app: App, app_token: str) -> None:
        """Connect at once: a refused token is a ServeError before anything else starts."""
        self._handler = SocketModeHandler(app, app_token)
        self._stopped = threading.Event()
        try:
            self._handler.connect()  # type: ignore[no-untyped-call]
        except SlackApiError as exc:
            raise ServeError(
                f"Slack refused SLACK_APP_TOKEN ({exc.response.get('error')}): give the "
                "app-level token (xapp-…) with the connections:write scope, from Basic "
                "Information > App-Level Tokens"
            ) from exc
        log.info("Socket Mode: connected to Slack")

    def serve(self) -> None:
        """Wait until stop()."""
        self._stopped.wait()

    def stop(self) -> None:
        self._handler.close()  # type: ignore[no-untyped-call]
        self._stopped.set()
