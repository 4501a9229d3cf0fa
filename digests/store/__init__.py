"""Stored stories and feeds: SQLite by default, PostgreSQL by URL, full-text searchable."""

from digests.store._codec import summary_from_dict
from digests.store._store import Store
from digests.store._types import (
    Claim,
    NewStory,
    Saved,
    StoreConflict,
    StoreError,
    UnfinishedThread,
)

__all__ = [
    "Claim",
    "NewStory",
    "Saved",
    "Store",
    "StoreConflict",
    "StoreError",
    "UnfinishedThread",
    "summary_from_dict",
]
