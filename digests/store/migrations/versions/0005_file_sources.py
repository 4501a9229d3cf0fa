"""Stories read from files named a reader's way: a source that is an absolute path of the
server (`/srv/clips/sport-023.txt`) becomes "file sport-023.txt", as newsbot now stores them.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePosixPath, PureWindowsPath

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    conn = op.get_bind()
    stories = sa.table("stories", sa.column("id", sa.Integer), sa.column("source", sa.Text))
    found = conn.execute(
        sa.select(stories.c.id, stories.c.source).where(
            sa.or_(stories.c.source.like("/%"), stories.c.source.like("_:\\%", escape="|"))
        )
    ).all()
    for story_id, source in found:
        path = PureWindowsPath(source) if source[1:2] == ":" else PurePosixPath(source)
        conn.execute(
            sa.update(stories).where(stories.c.id == story_id).values(source=f"file {path.name}")
        )


def downgrade() -> None:
    """The paths are not kept: nothing to undo."""
