"""The one way the command line prints JSON: one object a line, control characters escaped."""

from __future__ import annotations

import json
from collections.abc import Mapping

import click

# json escapes C0 controls (ESC is \u001b) but writes DEL and C1 (CSI, 0x9b) as they are
_DEL_AND_C1 = {code: f"\\u{code:04x}" for code in range(0x7F, 0xA0)}


def echo_json(record: Mapping[str, object]) -> None:
    """Print one JSON object on its own line; no character in it drives a terminal."""
    click.echo(json.dumps(record, ensure_ascii=False).translate(_DEL_AND_C1))
