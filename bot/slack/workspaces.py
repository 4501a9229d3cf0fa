"""The workspaces newsbot serves: the one of SLACK_BOT_TOKEN, or every one that installed it.

With SLACK_BOT_TOKEN (the default) there is one workspace, and its rows carry the team id ""
(what every row held before newsbot served several). With SLACK_CLIENT_ID, each workspace that
installs newsbot ("Add to Slack") has its token in slack_sdk's installation store, in newsbot's
own database; its rows carry its Slack team id, and a token that expires is refreshed before it
is used.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.config import Settings
from bot.slack.metrics import Metrics
from bot.slack.rate_limits import CountedRateLimits
from digests.errors import DigestError
from digests.store import Store

if TYPE_CHECKING:  # imported where installations are opened: a single workspace needs neither
    from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
    from slack_sdk.oauth.token_rotation import TokenRotator

log = logging.getLogger(__name__)
ROTATE_BEFORE_MINUTES = 20  # a token is refreshed when it has less left than this
WEB_API_TIMEOUT = 10  # seconds a Web API call may take before it is retried


class NotInstalled(DigestError):
    """A workspace newsbot has no token for: it uninstalled newsbot, or never installed it."""


class Workspaces:
    """Each workspace's Web API client."""

    def __init__(
        self,
        client: WebClient,
        installations: SQLAlchemyInstallationStore | None = None,
        rotator: TokenRotator | None = None,
    ) -> None:
        """`client` talks to Slack with the .env token; with `installations`, it has no token
        and each workspace's client is made like it with that workspace's token."""
        self.client = client
        self.installations = installations
        self.rotator = rotator

    @property
    def many(self) -> bool:
        """Whether workspaces install newsbot by OAuth (else the one of SLACK_BOT_TOKEN)."""
        return self.installations is not None

    def client_for(self, team: str) -> WebClient:
        """A client with workspace `team`'s bot token, refreshed first when it is about to
        expire (and the new one kept); NotInstalled when newsbot has none."""
        if self.installations is None:
            return self.client
        installation = self.installations.find_installation(enterprise_id=None, team_id=team)
        if installation is None or not installation.bot_token:
            raise NotInstalled(f"newsbot is not installed in workspace {team}: install it again")
        if installation.bot_refresh_token and self.rotator is not None:
            rotated = self.rotator.perform_token_rotation(
                installation=installation, minutes_before_expiration=ROTATE_BEFORE_MINUTES
            )
            if rotated is not None:
                self.installations.save(rotated)
                log.info("refreshed the bot token of workspace %s", team, extra={"team": team})
                installation = rotated
        return WebClient(
            token=installation.bot_token,
            base_url=self.client.base_url,
            timeout=self.client.timeout,
            retry_handlers=self.client.retry_handlers,
        )


def web_client(settings: Settings, metrics: Metrics | None = None) -> WebClient:
    """A Web API client at SLACK_API_URL with the .env token (none with SLACK_CLIENT_ID) that
    retries 429 (after Retry-After; counted in `metrics`), 5xx and resets."""
    metrics = metrics or Metrics()
    return WebClient(
        token=None if settings.many_workspaces else settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=WEB_API_TIMEOUT,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=2),
            CountedRateLimits(metrics.slack_rate_limited),
            ServerErrorRetryHandler(max_retry_count=2),
        ],
    )


def open_workspaces(settings: Settings, store: Store, metrics: Metrics | None = None) -> Workspaces:
    """The workspaces of these settings: SLACK_BOT_TOKEN's, or those installed by OAuth (their
    tokens in `store`'s database, refreshed with SLACK_CLIENT_ID and SLACK_CLIENT_SECRET)."""
    client = web_client(settings, metrics)
    if not settings.many_workspaces:
        return Workspaces(client)
    from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
    from slack_sdk.oauth.token_rotation import TokenRotator

    client_id, secret = str(settings.slack_client_id), str(settings.slack_client_secret)
    installations = SQLAlchemyInstallationStore(client_id=client_id, engine=store.engine)
    rotator = TokenRotator(client_id=client_id, client_secret=secret, client=client)
    return Workspaces(client, installations, rotator)
