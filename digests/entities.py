"""Who an article names: people, organisations and places, merged and ranked by salience."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from math import sqrt
from typing import NamedTuple

from digests.gazetteer import is_known_organization, is_place, place_of_adjective
from digests.model import Entity, EntityKind


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of a word list written out as text."""
    return frozenset(text.split())


# --- Capitalised runs -------------------------------------------------------------------------

# Typographic marks, as escapes so that no one mistakes them for their ASCII look-alikes.
_LSQUO, _RSQUO, _LDQUO, _RDQUO, _EN_DASH, _EM_DASH = "\u2018\u2019\u201c\u201d\u2013\u2014"
_APOSTROPHES = "'" + _RSQUO
_POSSESSIVES = ("'s", _RSQUO + "s")

_UPPER = "".join(c for c in map(chr, range(0x41, 0x530)) if c.isupper())
_LETTER = r"[^\W\d_]"
_ABBREVIATIONS = _words(
    """
    Mr Mrs Ms Dr St Sen Rep Gov Gen Lt Col Capt Sgt Cpl Maj Adm Cmdr Prof Rev Det Insp Supt Pvt
    Jr Sr Mt Ft Hon Atty
    """
)


def _abbreviation_dot() -> str:
    """A full stop that ends one of _ABBREVIATIONS ("Mr.", "Sen."): one look-behind per length.

    The stop comes first, so that the look-behinds are tried only after a word with a stop.
    """
    by_length: dict[int, list[str]] = {}
    for abbreviation in sorted(_ABBREVIATIONS):
        by_length.setdefault(len(abbreviation), []).append(rf"\b{abbreviation}\.")
    behind = "|".join(f"(?<={'|'.join(group)})" for group in by_length.values())
    return rf"(?:\.(?:{behind}))?"


# A capitalised word, initials ("U.S.", "W.") or a dotted abbreviation; it never runs on into
# digits, a hyphen or another dotted word: "Su-25", "Iskander-M" and "U.S.-led" are no tokens.
# Each starts with its capital letter so that the regex engine can skip ahead to capitals fast.
_TOKEN_TAIL = (
    rf"(?:\.(?:[{_UPPER}]\.)*|{_LETTER}*(?:[{_APOSTROPHES}]{_LETTER}+)*(?:-{_LETTER}{{2,}})*(?:&{_LETTER}+)?"
    rf"{_abbreviation_dot()})(?![\w-]|\.\w)"
)
_FIRST_TOKEN = rf"[{_UPPER}](?<![\w{_APOSTROPHES}.-][{_UPPER}]){_TOKEN_TAIL}"
_TOKEN = rf"(?:(?:al|el|as|ad|ar|an|ash)-)?[{_UPPER}]{_TOKEN_TAIL}"
_CONNECTOR = (
    r"(?:of(?: the)?|for|de|del|della|di|da|do|dos|du|der|den|van|von|la|le|bin|ibn|al|y|&)"
)
_RUN = re.compile(rf"{_FIRST_TOKEN}(?:(?: {_CONNECTOR})? {_TOKEN})*")

# "WASHINGTON (Reuters) - ", "Ferguson, Missouri (CNN)": a dateline and its agency credit.
_DATELINE = re.compile(
    r"[ \t]*(?P<place>[A-Z][^()\n]{0,60}?)?[ \t]*\([A-Z][\w .&'-]{0,30}\)"
    rf"(?:[ \t]*[-{_EN_DASH}{_EM_DASH}]+[ \t]*|(?=\S))"
)
_DATELINE_PART = re.compile(rf"[A-Z][^\W\d_]*(?:[ .{_APOSTROPHES}-]+[A-Z][^\W\d_]*)*\.?")
_APPOSITIVE = re.compile(
    rf", (?:the |a |an )?([^,.;:()\"{_LDQUO}{_RDQUO}\n]{{2,80}}?)(?=[,;:\n]|\.(?!\w)|$)"
)
_LOOKBACK_WORD = re.compile(r"\S+")

# --- Word lists -------------------------------------------------------------------------------

