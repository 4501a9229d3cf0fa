"""The one way the command line prints JSON: one object a line, UTF-8 as written."""

from __future__ import annotations

import json
from typing import Any

import click


def echo_json(record: dict[str, Any]) -> None:
    """Print one JSON object on its own line."""
    click.echo(json.dumps(record, ensure_ascii=False))
