"""Resolve speaker mentions to canonical speakers across one article.

Named people and organisations are registered in text order, from the NER entities
and from the speaker mentions. A later partial name ("Shoigu", "Ms. Moore") joins
the entity whose full name it ends or is part of; pronouns go to the most recent
compatible speaker or person; "the ministry" goes to an organisation named earlier
with that word in its name. A mention that resolves to nobody keeps ``name=None``:
a missing name is better than a wrong one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import Lexicon
from .model import Resolution, SpeakerKind, TextSpan

MALE_TITLES = frozenset(
    {"mr", "sir", "lord", "king", "prince", "father", "brother", "congressman", "councilman"}
)
FEMALE_TITLES = frozenset(
    {"mrs", "ms", "miss", "dame", "lady", "queen", "princess", "sister", "congresswoman", "councilwoman"}
)
PERSON_PRONOUN_GENDERS = {"he": "male", "she": "female", "him": "male", "her": "female"}
FIRST_PERSON = frozenset({"i", "we", "me", "us"})
NICKNAME = re.compile(r"\s*[\"“‘][^\"“”‘’]*[\"”’]")
WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][\w'’.\-]*")


@dataclass
class Entity:
    id: str
    kind: SpeakerKind
    name: str | None
    tokens: list[str]  # normalised name tokens, titles removed
    titles: list[str] = field(default_factory=list)
    descriptors: list[str] = field(default_factory=list)
    gender: str | None = None
    mentions: list[TextSpan] = field(default_factory=list)
    quote_ids: list[str] = field(default_factory=list)
    last_seen: int = -1  # character offset of the latest mention
    seen: int = 0  # how many times the article names it


@dataclass(frozen=True, slots=True)
class Mention:
    """A speaker mention or named entity, in article offsets."""

    start: int
    end: int
    text: str
    kind: str  # PERSON, ORG, PRONOUN, NOUN, PROPN
    head: str  # lower-cased head word
    name_start: int | None = None  # where the name proper starts (titles before it)


def _norm(word: str) -> str:
    word = word.strip(".,;:’'").lower()
    return word[:-2] if word.endswith(("'s", "’s")) else word


class Registry:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.entities: list[Entity] = []
        self.recent_speakers: list[tuple[int, Entity, int]] = []  # (offset, entity, paragraph)

    # -- registration ------------------------------------------------------------------
    def _split_titles(self, text: str) -> tuple[list[str], list[str]]:
        words = WORD.findall(text)
        titles: list[str] = []
        while len(words) > 1 and (self.lexicon.is_title(words[0]) or words[0].lower() == "the"):
            titles.append(words.pop(0))
        return titles, words

    def _gender_from(self, titles: list[str], words: list[str]) -> str | None:
        lowered = {_norm(t) for t in titles}
        if lowered & MALE_TITLES:
            return "male"
        if lowered & FEMALE_TITLES:
            return "female"
        if len(words) > 1:
            first = _norm(words[0])
            if first in self.lexicon.male_names and first not in self.lexicon.female_names:
                return "male"
            if first in self.lexicon.female_names and first not in self.lexicon.male_names:
                return "female"
        return None

    def _other_first_name(self, a: list[str], b: list[str]) -> bool:
        """Peter Berg and Anna Berg are two people. Only two known first names tell: "Stated
        Stone" is Roger Stone, and H. Clinton may be Hillary."""
        if len(a) < 2 or len(b) < 2 or a[0] == b[0]:
            return False
        x, y = a[0].rstrip("."), b[0].rstrip(".")
        given = self.lexicon.given_names
        return x in given and y in given and not (x.startswith(y) or y.startswith(x))

    def _find(self, tokens: list[str], kind: SpeakerKind, gender: str | None = None) -> Entity | None:
        if not tokens:
            return None
        wanted = set(tokens)
        matches: list[Entity] = []
        for entity in sorted(self.entities, key=lambda e: -e.last_seen):
            have = set(entity.tokens)
            if not have or (gender and entity.gender not in (None, gender)):
                continue  # "Mr. Obama" is not Michelle Obama
            # NER often calls a lone surname an organisation: a part of a known name still matches.
            if wanted <= have:
                matches.append(entity)
            elif entity.kind is not kind and SpeakerKind.UNKNOWN not in (kind, entity.kind):
                continue
            elif have <= wanted or (
                kind is not SpeakerKind.ORGANIZATION
                and tokens[-1] == entity.tokens[-1]
                and not self._other_first_name(tokens, entity.tokens)
            ):
                matches.append(entity)
        if len(tokens) == 1:
            # A bare surname is a person's before an organisation's: "Trump" is Donald Trump,
            # not Trump University, whatever NER called it.
            people = [e for e in matches if e.kind is SpeakerKind.PERSON and e.tokens[-1] == tokens[0]]
            matches = people or matches
            if len(matches) > 1:
                # A bare surname shared by a family ("Cruz": Ted or Heidi) is the one quoted
                # most, then the one the article names most.
                return max(matches, key=lambda e: (len(e.mentions), e.seen, e.last_seen))
        return matches[0] if matches else None

    def register_name(self, mention: Mention, kind: SpeakerKind) -> tuple[Entity, Resolution]:
        """Add or join a named person or organisation; returns the entity and how it matched."""
        name_text = mention.text
        titles: list[str] = []
        if mention.name_start is not None and mention.name_start > mention.start:
            titles = WORD.findall(mention.text[: mention.name_start - mention.start])
            name_text = mention.text[mention.name_start - mention.start :]
        name_text = NICKNAME.sub("", name_text)  # Marcia “Cia” Price is Marcia Price
        if kind is SpeakerKind.ORGANIZATION:
            words = WORD.findall(name_text)
            if len(words) > 1 and words[0].lower() == "the":
                words = words[1:]  # "The Health Ministry" is named "Health Ministry"
        else:
            more, words = self._split_titles(name_text)
            titles += more
            # A title inside the words ends what comes before the name: "Clinton campaign
            # spokesman Brian Fallon" is Brian Fallon.
            inner = [i for i, w in enumerate(words[:-1]) if self.lexicon.is_title(w)]
            if inner:
                titles += [w for w in words[: inner[-1] + 1] if self.lexicon.is_title(w)]
                words = words[inner[-1] + 1 :]
        if words and _norm(words[-1]) in {"'s", "’s", ""}:
            words = words[:-1]
        tokens = [_norm(w) for w in words if _norm(w)]
        if kind is SpeakerKind.ORGANIZATION and len(tokens) > 1 and tokens[0] in self.lexicon.given_names:
            kind = SpeakerKind.PERSON  # NER's "Director Sam Novak" as an ORG
            more, words = self._split_titles(" ".join(words))
            titles += more
            tokens = [_norm(w) for w in words if _norm(w)]
        entity = self._find(tokens, kind, self._gender_from(titles, words))
        resolution = Resolution.NAME
        if entity is None:
            entity = Entity(
                id="",
                kind=kind,
                name=" ".join(w.removesuffix("'s").removesuffix("’s") for w in words) or None,
                tokens=tokens,
            )
            self.entities.append(entity)
        elif (
            len(tokens) > len(entity.tokens)
            and set(entity.tokens) <= set(tokens)
            and self._fuller(tokens, entity)
        ):
            entity.tokens = tokens  # "Trump" first, "Donald Trump" later: keep the fuller name
            entity.name = " ".join(w.removesuffix("'s").removesuffix("’s") for w in words)
        elif tokens != entity.tokens:
            resolution = Resolution.PARTIAL_NAME
        if entity.kind is SpeakerKind.UNKNOWN and kind is not SpeakerKind.UNKNOWN:
            entity.kind = kind
        for title in titles:
            if title not in entity.titles and title.lower() != "the":
                entity.titles.append(title)
        entity.gender = entity.gender or self._gender_from(titles, words)
        entity.last_seen = max(entity.last_seen, mention.start)
        entity.seen += 1
        return entity, resolution

    def _fuller(self, tokens: list[str], entity: Entity) -> bool:
        """ "Trump", then "Donald Trump": the fuller name wins. "Hillary Clinton", then
        "Crooked Hillary Clinton": words before a known name must start with a first name."""
        if entity.kind is SpeakerKind.ORGANIZATION or tokens[: len(entity.tokens)] == entity.tokens:
            return True
        return tokens[0] in self.lexicon.given_names or entity.tokens[0] not in self.lexicon.given_names

    # -- resolution of a quote's speaker mention ------------------------------------------
    def resolve(self, mention: Mention, paragraph: int) -> tuple[Entity | None, Resolution]:
        head = mention.head
        if mention.kind == "PRONOUN":
            return self._resolve_pronoun(head, mention.start, paragraph)
        if mention.kind in {"PERSON", "ORG", "PROPN"}:
            kind = {
                "PERSON": SpeakerKind.PERSON,
                "ORG": SpeakerKind.ORGANIZATION,
            }.get(mention.kind, SpeakerKind.UNKNOWN)
            if kind is SpeakerKind.UNKNOWN and head in self.lexicon.organization_nouns:
                kind = SpeakerKind.ORGANIZATION
            return self.register_name(mention, kind)
        return self._resolve_descriptor(mention)

    def _resolve_pronoun(self, pronoun: str, at: int, paragraph: int) -> tuple[Entity | None, Resolution]:
        if pronoun in FIRST_PERSON:
            return None, Resolution.UNRESOLVED
        gender = PERSON_PRONOUN_GENDERS.get(pronoun)
        if gender is not None:
            for offset, entity, para in reversed(self.recent_speakers):
                if offset < at and paragraph - para <= 3 and entity.kind is not SpeakerKind.ORGANIZATION:
                    if entity.gender in (None, gender):
                        entity.gender = gender
                        return entity, Resolution.PRONOUN
                    break  # the latest speaker is of the other gender: look at other people
            candidates = [
                e
                for e in self.entities
                if e.kind is not SpeakerKind.ORGANIZATION
                and e.name
                and e.last_seen < at
                and e.gender in (None, gender)
            ]
            if candidates:
                entity = max(candidates, key=lambda e: e.last_seen)
                entity.gender = gender
                return entity, Resolution.PRONOUN
            return None, Resolution.UNRESOLVED
        # they / it: the latest organisation speaker or named organisation nearby.
        for _offset, entity, para in reversed(self.recent_speakers):
            if paragraph - para <= 2 and entity.kind is SpeakerKind.ORGANIZATION:
                return entity, Resolution.PRONOUN
        return None, Resolution.UNRESOLVED

    def _resolve_descriptor(self, mention: Mention) -> tuple[Entity | None, Resolution]:
        head = mention.head
        if head in self.lexicon.organization_nouns:
            orgs = [
                e
                for e in self.entities
                if e.kind is SpeakerKind.ORGANIZATION
                and e.name
                and head in e.tokens
                and e.last_seen < mention.start
            ]
            if orgs:
                return max(orgs, key=lambda e: e.last_seen), Resolution.DESCRIPTOR
        elif self.lexicon.is_title(head) and head not in self.lexicon.anonymous_nouns:
            people = [
                e
                for e in self.entities
                if e.kind is SpeakerKind.PERSON and e.name and head in {_norm(t) for t in e.titles}
            ]
            if people:
                return max(people, key=lambda e: e.last_seen), Resolution.DESCRIPTOR
        return None, Resolution.UNRESOLVED

    def gender_allows(self, entity: Entity, pronoun: str) -> bool:
        gender = PERSON_PRONOUN_GENDERS.get(pronoun)
        if entity.kind is SpeakerKind.ORGANIZATION or entity.gender not in (None, gender):
            return False
        entity.gender = gender
        return True

    def spoke(self, entity: Entity, at: int, paragraph: int) -> None:
        entity.last_seen = max(entity.last_seen, at)
        self.recent_speakers.append((at, entity, paragraph))
