"""Text without control characters: stored titles, and what a terminal is given to print."""

from __future__ import annotations

import re

# C0, DEL and C1: ESC and CSI start terminal sequences, BEL ends them; NUL cannot be stored
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_LINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def one_line(text: str) -> str:
    """`text` with no control character: line breaks and tabs become spaces, the rest go."""
    return _CONTROL.sub(lambda found: " " if found.group().isspace() else "", text)


def without_controls(text: str) -> str:
    """`text` with every control character dropped but tabs and line breaks (\\n, \\r)."""
    return _CONTROL_BUT_LINES.sub("", text)
