"""Stories out: fetch by id, search, latest, who, windows for digests; and prune."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from digests.model import EVERY_CHANNEL, RankingFacts, Story
from digests.store._base import SAVE_CHUNK, StorageBase
from digests.store._codec import load_summary
from digests.store._fulltext import (
    CANDIDATES,
    RECENCY_DAYS,
    FullText,
    name_phrase,
    query_terms,
)
from digests.store._schema import stories, subscriptions

STORY_COLUMNS = (
    stories.c.id,
    stories.c.url,
    stories.c.source,
    stories.c.title,
    stories.c.published,
    stories.c.fetched,
    stories.c.first_seen,
    stories.c.summary_json,
    stories.c.cluster,
    stories.c.feed_id,
)
KEYS_PER_QUERY = 500  # URLs or fingerprints looked up at once: well under SQLite's bind limit
NEWEST_FIRST = (stories.c.first_seen.desc(), stories.c.id.desc())
MAX_ID = 2**63 - 1  # no row id is larger (SQLite's INTEGER, PostgreSQL's bigint)


class StoryStorage(StorageBase):
    """Stories out of the Store: by id, URL or fingerprint, searched, latest, by name, the
    windows digests are made of; and pruning."""

    def find(self, *, url: str | None = None, fingerprint: str | None = None) -> int | None:
        """The id of the story with this URL, else the one with this fingerprint, or None."""
        with self._read() as conn:
            for column, value in ((stories.c.url, url), (stories.c.fingerprint, fingerprint)):
                if value is not None:
                    found = conn.scalar(sa.select(stories.c.id).where(column == value))
                    if found is not None:
                        return int(found)
        return None

    def known_urls(self, urls: Sequence[str]) -> dict[str, int]:
        """The stored story id of each of these (canonical) URLs that has one."""
        found: dict[str, int] = {}
        unique = sorted(set(urls))
        with self._read() as conn:
            for start in range(0, len(unique), KEYS_PER_QUERY):
                chunk = unique[start : start + KEYS_PER_QUERY]
                rows = conn.execute(
                    sa.select(stories.c.url, stories.c.id).where(stories.c.url.in_(chunk))
                )
                found.update({row.url: row.id for row in rows})
        return found

    def story(self, story_id: int, visible_to: str | None = None) -> Story | None:
        """One story by id, or None (also when workspace `visible_to` may not see it)."""
        if not 0 < story_id <= MAX_ID:  # no such row can exist (and the driver would refuse it)
            return None
        select = sa.select(*STORY_COLUMNS).where(stories.c.id == story_id)
        if visible_to is not None:
            select = select.where(visible(visible_to))
        with self._read() as conn:
            found = _stories(conn, select)
        return found[0] if found else None

    def search(
        self,
        query: str,
        *,
        who: str | None = None,
        source: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int = 20,
        offset: int = 0,
        visible_to: str | None = None,
    ) -> list[Story]:
        """Stories with every word and "phrase" of `query`, by relevance and recency (those
        workspace `visible_to` may see, when given).

        A blank query lists the stories the filters let through, newest first.
        """
        with self._read() as conn:
            now = datetime.now(UTC)
            terms = query_terms(query)
            name = name_phrase(who) if who is not None else None
            if (query.strip() and not terms) or name == "":
                return []  # only punctuation or stop words: nothing can match
            filters = Filters(source, since, until, visible_to)
            if not terms and name is None:
                select = sa.select(*STORY_COLUMNS, sa.literal(0.0, sa.Float).label("score"))
                select = select.where(*filters.on(stories.c)).order_by(*NEWEST_FIRST)
                return _stories(conn, select.limit(limit).offset(offset))
            cap = max(CANDIDATES, limit + offset) if terms else None
            found = _ranked(conn, self._fulltext, terms, name, cap, now, filters, limit, offset)
            if cap is not None and filters and len(found) < limit:
                # The filters may have passed over matches older than the newest `cap`: look
                # at all of them.
                found = _ranked(
                    conn, self._fulltext, terms, name, None, now, filters, limit, offset
                )
            return found

    def latest(
        self, limit: int = 10, offset: int = 0, visible_to: str | None = None
    ) -> list[Story]:
        """The stories newsbot saw last (that workspace `visible_to` may see, when given)."""
        select = sa.select(*STORY_COLUMNS).where(*Filters(team=visible_to).on(stories.c))
        select = select.order_by(*NEWEST_FIRST).limit(limit).offset(offset)
        with self._read() as conn:
            return _stories(conn, select)

    def mentioning(
        self, name: str, limit: int = 20, offset: int = 0, visible_to: str | None = None
    ) -> list[Story]:
        """Stories naming someone whose name holds the words of `name` ("Putin" finds
        "Vladimir Putin"), in any case, newest first."""
        return self.search("", who=name, limit=limit, offset=offset, visible_to=visible_to)

    def window(
        self, since: datetime, until: datetime, channel: str | None = None, team: str = ""
    ) -> list[Story]:
        """The stories first seen in [since, until), no backlog, newest first; with a channel
        (of workspace `team`), those of its feeds (its own and the global ones) and those from
        no feed."""
        select = sa.select(*STORY_COLUMNS).where(*_in_window(since, until, channel, team))
        with self._read() as conn:
            return _stories(conn, select.order_by(*NEWEST_FIRST))

    def window_candidates(
        self, since: datetime, until: datetime, channel: str | None = None, team: str = ""
    ) -> list[RankingFacts]:
        """What a digest's ranking needs of each story `window` would return, read lightly."""
        select = sa.select(
            stories.c.id,
            stories.c.cluster,
            stories.c.source,
            stories.c.feed_id,
            stories.c.first_seen,
            stories.c.named,
            stories.c.figures,
        ).where(*_in_window(since, until, channel, team))
        with self._read() as conn:
            rows = conn.execute(select).all()
            sizes = _cluster_sizes(conn, {row.cluster for row in rows})
        return [
            RankingFacts(
                row.id,
                row.cluster,
                row.source,
                row.feed_id,
                row.first_seen,
                sizes.get(row.cluster, 1),
                row.named,
                row.figures,
            )
            for row in rows
        ]

    def stories(self, ids: Sequence[int]) -> list[Story]:
        """The stories with these ids, in that order (ids no longer stored left out)."""
        with self._read() as conn:
            found = _stories(conn, sa.select(*STORY_COLUMNS).where(stories.c.id.in_(ids)))
        by_id = {s.id: s for s in found}
        return [by_id[i] for i in ids if i in by_id]

    def recent_signatures(self, since: datetime) -> list[tuple[int, int, bytes]]:
        """(story id, cluster id, signature) of the stories first seen since `since`, oldest
        first."""
        select = (
            sa.select(stories.c.id, stories.c.cluster, stories.c.signature)
            .where(stories.c.first_seen >= since)
            .order_by(stories.c.first_seen, stories.c.id)
        )
        with self._read() as conn:
            return [(row.id, row.cluster, bytes(row.signature)) for row in conn.execute(select)]

    def prune(self, older_than: datetime) -> int:
        """Delete the stories first seen before `older_than`, oldest first, SAVE_CHUNK to a
        write; their names and numbers go too. How many went."""
        oldest = (
            sa.select(stories.c.id)
            .where(stories.c.first_seen < older_than)
            .order_by(stories.c.id)
            .limit(SAVE_CHUNK)
        )
        delete = sa.delete(stories).where(stories.c.id.in_(oldest.scalar_subquery()))
        gone = 0
        while True:
            with self._write() as conn:
                deleted = int(conn.execute(delete).rowcount)
            gone += deleted
            if deleted < SAVE_CHUNK:
                return gone

    def count(self) -> int:
        """How many stories are stored."""
        with self._read() as conn:
            return int(conn.scalar(sa.select(sa.func.count()).select_from(stories)) or 0)


