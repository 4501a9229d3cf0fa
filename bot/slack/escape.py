"""Outside text made safe for Slack: as written, no pings, forged links, formatting or passwords."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_USER_ID = re.compile(r"[UW][A-Z0-9]{2,}")
MAX_URL = 2000  # characters of a link's address as sent; a longer one shows its label only
_URL_UNSAFE = {"<": "%3C", ">": "%3E", "|": "%7C"}
LABEL_BAR = "\u2502"  # │ stands in for | in a link label: Slack has no escape for it there
# user:password@ (or user@) after a URL's scheme: everything up to the last @ of its authority
_CREDENTIALS = re.compile(r"([a-z][a-z0-9+.-]*://)[^\s/?#]*@", re.I)
# Slack has no escape for its formatting marks: each that Slack may read as one becomes a
# lookalike (as jsx-slack does), so *vote* shows as ∗vote∗, never as bold
LOOKALIKES = {
    "*": "\u2217",  # ∗ asterisk operator
    "\uff0a": "\ufe61",  # ＊ → ﹡ small asterisk
    "_": "\u02cd",  # ˍ modifier letter low macron
    "\uff3f": "\u2e0f",  # ＿ → ⸏ paragraphos
    "`": "\u02cb",  # ˋ modifier letter grave accent
    "\uff40": "\u02cb",  # ｀ → ˋ
    "~": "\u223c",  # ∼ tilde operator
}
# every backtick and full-width mark; * _ ~ unless a letter or digit stands on each side:
# Slack formats only at a word's edge, so not_in_channel and 2*3 are left as written
_MARK = re.compile(r"[`\uff0a\uff3f\uff40]|(?<![A-Za-z0-9])[*_~]|[*_~](?![A-Za-z0-9])")
RATIO = "\u2236"  # ∶ opens an emoji code instead of a colon: ∶fire: stays text
# a colon that opens an emoji code (:fire:, :white_check_mark:; with a letter: 10:30:45 is a
# time), also one the text leaves open (":fire" before our own ": ")
_EMOJI_OPENER = re.compile(r":(?=[a-z0-9_+'-]*[a-z_+'-][a-z0-9_+'-]*(?::|\Z))", re.I)
SOFT_HYPHEN = "\u00ad"  # invisible; before > or ＞ it keeps a line from becoming a quote
_QUOTE = re.compile(r"(?<!\S)(&gt;|\uff1e)")  # where a line or a split section may start


def mrkdwn(text: str) -> str:
    """Outside `text` for mrkdwn, shown as written: credentials in URLs hidden, Slack's control
    characters escaped (&, <, >), its formatting marks (* _ ~ `), emoji codes and quotes
    neutralised."""
    escaped = without_credentials(text).replace("&", "&amp;")
    escaped = escaped.replace("<", "&lt;").replace(">", "&gt;")
    unmarked = _MARK.sub(lambda mark: LOOKALIKES[mark.group()], _EMOJI_OPENER.sub(RATIO, escaped))
    return _QUOTE.sub(rf"{SOFT_HYPHEN}\1", unmarked)


def without_credentials(text: str) -> str:
    """`text` with the user name and password of every URL in it removed."""
    return _CREDENTIALS.sub(r"\1", text)


def link(url: str | None, label: str, *, max_url: int = MAX_URL) -> str:
    """A link to `url` labelled `label`; the escaped label alone if `url` is no web address
    or, as sent, longer than `max_url` characters."""
    shown = mrkdwn(label).replace("|", LABEL_BAR)
    target = web_address(url, max_url)
    if target is None:
        return shown
    return f"<{target}|{shown}>" if shown.strip() else f"<{target}>"


def web_address(url: str | None, max_url: int = MAX_URL) -> str | None:
    """`url` as a Slack link's address (credentials removed, <, > and | percent-encoded, &
    escaped), or None when it is no http(s) address with a host, holds whitespace or control
    characters, or is longer than `max_url`."""
    if not url or not url[:8].lower().startswith(("http://", "https://")):
        return None
    if any(char.isspace() or not char.isprintable() for char in url):
        return None
    try:
        if not urlsplit(url).hostname:
            return None
    except ValueError:  # e.g. an unclosed [IPv6 bracket
        return None
    bare = without_credentials(url)
    safe = "".join(_URL_UNSAFE.get(char, char) for char in bare).replace("&", "&amp;")
    return safe if len(safe) <= max_url else None


def user_mention(user_id: str) -> str:
    """A mention of a Slack user id; "someone" when the id does not look like one."""
    return f"<@{user_id}>" if _USER_ID.fullmatch(user_id) else "someone"