_STOP = _words(
    """
    The A An In At On Of For To By With From As Into About After Before During Since Until Over
    Under Between Among Through Across Against Without Within Inside Outside Near Around Behind
    Beyond Despite Following Including According Amid Upon Via Per Like Unlike Unless Than
    He She It They We I You His Her Its Their Our My Your Him Them Me It's He's She's They're
    We're I'm I'll I've I'd You're That's There's Here's What's Let's Don't Didn't Can't Won't
    Isn't Wasn't But And Or Nor So Yet If When While Whilst Although Though Because Whether Once
    Then Now Today Tonight Yesterday Tomorrow Here There This That These Those What Which Who Whom
    Whose Where Why How However Meanwhile Moreover Furthermore Still Also Even Just Only Some Many
    Most More Much Few All Both Each Every Any No Not None Other Another Such Several Either
    Neither One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Twenty Thirty Forty
    Fifty Hundred Hundreds Thousand Thousands Million Millions Billion Dozens Dozen First Second
    Third Fourth Fifth Last Next Latest Later Earlier Yes Oh Please Thanks Thank Sorry Well Indeed
    Instead Perhaps Maybe Surely Certainly Clearly Already Again Ever Never Always Often Sometimes
    Soon Finally Eventually Currently Recently Is Are Was Were Be Been Being Has Have Had Do Does
    Did Will Would Can Could Should Shall Might Must Read Watch Click Photo Photos Video Related
    Updated Published Source Sources Share Image Images Note Dear Hi Hello Mostly Overall Nearly
    Almost Everyone Everything Nobody Nothing Someone Something Anyone Anything Whatever Whoever
    Former Early Late
    """
)
_WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
_TEMPORAL = _WEEKDAYS | _words(
    """
    January February March April May June July August September October November December Jan
    Feb Aug Sept Sep Oct Nov Dec Christmas Easter Ramadan Thanksgiving Halloween
    """
)
_SKIP_RUNS = _STOP | _TEMPORAL
_HONORIFICS = _words("mr mrs ms miss mx dr sir dame lord lady madam mme herr")
# Titles that, written before a name, make it a person and give its role: "President Putin".
_TITLES = _words(
    """
    president president-elect vice minister premier chancellor senator sen rep representative
    congressman congresswoman governor gov mayor judge justice coach manager spokesman
    spokeswoman spokesperson secretary secretary-general ambassador envoy chairman chairwoman
    chairperson ceo cfo coo director director-general commissioner chief officer sheriff
    detective det sergeant sgt lieutenant lt captain capt colonel col general gen major maj
    admiral adm commander cmdr corporal cpl private pvt marshal inspector insp superintendent supt
    constable trooper agent professor prof king queen prince princess duke duchess earl emperor
    empress pope cardinal archbishop bishop rabbi imam reverend rev pastor sheikh ayatollah emir
    sultan leader speaker deputy attorney prosecutor dean councillor councilor councilman
    councilwoman alderman lawmaker treasurer executive founder co-founder atty hon
    """
)
# Nouns that, right before a name or in an appositive after it, make a role: "analyst Jo Li".
_ROLE_NOUNS = _TITLES | _words(
    """
    chair vice-president head boss owner lawyer counsel solicitor barrister striker midfielder
    defender goalkeeper forward quarterback pitcher batsman bowler winger player champion actor
    actress singer songwriter singer-songwriter rapper musician guitarist drummer star comedian
    filmmaker producer reporter correspondent journalist editor columnist anchor host presenter
    author writer novelist poet designer architect artist photographer astronaut pilot legislator
    politician candidate nominee principal auditor administrator regulator official adviser
    advisor aide assistant negotiator mediator activist campaigner organizer organiser
    entrepreneur investor banker trader teacher student doctor surgeon nurse physician
    psychologist engineer consultant partner chef economist analyst expert strategist historian
    scientist researcher lecturer diplomat priest cleric magistrate referee umpire fan
    """
)
# Words that, before a name inside a run, end what comes before it: "Mr", "President", "actor".
_NAME_OPENERS = _ROLE_NOUNS | _HONORIFICS
# Words that may stand inside a role before its noun: "former deputy foreign minister".
_ROLE_MODIFIERS = _words(
    """
    former deputy vice acting interim senior junior chief executive general managing assistant
    associate foreign interior defense defence finance justice health education energy trade
    prime state federal national regional local police fire team club party opposition
    government company campaign communications press security safety public military army navy
    intelligence majority minority republican democratic conservative liberal labour top lead
    then longtime veteran retired outgoing incoming new world tennis football soccer basketball
    baseball golf cricket rugby boxing hockey rock pop film music television tv radio news
    technology tech business financial legal medical university college school city county
    council district senior first co
    """
)
_ORG_CUES = _words(
    """
    Ministry Department Dept Council Party Inc Corp Corporation Co Ltd LLC Plc PLC plc Group Bank
    University College School Institute Institution Academy Association Agency Authority
    Commission Committee Federation Union Club Court Police FC United Airlines Airways News Times
    Post Journal Herald Tribune Telegraph Gazette Chronicle Guardian Observer Magazine Press
    Network Networks Broadcasting Television TV Radio Channel Foundation Fund Trust Society
    Organization Organisation Administration Service Services Office Bureau Patrol Guard Army
    Navy Force Forces Corps Command Company Holdings Industries Motors Technologies Technology
    Systems Labs Laboratories Pharmaceuticals Pharma Hospital Clinic Church Museum Gallery Cabinet
    Government Board Reserve Exchange League Brigade Brigades Movement Front Coalition Alliance
    Centre Center Studios Records Entertainment Media Energy Petroleum Railways Railway Hall
    Theatre Theater Congress Senate Assembly Parliament Secretariat Directorate Tribunal
    Enterprises Capital Partners Investments Bancorp Financial Insurance Electric Steel Mining
    Telecom Communications Software Brands Stores Mission Ministries Institutes Universities
    Agencies Commissioners Unit Squad Team Lines State Affairs Laboratory Battalion Regiment
    Division Squadron Fleet Operations Solutions
    """
)
_ORG_CUE_FORMS = _ORG_CUES | {cue + "s" for cue in _ORG_CUES}
_PLACE_SUFFIXES = _words(
    """
    County Province Prefecture District Region River Lake Island Islands Isles Mountain Mountains
    Valley Desert Bay Gulf Sea Ocean Peninsula Strait Straits Canal Coast Street Avenue Road
    Boulevard Square Bridge Airport Station Beach Heights Harbor Harbour Falls Springs Hills
    Glacier Reef Forest Canyon Borough Township Village Plaza Highway Freeway States Streets
    Avenues Roads Stadium Arena Creek Quarter Way Drive Lane Parkway Terrace Site
    """
)
_PLACE_PREFIXES = _words("Mount Mt. Lake Cape Port Fort Ft. San Santa Camp Isle River St St. Saint")
# Words that name events, laws or works rather than who: "Paris Fashion Week", "World Cup".
_EVENT_WORDS = _words(
    """
    Week Cup Games Olympics Olympic Paralympics Open Championship Championships Festival Awards
    Award Prize Marathon War Day Show Ceremony Summit Conference Series Tour Prix Bowl Derby
    Classic Trophy Election Elections Act Treaty Accord Agreement Program Programme Project Plan
    Index Report Oscars Grammys Emmys Globes Era Age Revolution Crisis Spring Flight Cyclone
    Hurricane Typhoon Storm Rights Reserved Record
    """
)
_EVENT_FORMS = _EVENT_WORDS | {word + "s" for word in _EVENT_WORDS}
# Words that never open a person's name, though capitalised: "North African", "Black Hawk".
_NON_NAME = _words(
    """
    North South East West Northern Southern Eastern Western Central Middle New Old Great Grand
    Greater Upper Lower High Low Big Little Black White Red Blue Golden Royal National
    International Global Federal State Supreme Holy Air Star Super World Fashion Film Music Rock
    Pop Jazz Real Annual Daily Weekly Democratic Republican Conservative Liberal Labour Socialist
    Communist Islamic Christian Catholic Jewish Muslim Buddhist Hindu Orthodox Protestant Sunni
    Shia Shiite Arab Latino Hispanic Native Indigenous Internet Web Twitter Facebook Instagram
    Google Apple Microsoft Amazon Netflix Operation Code Project Team Man Men Woman Women Boy
    Girl Baby Dr Doctor Saint Christ God Lord Allah Jesus Happy Merry Dear Welcome Breaking
    Exclusive Live Update Special Top Best True Hebrew Arabic Latin La Le Les Los Las El Il
    Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho
    Sigma Tau Upsilon Phi Chi Psi Omega Athletic Atletico Sporting Racing Olympique Dynamo
    """
)
# Words that stand in no one's name at all: "Hardline Hindu".
_NEVER_NAME = _words(
    """
    Hindu Muslim Jewish Christian Catholic Islamic Buddhist Sikh Sunni Shia Shiite Arab Latino
    Hispanic Hebrew Arabic Orthodox Protestant Evangelical Democratic Republican Socialist
    Communist Liberal Conservative Federal National International Global Royal Imperial
    """
)
# Endings of English words that are not given names ("Becoming Jane", "Social Behavior"), and
# the given names that have them.
_WORD_ENDINGS = tuple(
    sorted(_words("ing ous ment ness ism ical cial tial ional ative ated ized ised ities ship"))
)
_NAMES_LIKE_WORDS = _words("Sterling Irving Channing Manning Fielding Harding Ming Jing")
# Titles and role nouns that are also surnames: "Stephen King", "John Major", "Gary Player".
_SURNAMES_LIKE_TITLES = _words(
    """
    King Major Dean Bishop Judge Pope Prince Duke Cardinal Marshal Chancellor Constable Singer
    Player Banker Doctor Host Pilot Star Agent Partner Counsel Head Chair Speaker Forward Writer
    """
)
_NOT_IN_NAMES = _STOP | _TEMPORAL | _EVENT_WORDS | _ORG_CUES | _NEVER_NAME
_PARTICLES = _words("de del della di da do dos du der den van von la le bin ibn al y")
_CONNECTORS = frozenset({"of", "for", "the", "&"})
_ROMAN = _words("II III IV VI VII VIII IX XI XII")
_COMMON_ABBREVIATIONS = _ROMAN | _words(
    """
    OK TV PC DNA HIV AIDS DVD CD CEO CFO COO CTO GDP UFO USB SUV PDF FAQ DIY VIP RIP LOL OMG ID IQ
    AM PM GPS HD DJ MP MVP IT AI VR EV IPO ATM SMS MRI ICU ER PR HR
    """
)
_OPEN_QUOTES = frozenset(f"\"'{_LDQUO}{_LSQUO}")
_CLOSE_QUOTES = frozenset(f"\"'{_RDQUO}{_RSQUO}")
_NAME_END_PUNCTUATION = _CLOSE_QUOTES | frozenset(",;:)!?")
_NAME_OPEN_PUNCTUATION = _OPEN_QUOTES | {"("}
_OPENING = f" (-{_EN_DASH}{_EM_DASH}" + "".join(_OPEN_QUOTES)
_APPOSITIVE_BREAKERS = _words(
    "said says told is was were are has have had who which that will would did does"
)
_PREPOSITIONS = _words("of for at in with on to from")

