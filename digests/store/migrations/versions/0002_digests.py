"""Digest schedules; one row per digest posted (the claim that makes it exactly once); per
feed, when it is next due for a poll and how much its stories weigh in a digest; per story, the
counts a digest ranks by (filled in for stories stored before).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "schedules",
        sa.Column("channel", sa.Text, primary_key=True),
        sa.Column("at", sa.Text, nullable=False),  # HH:MM, local to `zone`
        sa.Column("zone", sa.Text, nullable=False),
        sa.Column("weekdays", sa.Text, nullable=False, server_default=""),  # "1,2,3,4,5"; "" daily
        sa.Column("quiet", sa.Text, nullable=False, server_default="line"),  # or "skip"
        sa.Column(
            "include", sa.Text, nullable=False, server_default=""
        ),  # keywords, comma-separated
        sa.Column("exclude", sa.Text, nullable=False, server_default=""),
        sa.Column("origin", sa.Text, nullable=False),  # "env" (DIGEST_CHANNELS) or "slack"
        sa.Column("set_by", sa.Text),
        sa.Column("updated", TIME, nullable=False),
        sa.Column("last_error", sa.Text),
        sa.Column("last_error_at", TIME),
    )
    op.create_table(
        "digest_posts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.Text, nullable=False, unique=True),  # channel@local date, or manual
        sa.Column("channel", sa.Text, nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),  # "scheduled" or "manual"
        sa.Column("owner", sa.Text, nullable=False),
        sa.Column("lease_until", TIME, nullable=False),
        sa.Column("since", TIME, nullable=False),
        sa.Column("until", TIME, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="1"),
        sa.Column("retry_at", TIME),
        sa.Column("last_error", sa.Text),
        sa.Column("posted_ts", sa.Text),
        sa.Column("posted_at", TIME),
        sa.Column("thread_total", sa.Integer, nullable=False, server_default="0"),
        sa.Column("thread_done", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created", TIME, nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_digest_posts_channel", "digest_posts", ["channel", "kind", "until"])
    with op.batch_alter_table("feeds") as feeds:
        feeds.add_column(sa.Column("next_poll", TIME))
        feeds.add_column(sa.Column("priority", sa.Float, nullable=False, server_default="1.0"))
    op.add_column("stories", sa.Column("named", sa.Integer, nullable=False, server_default="0"))
    op.add_column("stories", sa.Column("figures", sa.Integer, nullable=False, server_default="0"))
    op.execute(
        "UPDATE stories SET "
        "named = (SELECT count(*) FROM story_names "
        "WHERE story_names.story_id = stories.id AND story_names.kind != 'place'), "
        "figures = (SELECT count(*) FROM story_numbers WHERE story_numbers.story_id = stories.id)"
    )


def downgrade() -> None:
    op.drop_column("stories", "figures")
    op.drop_column("stories", "named")
    with op.batch_alter_table("feeds") as feeds:
        feeds.drop_column("priority")
        feeds.drop_column("next_poll")
    op.drop_table("digest_posts")
    op.drop_table("schedules")
