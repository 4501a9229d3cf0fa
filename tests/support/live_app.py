"""The Slack face run in-process for tests and benchmarks: signed requests to a live app."""

from __future__ import annotations

import html
import json
import re
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
from slack_sdk.signature import SignatureVerifier

from bot.config import Settings
from bot.slack.app import build_app
from bot.slack.metrics import Metrics
from bot.slack.server import HttpServer
from digests.ingest.http import PoliteClient
from digests.store import Store

SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


@dataclass
class LiveApp:
    """An app in HTTP mode on a loopback port, and a way to send it what Slack sends."""

    url: str
    secret: str = SIGNING_SECRET

    @property
    def metrics_url(self) -> str:
        """Where Prometheus scrapes the app: /metrics beside /slack/events."""
        return self.url.replace("/slack/events", "/metrics")

    def signed(
        self,
        body: str,
        *,
        timestamp: int | None = None,
        content_type: str = "application/x-www-form-urlencoded",
    ) -> dict[str, str]:
        """Slack's headers for `body`: its timestamp and v0 signature."""
        stamp = str(int(time.time()) if timestamp is None else timestamp)
        signature = SignatureVerifier(self.secret).generate_signature(timestamp=stamp, body=body)
        return {
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": signature or "",
            "Content-Type": content_type,
        }

    def command(
        self,
        client: httpx.Client,
        text: str,
        response_url: str,
        *,
        user: str = "U0USER",
        channel: str = "C0NEWS",
        team: str = "T0TEAM",
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        """POST a /news slash command, form-encoded and signed, as Slack does."""
        body = urllib.parse.urlencode(slash_command(text, response_url, user, channel, team))
        return client.post(self.url, content=body, headers=headers or self.signed(body))

    def event(self, client: httpx.Client, team: str, event: dict[str, Any]) -> httpx.Response:
        """POST an Events API event of workspace `team`, as JSON and signed."""
        body = json.dumps(
            {
                "token": "legacy-verification-token",
                "team_id": team,
                "api_app_id": "A0APP",
                "event": event,
                "type": "event_callback",
                "event_id": f"Ev{time.monotonic_ns()}",
                "event_time": int(time.time()),
            }
        )
        headers = self.signed(body, content_type="application/json")
        return client.post(self.url, content=body, headers=headers)

    def install(self, client: httpx.Client, code: str) -> httpx.Response:
        """Add to Slack as a browser does it: the install page, Slack's consent (the fake gave
        `code`), then back to the redirect URL with the code, the state and the cookie."""
        page = client.get(self.base + "/slack/install")
        page.raise_for_status()
        found = re.search(r'href="([^"]+)"', page.text)
        assert found is not None, "no Add to Slack link on the install page"
        authorize = urllib.parse.urlsplit(html.unescape(found[1]))
        state = urllib.parse.parse_qs(authorize.query)["state"][0]
        query = urllib.parse.urlencode({"code": code, "state": state})
        # the state cookie is Secure (installs run over https): a browser on http would drop
        # it, so it is handed back by hand
        cookie = page.headers["set-cookie"].split(";")[0]
        return client.get(f"{self.base}/slack/oauth_redirect?{query}", headers={"Cookie": cookie})

    @property
    def base(self) -> str:
        """The server's http://host:port."""
        return self.url.removesuffix("/slack/events")

    def interaction(self, client: httpx.Client, payload: dict[str, Any]) -> httpx.Response:
        """POST a block action or shortcut: a form field `payload` holding JSON."""
        body = urllib.parse.urlencode({"payload": json.dumps(payload)})
        return client.post(self.url, content=body, headers=self.signed(body))


def slash_command(
    text: str, response_url: str, user: str, channel: str, team: str = "T0TEAM"
) -> dict[str, str]:
    """The form fields of a slash command request."""
    return {
        "token": "legacy-verification-token",
        "team_id": team,
        "team_domain": "newsbot-test",
        "channel_id": channel,
        "channel_name": "news",
        "user_id": user,
        "user_name": "reader",
        "command": "/news",
        "text": text,
        "api_app_id": "A0APP",
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": "13345224609.738474920.8088930838d88f008e0",
    }


@contextmanager
def live_app(settings: Settings, store: Store, metrics: Metrics | None = None) -> Iterator[LiveApp]:
    """The app built from `settings`, served over HTTP on a free loopback port, counting in
    `metrics` and serving them at /metrics."""
    metrics = metrics or Metrics()
    with PoliteClient(allow_private=settings.allow_private_urls) as fetcher:
        app = build_app(settings, store, fetcher, metrics=metrics)
        secret = settings.slack_signing_secret or ""
        server = HttpServer(app, secret, 0, host="127.0.0.1", metrics=metrics)
        thread = threading.Thread(target=server.serve, daemon=True)
        thread.start()
        try:
            yield LiveApp(f"http://127.0.0.1:{server.port}/slack/events")
        finally:
            server.stop()
            thread.join(5)
