"""`newsbot run`: the service that answers Slack."""

from __future__ import annotations

import gc
import logging
import signal
import sys
from types import FrameType
from urllib.error import URLError

import click
from slack_bolt.error import BoltError
from slack_sdk.errors import SlackApiError

from bot.cli.common import open_store, settings_or_exit
from bot.cli.exits import EXIT_USAGE
from bot.config import ConfigError, require_slack
from bot.logs import setup_logging
from bot.slack.app import build_app
from bot.slack.background import Background, FeedPoller, apply_digest_channels
from bot.slack.metrics import Metrics
from bot.slack.metrics_server import MetricsServer, own_metrics_port
from bot.slack.poster import DigestPoster
from bot.slack.server import HttpServer, ServeError, SocketServer
from bot.slack.unreachable import unreachable
from bot.slack.workspaces import open_workspaces
from digests.ingest import PoliteClient

log = logging.getLogger(__name__)
SWITCH_INTERVAL = 0.001


@click.command("run")
def run_command() -> None:
    """The service: answers /news in Slack (Socket Mode with SLACK_APP_TOKEN, else HTTP), posts
    the scheduled digests, polls every feed and prunes old stories."""
    settings = settings_or_exit()
    try:
        require_slack(settings)
    except ConfigError as exc:
        click.echo(str(exc), err=True)
        sys.exit(EXIT_USAGE)
    setup_logging(settings.log_level, settings.log_format)
    # hand the interpreter lock round every millisecond (not 5): an ack waiting behind busy
    # answering threads goes out sooner
    sys.setswitchinterval(SWITCH_INTERVAL)
    with (
        open_store(settings, writes=True) as store,
        PoliteClient(allow_private=settings.allow_private_urls) as fetcher,
    ):
        for url in settings.news_feeds:
            store.add_feed(url)  # NEWS_FEEDS are global: every channel's
        apply_digest_channels(store, settings)
        metrics = Metrics()
        workspaces = open_workspaces(settings, store, metrics)
        poster = DigestPoster(store, workspaces, settings.digest_policy, metrics=metrics)
        try:
            app = build_app(
                settings, store, fetcher, workspaces=workspaces, poster=poster, metrics=metrics
            )
        except (BoltError, SlackApiError) as exc:
            click.echo(
                f"newsbot: Slack did not accept the bot token at {settings.slack_api_url} ({exc}): "
                "check SLACK_BOT_TOKEN and that the app is installed in the workspace",
                err=True,
            )
            sys.exit(EXIT_USAGE)
        except (URLError, OSError) as exc:
            click.echo(f"newsbot: {unreachable(settings.slack_api_url, exc)}", err=True)
            sys.exit(EXIT_USAGE)
        server: HttpServer | SocketServer
        try:
            port = own_metrics_port(settings)  # HTTP mode serves /metrics on PORT too
            metrics_server = MetricsServer(metrics, port) if port is not None else None
            if settings.slack_app_token:
                server = SocketServer(app, settings.slack_app_token)
            else:
                secret = settings.slack_signing_secret or ""
                server = HttpServer(app, secret, settings.port, metrics=metrics)
        except ServeError as exc:
            click.echo(f"newsbot: {exc}", err=True)
            sys.exit(EXIT_USAGE)

        def stop(signum: int, _frame: FrameType | None) -> None:
            log.info("stopping on %s", signal.Signals(signum).name)
            server.stop()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        background = Background(poster, FeedPoller(store, settings, metrics=metrics))
        # what the service has built by now lives as long as it does: the collector need not
        # walk it again (a walk of everything held a command's ack up by tens of ms)
        gc.freeze()
        background.start()
        try:
            server.serve()
        finally:
            background.stop()
            if metrics_server is not None:
                metrics_server.stop()
    log.info("stopped")
