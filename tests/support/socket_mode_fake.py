"""The Slack fake's Socket Mode end: a websocket that says hello, sends envelopes, takes acks."""

from __future__ import annotations

import json
import threading
import uuid
from dataclasses import dataclass, field
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import Server, ServerConnection, serve

from tests.support.slack_fake import SlackFake


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
