"""PostgreSQL: a new story with its names and numbers in one statement (one round trip)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

from digests.store._schema import stories, story_names, story_numbers

# the columns a new story is given (id and cluster are made in the statement)
STORY_VALUES = (
    "url",
    "source",
    "title",
    "published",
    "fetched",
    "first_seen",
    "backlog",
    "text",
    "summary_json",
    "fingerprint",
    "signature",
    "feed_id",
    "named",
    "figures",
)
_ID_SEQUENCE = sa.text("pg_get_serial_sequence('stories', 'id')")


def insert_in_one() -> sa.Select[tuple[int]]:
    """WITH new_id (nextval), story (INSERT … RETURNING id), names and numbers (INSERT … FROM
    jsonb_to_recordset(:names / :numbers)) SELECT the story's id. Binds: STORY_VALUES, cluster
    (NULL: the story's own id), names and numbers (lists of rows without story_id)."""
    new_id = sa.select(sa.func.nextval(_ID_SEQUENCE).label("id")).cte("new_id")
    given = [sa.bindparam(name, type_=stories.c[name].type) for name in STORY_VALUES]
    cluster = sa.func.coalesce(sa.bindparam("cluster", type_=sa.Integer), new_id.c.id)
    story = (
        sa.insert(stories)
        .from_select(["id", "cluster", *STORY_VALUES], sa.select(new_id.c.id, cluster, *given))
        .returning(stories.c.id)
        .cte("story")
    )
    details = [
        _rows_of(story, table, key)
        for table, key in ((story_names, "names"), (story_numbers, "numbers"))
    ]
    return sa.select(story.c.id).add_cte(*details)


def _rows_of(story: sa.CTE, table: sa.Table, key: str) -> sa.CTE:
    """INSERT INTO table SELECT story.id, rows.* FROM story JOIN jsonb_to_recordset(:key)."""
    columns = [c for c in table.c if c.name != "story_id"]
    rows = (
        sa.func.jsonb_to_recordset(sa.bindparam(key, type_=JSONB))
        .table_valued(*(sa.column(c.name, c.type) for c in columns))
        .render_derived(name=f"{key}_rows", with_types=True)
    )
    select = sa.select(story.c.id, *(rows.c[c.name] for c in columns)).select_from(
        story.join(rows, sa.true())
    )
    return sa.insert(table).from_select(["story_id", *(c.name for c in columns)], select).cte(key)
