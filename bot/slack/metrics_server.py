"""/metrics on a port of its own, METRICS_PORT: Socket Mode serves no HTTP for Slack."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

from waitress.server import create_server

from bot.config import Settings
from bot.slack.metrics import METRICS_PATH, Metrics
from bot.slack.server import ServeError

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

log = logging.getLogger(__name__)
METRICS_THREADS = 2  # a scraper or two


def own_metrics_port(settings: Settings) -> int | None:
    """The port /metrics needs a server of its own on: METRICS_PORT, unless it is HTTP mode's
    PORT, which serves /metrics already (None: no server of its own)."""
    port = settings.metrics_port
    if port is None or (not settings.slack_app_token and port == settings.port):
        return None
    return port


class MetricsOnly:
    """The WSGI application: the metrics at /metrics, 404 anywhere else."""

    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics.wsgi()

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == METRICS_PATH:
            return self.metrics(environ, start_response)
        start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
        return [b"not found: the metrics are at /metrics\n"]


class MetricsServer:
    """waitress answering /metrics on `port` in a thread of its own, from the start until
    stop()."""

    def __init__(self, metrics: Metrics, port: int, host: str = "0.0.0.0") -> None:
        try:
            self._server = create_server(
                MetricsOnly(metrics), host=host, port=port, threads=METRICS_THREADS
            )
        except OSError as exc:
            raise ServeError(
                f"cannot listen on METRICS_PORT {port} ({exc.strerror or exc}): stop what "
                "listens there, or set METRICS_PORT to a free port"
            ) from exc
        self._thread = threading.Thread(target=self._serve, name="metrics", daemon=True)
        self._thread.start()
        log.info("metrics at http://%s:%d%s", host, self.port, METRICS_PATH)

    @property
    def port(self) -> int:
        return int(self._server.effective_port)

    def stop(self) -> None:
        self._server.close()
        self._thread.join(5)

    def _serve(self) -> None:
        with contextlib.suppress(OSError):  # the listening socket closed by stop()
            self._server.run()
