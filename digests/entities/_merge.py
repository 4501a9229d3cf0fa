"""Merge mentions into candidate entities and weigh them: surnames join full names."""

from __future__ import annotations

from dataclasses import dataclass, field
from math import sqrt

from digests.entities._lexicon import CONNECTORS, DIVISIONS
from digests.entities._mentions import ArticleText, Mention, has_word
from digests.entities._roles import role_of
from digests.model import EntityKind

_TITLE = -1  # the sentence number of a mention in the title
_KIND_FACTOR = {EntityKind.PERSON: 2.0, EntityKind.ORGANIZATION: 1.5, EntityKind.PLACE: 1.0}


@dataclass(slots=True)
class Candidate:
    """Everything gathered about one entity: its name, kind and mentions."""

    name: str
    kind: EntityKind
    mentions: list[Mention] = field(default_factory=list)
    first: int = 1 << 62
    weight: float = 0.0

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        self.weight += _weight(mention.sentence)
        if mention.start < self.first and mention.sentence != _TITLE:
            self.first = mention.start
        if self.name.isupper() and not mention.name.isupper():
            self.name = mention.name

    def absorb(self, other: Candidate) -> None:
        self.mentions.extend(other.mentions)
        self.weight += other.weight
        self.first = min(self.first, other.first)

    def score(self) -> float:
        """Mention weights summed, damped by the square root of their count, times the kind's.

        Repeats add salience ever more slowly; a person outweighs a place named as often.
        """
        return _KIND_FACTOR[self.kind] * self.weight / sqrt(len(self.mentions))

    def leads(self) -> bool:
        """Whether the title, the dateline or the lead sentence names it."""
        return any(m.sentence <= 0 for m in self.mentions)

    def role(self, article: ArticleText) -> str | None:
        """The role the earliest mention that gives one gives, for a person; else None."""
        if self.kind is not EntityKind.PERSON:
            return None
        for mention in sorted(self.mentions, key=lambda m: m.start):
            if mention.sentence == _TITLE:
                continue
            role = role_of(article.text, article.starts[mention.sentence], mention)
            if role:
                return role
        return None


def _weight(sentence: int) -> float:
    """A mention counts more the earlier it comes: 2 in the title or first sentence, towards 1."""
    return 1.0 + 1.0 / (1 + max(sentence, 0))


def resolve(mentions: list[Mention]) -> list[Candidate]:
    """Merge mentions into entities: surnames join full names, lone unknown words drop."""
    full_names: list[Mention] = []
    named: list[tuple[Mention, EntityKind]] = []
    lone_words: list[Mention] = []
    for mention in mentions:
        kind = mention.kind
        if kind is None:
            lone_words.append(mention)
        elif kind is EntityKind.PERSON and " " in mention.name:
            full_names.append(mention)
        else:
            named.append((mention, kind))
    candidates: dict[str, Candidate] = {}
    for mention in full_names:
        _add(candidates, mention, EntityKind.PERSON)
    _merge_parts(candidates)
    surnames: dict[str, list[Candidate]] = {}
    forenames: dict[str, list[Candidate]] = {}
    for candidate in candidates.values():
        words = candidate.name.split()
        surnames.setdefault(words[-1], []).append(candidate)
        forenames.setdefault(words[0], []).append(candidate)
    for mention, kind in named:
        person = None
        if (kind is not EntityKind.ORGANIZATION or mention.guessed) and " " not in mention.name:
            person = _person_for(mention, surnames, forenames)
        if person is not None:
            person.add(mention)
        else:
            _add(candidates, mention, kind)
    _merge_tails(candidates)
    for mention in lone_words:
        person = _person_for(mention, surnames, forenames)
        if person is None:
            person = candidates.get(mention.name.lower())
        if person is not None:
            person.add(mention)
    _merge_aliases(candidates)
    return list(candidates.values())


