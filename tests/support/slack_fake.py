"""A loopback fake of Slack: its Web API, response_url and Socket Mode, recording every call.

It behaves like Slack where newsbot depends on it: tokens are checked, unknown methods and
messages over Block Kit's limits are refused with Slack's error names, 429 with Retry-After
comes on demand or from a steady rate limit, an answer can be made late (after the call took
effect, as a slow Slack does), and posted messages are kept per channel with their metadata for
conversations.history and conversations.replies.
"""

from __future__ import annotations

import contextlib
import json
import math
import re
import threading
import time
import urllib.parse
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import Server, ServerConnection, serve

CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]+$")
JSON_FIELDS = ("blocks", "attachments", "metadata")


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


@dataclass
class _Bucket:
    per_second: float
    tokens: float
    last: float


@dataclass
class _Delay:
    seconds: float
    times: int
    skip: int


@dataclass
class _Failure:
    status: int
    error: str
    times: int
    retry_after: int | None = None


class SlackFake:
    """Slack's Web API and response URLs on a loopback port."""

    def __init__(
        self,
        token: str = "xoxb-test",
        app_token: str = "xapp-test",
        bot_user_id: str = "U0BOT",
        team_id: str = "T0TEAM",
    ) -> None:
        self.token, self.app_token = token, app_token
        self.bot_user_id, self.team_id = bot_user_id, team_id
        self.calls: list[Call] = []
        self.responses: list[Response] = []
        self.messages: dict[str, list[dict[str, Any]]] = {}
        self.users: dict[str, dict[str, Any]] = {}
        self.member_of: set[str] | None = None  # None: the bot is in every channel
        self.throttled = 0
        self.socket_url: str | None = None
        self._failures: dict[str, list[_Failure]] = {}
        self._delays: dict[str, _Delay] = {}
        self._buckets: dict[str, _Bucket] = {}
        self._ts = int(time.time()) * 1_000_000
        self._changed = threading.Condition()
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

    # failure injection

    def rate_limit(self, method: str, times: int = 1, retry_after: int = 1) -> None:
        """The next `times` calls of `method` answer 429 with Retry-After."""
        with self._changed:
            self._failures.setdefault(method, []).append(
                _Failure(429, "ratelimited", times, retry_after)
            )

    def fail(self, method: str, times: int = 1, status: int = 500) -> None:
        """The next `times` calls of `method` answer `status` with internal_error."""
        with self._changed:
            self._failures.setdefault(method, []).append(_Failure(status, "internal_error", times))

    def slow(self, method: str, seconds: float, times: int = 1, skip: int = 0) -> None:
        """After `skip` calls of `method` answered at once, the next `times` take effect at once
        but are answered only `seconds` later (a client with a shorter timeout gives up)."""
        with self._changed:
            self._delays[method] = _Delay(seconds, times, skip)

    def delay(self, method: str) -> float:
        """How long to hold the answer to this call of `method`."""
        with self._changed:
            due = self._delays.get(method)
            if due is None or due.times <= 0:
                return 0.0
            if due.skip > 0:
                due.skip -= 1
                return 0.0
            due.times -= 1
            return due.seconds

    def limit_rate(self, method: str, per_second: float) -> None:
        """Calls of `method` beyond `per_second` (a burst of one second's worth) get 429."""
        with self._changed:
            self._buckets[method] = _Bucket(per_second, per_second, time.monotonic())

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
        return found[0]  # type: ignore[no-any-return]

    def calls_to(self, method: str) -> list[Call]:
        with self._changed:
            return [call for call in self.calls if call.method == method]

    def _wait(self, found: Callable[[], list[Any]], count: int, timeout: float, what: str) -> Any:
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
            (self.calls if isinstance(call, Call) else self.responses).append(call)  # type: ignore[arg-type]
            self._changed.notify_all()

    def throttle(self, method: str) -> tuple[int, dict[str, Any], dict[str, str]] | None:
        """A 429 or 5xx answer when one is due for `method`."""
        with self._changed:
            queued = self._failures.get(method)
            if queued:
                failure = queued[0]
                failure.times -= 1
                if failure.times <= 0:
                    queued.pop(0)
                headers = {}
                if failure.retry_after is not None:
                    headers["Retry-After"] = str(failure.retry_after)
                    self.throttled += 1
                return failure.status, {"ok": False, "error": failure.error}, headers
            bucket = self._buckets.get(method)
            if bucket is None:
                return None
            now = time.monotonic()
            bucket.tokens = min(
                bucket.per_second, bucket.tokens + (now - bucket.last) * bucket.per_second
            )
            bucket.last = now
            if bucket.tokens >= 1:
                bucket.tokens -= 1
                return None
            self.throttled += 1
            wait = max(1, math.ceil((1 - bucket.tokens) / bucket.per_second))
            return 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(wait)}

    def answer(self, method: str, params: dict[str, Any], token: str | None) -> dict[str, Any]:
        """Slack's JSON answer to one authorised call."""
        if token is None:
            return _error("not_authed")
        if method == "apps.connections.open":
            if token != self.app_token:
                return _error("not_allowed_token_type" if token == self.token else "invalid_auth")
            if self.socket_url is None:
                return _error("internal_error")
            return {"ok": True, "url": self.socket_url}
        if token != self.token:
            return _error("invalid_auth")
        handler = _METHODS.get(method)
        if handler is None:
            return _error("unknown_method")
        with self._changed:
            return handler(self, params)

    def next_ts(self) -> str:
        self._ts += 100
        return f"{self._ts // 1_000_000}.{self._ts % 1_000_000:06d}"

    def in_channel(self, channel: str) -> bool:
        return self.member_of is None or channel in self.member_of


