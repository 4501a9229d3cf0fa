"""Strip a scraped news page down to its article: title, dateline and body paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

_WS = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_CREDIT = re.compile(r"^[^|.!?]{2,60}(?:\s\|\s[^|.!?]{2,60}){1,4}$")
_CREDIT_PREFIX = re.compile(r"^[^|.!?]{2,60}(?:\s\|\s[^|.!?]{2,60}){1,4}\s(?=[A-Z])")
_PHOTO_LINE = re.compile(
    r"^(?:\(?(?:photo|photograph|picture|image|credit)s?(?: credit| source| by)?\s*:"
    r"|image (?:caption|copyright|source)\b|(?:AP|AFP|Reuters|Getty) (?:Photo|Images)\b"
    r"|[A-Z]+/[A-Z][\w .]+$)",
    re.I,
)
_CAPTION_CUE = re.compile(r"^image caption\b[, :]*", re.I)
_BOILERPLATE = re.compile(
    r"^(?:disclosure|disclaimer|editor[’']s note|correction|copyright|all rights reserved|©"
    r"|sign up\b|subscribe\b|follow (?:us|@)|share (?:this|on)\b|click here|advertisement$"
    r"|scroll down for|watch the video|listen to (?:this|the)|read the full\b"
    r"|\(?reporting by|additional reporting|editing by|writing by"
    r"|(?:last )?(?:updated|published|posted)\b[: ]*(?:at |on )?\d|by [\w .’'-]{2,60}$)",
    re.I,
)
_FURNITURE_SENTENCE = re.compile(
    r"contributed (?:to )?(?:this|the) report|^(?:read more|related|watch|see also|click here"
    r"|scroll down|sign up|subscribe|follow (?:us\b|@|[\w .@]{1,40} on (?:twitter|x|instagram))"
    r"|like us on|share this|this (?:article|story) (?:was|has been|first))\b",
    re.I,
)
_READ_MORE = re.compile(r"^(?:read more|continue reading|more:?|related:?)\s*[:›»>]?$", re.I)
_TRUNCATED = re.compile(r"(?:\[…\]|\[\.\.\.\]|…|\.\.\.)$")
_END_PUNCT = re.compile(r"[.!?:;”\"’')\]]$")
_DAILY_MAIL_BYLINE = re.compile(
    r"^By \. .{1,80}? \. (?:(?:PUBLISHED|UPDATED): .{1,40}? \. (?:\| \. )?){1,2}", re.S
)
_LEADING_BYLINE = re.compile(r"^(?:By|From) [A-Z][\w .’'-]{1,60}? \. ")
# "(CNN)", "London (Reuters) -", "(Rolling Stone)Kanye": a known agency, or any short
# capitalised tag glued to the first word or followed by a dash ("Apple (AAPL) shares" is not)
_AGENCY_DATELINE = re.compile(
    r"^(?:(?P<place>[A-Z][\w .,’'-]{1,60}?)\s*)?"
    r"(?:\((?:CNN|Reuters|AP|AFP|UPI|Bloomberg|dpa)\)\s*(?:--|—|–|-)?\s*"
    r"|\([A-Z][\w&.’'-]*(?: [A-Z][\w&.’'-]*){0,3}\)(?:\s*(?:--|—|–|-)\s*|(?=[A-Z“\"])))"
)
_CAPS_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Z .,’'-]{2,40}?)\s+(?:--|—|–)\s+(?=[A-Z])")


@dataclass(frozen=True)
class Page:
    """A cleaned page: the title if known, where it was filed, and the body paragraphs."""

    title: str | None
    dateline: str | None
    body: str


def _norm(line: str) -> str:
    return re.sub(r"\W+", " ", line).strip().casefold()


def _is_title_like(line: str) -> bool:
    """A short line without a sentence end: a headline, label or subheading."""
    return len(line.split()) <= 25 and not _END_PUNCT.search(line)


def _is_credit(line: str) -> bool:
    return bool(_CREDIT.match(line) or _PHOTO_LINE.match(line))


def _teaser_start(lines: list[str]) -> int:
    """Index where a trailing list of other stories ("Read More", "[…]") begins."""
    marks = [i for i, ln in enumerate(lines) if _READ_MORE.match(ln) or _TRUNCATED.search(ln)]
    if not marks:
        return len(lines)
    start = marks[0]
    while start > 0:
        prev = lines[start - 1]
        teaserish = (
            _is_title_like(prev)
            or _TRUNCATED.search(prev)
            or _CREDIT_PREFIX.match(prev)
            or _is_credit(prev)
        )
        if not teaserish:
            break
        start -= 1
    return start


def _strip_prefixes(line: str) -> tuple[str, str | None]:
    """Drop a leading byline or agency tag from the first body line; return its dateline."""
    line = _DAILY_MAIL_BYLINE.sub("", line)
    line = _LEADING_BYLINE.sub("", line)
    for pattern in (_AGENCY_DATELINE, _CAPS_DATELINE):
        m = pattern.match(line)
        if m:
            place = (m.group("place") or "").strip(" ,") or None
            return line[m.end() :], place
    return line, None


def clean_page(text: str, title: str | None = None) -> Page:
    """The article inside a scraped page; `title` is used when the caller knows it."""
    raw = [ln.strip() for ln in _WS.sub(" ", text).replace("\r\n", "\n").split("\n")]
    lines = [ln for ln in raw if ln]
    if title is None and len(lines) > 1 and _is_title_like(lines[0]):
        title = lines[0]
    lines = lines[: _teaser_start(lines)]
    title_key = _norm(title) if title else None
    body: list[str] = []
    dateline = None
    for i, line in enumerate(lines):
        if title_key and _norm(line) == title_key:
            continue
        if _is_credit(line) or _BOILERPLATE.match(line):
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if nxt and _CREDIT.match(nxt) and not _CAPTION_CUE.match(line):
            continue  # a photo caption stands right above its credit line
        if _CAPTION_CUE.match(line):
            continue
        if not body:
            line, dateline = _strip_prefixes(line)
            if not line:
                continue
        body.append(line)
    return Page(title=title, dateline=dateline, body="\n".join(body))


def is_furniture(sentence: str) -> bool:
    """A sentence the page adds around the story: credits, prompts, "Read more: …" links."""
    return bool(_FURNITURE_SENTENCE.search(sentence))