# --- Salience ---------------------------------------------------------------------------------

_TITLE = -1  # the sentence number of a mention in the title
_KIND_FACTOR = {EntityKind.PERSON: 3.0, EntityKind.ORGANIZATION: 2.0, EntityKind.PLACE: 1.0}
_KIND_RANK = {EntityKind.PERSON: 0, EntityKind.ORGANIZATION: 1, EntityKind.PLACE: 2}
_MAX_ROLE_WORDS = 8
_ROLE_BEFORE = -1
_NO_ROLE = -2


class _Reading(NamedTuple):
    """What a piece of a run names, worked out from its words alone, so it can be cached."""

    text: str
    kind: EntityKind | None
    name_at: int = 0
    name: str = ""
    titled: bool = False
    role: bool = False
    prefix: tuple[str, EntityKind] | None = None
    parts: tuple[tuple[int, _Reading], ...] = ()
    droppable: bool = False


@dataclass(frozen=True, slots=True)
class _Article:
    """The sentences joined by newlines (no run crosses one), where each starts, the mentions."""

    text: str
    starts: list[int]
    mentions: list[_Mention]


@dataclass(slots=True)
class _Mention:
    """One naming of a candidate in a sentence; kind None is a lone word not yet resolved.

    `role_from` says where a role may be read: from a title starting at that offset, from
    the words before the name (_ROLE_BEFORE), or not at all (_NO_ROLE, after an honorific).
    """

    name: str
    kind: EntityKind | None
    sentence: int
    start: int
    role_from: int = -1


