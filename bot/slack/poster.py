"""Posting digests into channels: claimed before posting, marked after, never twice.

A scheduled digest is claimed in the database (one row per channel and local day) with a lease
that outlasts a post's timeouts and retries. A try that fails gives the claim back with a retry
time; a claim whose process died is taken over when its lease runs out, and the new holder first
looks in the channel's recent history for its own message (the digest's key in the message's
metadata), so a crash after Slack accepted the post posts nothing twice. Each thread reply is
recorded before it is sent and carries its number in its metadata: a try after one went out
unconfirmed (a crash, or Slack answering after the timeout) looks in the thread first.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.error import URLError
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler
from slack_sdk.web import SlackResponse

from bot.slack.metrics import Metrics
from bot.slack.rate_limits import CountedRateLimits
from bot.slack.render import Message, digest_message, thread_messages
from bot.slack.workspaces import WEB_API_TIMEOUT, NotInstalled, Workspaces
from digests import Digest
from digests.channel_digest import (
    DigestPlan,
    DigestPolicy,
    channel_plan,
    compose_for_channel,
    window_start,
)
from digests.clock import utcnow
from digests.errors import DigestError
from digests.schedule import Due, Schedule, digest_key, due
from digests.store import Claim, Store

log = logging.getLogger(__name__)
LEASE = timedelta(minutes=10)  # longer than a post with every retry (timeouts, Retry-After)
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=15))
METADATA_EVENT = "newsbot_digest"
HISTORY_LIMIT = 200  # messages looked through for an earlier try's post
REPLY_PAGE, REPLY_PAGES = 200, 10  # a thread is looked through 200 messages a page, 10 pages
NOT_POSTED = "-"  # the ts recorded for a quiet day that posts nothing
MAX_THREADS_A_TICK = 20


class DigestNotPosted(DigestError):
    """Slack did not take the digest; the message says why and what to do."""


@dataclass(frozen=True)
class Composed:
    """A digest, the plan it was made by, and its messages: the compact parent and the details
    for its thread."""

    plan: DigestPlan
    digest: Digest
    parent: Message
    thread: list[Message]


def owner_name() -> str:
    """This process, as a claim's owner: host, pid and a random part."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class DigestPoster:
    """Composes and posts the digests that are due, each exactly once."""

    def __init__(
        self,
        store: Store,
        workspaces: Workspaces,
        policy: DigestPolicy,
        owner: str | None = None,
        now: Callable[[], datetime] = utcnow,
        metrics: Metrics | None = None,
    ) -> None:
        self.store = store
        self.workspaces = workspaces
        self.metrics = metrics or Metrics()
        self.policy = policy
        self.owner = owner or owner_name()
        self.now = now

    def compose(self, channel: str, since: datetime, until: datetime, team: str = "") -> Composed:
        """The digest of workspace `team`'s `channel`: the stories first seen in [since, until),
        by its rules."""
        plan = channel_plan(self.store, self.policy, channel, since=since, until=until, team=team)
        digest = compose_for_channel(self.store, plan)
        parent = digest_message(digest, zone=plan.zone)
        return Composed(plan, digest, parent, thread_messages(digest))

    def tick(self) -> list[str]:
        """Post every digest due now; the keys of those posted."""
        now = self.now()
        schedules = self.store.schedules()
        today = [
            digest_key(s.channel, now.astimezone(ZoneInfo(s.zone)).date(), s.team)
            for s in schedules
        ]
        posted = []
        for found in due(schedules, now, self.store.posted_digests(today)):
            if self.post_due(found) is not None:
                posted.append(found.key)
        self.finish_threads()
        return posted

    def post_due(self, found: Due) -> str | None:
        """Post one scheduled digest if this process gets its claim; its ts, or None."""
        now = self.now()
        channel, team = found.schedule.channel, found.schedule.team
        claim = self.store.claim_digest(
            key=found.key,
            channel=channel,
            day=found.day,
            kind="scheduled",
            owner=self.owner,
            now=now,
            lease_until=now + LEASE,
            since=window_start(self.store, channel, now, team),
            team=team,
        )
        if claim is None:
            return None
        if claim.taken_over:
            self.metrics.lease_takeovers.inc()
        try:
            return self._post(claim, found.schedule)
        except DigestNotPosted as exc:
            self.metrics.digests_failed.inc()
            self._give_back(claim, str(exc))
            log.warning(
                "digest %s not posted (try %d): %s",
                claim.key,
                claim.attempt,
                exc,
                extra=_where(claim) | {"error": str(exc)},
            )
            return None

    def post_now(self, channel: str, team: str = "") -> str:
        """An extra digest in workspace `team`'s `channel`, at once (it does not use up the
        scheduled one); its ts."""
        now = self.now()
        plan = channel_plan(self.store, self.policy, channel, until=now, team=team)
        claim = self.store.claim_digest(
            key=f"{team}:{channel}@now@{uuid.uuid4().hex}",
            channel=channel,
            day=now.astimezone(ZoneInfo(plan.zone)).date(),
            kind="manual",
            owner=self.owner,
            now=now,
            lease_until=now + LEASE,
            since=plan.since,
            team=team,
        )
        if claim is None:  # a fresh key is always free: another process took this one
            raise DigestNotPosted("another try is posting this digest")
        schedule = Schedule(channel, now.time(), plan.zone, team=team)
        try:
            return self._post(claim, schedule)
        except DigestNotPosted as exc:
            self.metrics.digests_failed.inc()
            self.store.release_digest(claim, str(exc), self.now(), self.now())
            raise

    def _post(self, claim: Claim, schedule: Schedule) -> str:
        """Post the claimed digest (parent, then its thread) and mark it; DigestNotPosted if
        Slack did not take the parent."""
        client = self._client(claim.team)
        if claim.attempt > 1:
            earlier = self._find_posted(client, claim)
            if earlier is not None:
                log.info(
                    "digest %s was posted by an earlier try (ts %s)",
                    claim.key,
                    earlier,
                    extra=_where(claim),
                )
                thread = self._compose(claim).thread
                if self.store.mark_posted(claim, earlier, self.now(), thread=len(thread)):
                    self._post_thread(client, claim, earlier, thread, done=0, look_first=True)
                return earlier
        composed = self._compose(claim)
        if composed.digest.quiet and schedule.quiet == "skip":
            self.store.mark_posted(claim, NOT_POSTED, self.now())
            self.store.schedule_failed(claim.channel, None, self.now(), claim.team)
            return NOT_POSTED
        if not self.store.still_held(claim, self.now()):
            raise DigestNotPosted("the claim's lease ran out before posting; another try follows")
        ts = self._send(client, claim.channel, composed.parent, metadata=_metadata(claim.key))
        self.metrics.digests_posted.inc()
        if not self.store.mark_posted(claim, ts, self.now(), thread=len(composed.thread)):
            log.error(
                "digest %s posted (ts %s) after its claim was taken over; its thread is left "
                "to the new holder",
                claim.key,
                ts,
                extra=_where(claim),
            )
            return ts
        self._post_thread(client, claim, ts, composed.thread, done=0, look_first=False)
        stories = len(composed.digest.entries)
        log.info("digest %s posted: %d stories", claim.key, stories, extra=_where(claim))
        return ts

    def _compose(self, claim: Claim) -> Composed:
        return self.compose(claim.channel, claim.since, claim.until, claim.team)

    def _client(self, team: str) -> WebClient:
        """A client for workspace `team` that retries only what Slack surely did not take;
        DigestNotPosted when newsbot has no token there, or could not refresh it."""
        try:
            return posting_client(self.workspaces.client_for(team), self.metrics)
        except NotInstalled as exc:
            raise DigestNotPosted(str(exc)) from exc
        except SlackApiError as exc:
            error = exc.response.get("error")
            raise DigestNotPosted(
                f"the workspace's token could not be refreshed ({error})"
            ) from exc

    def _post_thread(
        self,
        client: WebClient,
        claim: Claim,
        ts: str,
        thread: list[Message],
        done: int,
        *,
        look_first: bool,
    ) -> None:
        """The thread replies from `done` on, each recorded before it is sent. After a try
        that may have sent one unconfirmed (`look_first`), the replies already in the thread are
        not sent again. A failure is recorded and retried later; a complete thread clears the
        schedule's error."""
        try:
            there = self._replies_in_thread(client, claim, ts) if look_first else set()
            for index in range(done, len(thread)):
                if index not in there:
                    self.store.thread_sending(claim.key, index)
                    metadata = _metadata(claim.key, reply=index)
                    self._send(
                        client, claim.channel, thread[index], thread_ts=ts, metadata=metadata
                    )
                self.store.thread_posted(claim.key, index + 1)
        except DigestNotPosted as exc:
            said = f"the details in its thread were not all posted ({exc}); trying again"
            self._give_back(claim, said)
            log.warning(
                "digest %s: %s",
                claim.key,
                said,
                extra=_where(claim) | {"error": str(exc)},
            )
            return
        self.store.schedule_failed(claim.channel, None, self.now(), claim.team)

    def _give_back(self, claim: Claim, said: str) -> None:
        """Release a failed try with the next retry time (1, 5, then 15 minutes after), and
        record why on the channel's schedule."""
        now = self.now()
        retry = RETRY_DELAYS[min(claim.attempt, len(RETRY_DELAYS)) - 1]
        self.store.release_digest(claim, said, now, now + retry)
        self.store.schedule_failed(claim.channel, said, now, claim.team)

    def finish_threads(self) -> int:
        """Post the rest of every digest thread an earlier try left incomplete; how many."""
        finished = 0
        for _ in range(MAX_THREADS_A_TICK):
            now = self.now()
            found = self.store.claim_unfinished_thread(self.owner, now, now + LEASE)
            if found is None:
                break
            claim = found.claim
            if claim.taken_over:
                self.metrics.lease_takeovers.inc()
            thread = self._compose(claim).thread
            look_first = found.sending is not None  # a reply went out unconfirmed
            try:
                client = self._client(claim.team)
            except DigestNotPosted as exc:
                self._give_back(claim, str(exc))
                continue
            self._post_thread(
                client, claim, found.parent_ts, thread, found.done, look_first=look_first
            )
            finished += 1
        return finished

    def _send(
        self,
        client: WebClient,
        channel: str,
        message: Message,
        *,
        thread_ts: str | None = None,
        metadata: dict[str, object] | None = None,
    ) -> str:
        response = self._call(
            client.chat_postMessage,
            channel=channel,
            thread_ts=thread_ts,
            metadata=metadata,
            unfurl_links=False,
            unfurl_media=False,
            **message.to_dict(),
        )
        return str(response["ts"])

    def _call(self, method: Callable[..., SlackResponse], **arguments: Any) -> SlackResponse:
        """A Web API call; DigestNotPosted, saying why, when Slack refused it or did not
        answer."""
        try:
            return method(**arguments)
        except SlackApiError as exc:
            raise DigestNotPosted(_explain(str(exc.response.get("error")))) from exc
        except TimeoutError as exc:
            raise DigestNotPosted(f"Slack did not answer within {WEB_API_TIMEOUT} s") from exc
        except (URLError, OSError) as exc:
            raise DigestNotPosted(f"Slack could not be reached: {exc}") from exc

    def _find_posted(self, client: WebClient, claim: Claim) -> str | None:
        """The ts of this digest's message in the channel, if an earlier try posted it."""
        history = self._call(
            client.conversations_history,
            channel=claim.channel,
            oldest=str(claim.until.timestamp() - 60),
            limit=HISTORY_LIMIT,
            include_all_metadata=True,
        )
        messages: list[dict[str, Any]] = history.get("messages", [])
        for message in messages:
            payload = _payload(message)
            if payload.get("id") == claim.key and "reply" not in payload:
                return str(message["ts"])
        return None

    def _replies_in_thread(self, client: WebClient, claim: Claim, ts: str) -> set[int]:
        """Which of the digest's replies its thread holds already (their metadata says)."""
        there: set[int] = set()
        cursor: str | None = None
        for _ in range(REPLY_PAGES):
            page = self._call(
                client.conversations_replies,
                channel=claim.channel,
                ts=ts,
                cursor=cursor,
                limit=REPLY_PAGE,
                include_all_metadata=True,
            )
            messages: list[dict[str, Any]] = page.get("messages", [])
            for message in messages:
                payload = _payload(message)
                reply = payload.get("reply")
                if payload.get("id") == claim.key and isinstance(reply, int):
                    there.add(reply)
            cursor = (page.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                break
        return there


def posting_client(client: WebClient, metrics: Metrics) -> WebClient:
    """`client` retrying only what Slack surely did not take: a request that never left (a
    refused connection) and 429 (counted in `metrics`). After a timeout, a dropped answer or a
    5xx, Slack may have posted the message, so the poster looks in the channel before it sends
    again."""
    return WebClient(
        token=client.token,
        base_url=client.base_url,
        timeout=client.timeout,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=2, error_types=[URLError]),
            CountedRateLimits(metrics.slack_rate_limited),
        ],
    )


def _where(claim: Claim) -> dict[str, str]:
    """The claim's workspace and channel, as a log record's `extra=`."""
    return {"team": claim.team, "channel": claim.channel}


def _metadata(key: str, reply: int | None = None) -> dict[str, object]:
    """A digest message's metadata: the digest's key, and a thread reply's number."""
    payload: dict[str, object] = {"id": key}
    if reply is not None:
        payload["reply"] = reply
    return {"event_type": METADATA_EVENT, "event_payload": payload}


def _payload(message: dict[str, Any]) -> dict[str, Any]:
    payload: dict[str, Any] = (message.get("metadata") or {}).get("event_payload") or {}
    return payload


def _explain(error: str) -> str:
    """Slack's error name with what to do about it."""
    hints = {
        "not_in_channel": "newsbot is not in the channel: invite it with /invite @newsbot",
        "channel_not_found": "the channel does not exist or newsbot cannot see it",
        "is_archived": "the channel is archived",
        "ratelimited": "Slack's rate limit: it will be tried again",
    }
    return f"{error}: {hints[error]}" if error in hints else f"Slack said {error}"
