"""Outside text made safe for Slack mrkdwn: no pings, mentions or forged links from a feed."""

from __future__ import annotations

import re

_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
MAX_URL = 2000  # a longer "URL" is shown as its label only: no article needs more
_URL_UNSAFE = {"<": "%3C", ">": "%3E", "|": "%7C", " ": "%20"}


def mrkdwn(text: str) -> str:
    """`text` with Slack's three control characters escaped (&, <, >)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def link(url: str | None, label: str) -> str:
    """A link to `url` labelled `label`; the escaped label alone if `url` is no web address."""
    shown = mrkdwn(label).replace("|", "\u2502")  # Slack cannot escape | inside a link label
    if not url or not url.startswith(("http://", "https://")) or len(url) > MAX_URL:
        return shown
    if any(char.isspace() for char in url):
        return shown
    safe = mrkdwn("".join(_URL_UNSAFE.get(char, char) for char in url))
    return f"<{safe}|{shown}>" if shown.strip() else f"<{safe}>"


def user_mention(user_id: str) -> str:
    """A mention of a Slack user id; "someone" when the id does not look like one."""
    return f"<@{user_id}>" if _USER_ID.match(user_id) else "someone"