@dataclass(slots=True)
class _Candidate:
    """Everything gathered about one entity: its name, kind and mentions."""

    name: str
    kind: EntityKind
    mentions: list[_Mention] = field(default_factory=list)
    first: int = 1 << 62
    weight: float = 0.0

    def add(self, mention: _Mention) -> None:
        self.mentions.append(mention)
        self.weight += _weight(mention.sentence)
        if mention.start < self.first and mention.sentence != _TITLE:
            self.first = mention.start
        if self.name.isupper() and not mention.name.isupper():
            self.name = mention.name

    def absorb(self, other: _Candidate) -> None:
        self.mentions.extend(other.mentions)
        self.weight += other.weight
        self.first = min(self.first, other.first)

    def score(self) -> float:
        """Mention weights summed, damped by the square root of their count, times the kind's.

        Repeats add salience ever more slowly; a person outweighs a place named as often.
        """
        return _KIND_FACTOR[self.kind] * self.weight / sqrt(len(self.mentions))

    def role(self, article: _Article) -> str | None:
        """The role the earliest mention that gives one gives, for a person; else None."""
        if self.kind is not EntityKind.PERSON:
            return None
        for mention in sorted(self.mentions, key=lambda m: m.start):
            if mention.sentence == _TITLE:
                continue
            role = _role_of(article.text, article.starts[mention.sentence], mention)
            if role:
                return role
        return None


# --- Public -----------------------------------------------------------------------------------


def extract_entities(title: str | None, sentences: Sequence[str], limit: int = 12) -> list[Entity]:
    """People, organisations and places the article names, most salient first."""
    if limit <= 0 or not sentences:
        return []
    starts = [0]
    for sentence in sentences[:-1]:
        starts.append(starts[-1] + len(sentence) + 1)
    mentions: list[_Mention] = []
    article = _Article(_take_dateline("\n".join(sentences), mentions), starts, mentions)
    _scan(article)
    candidates = _resolve(mentions)
    if title:
        _count_title(title, candidates)
    scored = [(-c.score(), _KIND_RANK[c.kind], c.first, c) for c in candidates]
    scored.sort(key=lambda item: item[:3])
    return [Entity(c.name, c.kind, c.role(article)) for *_, c in scored[:limit]]


# --- Scanning ---------------------------------------------------------------------------------


def _take_dateline(text: str, mentions: list[_Mention]) -> str:
    """Record a leading dateline's places and blank it and its agency credit out."""
    match = _DATELINE.match(text)
    if match is None:
        return text
    place = match.group("place")
    if place:
        offset = match.start("place")
        for part in _DATELINE_PART.finditer(place):
            if not any(word in _TEMPORAL for word in part.group().split()):
                mentions.append(_Mention(part.group(), EntityKind.PLACE, 0, offset + part.start()))
    return " " * match.end() + text[match.end() :]


