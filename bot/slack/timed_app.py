"""The Bolt app, timing each slash command from the moment it reaches the app to its ack."""

from __future__ import annotations

import time
from typing import Any

from prometheus_client import Histogram
from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.request.payload_utils import is_slash_command


class TimedApp(App):
    """A Bolt App that observes in `histogram` how long each slash command took to be acked.

    Both faces hand every request to `dispatch` (HTTP mode once waitress has read it and its
    signature is checked, Socket Mode once the envelope is taken up); with
    process_before_response, dispatch returns the ack and the answer goes on in a lazy listener.
    """

    def __init__(self, histogram: Histogram, **options: Any) -> None:
        super().__init__(**options)
        self.histogram = histogram

    def dispatch(self, req: BoltRequest) -> BoltResponse:
        started = time.perf_counter()
        response = super().dispatch(req)
        if is_slash_command(req.body):
            self.histogram.observe(time.perf_counter() - started)
        return response
