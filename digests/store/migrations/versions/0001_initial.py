"""Stories, their names and numbers, feeds and subscriptions, and the full-text index.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIME = sa.DateTime(timezone=True)

# SQLite: an FTS5 index over title, gist, key points, text and the names in `who` (for the who
# filter), its content read from a view over stories (the summary's parts live in summary_json),
# kept current by triggers. FTS5's 'rebuild' cannot read this view (json_each): a later
# migration refills the index with 'delete-all' then INSERT ... SELECT ... FROM stories_search.
SQLITE_FIELDS = (
    "{row}.title",
    "json_extract({row}.summary_json, '$.gist')",
    "(SELECT group_concat(value, ' ') FROM json_each({row}.summary_json, '$.key_points'))",
    "{row}.text",
    "(SELECT group_concat(json_extract(value, '$.name'), ' ; ') "
    "FROM json_each({row}.summary_json, '$.who'))",
)
FTS_COLUMNS = "title, gist, points, text, names"


def _fields(row: str) -> str:
    return ", ".join(field.format(row=row) for field in SQLITE_FIELDS)


SQLITE_FULL_TEXT = [
    f"CREATE VIEW stories_search (id, {FTS_COLUMNS}) AS "
    f"SELECT stories.id, {_fields('stories')} FROM stories",
    f"CREATE VIRTUAL TABLE stories_fts USING fts5({FTS_COLUMNS}, "
    "content='stories_search', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER stories_fts_insert AFTER INSERT ON stories BEGIN "
    f"INSERT INTO stories_fts (rowid, {FTS_COLUMNS}) "
    f"VALUES (new.id, {_fields('new')}); END",
    f"CREATE TRIGGER stories_fts_delete AFTER DELETE ON stories BEGIN "
    f"INSERT INTO stories_fts (stories_fts, rowid, {FTS_COLUMNS}) "
    f"VALUES ('delete', old.id, {_fields('old')}); END",
    f"CREATE TRIGGER stories_fts_update AFTER UPDATE OF title, summary_json, text ON stories "
    f"BEGIN "
    f"INSERT INTO stories_fts (stories_fts, rowid, {FTS_COLUMNS}) "
    f"VALUES ('delete', old.id, {_fields('old')}); "
    f"INSERT INTO stories_fts (rowid, {FTS_COLUMNS}) "
    f"VALUES (new.id, {_fields('new')}); END",
]

# PostgreSQL: a generated tsvector, weighted A title, B gist and key points, C text, and one of
# the names in `who` (for the who filter); GIN indexes on both.
POSTGRES_FULL_TEXT = [
    "ALTER TABLE stories ADD COLUMN search tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(summary_json->>'gist', '')), 'B') || "
    "setweight(to_tsvector('english', coalesce(summary_json->'key_points', '[]'::jsonb)), 'B')"
    " || setweight(to_tsvector('english', coalesce(text, '')), 'C')) STORED",
    "CREATE INDEX ix_stories_search ON stories USING gin (search)",
    "ALTER TABLE stories ADD COLUMN names tsvector GENERATED ALWAYS AS ("
    "to_tsvector('simple', jsonb_path_query_array(summary_json, '$.who[*].name'))) STORED",
    "CREATE INDEX ix_stories_names ON stories USING gin (names)",
]


def upgrade() -> None:
    op.create_table(
        "feeds",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url", sa.Text, nullable=False, unique=True),
        sa.Column("title", sa.Text),
        sa.Column("last_success", TIME),
        sa.Column("last_failure", TIME),
        sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("created", TIME, nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "subscriptions",
        sa.Column(
            "feed_id",
            sa.Integer,
            sa.ForeignKey("feeds.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("channel", sa.Text, primary_key=True),
    )
    op.create_index("ix_subscriptions_channel", "subscriptions", ["channel"])
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url", sa.Text, unique=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("published", TIME),
        sa.Column("fetched", TIME, nullable=False),
        sa.Column("first_seen", TIME, nullable=False),
        sa.Column("backlog", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("summary_json", sa.JSON().with_variant(JSONB(), "postgresql"), nullable=False),
        sa.Column("fingerprint", sa.Text, nullable=False, unique=True),
        sa.Column("signature", sa.LargeBinary, nullable=False),
        sa.Column("cluster", sa.Integer),
        sa.Column("feed_id", sa.Integer, sa.ForeignKey("feeds.id", ondelete="SET NULL")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_stories_first_seen", "stories", ["first_seen"])
    op.create_index("ix_stories_source", "stories", [sa.text("lower(source)")])
    op.create_index("ix_stories_cluster", "stories", ["cluster"])
    op.create_index("ix_stories_feed_id", "stories", ["feed_id"])
    for table, columns in (
        (
            "story_names",
            [
                sa.Column("name", sa.Text, nullable=False),
                sa.Column("kind", sa.Text, nullable=False),
                sa.Column("role", sa.Text),
                sa.Column("key", sa.Text, nullable=False),
            ],
        ),
        (
            "story_numbers",
            [
                sa.Column("text", sa.Text, nullable=False),
                sa.Column("value", sa.Float),
                sa.Column("unit", sa.Text),
                sa.Column("kind", sa.Text, nullable=False),
                sa.Column("context", sa.Text, nullable=False),
            ],
        ),
    ):
        op.create_table(
            table,
            sa.Column(
                "story_id",
                sa.Integer,
                sa.ForeignKey("stories.id", ondelete="CASCADE"),
                primary_key=True,
            ),
            sa.Column("position", sa.Integer, primary_key=True),
            *columns,
        )
    op.create_index("ix_story_names_key", "story_names", ["key"])
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_FULL_TEXT if dialect == "sqlite" else POSTGRES_FULL_TEXT:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER stories_fts_{trigger}")
        op.execute("DROP TABLE stories_fts")
        op.execute("DROP VIEW stories_search")
    for table in ("story_numbers", "story_names", "stories", "subscriptions", "feeds"):
        op.drop_table(table)