def _scan(article: _Article) -> None:
    """Find the capitalised runs of the article and turn them into mentions."""
    text, starts = article.text, article.starts
    matches = list(_RUN.finditer(text))
    index, next_start = -1, 0
    for number, match in enumerate(matches):
        run = match.group()
        if run in _SKIP_RUNS:
            continue
        start, end = match.span()
        while start >= next_start:
            index += 1
            next_start = starts[index + 1] if index + 1 < len(starts) else len(text) + 1
        before_place = (
            text.startswith(", ", end)
            and number + 1 < len(matches)
            and matches[number + 1].start() == end + 2
            and is_place(matches[number + 1].group())
        )
        quoted = start > 0 and text[start - 1] in _OPEN_QUOTES and _closes_quote(text, end)
        for offset, reading in _readings(run):
            _record(article, index, start + offset, reading, before_place, quoted)


def _closes_quote(text: str, end: int) -> bool:
    """Whether a quote closes right at `end`, or after one punctuation mark: "Mad Men," """
    return text[end : end + 1] in _CLOSE_QUOTES or text[end + 1 : end + 2] in _CLOSE_QUOTES


def _record(
    article: _Article, index: int, start: int, reading: _Reading, before_place: bool, quoted: bool
) -> None:
    """Turn the reading of a piece at `start` into mentions, with what the sentence adds."""
    if reading.droppable and (
        reading.text.count(" ") > 1 or _is_initial(article.text, article.starts[index], start)
    ):
        first = reading.text.split(" ", 1)[0]
        if f" {first.lower()} " in article.text:
            rest = _read(reading.text[len(first) + 1 :])
            _record(article, index, start + len(first) + 1, rest, before_place, quoted)
            return
    for offset, part in reading.parts:
        _record(article, index, start + offset, part, False, quoted)
    mentions = article.mentions
    if reading.prefix is not None:
        mentions.append(_Mention(reading.prefix[0], reading.prefix[1], index, start))
    if not reading.name:
        return
    kind = reading.kind
    if before_place and not reading.titled and kind is not EntityKind.ORGANIZATION:
        kind = EntityKind.PLACE
    if quoted and kind is EntityKind.PERSON and not reading.titled:
        return
    role_from = _NO_ROLE if reading.titled and not reading.role else _ROLE_BEFORE
    if reading.role:
        role_from = start
    mentions.append(_Mention(reading.name, kind, index, start + reading.name_at, role_from))


def _is_initial(text: str, sentence_start: int, start: int) -> bool:
    """Whether `start` opens its sentence, but for quotes and brackets."""
    return start - sentence_start <= 3 and not text[sentence_start:start].strip(_OPENING)


@lru_cache(maxsize=1 << 16)
def _readings(run: str) -> tuple[tuple[int, _Reading], ...]:
    """The pieces of a run, each with where it starts and what it names."""
    if "-" in run or "'" in run or _RSQUO in run:
        pieces = _pieces(run)
    elif " " not in run:  # one plain word, the commonest run
        return ((0, _read(run)),)
    else:  # no possessive and no hyphenated word to split at
        tokens = run.split(" ")
        start = 0
        while start < len(tokens) and tokens[start] in _SKIP_RUNS:
            start += 1
        piece = _joined(tokens[start:])
        pieces = [(len(" ".join(tokens[:start])) + bool(start), piece)] if piece else []
    return tuple((offset, _read(piece)) for offset, piece in pieces)


def _pieces(run: str) -> list[tuple[int, str]]:
    """Split a run at possessives and hyphenated modifiers, trimming function words off the ends."""
    pieces: list[tuple[int, str]] = []
    tokens: list[str] = []
    offset = piece_start = 0
    for token in run.split(" "):
        word = token[:-2] if token.endswith(_POSSESSIVES) else token
        if "-" in word and word.rsplit("-", 1)[1][:1].islower():
            pieces.append((piece_start, _joined(tokens)))
            tokens, piece_start = [], offset + len(token) + 1
        elif not tokens and word in _SKIP_RUNS:
            piece_start = offset + len(token) + 1
        else:
            tokens.append(word)
        if word is not token:
            pieces.append((piece_start, _joined(tokens)))
            tokens, piece_start = [], offset + len(token) + 1
        offset += len(token) + 1
    pieces.append((piece_start, _joined(tokens)))
    return [(at, piece) for at, piece in pieces if piece]


def _joined(tokens: list[str]) -> str:
    """The words of a piece as written, without trailing weekdays and connectors."""
    while tokens and (tokens[-1] in _WEEKDAYS or tokens[-1] in _CONNECTORS):
        tokens = tokens[:-1]
    return " ".join(tokens)


