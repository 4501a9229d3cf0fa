"""Slack's 429s retried after their Retry-After, as slack_sdk does, and each one counted."""

from __future__ import annotations

from prometheus_client import Counter
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

RATE_LIMIT_RETRIES = 3


class CountedRateLimits(RateLimitErrorRetryHandler):
    """slack_sdk's 429 handler, counting every 429 Slack answers: retried or, after the last
    retry, not."""

    def __init__(self, counter: Counter, max_retry_count: int = RATE_LIMIT_RETRIES) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.counter = counter

    def __deepcopy__(self, memo: dict[int, object]) -> CountedRateLimits:
        """Itself: Bolt deep-copies the client for each lazy listener, and a copy would count
        into a copy of the counter. It holds no state of a request's (RetryState does)."""
        return self

    def can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if response is not None and response.status_code == 429:
            self.counter.inc()
        return super().can_retry(state=state, request=request, response=response, error=error)
