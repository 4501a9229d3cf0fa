"""The Slack fake's workspaces: tokens per team (installed by OAuth, expiring, revoked) and
channels that belong to one team, with their members."""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from typing import Any

from tests.support.slack_methods import slack_error

CLIENT_ID, CLIENT_SECRET = "1234.5678", "fake-client-secret"


@dataclass
class _Token:
    team: str
    expires_at: float | None = None  # time.time() after which Slack says token_expired
    revoked: bool = False


@dataclass(frozen=True)
class Conversation:
    """A channel as users.conversations lists it, and who is in it."""

    id: str
    name: str
    members: frozenset[str]
    private: bool = False
    archived: bool = False


@dataclass(frozen=True)
class _Grant:
    team: str
    team_name: str
    rotating: bool


class SlackWorkspaces:
    """Which team each token acts for, and Slack's oauth.v2.access: a code from the consent
    screen (grant()) becomes a bot token, and with token rotation a refresh token becomes a new
    one. A token used in a channel of another team gets channel_not_found, as from Slack."""

    TOKEN_SECONDS = 12 * 3600  # how long a rotating token lives, as Slack's

    def __init__(self, token: str, team_id: str) -> None:
        self.tokens: dict[str, _Token] = {token: _Token(team_id)}
        self.channel_teams: dict[str, str] = {}
        self.conversations: dict[str, Conversation] = {}
        self.page_limit = 1000  # channels users.conversations gives a page at most, as Slack
        self._grants: dict[str, _Grant] = {}
        self._refresh: dict[str, str] = {}  # refresh token -> team
        self._numbers = itertools.count(1)

    def grant(self, code: str, team: str, team_name: str = "", *, rotating: bool = False) -> None:
        """The code Slack's consent screen hands the installer of `team`."""
        self._grants[code] = _Grant(team, team_name or f"Team {team}", rotating)

    def installed(self, team: str) -> str:
        """A bot token for `team`, as an install made it earlier."""
        token = f"xoxb-{team}-{next(self._numbers)}"
        self.tokens[token] = _Token(team)
        return token

    def own(self, channel: str, team: str) -> None:
        """`channel` is in `team`: other teams' tokens cannot see it."""
        self.channel_teams[channel] = team

    def add_channel(
        self,
        channel: str,
        name: str,
        members: tuple[str, ...],
        *,
        private: bool = False,
        archived: bool = False,
        team: str | None = None,
    ) -> None:
        """A channel with these members (in `team`, when given, and no other team's)."""
        self.conversations[channel] = Conversation(
            channel, name, frozenset(members), private, archived
        )
        if team is not None:
            self.own(channel, team)

    def token_of(self, team: str) -> str:
        """The newest working token of `team`."""
        found = [t for t, v in self.tokens.items() if v.team == team and not v.revoked]
        return found[-1]

    def expire(self, token: str) -> None:
        """`token` ran out a minute ago."""
        self.tokens[token].expires_at = time.time() - 60

    def revoke(self, team: str) -> None:
        """Every token of `team` stops working (the app was uninstalled there)."""
        for token in self.tokens.values():
            if token.team == team:
                token.revoked = True

    def token_problem(self, token: str) -> tuple[str | None, str | None]:
        """The token's team, or Slack's error for it."""
        found = self.tokens.get(token)
        if found is None:
            return None, "invalid_auth"
        if found.revoked:
            return None, "token_revoked"
        if found.expires_at is not None and found.expires_at < time.time():
            return None, "token_expired"
        return found.team, None

    def oauth_access(self, params: dict[str, Any]) -> dict[str, Any]:
        """oauth.v2.access: an authorization code or a refresh token for a bot token."""
        if (params.get("client_id"), params.get("client_secret")) != (CLIENT_ID, CLIENT_SECRET):
            return slack_error("invalid_client_id")
        if params.get("grant_type") == "refresh_token":
            team = self._refresh.get(str(params.get("refresh_token")))
            if team is None:
                return slack_error("invalid_refresh_token")
            return self._issue(team, f"Team {team}", rotating=True)
        grant = self._grants.pop(str(params.get("code")), None)
        if grant is None:
            return slack_error("invalid_code")
        return self._issue(grant.team, grant.team_name, rotating=grant.rotating)

    def _issue(self, team: str, team_name: str, *, rotating: bool) -> dict[str, Any]:
        number = next(self._numbers)
        token = f"xoxe.xoxb-{team}-{number}" if rotating else f"xoxb-{team}-{number}"
        answer: dict[str, Any] = {
            "ok": True,
            "app_id": "A0APP",
            "authed_user": {"id": "U0INSTALLER"},
            "scope": "commands,chat:write",
            "token_type": "bot",
            "access_token": token,
            "bot_user_id": "U0BOT",
            "team": {"id": team, "name": team_name},
            "enterprise": None,
            "is_enterprise_install": False,
        }
        expires = None
        if rotating:
            refresh = f"xoxe-1-{team}-{number}"
            self._refresh[refresh] = team
            expires = time.time() + self.TOKEN_SECONDS
            answer |= {"refresh_token": refresh, "expires_in": self.TOKEN_SECONDS}
        self.tokens[token] = _Token(team, expires)
        return answer