@lru_cache(maxsize=1 << 16)
def _read(piece: str) -> _Reading:
    """What a piece of a run names, from its words alone."""
    tokens = piece.split(" ")
    several = len(tokens) > 1
    titled = _read_titled(tokens) if several else None
    if titled is not None:
        return titled
    kind = _classify(tokens, piece)
    parts: tuple[tuple[int, _Reading], ...] = ()
    prefix = None
    if kind is None and several:
        if "of" in tokens or "for" in tokens:
            parts = tuple((at, _read(part)) for at, part in _parts(piece))
        else:  # "Germanwings Flight", "Boston Marathon": who or where it opens with
            prefix = _named_in_role(tokens[:-1])
            if (
                prefix is not None
                and _is_acronym(prefix[0])
                and not is_known_organization(prefix[0])
            ):
                prefix = None  # "ROLL CALL", "AJ Pero": no acronym for anyone
    return _Reading(
        piece,
        kind,
        name="" if kind is None and several else piece,
        prefix=prefix,
        parts=parts,
        droppable=several and (kind is None or kind is EntityKind.PERSON),
    )


def _parts(piece: str) -> list[tuple[int, str]]:
    """The stretches of a piece between "of", "for" and "the": "Minister", "Foreign Affairs"."""
    parts: list[tuple[int, str]] = []
    offset = part_start = 0
    for token in [*piece.split(" "), "of"]:
        if token in _CONNECTORS:
            if offset > part_start:
                parts.append((part_start, piece[part_start : offset - 1]))
            part_start = offset + len(token) + 1
        offset += len(token) + 1
    return parts


def _read_titled(tokens: list[str]) -> _Reading | None:
    """Read "Russian President Vladimir Putin": a person, a role, and whatever the role names."""
    lowered = [token.lower().rstrip(".") for token in tokens]
    if _NAME_OPENERS.isdisjoint(lowered):
        return None
    titles = [i for i, word in enumerate(lowered) if word in _NAME_OPENERS]
    name_tokens: list[str] = []
    for title in reversed(titles):
        name_tokens = _name_after_title(tokens[title + 1 :])
        # A role noun that is no title ("actor") only stands before a full name.
        full = len(name_tokens) > 1 or _is_title_word(tokens[title])
        if name_tokens and full and _is_name_like(name_tokens):
            break
        name_tokens = []
    if not name_tokens:
        return None
    role_tokens = tokens[: len(tokens) - len(name_tokens)]
    return _Reading(
        " ".join(tokens),
        EntityKind.PERSON,
        name_at=len(" ".join(role_tokens)) + 1,
        name=" ".join(name_tokens),
        titled=True,
        role=not all(token.lower().rstrip(".") in _HONORIFICS for token in role_tokens),
        prefix=_named_in_role(_strip_modifiers(tokens[: titles[0]])),
    )


def _named_in_role(tokens: list[str]) -> tuple[str, EntityKind] | None:
    """The organisation or place some words open with: "U.S. Treasury" -> "U.S.", a place."""
    for size in range(len(tokens), 0, -1):
        name = " ".join(tokens[:size])
        kind = _classify(tokens[:size], name)
        if kind is EntityKind.PLACE or kind is EntityKind.ORGANIZATION:
            return name, kind
    return None


def _is_title_word(token: str) -> bool:
    """A title or honorific: "President", "Sen.", "Mr"."""
    word = token.lower().rstrip(".")
    return word in _TITLES or word in _HONORIFICS


def _is_role_noun(token: str) -> bool:
    """A title or role noun, or its plural: "Minister", "Magistrates"."""
    word = token.lower().rstrip(".")
    return word in _ROLE_NOUNS or (word.endswith("s") and word[:-1] in _ROLE_NOUNS)


def _is_role_word(token: str) -> bool:
    """A title, role noun or role modifier, or its plural: "Minister", "Veterans", "Deputy"."""
    word = token.lower().rstrip(".")
    singular = word[:-1] if word.endswith("s") else word
    return any(
        form in _ROLE_NOUNS or form in _ROLE_MODIFIERS or form in _HONORIFICS
        for form in (word, singular)
    )


def _name_after_title(rest: list[str]) -> list[str]:
    """The name after a title: all of it, or its last two or three words after "of"."""
    if not rest or rest[0] not in _CONNECTORS:
        return rest
    size = 3 if len(rest) > 3 and (rest[-2] in _PARTICLES or rest[-2].endswith(".")) else 2
    after = [token for token in rest if token not in _CONNECTORS]
    return rest[-size:] if len(after) > size else []


def _strip_modifiers(tokens: list[str]) -> list[str]:
    """Drop role words from the end of a role's prefix: "Senate Majority" -> "Senate"."""
    while tokens and (tokens[-1].lower() in _ROLE_MODIFIERS or tokens[-1] in _CONNECTORS):
        tokens = tokens[:-1]
    return tokens


# --- Classifying ------------------------------------------------------------------------------


