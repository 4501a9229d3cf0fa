"""Full-text search on each backend: user text made safe, and relevance per matching story."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from typing import NamedTuple, Protocol

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from digests.store._codec import UTCDateTime

PHRASE = re.compile(r'"([^"]*)"')
# bm25 weights for title, gist, key points, text (SQLite); PostgreSQL weighs A, B, B, C.
BM25_WEIGHTS = "10.0, 4.0, 4.0, 1.0"
# A query matching more stories than this weighs only the newest this many (by id, the order
# they were stored in): bm25 costs about 2 µs a match, so weighing all 80,000 matches of a
# common word takes 180 ms, and relevance fades with age anyway. 2,000 keeps SQLite's search
# p99 near 15 ms at 100,000 stories (5,000: 25 ms).
CANDIDATES = 2000
# PostgreSQL counts a capped search's matches among the newest SAMPLE stories, then weighs
# the newest `cap` of a window GROWTH times as wide as their share calls for (all stories
# when the share is under WINDOW_SHARE); when it is WALK_SHARE or more, the planner reads the
# window as it sees fit (see PostgresFullText).
SAMPLE = 1000
GROWTH = 1.25
WINDOW_SHARE = 0.02
WALK_SHARE = 0.2
RECENCY_DAYS = 7.0  # relevance halves for a story this many days old
# PostgreSQL's english stop words (Snowball's list): dropped as lone words on both backends,
# so that "Putin and Belarus" finds the same stories in SQLite as in PostgreSQL.
_STOP_LIST = """i me my myself we our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves what which
    who whom this that these those am is are was were be been being have has had having do
    does did doing a an the and but if or because as until while of at by for with about
    against between into through during before after above below to from up down in out on
    off over under again further then once here there when where why how all any both each
    few more most other some such no nor not only own same so than too very s t can will just
    don should now"""
STOP_WORDS = frozenset(_STOP_LIST.split())


def query_terms(query: str) -> list[str]:
    """The words and "quoted phrases" of a user's query, without quotes or operators.

    Every term holds at least one letter or digit; a double quote without its pair is dropped,
    and so are lone stop words ("the", "and", "not").
    """
    query = query.replace("\x00", " ")
    terms: list[str] = []
    position = 0
    for match in PHRASE.finditer(query):
        terms.extend(_words(query[position : match.start()]))
        phrase = " ".join(_words(match.group(1)))
        if phrase:
            terms.append(phrase)
        position = match.end()
    terms.extend(_words(query[position:]))
    return [term for term in terms if term.casefold() not in STOP_WORDS]


def name_phrase(name: str) -> str:
    """A who filter as one phrase of words, casefolded; empty when it holds no word."""
    return " ".join(_words(name.replace("\x00", " ").casefold()))


def _words(chunk: str) -> list[str]:
    words = (word.replace('"', "") for word in chunk.split())
    return [word for word in words if any(char.isalnum() for char in word)]


class FullText(Protocol):
    """How one backend finds matching stories and weighs them."""

    def hits(
        self, conn: sa.Connection, terms: list[str], who: str | None, cap: int | None
    ) -> AbstractContextManager[sa.Subquery]:
        """(id, rel) of the stories matching all terms and naming `who` (a name phrase), for
        statements run on `conn` inside the `with`; PostgreSQL's carry each story's first_seen,
        source, team and feed_id too.

        Higher rel is more relevant (0 without terms). With a cap, only the newest `cap`
        matches by id (the order stories were stored in) are weighed.
        """

    def age_days(self, seen: ColumnElement[datetime], now: datetime) -> ColumnElement[float]:
        """Days from `seen` to `now`, never below zero."""


class SqliteFullText:
    """FTS5 over title, gist, key points, text and names; relevance is bm25, negated."""

    @contextmanager
    def hits(
        self, conn: sa.Connection, terms: list[str], who: str | None, cap: int | None
    ) -> Iterator[sa.Subquery]:
        parts = []
        if terms:
            words = " ".join(f'"{term}"' for term in terms)
            parts.append(f"{{title gist points text}} : ({words})")
        if who:
            parts.append(f'names : "{who}"')
        rel = f"-bm25(stories_fts, {BM25_WEIGHTS}, 0.0)" if terms else "0.0"
        newest = " ORDER BY rowid DESC LIMIT :cap" if cap else ""
        statement = sa.text(
            f"SELECT rowid AS id, {rel} AS rel FROM stories_fts "
            f"WHERE stories_fts MATCH :match{newest}"
        ).bindparams(match=" AND ".join(parts))
        if cap:
            statement = statement.bindparams(cap=cap)
        yield statement.columns(sa.column("id", sa.Integer), sa.column("rel", sa.Float)).subquery(
            "hits"
        )

    def age_days(self, seen: ColumnElement[datetime], now: datetime) -> ColumnElement[float]:
        stamp = now.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")
        age = sa.func.julianday(stamp) - sa.func.julianday(seen)
        return sa.func.max(age, 0.0)


class PostgresFullText:
    """A weighted tsvector, kept in each story's row, with a GIN index; relevance is
    ts_rank_cd, weighed as the matches are read.

    A capped search reads its newest `cap` matches from a window of the newest stories: a
    window that holds `cap` matches holds the newest `cap`, since every story below it is
    older. `_window` says how wide the window needs to be; should it fall short, the same
    statement reads a wider one, then all stories (WINDOWS).
    """

    @contextmanager
    def hits(
        self, conn: sa.Connection, terms: list[str], who: str | None, cap: int | None
    ) -> Iterator[sa.Subquery]:
        conditions = []
        params: dict[str, object] = {}
        if terms:
            conditions.append(f"stories.search @@ {QUERY}")
            params["websearch"] = " ".join(f'"{t}"' for t in terms)
        if who:
            conditions.append("stories.names @@ phraseto_tsquery('simple', :who)")
            params["who"] = who
        match = " AND ".join(conditions)
        rel = f"ts_rank_cd(stories.search, {QUERY})" if terms else "0.0"
        found = (
            f"SELECT stories.id, {rel} AS rel, stories.first_seen, stories.source, stories.team, "
            "stories.feed_id FROM stories"
        )
        window = _Window(None, 0, look_up=False)
        if not cap:
            statement = f"{found} WHERE {match}"
        else:
            window = _window(conn, match, params, cap)
            params["cap"] = cap
            newest = f"{found} WHERE {match}{{above}} ORDER BY stories.id DESC LIMIT :cap"
            statement = newest.format(above="")
            if window.floor is not None:
                params.update(floor=window.floor, wider=window.wider)
                statement = WINDOWS.format(
                    newest=newest.format(above=" AND stories.id > :floor"),
                    wider=newest.format(above=" AND stories.id > :wider"),
                    every=statement,
                )
        if window.look_up:
            conn.execute(sa.text(LOOK_UP))
        try:
            yield (
                sa.text(statement)
                .bindparams(**params)
                .columns(
                    sa.column("id", sa.Integer),
                    sa.column("rel", sa.Float),
                    sa.column("first_seen", UTCDateTime),
                    sa.column("source", sa.Text),
                    sa.column("team", sa.Text),
                    sa.column("feed_id", sa.Integer),
                )
                .subquery("hits")
            )
        finally:
            if window.look_up:
                conn.execute(sa.text(RESET))

    def age_days(self, seen: ColumnElement[datetime], now: datetime) -> ColumnElement[float]:
        age = sa.extract("epoch", sa.literal(now, sa.DateTime(timezone=True)) - seen) / 86400.0
        return sa.func.greatest(age, 0.0)


QUERY = "websearch_to_tsquery('english', :websearch)"
# The newest `cap` matches above :floor; should they be fewer, those above :wider; should those
# be fewer too, the newest of all. A branch is read only when the ones before it fell short.
WINDOWS = (
    "WITH newest AS MATERIALIZED ({newest}), wider AS MATERIALIZED ({wider}) "
    "SELECT * FROM newest WHERE (SELECT count(*) FROM newest) = :cap "
    "UNION ALL SELECT * FROM wider WHERE (SELECT count(*) FROM newest) < :cap "
    "AND (SELECT count(*) FROM wider) = :cap "
    "UNION ALL SELECT * FROM ({every}) AS every WHERE (SELECT count(*) FROM newest) < :cap "
    "AND (SELECT count(*) FROM wider) < :cap"
)
# Bitmap scans only: the matches are read through the full-text index, the id index only
# bounding the window. A planner that expects to meet `cap` matches soon would rather walk
# the id index from the newest story down, testing each story, which takes long when the
# matches are fewer than it expects. SET LOCAL would last until the transaction ends.
LOOK_UP = "SET LOCAL enable_indexscan = off; SET LOCAL enable_seqscan = off"
RESET = "RESET enable_indexscan; RESET enable_seqscan"


class _Window(NamedTuple):
    floor: int | None  # the window holds the stories above this id; None: all stories
    wider: int  # should it hold fewer than `cap` matches, those above this
    look_up: bool  # read it with bitmap scans only (LOOK_UP)


def _window(conn: sa.Connection, match: str, params: dict[str, object], cap: int) -> _Window:
    """Where to look for the newest `cap` stories that satisfy `match`.

    The share of matches among the newest SAMPLE stories says how wide a window needs to be;
    when most stories match, the planner reads it as it sees fit (it walks the id index).
    """
    # Each statement planned for its own words (a generic plan cannot know how many stories
    # a word matches), and in one process (starting parallel workers takes longer than a
    # search).
    top = conn.scalar(
        sa.text(
            "SELECT max(id), set_config('plan_cache_mode', 'force_custom_plan', true), "
            "set_config('max_parallel_workers_per_gather', '0', true) FROM stories"
        )
    )
    if top is None or top <= SAMPLE:
        return _Window(None, 0, look_up=True)
    count = sa.text(f"SELECT count(*) FROM stories WHERE {match} AND stories.id > :floor")
    share = (conn.scalar(count, {**params, "floor": top - SAMPLE}) or 0) / SAMPLE
    width = int(GROWTH * cap / share) if share >= WINDOW_SHARE else top
    if width >= top:
        return _Window(None, 0, look_up=True)
    return _Window(top - width, max(top - 2 * width, 0), look_up=share < WALK_SHARE)


def full_text_for(dialect: str) -> FullText:
    """The full-text search of the named SQLAlchemy dialect."""
    return PostgresFullText() if dialect == "postgresql" else SqliteFullText()
