"""`newsbot run`'s Prometheus metrics: one registry and its metrics, handed to what counts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from prometheus_client import (
    CollectorRegistry,
    Counter,
    GCCollector,
    Histogram,
    PlatformCollector,
    ProcessCollector,
    make_wsgi_app,
)

if TYPE_CHECKING:
    from wsgiref.types import WSGIApplication

METRICS_PATH = "/metrics"
# an ack takes a few milliseconds: finest from 5 to 100 ms, then on to Slack's 3 s deadline
COMMAND_BUCKETS = (
    0.0025, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.04, 0.05, 0.075, 0.1, 0.25, 0.5, 1.0, 3.0
)  # fmt: skip


class Metrics:
    """The counters and the histogram of one `newsbot run`, in a registry of their own (no
    label names a channel, team or feed: outcomes are separate counters)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        for collector in (ProcessCollector, PlatformCollector, GCCollector):
            collector(registry=self.registry)
        self.feeds_polled = self._counter(
            "newsbot_feeds_polled", "Feed polls finished, failed ones included."
        )
        self.feeds_failed = self._counter(
            "newsbot_feeds_failed", "Feed polls that failed (HTTP error, not a feed, too large)."
        )
        self.stories_stored = self._counter(
            "newsbot_stories_stored", "New stories that feed polls stored."
        )
        self.digests_posted = self._counter(
            "newsbot_digests_posted", "Digests Slack took (the parent message, scheduled or now)."
        )
        self.digests_failed = self._counter(
            "newsbot_digests_failed", "Tries to post a digest that Slack did not take."
        )
        self.lease_takeovers = self._counter(
            "newsbot_digest_lease_takeovers",
            "Digest claims taken over after their last holder's lease ran out.",
        )
        self.slack_rate_limited = self._counter(
            "newsbot_slack_rate_limited", "HTTP 429 answers from Slack's Web API."
        )
        self.command_seconds = Histogram(
            "newsbot_command_seconds",
            "Slash commands: seconds from reaching the app to the ack.",
            buckets=COMMAND_BUCKETS,
            registry=self.registry,
        )

    def _counter(self, name: str, documentation: str) -> Counter:
        return Counter(name, documentation, registry=self.registry)

    def wsgi(self) -> WSGIApplication:
        """A WSGI application answering with every metric in Prometheus' text format."""
        app: WSGIApplication = make_wsgi_app(self.registry)
        return app
