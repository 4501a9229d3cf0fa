"""Logging for the service: LOG_LEVEL, LOG_FORMAT, one line a record, and tokens never written."""

from __future__ import annotations

import json
import logging
import re
import traceback
from datetime import UTC, datetime

from digests.printable import one_line

TOKEN = re.compile(r"\b(xox[abposr]|xapp)-[A-Za-z0-9-]+")
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
FIELDS = ("team", "channel", "feed", "error")  # what a record may carry beside its message


class CleanText(logging.Filter):
    """Cleans a record's message, its FIELDS (`extra=`, `error`: its exception's) and traceback."""

    def clean(self, text: str) -> str:
        raise NotImplementedError

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if (shown := self.clean(message)) != message:
            record.msg, record.args = shown, None
        if record.exc_info and record.exc_info[1] is not None:
            if getattr(record, "error", None) is None:
                said = str(record.exc_info[1]) or type(record.exc_info[1]).__name__
                record.__dict__["error"] = said
            if not record.exc_text:
                record.exc_text = "".join(
                    traceback.format_exception(*record.exc_info)
                ).removesuffix("\n")
        if record.exc_text:  # its lines cleaned one by one: a traceback stays readable
            record.exc_text = "\n".join(self.clean(line) for line in record.exc_text.split("\n"))
        for name in FIELDS:
            if isinstance(value := getattr(record, name, None), str):
                setattr(record, name, self.clean(value))
        return True


class RedactTokens(CleanText):
    """Replaces anything shaped like a Slack token in every text of a record with a mark."""

    def clean(self, text: str) -> str:
        return TOKEN.sub(r"\1-[redacted]", text)


class OneLine(CleanText):
    """A record's texts on one line without control characters: a feed's title or error in
    them can neither forge a log line nor drive the terminal (ESC ] 0; … BEL)."""

    def clean(self, text: str) -> str:
        return one_line(text)


class JsonLines(logging.Formatter):
    """One JSON object a record: time, level, logger, message, its FIELDS (traceback at DEBUG)."""

    def __init__(self, *, tracebacks: bool) -> None:
        super().__init__()
        self.tracebacks = tracebacks

    def format(self, record: logging.LogRecord) -> str:
        at = datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")
        line: dict[str, object] = {
            "time": at.replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update({n: v for n in FIELDS if (v := getattr(record, n, None)) not in (None, "")})
        if self.tracebacks and record.exc_text:
            line["traceback"] = record.exc_text
        return json.dumps(line, ensure_ascii=False)


def setup_logging(level: str, form: str = "text") -> None:
    """Log to stderr at `level` as text or JSON lines; slack_sdk's request dumps stay off."""
    handler = logging.StreamHandler()
    if form == "json":
        handler.setFormatter(JsonLines(tracebacks=level == "DEBUG"))
    else:
        handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(RedactTokens())
    handler.addFilter(OneLine())
    logging.basicConfig(level=level, handlers=[handler], force=True)
    logging.getLogger("slack_sdk").setLevel(max(logging.getLevelName(level), logging.INFO))
