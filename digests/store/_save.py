"""Stories saved with dedupe: new ones inserted together, changed ones updated, known ones kept.

Ids of new stories are reserved first (PostgreSQL's sequence, SQLite's sqlite_sequence), so that
a story's cluster can name a story saved just before it in the same batch, and all new stories
of a call go in with three statements (stories, names, numbers) however many there are (see
digests.store._insert).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from digests.store._base import SAVE_CHUNK, StorageBase
from digests.store._insert import insert, update
from digests.store._schema import stories
from digests.store._stories import KEYS_PER_QUERY
from digests.store._types import NewStory, Saved

# Statements built once: saving is the hot path of ingest, and building a statement costs more
# Python time than running it on SQLite.
_RESERVE_PG = sa.text(
    "SELECT nextval(pg_get_serial_sequence('stories', 'id')) FROM generate_series(1, :n)"
)
_RESERVE_SQLITE = sa.text(
    "UPDATE sqlite_sequence SET seq = seq + :n WHERE name = 'stories' RETURNING seq"
)
_START_SQLITE = sa.text("INSERT INTO sqlite_sequence (name, seq) VALUES ('stories', :n)")


class SaveStorage(StorageBase):
    """Stories into the Store, with dedupe by fingerprint and URL."""

    def save(self, new: NewStory) -> Saved:
        """Store a story: "new", "updated" (same URL, new text) or "unchanged" (same text)."""
        (saved,) = self._write_once_more(lambda conn: _save_all(conn, [new]))
        return saved

    def save_many(self, news: Sequence[NewStory]) -> list[Saved]:
        """Store stories in order, as save() would one by one, SAVE_CHUNK to a write (a few
        statements each), so that no write holds the database for long. A story's `cluster`
        may be -(j + 1): the cluster story j of `news` went into. A chunk is run once more if
        another process saved one of its stories first."""
        saved: list[Saved] = []
        for start in range(0, len(news), SAVE_CHUNK):
            saved += self._save_chunk(news[start : start + SAVE_CHUNK], [s.cluster for s in saved])
        return saved

    def _save_chunk(self, chunk: Sequence[NewStory], earlier: list[int]) -> list[Saved]:
        return self._write_once_more(lambda conn: _save_all(conn, chunk, earlier))

    def known_keys(self, news: Sequence[NewStory]) -> tuple[set[str], set[str]]:
        """Which of these stories' fingerprints, and which of their URLs, are stored."""
        with self._read() as conn:
            by_fingerprint, by_url = _known(conn, news)
        return set(by_fingerprint), set(by_url)


def _save_all(
    conn: sa.Connection, news: Sequence[NewStory], earlier: Sequence[int] = ()
) -> list[Saved]:
    """Each story in order, as saving them one by one would: the same text already stored is
    "unchanged", the same URL with other text "updated", anything else "new", in its `cluster`:
    None for one of its own, a stored cluster's id, or -(j + 1) for the cluster of story j of
    the batch this call continues (`earlier` holds the clusters of the batch's stories saved
    before this call; the rest are in `news`). Every Saved names its story's cluster."""
    by_fingerprint, by_url = _known(conn, news)
    maybe_new = sum(1 for n in news if n.fingerprint not in by_fingerprint and n.url not in by_url)
    ids = iter(_reserve_ids(conn, maybe_new))
    pending: list[tuple[int, int, NewStory]] = []
    saved: list[Saved] = []
    for new in news:
        if new.fingerprint in by_fingerprint:
            story_id, cluster = by_fingerprint[new.fingerprint]
            saved.append(Saved(story_id, "unchanged", cluster))
            continue
        same_url = by_url.get(new.url) if new.url is not None else None
        if same_url is not None:  # the article changed
            story_id, cluster = same_url
            if any(pending_id == story_id for pending_id, _, _ in pending):
                insert(conn, pending)
                pending = []
            update(conn, story_id, new)
            by_fingerprint = {f: k for f, k in by_fingerprint.items() if k[0] != story_id}
            by_fingerprint[new.fingerprint] = same_url
            saved.append(Saved(story_id, "updated", cluster))
            continue
        story_id = next(ids)
        cluster = _cluster(new.cluster, story_id, earlier, saved)
        pending.append((story_id, cluster, new))
        by_fingerprint[new.fingerprint] = (story_id, cluster)
        if new.url is not None:
            by_url[new.url] = (story_id, cluster)
        saved.append(Saved(story_id, "new", cluster))
    insert(conn, pending)
    return saved


def _cluster(wanted: int | None, story_id: int, earlier: Sequence[int], saved: list[Saved]) -> int:
    """The cluster a new story goes into (see save_many)."""
    if wanted is None:
        return story_id
    if wanted >= 0:
        return wanted
    position = -wanted - 1
    if position < len(earlier):
        return earlier[position]
    return saved[position - len(earlier)].cluster


Known = dict[str, tuple[int, int]]  # a fingerprint or URL: its story's id and cluster


def _known(conn: sa.Connection, news: Sequence[NewStory]) -> tuple[Known, Known]:
    """The stored stories with these fingerprints or URLs: by fingerprint, and by URL."""
    by_fingerprint: Known = {}
    by_url: Known = {}
    fingerprints = sorted({n.fingerprint for n in news})
    urls = sorted({n.url for n in news if n.url is not None})
    for column, keys in ((stories.c.fingerprint, fingerprints), (stories.c.url, urls)):
        for start in range(0, len(keys), KEYS_PER_QUERY):
            chunk = keys[start : start + KEYS_PER_QUERY]
            select = sa.select(
                stories.c.id, stories.c.cluster, stories.c.fingerprint, stories.c.url
            )
            for row in conn.execute(select.where(column.in_(chunk))):
                by_fingerprint[row.fingerprint] = (row.id, row.cluster)
                if row.url is not None:
                    by_url[row.url] = (row.id, row.cluster)
    return by_fingerprint, by_url


def _reserve_ids(conn: sa.Connection, count: int) -> list[int]:
    """`count` story ids no other writer will take; one left unused is only a gap."""
    if count == 0:
        return []
    if conn.dialect.name == "postgresql":
        return list(conn.scalars(_RESERVE_PG, {"n": count}))
    # SQLite: the write transaction holds the database, so bumping the counter is safe
    top = conn.scalar(_RESERVE_SQLITE, {"n": count})
    if top is None:  # no story was ever stored
        conn.execute(_START_SQLITE, {"n": count})
        top = count
    return list(range(top - count + 1, top + 1))