def visible(team: str, row: sa.ColumnCollection[str, Any] = stories.c) -> sa.ColumnElement[bool]:
    """The stories workspace `team` may see: those it brought (a link it asked for, a feed it
    alone had), and of the rest those from no feed or from a feed it gets."""
    feeds_it_gets = sa.select(subscriptions.c.feed_id).where(
        sa.or_(subscriptions.c.team == team, subscriptions.c.channel == EVERY_CHANNEL)
    )
    return sa.or_(
        row.team == team,
        sa.and_(
            row.team.is_(None),
            sa.or_(row.feed_id.is_(None), row.feed_id.in_(feeds_it_gets)),
        ),
    )


@dataclass(frozen=True)
class Filters:
    """A search's filters: the source (any case), first seen in [since, until), and what
    workspace `team` may see."""

    source: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    team: str | None = None

    def __bool__(self) -> bool:
        return any(value is not None for value in (self.source, self.since, self.until, self.team))

    def on(self, row: sa.ColumnCollection[str, Any]) -> list[sa.ColumnElement[bool]]:
        """The conditions on the source, first_seen, team and feed_id columns of `row`."""
        conditions = [] if self.team is None else [visible(self.team, row)]
        if self.source is not None:
            wanted = self.source.replace("\x00", "").lower()
            conditions.append(sa.func.lower(row.source) == wanted)
        if self.since is not None:
            conditions.append(row.first_seen >= self.since)
        if self.until is not None:
            conditions.append(row.first_seen < self.until)
        return conditions


