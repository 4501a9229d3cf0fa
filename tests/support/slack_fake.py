"""A loopback fake of Slack's Web API and response URLs that records every call."""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TypeVar

from tests.support.block_kit import block_problem
from tests.support.slack_faults import SlackFaults
from tests.support.slack_methods import METHODS, slack_error
from tests.support.slack_workspaces import SlackWorkspaces

JSON_FIELDS = ("blocks", "attachments", "metadata", "view")
T = TypeVar("T")


@dataclass(frozen=True)
class Call:
    """One Web API call as the fake received it."""

    method: str
    params: dict[str, Any]
    token: str | None
    at: float


@dataclass(frozen=True)
class Response:
    """One POST to a response_url."""

    key: str
    body: dict[str, Any]
    at: float


class SlackFake(SlackFaults, SlackWorkspaces):
    """Slack's Web API and response URLs on a loopback port.

    It behaves like Slack where newsbot depends on it: tokens are checked, unknown methods and
    messages over Block Kit's limits are refused with Slack's error names, 429 with Retry-After
    comes on demand or from a steady rate limit (SlackFaults), an answer can be made late (after
    the call took effect, as a slow Slack does), and posted messages are kept per channel with
    their metadata for conversations.history and conversations.replies. Modals and Home tabs
    over Block Kit's view limits are refused, and those shown are kept. Other workspaces install
    the app through oauth.v2.access, and users.conversations lists a workspace's channels a
    member is in (SlackWorkspaces).
    """

    def __init__(
        self,
        token: str = "xoxb-test",
        app_token: str = "xapp-test",
        bot_user_id: str = "U0BOT",
        team_id: str = "T0TEAM",
    ) -> None:
        self.token, self.app_token = token, app_token
        self.bot_user_id, self.team_id = bot_user_id, team_id
        SlackFaults.__init__(self)
        SlackWorkspaces.__init__(self, token, team_id)
        self.calls: list[Call] = []
        self.responses: list[Response] = []
        self.messages: dict[str, list[dict[str, Any]]] = {}
        self.users: dict[str, dict[str, Any]] = {}
        self.member_of: set[str] | None = None  # None: the bot is in every channel
        self.views: dict[str, dict[str, Any]] = {}  # each modal or Home tab shown, by view id
        self.home_tabs: dict[tuple[str, str], dict[str, Any]] = {}  # (team, user): their Home
        self.view_numbers = itertools.count(1)
        self.socket_url: str | None = None
        self._ts = int(time.time()) * 1_000_000
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # life

    def start(self) -> SlackFake:
        handler = type("Handler", (_Handler,), {"slack": self})
        self._server = _Server(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,))
        self._thread.daemon = True
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(5)

    def __enter__(self) -> SlackFake:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server is not None, "start the fake first"
        return int(self._server.server_address[1])

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, key: str = "r") -> str:
        return f"http://127.0.0.1:{self.port}/respond/{urllib.parse.quote(key)}"

    # waiting

    def wait_for_call(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """The first `count` calls of `method`, once that many have arrived."""
        return self._wait(lambda: self.calls_to(method), count, timeout, f"{method} calls")

    def wait_for_responses(self, count: int = 1, timeout: float = 5.0) -> list[Response]:
        """The first `count` response_url posts, once that many have arrived."""
        return self._wait(lambda: list(self.responses), count, timeout, "responses")

    def wait_for_response(self, key: str, timeout: float = 5.0) -> Response:
        """The first post to response_url(key), once it has arrived."""
        found = self._wait(lambda: [r for r in self.responses if r.key == key], 1, timeout, key)
        return found[0]

    def calls_to(self, method: str) -> list[Call]:
        with self._changed:
            return [call for call in self.calls if call.method == method]

    def _wait(self, found: Callable[[], list[T]], count: int, timeout: float, what: str) -> list[T]:
        end = time.monotonic() + timeout
        with self._changed:
            while len(got := found()) < count:
                left = end - time.monotonic()
                if left <= 0:
                    seen = [c.method for c in self.calls]
                    raise AssertionError(
                        f"waited for {count} {what}, got {len(got)}; calls: {seen}"
                    )
                self._changed.wait(left)
            return got[:count]

    # what the handler calls

    def record(self, call: Call | Response) -> None:
        with self._changed:
            if isinstance(call, Call):
                self.calls.append(call)
            else:
                self.responses.append(call)
            self._changed.notify_all()

    def answer(self, method: str, params: dict[str, Any], token: str | None) -> dict[str, Any]:
        """Slack's JSON answer to one authorised call."""
        if method == "oauth.v2.access":  # the app's client id and secret, no token
            with self._changed:
                return self.oauth_access(params)
        if token is None:
            return slack_error("not_authed")
        if method == "apps.connections.open":
            if token != self.app_token:
                wrong_kind = token == self.token
                return slack_error("not_allowed_token_type" if wrong_kind else "invalid_auth")
            if self.socket_url is None:
                return slack_error("internal_error")
            return {"ok": True, "url": self.socket_url}
        with self._changed:
            team, problem = self.token_problem(token)
        if problem is not None:
            return slack_error(problem)
        handler = METHODS.get(method)
        if handler is None:
            return slack_error("unknown_method")
        channel = str(params.get("channel") or "")
        if self.channel_teams.get(channel, team) != team:  # another workspace's channel
            return slack_error("channel_not_found")
        with self._changed:
            return handler(self, params | {"_team": team})

    def next_ts(self) -> str:
        self._ts += 100
        return f"{self._ts // 1_000_000}.{self._ts % 1_000_000:06d}"

    def in_channel(self, channel: str) -> bool:
        return self.member_of is None or channel in self.member_of


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hangs up is no failure of the fake's


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    slack: SlackFake

    def do_POST(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        params = self._params()
        if path.startswith("/respond/"):
            key = urllib.parse.unquote(path[len("/respond/") :])
            self.slack.record(Response(key, params, time.monotonic()))
            problem = block_problem(params)
            self._send(400 if problem else 200, slack_error(problem) if problem else {"ok": True})
            return
        if not path.startswith("/api/"):
            self._send(404, slack_error("not_found"))
            return
        method = path[len("/api/") :]
        token = self._token(params)
        self.slack.record(Call(method, params, token, time.monotonic()))
        due = self.slack.throttle(method)
        if due is not None:
            self._send(*due)
            return
        answer = self.slack.answer(method, params, token)
        time.sleep(self.slack.delay(method))
        self._send(200, answer)

    do_GET = do_POST

    def _params(self) -> dict[str, Any]:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode("utf-8") if length else ""
        query = urllib.parse.urlsplit(self.path).query
        params: dict[str, Any] = dict(urllib.parse.parse_qsl(query))
        if "json" in (self.headers.get("Content-Type") or ""):
            params.update(json.loads(raw or "{}"))
        else:
            params.update(urllib.parse.parse_qsl(raw, keep_blank_values=True))
        for name in JSON_FIELDS:
            if isinstance(params.get(name), str):
                with contextlib.suppress(ValueError):
                    params[name] = json.loads(params[name])
        return params

    def _token(self, params: dict[str, Any]) -> str | None:
        header = self.headers.get("Authorization") or ""
        if header.startswith("Bearer "):
            return header[len("Bearer ") :]
        if header.startswith("Basic "):  # oauth.v2.access: the app's client id and secret
            pair = base64.b64decode(header[len("Basic ") :]).decode()
            params["client_id"], _, params["client_secret"] = pair.partition(":")
            return None
        token = params.pop("token", None)
        return None if token is None else str(token)

    def _send(
        self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None
    ) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        pass
