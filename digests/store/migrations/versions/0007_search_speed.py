"""PostgreSQL search reads less: each story's tsvectors and small fields kept in its row, and
small GIN pending lists.

A search weighs each candidate with ts_rank_cd, which reads the story's whole tsvector (about
2.6 KB for a dev-set article). Stored out of line (TOAST, the default for a value that size),
every candidate cost a TOAST index lookup and one or two more pages; kept in the row (storage
MAIN), the page that found the story holds it. A row that holds it is still too long for
PostgreSQL's liking, which would then move the row's small fields out of line one by one:
those a search or a digest reads of many stories (source, title, URL, fingerprint, MinHash
signature, the names' tsvector) are kept in the row too. Only the text and the summary go out
of line. The table is rewritten once (CLUSTER, in id order) so that stories stored before are
laid out the same way: 13.6 s at 100,000 stories here, with the table locked.

GIN's pending list (fastupdate) takes new entries in bulk, but every search reads all of it:
up to 4 MB by default, 64 kB here. Turning fastupdate off made storing 100,000 stories half as
slow again (about 130 to 200 s); a 64 kB pending list costs less.

SQLite: nothing changes (its full-text index is FTS5's).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

IN_ROW = ("search", "names", "source", "title", "url", "fingerprint", "signature")
GIN_INDEXES = ("ix_stories_search", "ix_stories_names")
PENDING_LIST_KB = 64


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    columns = ", ".join(f"ALTER COLUMN {column} SET STORAGE MAIN" for column in IN_ROW)
    op.execute(f"ALTER TABLE stories {columns}")
    op.execute("CLUSTER stories USING stories_pkey")
    op.execute("ALTER TABLE stories SET WITHOUT CLUSTER")
    for index in GIN_INDEXES:
        op.execute(f"ALTER INDEX {index} SET (gin_pending_list_limit = {PENDING_LIST_KB})")


def downgrade() -> None:
    """Back to the defaults; stories keep their layout until they are rewritten."""
    if op.get_bind().dialect.name != "postgresql":
        return
    for index in GIN_INDEXES:
        op.execute(f"ALTER INDEX {index} RESET (gin_pending_list_limit)")
    columns = ", ".join(f"ALTER COLUMN {column} SET STORAGE EXTENDED" for column in IN_ROW)
    op.execute(f"ALTER TABLE stories {columns}")
