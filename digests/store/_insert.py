"""Stories' rows written: new ones and their names and numbers in three statements however many
there are, a changed one's replaced.

On PostgreSQL each statement takes its rows as one JSON document (json_to_recordset): three
round trips, one parameter the driver hands over as it is, and a statement that never changes,
so it is neither re-parsed nor re-planned. On SQLite the names and numbers go the same way
(json_each).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from digests.export import summary_to_dict
from digests.model import EntityKind
from digests.store._schema import stories, story_names, story_numbers
from digests.store._types import NewStory

# Statements built once: saving is the hot path of ingest, and building a statement costs more
# Python time than running it on SQLite.
_INSERT_STORIES = sa.insert(stories)
_UPDATE_STORY = sa.update(stories).where(stories.c.id == sa.bindparam("story_id"))
_DELETE_NAMES = sa.delete(story_names).where(story_names.c.story_id == sa.bindparam("story_id"))
_DELETE_NUMBERS = sa.delete(story_numbers).where(
    story_numbers.c.story_id == sa.bindparam("story_id")
)


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
    "team": "text",
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


def insert(conn: sa.Connection, pending: Sequence[tuple[int, int, NewStory]]) -> None:
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
            "team": new.team,
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


def update(conn: sa.Connection, story_id: int, new: NewStory) -> None:
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
