"""Per schedule, when it starts: a new or changed schedule is due from its next occurrence on,
so a time that had passed when it was set is not posted at once. Existing schedules start when
they were last saved.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("schedules", sa.Column("starts", sa.DateTime(timezone=True)))
    op.execute("UPDATE schedules SET starts = updated")


def downgrade() -> None:
    with op.batch_alter_table("schedules") as schedules:
        schedules.drop_column("starts")