def _classify(tokens: list[str], name: str) -> EntityKind | None:
    """The kind of a candidate name; None for a lone word or a name that is no entity."""
    if is_place(name) or (name.isupper() and len(name) > 3 and is_place(name.title())):
        return EntityKind.PLACE
    if is_known_organization(name):
        return EntityKind.ORGANIZATION
    if len(tokens) == 1:
        return EntityKind.ORGANIZATION if _is_acronym(name) else None
    cue = not _ORG_CUE_FORMS.isdisjoint(tokens)
    if not cue and not _EVENT_FORMS.isdisjoint(tokens):
        return None
    if cue or "&" in tokens:
        return EntityKind.ORGANIZATION
    if tokens[-1] in _PLACE_SUFFIXES or tokens[0] in _PLACE_PREFIXES:
        return EntityKind.PLACE
    if _is_team(tokens):
        return EntityKind.ORGANIZATION
    return EntityKind.PERSON if _is_name_like(tokens) else None


def _is_acronym(name: str) -> bool:
    """A lone all-capitals word of two to six letters: "NATO", "AT&T"; not initials ("A.J."),
    a shouted word ("YOU") or an everyday abbreviation ("TV", "DNA")."""
    letters = name.replace("&", "")
    return (
        1 < len(letters) < 7
        and letters.isalpha()
        and letters.isupper()
        and name not in _COMMON_ABBREVIATIONS
        and name.capitalize() not in _STOP
    )


def _is_team(tokens: list[str]) -> bool:
    """A place, then words ending in a plural: "Boston Celtics", "Queens Park Rangers"."""
    if not tokens[-1].endswith("s"):
        return False
    return any(is_place(" ".join(tokens[:size])) for size in range(len(tokens) - 1, 0, -1))


def _is_name_like(tokens: list[str]) -> bool:
    """Whether these words could be a person's name: "Alexander Lukashenko", "Obama"."""
    first = tokens[0]
    if (
        first in _NON_NAME
        or _is_role_word(first)
        or (first.lower().endswith(_WORD_ENDINGS) and first not in _NAMES_LIKE_WORDS)
    ):
        return False
    if len(tokens) > 1 and (
        len(first) == 1
        or is_place(first)
        or (_is_role_noun(tokens[-1]) and tokens[-1] not in _SURNAMES_LIKE_TITLES)
    ):
        return False
    core = 0
    for token in tokens:
        if token in _PARTICLES or token.endswith(".") or token in _ROMAN:
            continue
        core += 1
        if (
            not token[:1].isupper()
            or token in _NOT_IN_NAMES
            or place_of_adjective(token) is not None
            or (token.isupper() and len(token) > 1)
        ):
            return False
    name = " ".join(tokens)
    return 0 < core < 5 and not is_place(name) and not is_known_organization(name)


# --- Roles ------------------------------------------------------------------------------------


def _role_start(text: str, start: int, titled: bool, floor: int) -> int:
    """Where the role words right before `start` begin ("former tennis coach"), or `start`.

    The words are read backwards from `start`, no further than `floor`: role nouns, and once
    one is found, modifiers, capitalised words and connectors between capitalised words.
    """
    window_start = max(floor, start - 100)
    words = list(_LOOKBACK_WORD.finditer(text, window_start, start))
    if words and window_start > floor and not text[window_start - 1].isspace():
        words = words[1:]
    role_start, count, previous_capital = start, 0, False
    for match in reversed(words):
        word = match.group()
        if word[-1] in _NAME_END_PUNCTUATION and not word.endswith(_POSSESSIVES):
            break
        if word[0] in _NAME_OPEN_PUNCTUATION or count >= _MAX_ROLE_WORDS:
            break
        lower = word.lower().rstrip(".")
        if lower in _ROLE_NOUNS:
            titled = True
        elif not titled:
            break
        elif lower in _ROLE_MODIFIERS or (word[0].islower() and "-" in word):
            pass
        elif word in _CONNECTORS or word in _PARTICLES:
            if not previous_capital:
                break
        elif not word[0].isupper() or word in _STOP or word in _TEMPORAL:
            break
        previous_capital = word[0].isupper()
        role_start, count = match.start(), count + 1
    while role_start < start and text[role_start:].split(" ", 1)[0] in _CONNECTORS:
        role_start = text.index(" ", role_start) + 1
    return role_start


def _role_of(text: str, floor: int, mention: _Mention) -> str | None:
    """The role the sentence gives a person's mention: a title, words before, or an appositive."""
    role = None
    if mention.role_from >= 0:
        role_start = _role_start(text, mention.role_from, True, floor)
        role = text[role_start : mention.start].rstrip()
    elif mention.role_from == _ROLE_BEFORE:
        role = _role_before(text, mention.start, floor)
    return role or _role_after(text, mention.start + len(mention.name))


def _role_before(text: str, start: int, floor: int) -> str | None:
    """A role written right before an untitled name: "tennis analyst Mary Joe Fernandez"."""
    space = max(text.rfind(" ", floor, start - 1), floor - 1)
    if text[space + 1 : start - 1].lower().rstrip(".") not in _ROLE_NOUNS:
        return None
    role_start = _role_start(text, start, False, floor)
    return text[role_start:start].rstrip() or None


