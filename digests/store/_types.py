"""What the store takes in and hands back besides the model's Story and Feed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from digests.errors import DigestError
from digests.model import Article, Summary


class StoreError(DigestError):
    """The database could not do what was asked; the message says what to do about it."""


class StoreConflict(StoreError):
    """Another writer stored the same row first (a unique key): looking again finds it."""


@dataclass(frozen=True)
class NewStory:
    """An article and its Summary on their way into the store, with its dedupe keys."""

    article: Article
    summary: Summary
    url: str | None
    fingerprint: str
    signature: bytes
    cluster: int | None
    fetched: datetime
    seen: datetime
    feed_id: int | None = None
    backlog: bool = False
    team: str | None = None  # summarized for this workspace only (a link it asked for)


@dataclass(frozen=True)
class Saved:
    """The id of a saved story, its cluster, and whether it was new, updated or already there."""

    id: int
    status: Literal["new", "updated", "unchanged"]
    cluster: int


@dataclass(frozen=True)
class Claim:
    """The right to post one digest, held by `owner` until `lease_until`.

    `attempt` counts the tries: from the second on, an earlier try may have posted before it
    died, so the poster looks in the channel for its own message first. `taken_over`: the last
    holder's lease ran out without it giving the claim back (its process died or stalled).
    """

    key: str
    channel: str
    day: date
    kind: str
    owner: str
    since: datetime
    until: datetime
    attempt: int
    team: str = ""  # the channel's workspace
    taken_over: bool = False


@dataclass(frozen=True)
class UnfinishedThread:
    """A posted digest whose thread is incomplete, claimed: its parent's ts, how many replies
    are confirmed, and the reply that was being sent when the last try ended (None: none was,
    so none can be in the thread unconfirmed)."""

    claim: Claim
    parent_ts: str
    done: int
    sending: int | None
