"""Outside text made safe for Slack mrkdwn: no pings, mentions or forged links from a feed."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_USER_ID = re.compile(r"[UW][A-Z0-9]{2,}")
MAX_URL = 2000  # characters of a link's address as sent; a longer one shows its label only
_URL_UNSAFE = {"<": "%3C", ">": "%3E", "|": "%7C"}
LABEL_BAR = "\u2502"  # │ stands in for | in a link label: Slack has no escape for it there


def mrkdwn(text: str) -> str:
    """`text` with Slack's three control characters escaped (&, <, >)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def link(url: str | None, label: str, *, max_url: int = MAX_URL) -> str:
    """A link to `url` labelled `label`; the escaped label alone if `url` is no web address
    or, as sent, longer than `max_url` characters."""
    shown = mrkdwn(label).replace("|", LABEL_BAR)
    target = web_address(url, max_url)
    if target is None:
        return shown
    return f"<{target}|{shown}>" if shown.strip() else f"<{target}>"


def web_address(url: str | None, max_url: int = MAX_URL) -> str | None:
    """`url` as a Slack link's address (<, > and | percent-encoded, & escaped), or None when it
    is no http(s) address with a host, holds whitespace or control characters, or is longer
    than `max_url`."""
    if not url or not url[:8].lower().startswith(("http://", "https://")):
        return None
    if any(char.isspace() or not char.isprintable() for char in url):
        return None
    try:
        if not urlsplit(url).hostname:
            return None
    except ValueError:  # e.g. an unclosed [IPv6 bracket
        return None
    safe = mrkdwn("".join(_URL_UNSAFE.get(char, char) for char in url))
    return safe if len(safe) <= max_url else None


def user_mention(user_id: str) -> str:
    """A mention of a Slack user id; "someone" when the id does not look like one."""
    return f"<@{user_id}>" if _USER_ID.fullmatch(user_id) else "someone"
