"""The Bolt app: one workspace's token, or every installed workspace's; every listener."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_bolt import App
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.config import Settings
from bot.slack.admins import AdminCheck
from bot.slack.answers import AnswerPolicy, Answers
from bot.slack.listeners import actions, commands, events, home, home_forms, shortcuts
from bot.slack.metrics import Metrics
from bot.slack.poster import DigestPoster
from bot.slack.timed_app import TimedApp
from bot.slack.workspaces import Workspaces, open_workspaces
from digests.ingest import PoliteClient
from digests.store import Store

log = logging.getLogger(__name__)
LISTENER_THREADS = 8  # answers run after the ack, this many at once (more only adds contention)


class TokenInClient(logging.Filter):
    """Drops Bolt's warning that `token` will be unused: Bolt reads SLACK_BOT_TOKEN from the
    environment although it is handed a client made with that very token, and says so at every
    start."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != warning_client_prioritized_and_token_skipped()


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
    workspaces: Workspaces | None = None,
    poster: DigestPoster | None = None,
    metrics: Metrics | None = None,
) -> App:
    """The app answering /news, its buttons, its message shortcut, the Home tab and uninstalls;
    with SLACK_CLIENT_ID also "Add to Slack" (auth.test runs here with SLACK_BOT_TOKEN). In
    Socket Mode each slash command's time to its ack is observed in `metrics` here; HTTP mode
    acks them at the door (bot.slack.early_ack), which observes it there."""
    metrics = metrics or Metrics()
    workspaces = workspaces or open_workspaces(settings, store, metrics)
    slack_log = logging.getLogger("bot.slack")
    if not any(isinstance(f, TokenInClient) for f in slack_log.filters):
        slack_log.addFilter(TokenInClient())
    options: dict[str, Any] = {}
    if workspaces.installations is not None:
        from bot.slack.install import oauth_flow

        options = {
            "installation_store": workspaces.installations,
            "oauth_flow": oauth_flow(settings, workspaces.installations, store.engine),
        }
    options |= {
        "client": workspaces.client,
        "signing_secret": settings.slack_signing_secret or "",
        # each listener acks at once and does its work as a lazy listener, in these threads:
        # the ack is sent the moment it is made, not when a polling loop notices it
        "process_before_response": True,
        "listener_executor": ThreadPoolExecutor(LISTENER_THREADS, thread_name_prefix="newsbot"),
        "logger": slack_log,
    }
    app = (
        TimedApp(metrics.command_seconds, **options) if settings.slack_app_token else App(**options)
    )
    poster = poster or DigestPoster(store, workspaces, settings.digest_policy, metrics=metrics)
    answers = Answers(
        store,
        AnswerPolicy.of(settings),
        fetcher,
        AdminCheck(settings.admin_user_ids, workspaces),
        post_now=poster.post_now,
        bot_in_channel=lambda channel, team: bot_in_channel(workspaces.client_for(team), channel),
    )
    for listeners in (commands, actions, shortcuts, home, home_forms):
        listeners.register(app, answers)
    events.register(app, lambda team: forget(store, workspaces, team))
    return app


def forget(store: Store, workspaces: Workspaces, team: str) -> None:
    """Workspace `team` uninstalled newsbot: with many workspaces, forget it (its token,
    schedules and subscriptions); with SLACK_BOT_TOKEN's one, say that its token is dead."""
    if not workspaces.many:
        log.warning(
            "newsbot was uninstalled from its workspace: SLACK_BOT_TOKEN no longer works; "
            "install the app again and give its new token",
            extra={"team": team},
        )
        return
    channels = store.forget_workspace(team)
    log.info(
        "workspace %s uninstalled newsbot: its token and %d channels' digests and feeds are gone",
        team,
        channels,
        extra={"team": team},
    )