# Slack refuses blocks of more than about 13,300 characters as JSON, a limit it does not document
# (slackapi/bolt-js#2509); the fake refuses from 13,000
MAX_BLOCKS_CHARACTERS = 13_000


def _error(name: str) -> dict[str, Any]:
    return {"ok": False, "error": name}


def block_problem(message: dict[str, Any]) -> str | None:
    """Slack's error name for a message over Block Kit's limits, or None."""
    text = message.get("text") or ""
    if len(text) > 40_000:
        return "msg_too_long"
    blocks = message.get("blocks") or []
    if not isinstance(blocks, list) or len(blocks) > 50:
        return "invalid_blocks"
    for block in blocks:
        if not isinstance(block, dict) or "type" not in block:
            return "invalid_blocks"
        if len(block.get("block_id") or "") > 255:
            return "invalid_blocks"
        kind, body = block["type"], (block.get("text") or {}).get("text", "")
        fields = block.get("fields") or []
        elements = block.get("elements") or []
        if kind == "section" and (
            len(body) > 3000 or len(fields) > 10 or any(len(f["text"]) > 2000 for f in fields)
        ):
            return "invalid_blocks"
        if kind == "header" and len(body) > 150:
            return "invalid_blocks"
        if kind == "context" and len(elements) > 10:
            return "invalid_blocks"
        if kind == "actions" and len(elements) > 25:
            return "invalid_blocks"
        for element in elements:
            if element.get("type") == "button" and (
                len(element["text"]["text"]) > 75 or len(element.get("value") or "") > 2000
            ):
                return "invalid_blocks"
    if len(json.dumps(blocks, ensure_ascii=False)) > MAX_BLOCKS_CHARACTERS:
        return "msg_blocks_too_long"
    return None


def _post_message(slack: SlackFake, params: dict[str, Any]) -> dict[str, Any]:
    channel = str(params.get("channel") or "")
    problem = _message_problem(slack, channel, params)
    if problem:
        return _error(problem)
    ts = slack.next_ts()
    message = {
        "type": "message",
        "ts": ts,
        "text": params.get("text") or "",
        "blocks": params.get("blocks") or [],
        "user": slack.bot_user_id,
        "bot_id": "B0BOT",
    }
    if params.get("thread_ts"):
        message["thread_ts"] = params["thread_ts"]
    if params.get("metadata"):
        message["metadata"] = params["metadata"]
    slack.messages.setdefault(channel, []).append(message)
    return {"ok": True, "channel": channel, "ts": ts, "message": message}


def _post_ephemeral(slack: SlackFake, params: dict[str, Any]) -> dict[str, Any]:
    problem = _message_problem(slack, str(params.get("channel") or ""), params)
    return _error(problem) if problem else {"ok": True, "message_ts": slack.next_ts()}


def _message_problem(slack: SlackFake, channel: str, params: dict[str, Any]) -> str | None:
    if not CHANNEL_ID.match(channel):
        return "channel_not_found"
    if not slack.in_channel(channel):
        return "not_in_channel"
    if not params.get("text") and not params.get("blocks"):
        return "no_text"
    return block_problem(params)


def _update(slack: SlackFake, params: dict[str, Any]) -> dict[str, Any]:
    channel = str(params.get("channel") or "")
    for message in slack.messages.get(channel, []):
        if message["ts"] == params.get("ts"):
            problem = block_problem(params)
            if problem:
                return _error(problem)
            message.update(text=params.get("text") or "", blocks=params.get("blocks") or [])
            return {"ok": True, "channel": channel, "ts": message["ts"]}
    return _error("message_not_found")


def _users_info(slack: SlackFake, params: dict[str, Any]) -> dict[str, Any]:
    user = str(params.get("user") or "")
    if user not in slack.users:
        return _error("user_not_found")
    given = slack.users[user]
    return {
        "ok": True,
        "user": {
            "id": user,
            "name": given.get("name", user.lower()),
            "is_admin": bool(given.get("is_admin")),
            "is_owner": bool(given.get("is_owner")),
            "is_bot": False,
            **given,
        },
    }


def _history(slack: SlackFake, params: dict[str, Any]) -> dict[str, Any]:
    channel = str(params.get("channel") or "")
    if not CHANNEL_ID.match(channel):
        return _error("channel_not_found")
    if not slack.in_channel(channel):
        return _error("not_in_channel")
    oldest = float(params.get("oldest") or 0)
    limit = int(params.get("limit") or 100)
    found = [
        m
        for m in reversed(slack.messages.get(channel, []))
        if float(m["ts"]) > oldest and m.get("thread_ts", m["ts"]) == m["ts"]  # no replies
    ]
    return {"ok": True, "messages": found[:limit], "has_more": len(found) > limit}


