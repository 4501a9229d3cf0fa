"""Logging for the service: LOG_LEVEL, one line a record, and tokens never written."""

from __future__ import annotations

import logging
import re

from digests.printable import one_line

TOKEN = re.compile(r"\b(xox[abposr]|xapp)-[A-Za-z0-9-]+")
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RedactTokens(logging.Filter):
    """Replaces anything shaped like a Slack token in a record's message with a mark."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if TOKEN.search(message):
            record.msg, record.args = TOKEN.sub(r"\1-[redacted]", message), None
        return True


class OneLine(logging.Filter):
    """A record's message on one line without control characters: a feed's title or error in
    it can neither forge a log line nor drive the terminal (ESC ] 0; … BEL)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if (shown := one_line(message)) != message:
            record.msg, record.args = shown, None
        return True


def setup_logging(level: str) -> None:
    """Log to stderr at `level`; slack_sdk's request dumps stay off even at DEBUG."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(RedactTokens())
    handler.addFilter(OneLine())
    logging.basicConfig(level=level, handlers=[handler], force=True)
    logging.getLogger("slack_sdk").setLevel(max(logging.getLevelName(level), logging.INFO))