def _ranked(
    conn: sa.Connection,
    fulltext: FullText,
    terms: list[str],
    name: str | None,
    cap: int | None,
    now: datetime,
    filters: Filters,
    limit: int,
    offset: int,
) -> list[Story]:
    """One page of matches by relevance times recency; only that page's rows are read whole."""
    with fulltext.hits(conn, terms, name, cap) as hits:
        found: sa.FromClause = hits
        row = hits.c
        if "first_seen" not in hits.c:  # SQLite's hits are its index's: the rest is in stories
            found, row = hits.join(stories, hits.c.id == stories.c.id), stories.c
        score: sa.ColumnElement[Any] = hits.c.rel
        if terms:
            score = hits.c.rel / (1.0 + fulltext.age_days(row.first_seen, now) / RECENCY_DAYS)
        page = (
            sa.select(row.id, row.first_seen, score.label("score"))
            .select_from(found)
            .where(*filters.on(row))
            .order_by(score.desc(), row.first_seen.desc(), row.id.desc())
            .limit(limit)
            .offset(offset)
            .subquery("page")
        )
        select = (
            sa.select(*STORY_COLUMNS, page.c.score)
            .join_from(page, stories, page.c.id == stories.c.id)
            .order_by(page.c.score.desc(), page.c.first_seen.desc(), page.c.id.desc())
        )
        return _stories(conn, select)


def _in_window(
    since: datetime, until: datetime, channel: str | None, team: str
) -> list[sa.ColumnElement[bool]]:
    conditions = [
        stories.c.first_seen >= since,
        stories.c.first_seen < until,
        stories.c.backlog.is_(False),
    ]
    if channel is not None:
        theirs = sa.select(subscriptions.c.feed_id).where(
            sa.or_(
                sa.and_(subscriptions.c.team == team, subscriptions.c.channel == channel),
                subscriptions.c.channel == EVERY_CHANNEL,
            )
        )
        # "+ 0" keeps the feed_id index out: without it SQLite walks that index over every
        # stored story of the channel's feeds (55 ms at 200,000) instead of the window (4 ms).
        feed = stories.c.feed_id + sa.literal_column("0")
        no_feed = sa.and_(feed.is_(None), sa.or_(stories.c.team.is_(None), stories.c.team == team))
        conditions.append(sa.or_(no_feed, feed.in_(theirs)))
    return conditions


def _stories(conn: sa.Connection, select: sa.Select[Any]) -> list[Story]:
    rows = conn.execute(select).all()
    sizes = _cluster_sizes(conn, {row.cluster for row in rows})
    scored = bool(rows) and "score" in rows[0]._fields
    return [
        Story(
            id=row.id,
            url=row.url,
            source=row.source,
            title=row.title,
            published=row.published,
            fetched=row.fetched,
            first_seen=row.first_seen,
            summary=load_summary(row.summary_json),
            cluster=row.cluster,
            sources=sizes.get(row.cluster, 1),
            score=float(row.score or 0.0) if scored else 0.0,
            feed_id=row.feed_id,
        )
        for row in rows
    ]


def _cluster_sizes(conn: sa.Connection, clusters: Sequence[int] | set[int]) -> dict[int, int]:
    if not clusters:
        return {}
    rows = conn.execute(
        sa.select(stories.c.cluster, sa.func.count())
        .where(stories.c.cluster.in_(sorted(clusters)))
        .group_by(stories.c.cluster)
    )
    return {cluster: size for cluster, size in rows}