def _replies(slack: SlackFake, params: dict[str, Any]) -> dict[str, Any]:
    """A thread, parent first, a page of `limit` at a time with a cursor, as Slack gives it."""
    channel = str(params.get("channel") or "")
    if not CHANNEL_ID.match(channel):
        return _error("channel_not_found")
    if not slack.in_channel(channel):
        return _error("not_in_channel")
    ts = str(params.get("ts") or "")
    thread = [m for m in slack.messages.get(channel, []) if m.get("thread_ts", m["ts"]) == ts]
    if not thread:
        return _error("thread_not_found")
    start = int(params.get("cursor") or 0)
    limit = int(params.get("limit") or 100)
    page = thread[start : start + limit]
    more = start + limit < len(thread)
    return {
        "ok": True,
        "messages": page,
        "has_more": more,
        "response_metadata": {"next_cursor": str(start + limit) if more else ""},
    }


def _conversation(slack: SlackFake, params: dict[str, Any]) -> dict[str, Any]:
    channel = str(params.get("channel") or "")
    if not CHANNEL_ID.match(channel):
        return _error("channel_not_found")
    return {"ok": True, "channel": {"id": channel, "is_member": slack.in_channel(channel)}}


def _auth_test(slack: SlackFake, params: dict[str, Any]) -> dict[str, Any]:
    return {
        "ok": True,
        "url": "https://newsbot-test.slack.com/",
        "team": "Newsbot Test",
        "user": "newsbot",
        "team_id": slack.team_id,
        "user_id": slack.bot_user_id,
        "bot_id": "B0BOT",
        "is_enterprise_install": False,
    }


_METHODS: dict[str, Callable[[SlackFake, dict[str, Any]], dict[str, Any]]] = {
    "auth.test": _auth_test,
    "chat.postMessage": _post_message,
    "chat.postEphemeral": _post_ephemeral,
    "chat.update": _update,
    "users.info": _users_info,
    "conversations.history": _history,
    "conversations.replies": _replies,
    "conversations.info": _conversation,
}


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
            self._send(400 if problem else 200, _error(problem) if problem else {"ok": True})
            return
        if not path.startswith("/api/"):
            self._send(404, _error("not_found"))
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
        return params.pop("token", None)

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


@dataclass
class SocketModeFake:
    """Slack's Socket Mode end: hands out a ws:// URL, says hello, sends envelopes, takes acks."""

    slack: SlackFake
    received: list[dict[str, Any]] = field(default_factory=list)
    _server: Server | None = None
    _thread: threading.Thread | None = None
    _connection: ServerConnection | None = None
    _changed: threading.Condition = field(default_factory=threading.Condition)

    def __enter__(self) -> SocketModeFake:
        self._server = serve(self._session, "127.0.0.1", 0)
        port = self._server.socket.getsockname()[1]
        self.slack.socket_url = f"ws://127.0.0.1:{port}/link/?ticket={uuid.uuid4()}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.slack.socket_url = None
        if self._server is not None:
            self._server.shutdown()
        if self._thread is not None:
            self._thread.join(5)

    def _session(self, connection: ServerConnection) -> None:
        connection.send(
            json.dumps(
                {
                    "type": "hello",
                    "num_connections": 1,
                    "connection_info": {"app_id": "A0APP"},
                    "debug_info": {"host": "fake", "approximate_connection_time": 3600},
                }
            )
        )
        with self._changed:
            self._connection = connection
            self._changed.notify_all()
        try:
            for raw in connection:
                with self._changed:
                    self.received.append(json.loads(raw))
                    self._changed.notify_all()
        except ConnectionClosed:
            pass
        finally:
            with self._changed:
                if self._connection is connection:
                    self._connection = None

    def wait_connected(self, timeout: float = 5.0) -> None:
        with self._changed:
            if not self._changed.wait_for(lambda: self._connection is not None, timeout):
                raise AssertionError("the app never opened its Socket Mode connection")

    def send(
        self, kind: str, payload: dict[str, Any], accepts_response_payload: bool = True
    ) -> str:
        """Send an envelope to the connected app; its envelope id."""
        envelope_id = str(uuid.uuid4())
        envelope = {
            "envelope_id": envelope_id,
            "type": kind,
            "accepts_response_payload": accepts_response_payload,
            "payload": payload,
        }
        with self._changed:
            connection = self._connection
        assert connection is not None, "no app is connected"
        connection.send(json.dumps(envelope))
        return envelope_id

    def wait_for_ack(self, envelope_id: str, timeout: float = 5.0) -> dict[str, Any]:
        def ack() -> dict[str, Any] | None:
            return next((m for m in self.received if m.get("envelope_id") == envelope_id), None)

        with self._changed:
            if not self._changed.wait_for(lambda: ack() is not None, timeout):
                raise AssertionError(f"no ack for envelope {envelope_id}; got {self.received}")
            found = ack()
        assert found is not None
        return found
