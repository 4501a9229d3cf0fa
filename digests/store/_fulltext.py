"""Full-text search on each backend: user text made safe, and relevance per matching story."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Protocol

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

PHRASE = re.compile(r'"([^"]*)"')
# bm25 weights for title, gist, key points, text (SQLite); PostgreSQL weighs A, B, B, C.
BM25_WEIGHTS = "10.0, 4.0, 4.0, 1.0"
# A query matching more stories than this weighs only the newest this many (by id, the order
# they were stored in): bm25 costs about 2 µs a match, so weighing all 80,000 matches of a
# common word takes 180 ms, and relevance fades with age anyway. 2,000 keeps SQLite's search
# p99 near 15 ms at 100,000 stories (5,000: 25 ms).
CANDIDATES = 2000
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

    def hits(self, terms: list[str], who: str | None, cap: int | None) -> sa.Subquery:
        """(id, rel) of the stories matching all terms and naming `who` (a name phrase).

        Higher rel is more relevant (0 without terms). With a cap, only the newest `cap`
        matches by id (the order stories were stored in) are weighed.
        """

    def age_days(self, seen: ColumnElement[datetime], now: datetime) -> ColumnElement[float]:
        """Days from `seen` to `now`, never below zero."""


class SqliteFullText:
    """FTS5 over title, gist, key points, text and names; relevance is bm25, negated."""

    def hits(self, terms: list[str], who: str | None, cap: int | None) -> sa.Subquery:
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
        return statement.columns(sa.column("id", sa.Integer), sa.column("rel", sa.Float)).subquery(
            "hits"
        )

    def age_days(self, seen: ColumnElement[datetime], now: datetime) -> ColumnElement[float]:
        stamp = now.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")
        age = sa.func.julianday(stamp) - sa.func.julianday(seen)
        return sa.func.max(age, 0.0)


class PostgresFullText:
    """Weighted tsvectors with GIN indexes; relevance is ts_rank_cd."""

    def hits(self, terms: list[str], who: str | None, cap: int | None) -> sa.Subquery:
        query = "websearch_to_tsquery('english', :websearch)"
        conditions = []
        if terms:
            conditions.append(f"stories.search @@ {query}")
        if who:
            conditions.append("stories.names @@ phraseto_tsquery('simple', :who)")
        newest = " ORDER BY stories.id DESC LIMIT :cap" if cap else ""
        matching = f"SELECT stories.id FROM stories WHERE {' AND '.join(conditions)}{newest}"
        rel = f"ts_rank_cd(stories.search, {query})" if terms else "0.0"
        statement = sa.text(
            f"SELECT stories.id AS id, {rel} AS rel "
            f"FROM ({matching}) AS matching JOIN stories ON stories.id = matching.id"
        )
        if terms:
            statement = statement.bindparams(websearch=" ".join(f'"{t}"' for t in terms))
        if who:
            statement = statement.bindparams(who=who)
        if cap:
            statement = statement.bindparams(cap=cap)
        return statement.columns(sa.column("id", sa.Integer), sa.column("rel", sa.Float)).subquery(
            "hits"
        )

    def age_days(self, seen: ColumnElement[datetime], now: datetime) -> ColumnElement[float]:
        age = sa.extract("epoch", sa.literal(now, sa.DateTime(timezone=True)) - seen) / 86400.0
        return sa.func.greatest(age, 0.0)


def full_text_for(dialect: str) -> FullText:
    """The full-text search of the named SQLAlchemy dialect."""
    return PostgresFullText() if dialect == "postgresql" else SqliteFullText()
