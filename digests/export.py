"""Summaries as plain JSON-ready dicts, in the field names of the published schema."""

from __future__ import annotations

from typing import Any

from digests.model import Summary


def summary_to_dict(summary: Summary) -> dict[str, Any]:
    """The Summary as DESIGN.md's JSON object; unknown values are None."""
    return {
        "source": summary.source,
        "headline": summary.headline,
        "gist": summary.gist,
        "who": [{"name": e.name, "kind": str(e.kind), "role": e.role} for e in summary.who],
        "numbers": [
            {
                "text": f.text,
                "value": f.value,
                "unit": f.unit,
                "kind": str(f.kind),
                "context": f.context,
            }
            for f in summary.numbers
        ],
        "when": summary.when.isoformat() if summary.when else None,
        "when_text": summary.when_text,
        "where": list(summary.where),
        "key_points": list(summary.key_points),
    }
