"""Stories saved with dedupe: new ones inserted together, changed ones updated, known ones kept.

Ids of new stories are reserved first (PostgreSQL's sequence, SQLite's sqlite_sequence), so that
a story's cluster can name a story saved just before it in the same batch, and all new stories
of a call go in with three statements (stories, names, numbers) however many there are. On
PostgreSQL each takes its rows as one JSON document (json_to_recordset): three round trips, one
parameter the driver hands over as it is, and a statement that never changes, so it is neither
re-parsed nor re-planned. On SQLite the names and numbers go the same way (json_each).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from digests.export import summary_to_dict
from digests.model import EntityKind
from digests.store._base import SAVE_CHUNK, StorageBase
from digests.store._schema import stories, story_names, story_numbers
from digests.store._stories import KEYS_PER_QUERY
from digests.store._types import NewStory, Saved

# Statements built once: saving is the hot path of ingest, and building a statement costs more
# Python time than running it on SQLite.
_INSERT_STORIES = sa.insert(stories)
_UPDATE_STORY = sa.update(stories).where(stories.c.id == sa.bindparam("story_id"))
_DELETE_NAMES = sa.delete(story_names).where(story_names.c.story_id == sa.bindparam("story_id"))
_DELETE_NUMBERS = sa.delete(story_numbers).where(
    story_numbers.c.story_id == sa.bindparam("story_id")
)
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
                _insert(conn, pending)
                pending = []
            _update(conn, story_id, new)
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
    _insert(conn, pending)
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


def _json_insert(table: sa.Table, types: dict[str, str]) -> sa.TextClause:
    """PostgreSQL: INSERT INTO table (columns) SELECT them FROM json_to_recordset(:rows); bytea
    comes as hex text."""
    columns = ", ".join(types)
    values = ", ".join(
        f"decode({name}, 'hex')" if kind == "bytea" else name for name, kind in types.items()
    )
    record = ", ".join(
        f"{name} {'text' if kind == 'bytea' else kind}" for name, kind in types.items()
    )
    return sa.text(
        f"INSERT INTO {table.name} ({columns}) SELECT {values} "
        f"FROM json_to_recordset(CAST(:rows AS json)) AS row({record})"
    )


_STORY_TYPES = {
    "id": "integer",
    "cluster": "integer",
    "url": "text",
    "source": "text",
    "title": "text",
    "published": "timestamptz",
    "fetched": "timestamptz",
    "first_seen": "timestamptz",
    "backlog": "boolean",
    "text": "text",
    "summary_json": "jsonb",
    "fingerprint": "text",
    "signature": "bytea",
    "feed_id": "integer",
    "named": "integer",
    "figures": "integer",
}
_NAME_TYPES = {
    "story_id": "integer",
    "position": "integer",
    "name": "text",
    "kind": "text",
    "role": "text",
    "key": "text",
}
_NUMBER_TYPES = {
    "story_id": "integer",
    "position": "integer",
    "text": "text",
    "value": "float8",
    "unit": "text",
    "kind": "text",
    "context": "text",
}
_JSON_STORIES = _json_insert(stories, _STORY_TYPES)
_JSON_NAMES = _json_insert(story_names, _NAME_TYPES)
_JSON_NUMBERS = _json_insert(story_numbers, _NUMBER_TYPES)


def _sqlite_json_insert(table: sa.Table, columns: Sequence[str]) -> sa.TextClause:
    """SQLite: INSERT INTO table (columns) SELECT them FROM json_each(:rows)."""
    values = ", ".join(f"json_extract(value, '$.{name}')" for name in columns)
    return sa.text(
        f"INSERT INTO {table.name} ({', '.join(columns)}) SELECT {values} FROM json_each(:rows)"
    )


_SQLITE_NAMES = _sqlite_json_insert(story_names, list(_NAME_TYPES))
_SQLITE_NUMBERS = _sqlite_json_insert(story_numbers, list(_NUMBER_TYPES))


def _insert(conn: sa.Connection, pending: Sequence[tuple[int, int, NewStory]]) -> None:
    """New stories with their names and numbers: three statements, however many stories."""
    if not pending:
        return
    rows = [
        {
            **_values(new),
            "id": story_id,
            "cluster": cluster,
            "url": new.url,
            "source": new.article.source,
            "first_seen": new.seen,
            "backlog": new.backlog,
            "feed_id": new.feed_id,
        }
        for story_id, cluster, new in pending
    ]
    names = [row for story_id, _, new in pending for row in _name_rows(story_id, new)]
    numbers = [row for story_id, _, new in pending for row in _number_rows(story_id, new)]
    _insert_all(conn, rows, names, numbers)


def _insert_all(
    conn: sa.Connection,
    rows: list[dict[str, Any]],
    names: list[dict[str, Any]],
    numbers: list[dict[str, Any]],
) -> None:
    """Stories, names and numbers, the way the database takes them fastest."""
    if conn.dialect.name == "postgresql":
        _insert_json(conn, rows, names, numbers)
    else:
        _insert_rows(conn, rows, names, numbers)


def _insert_rows(
    conn: sa.Connection,
    rows: list[dict[str, Any]],
    names: list[dict[str, Any]],
    numbers: list[dict[str, Any]],
) -> None:
    """SQLite: the stories through SQLAlchemy Core, their names and numbers each as one JSON
    document in one statement. A statement hands the interpreter lock back at every row it
    steps through, and under a busy process each hand-back can wait a millisecond: a few
    statements, not hundreds of rows, keep a write short however busy the process is."""
    if rows:
        conn.execute(_INSERT_STORIES, rows)
    for statement, table_rows in ((_SQLITE_NAMES, names), (_SQLITE_NUMBERS, numbers)):
        if table_rows:
            conn.execute(statement, {"rows": json.dumps(table_rows)})


def _insert_json(
    conn: sa.Connection,
    rows: list[dict[str, Any]],
    names: list[dict[str, Any]],
    numbers: list[dict[str, Any]],
) -> None:
    """PostgreSQL: the rows of each table as one JSON document, in one statement a table."""
    for row in rows:  # as JSON: times as ISO 8601, the signature as hex
        row["signature"] = row["signature"].hex()
        for name in ("fetched", "first_seen", "published"):
            row[name] = row[name] and row[name].isoformat()
    for statement, table_rows in (
        (_JSON_STORIES, rows),
        (_JSON_NAMES, names),
        (_JSON_NUMBERS, numbers),
    ):
        if table_rows:
            conn.execute(statement, {"rows": json.dumps(table_rows)})


def _update(conn: sa.Connection, story_id: int, new: NewStory) -> None:
    """The story at the same URL given the new text, Summary and details."""
    values = _values(new)
    if values["published"] is None:  # a changed page that no longer says when keeps the date
        del values["published"]
    conn.execute(_UPDATE_STORY, {**values, "story_id": story_id})
    conn.execute(_DELETE_NAMES, {"story_id": story_id})
    conn.execute(_DELETE_NUMBERS, {"story_id": story_id})
    _insert_all(conn, [], _name_rows(story_id, new), _number_rows(story_id, new))


def _values(new: NewStory) -> dict[str, Any]:
    """The columns a story's text sets, when it is new and when it changed."""
    return {
        "title": new.article.title or new.summary.headline,
        "text": new.article.text,
        "summary_json": summary_to_dict(new.summary),
        "fingerprint": new.fingerprint,
        "signature": new.signature,
        "fetched": new.fetched,
        "published": new.article.published,
        "named": sum(1 for e in new.summary.who if e.kind is not EntityKind.PLACE),
        "figures": len(new.summary.numbers),
    }


def _name_rows(story_id: int, new: NewStory) -> list[dict[str, Any]]:
    return [
        {
            "story_id": story_id,
            "position": i,
            "name": e.name,
            "kind": str(e.kind),
            "role": e.role,
            "key": e.name.casefold(),
        }
        for i, e in enumerate(new.summary.who)
    ]


def _number_rows(story_id: int, new: NewStory) -> list[dict[str, Any]]:
    return [
        {
            "story_id": story_id,
            "position": i,
            "text": f.text,
            "value": f.value,
            "unit": f.unit,
            "kind": str(f.kind),
            "context": f.context,
        }
        for i, f in enumerate(new.summary.numbers)
    ]
