"""Per digest, the thread reply being sent: recorded before it goes out, so that a retry or a
takeover after a crash or a late answer looks in the thread before sending it again.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("digest_posts", sa.Column("thread_sending", sa.Integer))


def downgrade() -> None:
    with op.batch_alter_table("digest_posts") as digest_posts:
        digest_posts.drop_column("thread_sending")
