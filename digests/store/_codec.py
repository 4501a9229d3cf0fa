"""Values in and out of the database: UTC datetimes and Summaries as JSON."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect

from digests.model import Entity, EntityKind, Figure, FigureKind, Summary


class UTCDateTime(sa.TypeDecorator[datetime]):
    """An aware datetime stored in UTC (naive UTC on SQLite), read back aware in UTC."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: the store keeps aware datetimes only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# the kinds by value: a dict lookup is ten times faster than calling the enum, which counts
# when a digest reads 10,000 summaries
_ENTITY_KINDS = {kind.value: kind for kind in EntityKind}
_FIGURE_KINDS = {kind.value: kind for kind in FigureKind}


def summary_from_dict(data: dict[str, Any]) -> Summary:
    """The inverse of `digests.export.summary_to_dict`: its JSON object as a Summary."""
    return Summary(
        source=data["source"],
        headline=data["headline"],
        gist=data["gist"],
        who=tuple(
            Entity(
                name=e["name"],
                kind=_ENTITY_KINDS.get(e["kind"]) or EntityKind(e["kind"]),
                role=e.get("role"),
            )
            for e in data.get("who") or ()
        ),
        numbers=tuple(
            Figure(
                text=f["text"],
                value=None if f.get("value") is None else float(f["value"]),
                unit=f.get("unit"),
                kind=_FIGURE_KINDS.get(f["kind"]) or FigureKind(f["kind"]),
                context=f.get("context") or "",
            )
            for f in data.get("numbers") or ()
        ),
        when=date.fromisoformat(data["when"]) if data.get("when") else None,
        when_text=data.get("when_text"),
        where=tuple(data.get("where") or ()),
        key_points=tuple(data.get("key_points") or ()),
    )


def load_summary(value: str | dict[str, Any]) -> Summary:
    """A stored summary column (JSON text on SQLite, a dict from PostgreSQL's jsonb)."""
    return summary_from_dict(json.loads(value) if isinstance(value, str) else value)