def _role_after(text: str, end: int) -> str | None:
    """An appositive role after a name: ", the chief executive of X," -> that phrase."""
    if text[end : end + 1] != ",":
        return None
    match = _APPOSITIVE.match(text, end)
    if match is None:
        return None
    role = match.group(1).strip()
    words = role.split()
    if len(words) > 10 or any(word in _APPOSITIVE_BREAKERS for word in words):
        return None
    if text[match.end() : match.end() + 1] == "." and (
        words[-1] in _ABBREVIATIONS or len(words[-1]) == 1
    ):
        return None  # cut short at "St." or an initial
    head = words
    for at, word in enumerate(words):
        if word in _PREPOSITIONS:
            head = words[:at]
            break
    return role if head and _is_role_noun(head[-1]) else None


# --- Merging and salience ---------------------------------------------------------------------


def _weight(sentence: int) -> float:
    """A mention counts more the earlier it comes: 2 in the title or first sentence, towards 1."""
    return 1.0 + 1.0 / (1 + max(sentence, 0))


def _resolve(mentions: list[_Mention]) -> list[_Candidate]:
    """Merge mentions into entities: surnames join full names, lone unknown words drop."""
    full_names: list[_Mention] = []
    named: list[tuple[_Mention, EntityKind]] = []
    lone_words: list[_Mention] = []
    for mention in mentions:
        kind = mention.kind
        if kind is None:
            lone_words.append(mention)
        elif kind is EntityKind.PERSON and " " in mention.name:
            full_names.append(mention)
        else:
            named.append((mention, kind))
    candidates: dict[str, _Candidate] = {}
    for mention in full_names:
        _add(candidates, mention, EntityKind.PERSON)
    _merge_parts(candidates)
    surnames: dict[str, list[_Candidate]] = {}
    forenames: dict[str, list[_Candidate]] = {}
    for candidate in candidates.values():
        words = candidate.name.split()
        surnames.setdefault(words[-1], []).append(candidate)
        forenames.setdefault(words[0], []).append(candidate)
    for mention, kind in named:
        person = None
        if kind is not EntityKind.ORGANIZATION and " " not in mention.name:
            person = _person_for(mention, surnames, forenames)
        if person is not None:
            person.add(mention)
        else:
            _add(candidates, mention, kind)
    for mention in lone_words:
        person = _person_for(mention, surnames, forenames)
        if person is None:
            person = candidates.get(mention.name.lower())
        if person is not None:
            person.add(mention)
    return list(candidates.values())


def _add(candidates: dict[str, _Candidate], mention: _Mention, kind: EntityKind) -> None:
    key = mention.name.lower()
    candidate = candidates.get(key)
    if candidate is None:
        candidate = candidates[key] = _Candidate(mention.name, kind)
    candidate.add(mention)


def _merge_parts(candidates: dict[str, _Candidate]) -> None:
    """Fold a full name into a longer one it starts or ends: "Joe Fernandez" -> "Mary Joe ..."."""
    longer: dict[str, _Candidate] = {}
    for candidate in sorted(candidates.values(), key=lambda c: len(c.name)):
        words = candidate.name.split()
        for size in range(2, len(words)):
            longer[" ".join(words[:size])] = longer[" ".join(words[-size:])] = candidate
    for key, candidate in list(candidates.items()):
        if (whole := longer.get(candidate.name)) is not None:
            whole.absorb(candidate)
            del candidates[key]


def _person_for(
    mention: _Mention,
    surnames: dict[str, list[_Candidate]],
    forenames: dict[str, list[_Candidate]],
) -> _Candidate | None:
    """The person a lone word names: by surname, else by a forename only one person has."""
    options = surnames.get(mention.name)
    if options is None:
        options = forenames.get(mention.name)
        return options[0] if options is not None and len(options) == 1 else None
    if len(options) == 1:
        return options[0]
    return max(options, key=lambda person: _latest_before(person, mention.sentence))


def _latest_before(person: _Candidate, sentence: int) -> int:
    """The last sentence at or before `sentence` giving the person's full name, else -1."""
    return max(
        (m.sentence for m in person.mentions if m.sentence <= sentence and m.name == person.name),
        default=-1,
    )


def _count_title(title: str, candidates: list[_Candidate]) -> None:
    """Give every entity the title names (a person by surname too) a heavy extra mention."""
    shouting = title.isupper()
    for candidate in candidates:
        names = [candidate.name]
        if candidate.kind is EntityKind.PERSON and " " in candidate.name:
            names.append(candidate.name.rsplit(" ", 1)[1])
        if any(_has_word(title, name.upper() if shouting else name) for name in names):
            candidate.add(_Mention(candidate.name, candidate.kind, _TITLE, -1))


def _has_word(text: str, word: str) -> bool:
    """Whether `word` occurs in `text` as a whole word."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not text[at - 1].isalnum()) and (
            end == len(text) or not text[end].isalnum()
        ):
            return True
        at = text.find(word, at + 1)
    return False