def _merge_aliases(candidates: dict[str, Candidate]) -> None:
    """Fold the other names of one organisation into its full name: its initials ("BA" for
    "British Airways"), its name run together ("TimeWarner"), its arms ("BBC TV" is the BBC)."""
    aliases: dict[str, list[Candidate]] = {}
    for candidate in candidates.values():
        words = [word for word in candidate.name.split() if word not in CONNECTORS]
        if candidate.kind is EntityKind.ORGANIZATION and len(words) > 1:
            for alias in ("".join(word[0] for word in words), "".join(words)):
                aliases.setdefault(alias.casefold(), []).append(candidate)
    for key, candidate in list(candidates.items()):
        if candidate.kind is not EntityKind.ORGANIZATION:
            continue
        head, _, arm = candidate.name.rpartition(" ")
        if arm in DIVISIONS and " " not in head:
            wholes = [whole] if (whole := candidates.get(head.lower())) else []
        else:
            wholes = [c for c in aliases.get(key.replace(" ", ""), []) if c is not candidate]
        if len(wholes) == 1 and wholes[0].kind is EntityKind.ORGANIZATION:
            wholes[0].absorb(candidate)
            del candidates[key]


def _add(candidates: dict[str, Candidate], mention: Mention, kind: EntityKind) -> None:
    key = mention.name.lower()
    candidate = candidates.get(key)
    if candidate is None:
        candidate = candidates[key] = Candidate(mention.name, kind)
    elif candidate.kind is EntityKind.PLACE and kind is EntityKind.ORGANIZATION:
        candidate.kind = kind  # a town that plays a match is its club
    candidate.add(mention)


def _merge_parts(candidates: dict[str, Candidate]) -> None:
    """Fold a full name into a longer one it starts or ends: "Joe Fernandez" -> "Mary Joe ..."."""
    longer: dict[str, Candidate] = {}
    for candidate in sorted(candidates.values(), key=lambda c: len(c.name)):
        words = candidate.name.split()
        for size in range(2, len(words)):
            longer[" ".join(words[:size])] = longer[" ".join(words[-size:])] = candidate
    for key, candidate in list(candidates.items()):
        if (whole := longer.get(candidate.name)) is not None:
            whole.absorb(candidate)
            del candidates[key]


def _merge_tails(candidates: dict[str, Candidate]) -> None:
    """Fold an organisation into the one longer organisation whose name it ends.

    "Media Council" joins "Ugandan Media Council"; beside "Kenyan Film Board" and "Ugandan
    Film Board", "Film Board" could be either and stays. What stands before the tail has no
    "of" or "for": "Ministry for Primary Industries" is no more "Primary Industries".
    """
    orgs = [(key, c) for key, c in candidates.items() if c.kind is EntityKind.ORGANIZATION]
    longer: dict[str, list[Candidate]] = {}
    for key, candidate in orgs:
        if key.count(" ") > 1:
            words = key.split()
            head = next((at for at, word in enumerate(words) if word in CONNECTORS), len(words))
            for at in range(1, min(head, len(words) - 2) + 1):
                longer.setdefault(" ".join(words[at:]), []).append(candidate)
    if not longer:
        return
    for key, candidate in orgs:
        wholes = longer.get(key)
        if wholes is not None and len(wholes) == 1:
            wholes[0].absorb(candidate)
            del candidates[key]


def _person_for(
    mention: Mention,
    surnames: dict[str, list[Candidate]],
    forenames: dict[str, list[Candidate]],
) -> Candidate | None:
    """The person a lone word names: by surname, else by a forename only one person has."""
    options = surnames.get(mention.name)
    if options is None:
        options = forenames.get(mention.name)
        return options[0] if options is not None and len(options) == 1 else None
    if len(options) == 1:
        return options[0]
    return max(options, key=lambda person: _latest_before(person, mention.sentence))


def _latest_before(person: Candidate, sentence: int) -> int:
    """The last sentence at or before `sentence` giving the person's full name, else -1."""
    return max(
        (m.sentence for m in person.mentions if m.sentence <= sentence and m.name == person.name),
        default=-1,
    )


def count_title(title: str, candidates: list[Candidate]) -> None:
    """Give every entity the title names (a person by surname too) a heavy extra mention."""
    shouting = title.isupper()
    for candidate in candidates:
        names = [candidate.name]
        if candidate.kind is EntityKind.PERSON and " " in candidate.name:
            names.append(candidate.name.rsplit(" ", 1)[1])
        if any(has_word(title, name.upper() if shouting else name) for name in names):
            candidate.add(Mention(candidate.name, candidate.kind, _TITLE, -1))
