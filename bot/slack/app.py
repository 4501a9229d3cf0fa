"""The Bolt app: a Web API client with Slack's retry handlers, and every listener registered."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

from slack_bolt import App
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.config import Settings
from bot.slack.admins import AdminCheck
from bot.slack.answers import AnswerPolicy, Answers
from bot.slack.listeners import actions, commands, shortcuts
from bot.slack.metrics import Metrics
from bot.slack.poster import DigestPoster
from bot.slack.rate_limits import CountedRateLimits
from bot.slack.timed_app import TimedApp
from digests.ingest import PoliteClient
from digests.store import Store

log = logging.getLogger(__name__)
WEB_API_TIMEOUT = 10  # seconds a Web API call may take before it is retried
LISTENER_THREADS = 8  # answers run after the ack, this many at once (more only adds contention)


class TokenInClient(logging.Filter):
    """Drops Bolt's warning that `token` will be unused: Bolt reads SLACK_BOT_TOKEN from the
    environment although it is handed a client made with that very token, and says so at every
    start."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != warning_client_prioritized_and_token_skipped()


def web_client(settings: Settings, metrics: Metrics | None = None) -> WebClient:
    """A Web API client at SLACK_API_URL that retries 429 (after Retry-After; counted in
    `metrics`), 5xx and resets."""
    metrics = metrics or Metrics()
    return WebClient(
        token=settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=WEB_API_TIMEOUT,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=2),
            CountedRateLimits(metrics.slack_rate_limited),
            ServerErrorRetryHandler(max_retry_count=2),
        ],
    )


def bot_in_channel(client: WebClient, channel: str) -> bool:
    """Whether the bot is a member of `channel` (True when Slack will not say)."""
    try:
        return bool(client.conversations_info(channel=channel)["channel"].get("is_member", True))
    except SlackApiError as exc:
        log.warning("conversations.info for %s failed: %s", channel, exc.response.get("error"))
        return exc.response.get("error") not in ("channel_not_found",)


def build_app(
    settings: Settings,
    store: Store,
    fetcher: PoliteClient,
    *,
    client: WebClient | None = None,
    poster: DigestPoster | None = None,
    metrics: Metrics | None = None,
) -> App:
    """The app answering /news, its buttons and its message shortcut (auth.test runs here);
    each slash command's time to its ack observed in `metrics`."""
    metrics = metrics or Metrics()
    client = client or web_client(settings, metrics)
    slack_log = logging.getLogger("bot.slack")
    if not any(isinstance(f, TokenInClient) for f in slack_log.filters):
        slack_log.addFilter(TokenInClient())
    app = TimedApp(
        metrics.command_seconds,
        client=client,
        signing_secret=settings.slack_signing_secret or "",
        # each listener acks at once and does its work as a lazy listener, in these threads:
        # the ack is sent the moment it is made, not when a polling loop notices it
        process_before_response=True,
        listener_executor=ThreadPoolExecutor(LISTENER_THREADS, thread_name_prefix="newsbot"),
        logger=slack_log,
    )
    poster = poster or DigestPoster(store, client, settings.digest_policy, metrics=metrics)
    answers = Answers(
        store,
        AnswerPolicy.of(settings),
        fetcher,
        AdminCheck(settings.admin_user_ids, client),
        post_now=poster.post_now,
        bot_in_channel=lambda channel: bot_in_channel(client, channel),
    )
    for listeners in (commands, actions, shortcuts):
        listeners.register(app, answers)
    return app
