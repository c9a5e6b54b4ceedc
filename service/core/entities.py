"""The article's entity model: every person and organisation it names, with their mentions.

Built in text order from NER entities, the name scan and speaker mentions. A name joins
an entity it is part of ("Shoigu", "Ms. Moore", "Li" for "Li Wenjun", "Tessaro" for
"Tessaro Motors", "IMF" for "International Monetary Fund"), and the entity keeps its
fullest name. Each entity also keeps what the text says of it: titles and roles,
descriptors ("a retired nurse"), evidence of gender, and where it was mentioned and how
prominently (``Occurrence``), which ``resolution`` ranks pronoun antecedents by.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from .lexicon import Lexicon
from .model import Resolution, SpeakerKind, TextSpan
from .normalize import GARBLED, decoded

NICKNAME = re.compile(r"\s*[\"“‘][^\"“”‘’]*[\"”’]")
# (the first letter matched before the look back: the engine then skips to each letter)
LOWER_WORD = re.compile(r"[a-z](?<![\w'’][a-z])[a-z'’\-]+")
WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][\w'’.\-]*")
# A web address used as a name ("GunShop.com said"): a business's, or a site's.
WEB_NAME = re.compile(r"[A-Za-z0-9]\.(?:com|org|net|io|info|co\.uk)$", re.IGNORECASE)
# Words an acronym skips: International Monetary Fund -> IMF, Bank of England -> BoE.
ACRONYM_SKIPS = frozenset({"of", "the", "and", "for", "on", "in", "&"})
# Where a descriptor turns to someone else: "whose husband", "wife of", "his mother's".
OTHER_PERSON = re.compile(r"\b(?:whose|who|of|to|for|with|his|her|their)\b|['’]s\b", re.IGNORECASE)
# The head of a descriptor: the last word before a preposition or clause ("a professor at").
DESCRIPTOR_HEAD = re.compile(r"^(?:[^\s]+\s+)*?([^\s]+)(?=\s+(?:of|at|for|in|from|with|to|on|who|which)\b|$)")
OTHER_GENDER = {"male": "female", "female": "male"}
# A he/she or his/her after a bare surname, before its sentence ends and before any other
# name: which of a family it names ("Clinton is under fire for her remarks")
_PRONOUN_AFTER = re.compile(r"[^.;!?“”\"A-Z]*?\b(he|she|his|her|him)\b")
PRONOUN_GENDERS = {"he": "male", "his": "male", "him": "male", "she": "female", "her": "female"}
PRONOUN_AFTER_REACH = 80  # characters after the surname read for it
NAME_SUFFIX_WORDS = frozenset({"jr", "sr", "ii", "iii", "iv"})  # dropped from a name, as titles are
# How much one piece of evidence weighs: a title or gendered noun says more than a given
# name from a list (Kim, Jordan, Leslie are given to both), a bound pronoun in between.
STRONG_EVIDENCE = 3.0
GENERIC_TITLE_EVIDENCE = 0.5  # "spokesman Hope Hicks": less than her given name
PRONOUN_EVIDENCE = 1.0
GIVEN_NAME_EVIDENCE = 1.0
# Lower-case words inside a name: "de la Cruz", "van Buren", "bin Salman".
PARTICLES = frozenset("de da del della der di du la le van von bin al el ibn dos das ten ter den op".split())
BUCKET = 256  # entities a name's look-up considers per shared word
MIN_MISSPELT_SURNAME = 5  # letters a surname needs before a one-letter slip is read as it
MAX_MISSPELT_SURNAME = 24  # and at most: its one-letter-less forms cost the square of its length


@dataclass(frozen=True, slots=True)
class Mention:
    """A speaker mention or named entity, in article offsets."""

    start: int
    end: int
    text: str
    kind: str  # PERSON, ORG, PRONOUN, NOUN, PROPN; CAPITALISED: a sentence-opening word NER left alone
    head: str  # lower-cased head word
    name_start: int | None = None  # where the name proper starts (titles before it)
    prominence: float = 1.0  # 2 a main clause's subject or a sentence's opening name, 1.5 a subject
    descriptor: str | None = None  # an apposition beside the name: "a retired nurse"
    parts: tuple[Mention, ...] = ()  # two people who speak together: "Ann Lee and Tom Ruiz said"
    reports: bool = False  # the subject of a cue: "Kerr, the mayor, said the plan would fail"


@dataclass(frozen=True, slots=True)
class Occurrence:
    """Where the article mentions an entity, outside quotes."""

    start: int
    paragraph: int
    prominence: float  # as ``Mention.prominence``; a quote's speaker counts as a main subject
    speaker: bool = False  # the speaker mention of a quote
    reports: bool = False  # the subject of a cue outside quotes (``Mention.reports``)
    end: int = -1  # where the mention ends (-1: not known)


@dataclass
class Entity:
    kind: SpeakerKind
    name: str | None
    tokens: list[str]  # normalised name tokens, titles removed
    surname_first: bool = False  # Li Wenjun, Kim Soo-jin, Nguyen Van An
    acronym: str | None = None  # imf for International Monetary Fund
    aliases: set[str] = field(default_factory=set)  # given-name forms: bobby for Robert C. "Bobby" Scott
    titles: list[str] = field(default_factory=list)  # each word: "the chief" finds a Chief Constable
    title_phrases: list[str] = field(default_factory=list)  # as written: "Deputy Chief Constable"
    descriptors: list[str] = field(default_factory=list)
    descriptor_words: set[str] = field(default_factory=set)  # their words, norm()ed: "the mayor" finds her
    _descriptor_keys: set[str] = field(default_factory=set, repr=False)  # lower-cased, for de-duplication
    gender_votes: dict[str, float] = field(default_factory=dict)
    mentions: list[TextSpan] = field(default_factory=list)  # speaker mentions, for the output
    occurrences: list[Occurrence] = field(default_factory=list)
    quoted: list[int] = field(default_factory=list)  # where a quotation names it, in text order
    last_seen: int = -1  # character offset of the latest mention
    joint: bool = False  # two or more people speaking together: never one he or she
    seen: int = 0  # how many times the article names it
    by_given_name: bool = False  # introduced by a relation and a given name: "his wife, Jane,"

    @property
    def surname(self) -> str:
        return self.tokens[0] if self.surname_first else self.tokens[-1]

    @property
    def given(self) -> list[str]:
        return self.tokens[1:] if self.surname_first else self.tokens[:-1]

    @property
    def gender(self) -> str | None:
        male, female = self.gender_votes.get("male", 0.0), self.gender_votes.get("female", 0.0)
        return "male" if male > female else "female" if female > male else None

    def allows(self, gender: str) -> bool:
        """No more evidence for the other gender than for this one."""
        return self.gender_votes.get(OTHER_GENDER[gender], 0.0) <= self.gender_votes.get(gender, 0.0)

    def add_gender(self, gender: str | None, weight: float) -> None:
        if gender is not None:
            self.gender_votes[gender] = self.gender_votes.get(gender, 0.0) + weight

    def add_descriptor(self, text: str) -> None:
        text = text.strip(" ,;")
        if text and text.lower() not in self._descriptor_keys:
            self._descriptor_keys.add(text.lower())
            self.descriptors.append(text)
            self.descriptor_words.update(norm(w) for w in WORD.findall(text))


def common_words(text: str) -> frozenset[str]:
    """The words ``text`` writes in lower case somewhere: a capitalised one of them is no name."""
    return frozenset(LOWER_WORD.findall(text))


def repaired(name: str) -> str:
    """A name garbled by a wrong decoding upstream, as written (FranÃ§ois -> François), by
    the same decoding ``normalize`` gives a whole text (the spaCy component's Doc keeps its
    characters, so its names are repaired here); composed first (NFC): a decomposed "é"
    and a composed one are one name for a speaker index."""
    if name.isascii():
        return name  # nothing to compose or repair
    name = unicodedata.normalize("NFC", name)
    return GARBLED.sub(lambda run: decoded(run.group()) or run.group(), name)


def canonical(name: str) -> str:
    """A speaker's name as the output gives it: typographic apostrophes made straight, so
    that "James O’Neill" in one article and "James O'Neill" in the next are one name for a
    newsroom's speaker index (the mentions keep the article's own characters)."""
    return name.replace("’", "'").replace("‘", "'")


@lru_cache(maxsize=8192)  # an article names the same few people over and over
def norm(word: str) -> str:
    """A name token for matching: lower case, no possessive, one apostrophe (O’Neill, O'Neill)."""
    word = word.replace("’", "'").strip(".,;:'").lower()
    return word[:-2] if word.endswith("'s") else word


def acronym_of(words: list[str]) -> str | None:
    """International Monetary Fund -> imf; a single word has none."""
    letters = [w[0] for w in words if w.lower() not in ACRONYM_SKIPS and w[:1].isupper()]
    return "".join(letters).lower() if len(letters) >= 2 else None


def is_acronym(word: str) -> bool:
    bare = word.replace(".", "")
    return 2 <= len(bare) <= 6 and bare.isupper() and bare.isalpha()


class EntityModel:
    """The people and organisations of one article."""

    def __init__(self, lexicon: Lexicon, text: str = "") -> None:
        self.lexicon = lexicon
        self.text = text
        self.entities: list[Entity] = []
        # Indexes, so that a look-up costs what its namesakes cost, not the whole article.
        self._by_token: dict[str, list[Entity]] = {}
        self._joints: dict[tuple[int, ...], Entity] = {}  # people who spoke together
        self._offices: dict[int, Entity] = {}  # a person's id -> the office that speaks for them
        self._by_acronym: dict[str, list[Entity]] = {}
        self._by_slip: dict[str, list[Entity]] = {}  # a full name's surname, one letter off
        self.recent: list[tuple[int, Entity]] = []  # (paragraph, entity) of each occurrence, in order

    @cached_property
    def common_words(self) -> frozenset[str]:
        """Words the article also writes in lower case: no given names."""
        return common_words(self.text)

    # -- names ---------------------------------------------------------------------------
    def _split_titles(self, words: list[str]) -> tuple[list[str], list[str]]:
        titles: list[str] = []
        while len(words) > 1 and (self.lexicon.is_title(words[0]) or words[0].lower() == "the"):
            if self._given(words, 0):
                break
            titles.append(words[0])
            words = words[1:]
        return titles, words

    def _given(self, words: list[str], i: int) -> bool:
        """ "Dean Baker", "Marine Le Pen": a title that is also a given name, before a name
        that holds no given name of its own, is the given name (Dean Lena Marsh stays a
        dean, Marine John Tiegen a marine)."""
        given = self.lexicon.given_names
        return (
            i == 0
            and len(words) > 1
            and norm(words[0]) in given
            and (len(words) == 2 or norm(words[1]) not in given)
        )

    def _is_surname_first(self, words: list[str]) -> bool:
        """Li Wenjun, Kim Soo-jin, Nguyen Van An: a surname from the list, then given names
        from no Western list. A surname that is also a Western given name (Lee, Kim) needs
        a hyphenated given name or three words: "Lee Anderson" stays Western."""
        if not 2 <= len(words) <= 3 or norm(words[0]) not in self.lexicon.surname_first:
            return False
        rest = [norm(w) for w in words[1:]]
        if any("-" in w for w in rest):
            return True
        if any(w in self.lexicon.given_names for w in rest):
            return False
        return norm(words[0]) not in self.lexicon.given_names or len(words) == 3

    def _given_name_gender(
        self, tokens: list[str], kind: SpeakerKind, surname_first: bool = False
    ) -> str | None:
        """The gender the lists give the first given name (weak evidence)."""
        if len(tokens) < 2 or kind is SpeakerKind.ORGANIZATION:
            return None
        first = tokens[1] if surname_first else tokens[0]
        male, female = first in self.lexicon.male_names, first in self.lexicon.female_names
        return "male" if male and not female else "female" if female and not male else None

    def _other_person(self, a: list[str], b: Entity) -> bool:
        """Peter Berg and Anna Berg, Keith Scott and Rakeyia Scott are two people: two given
        names that differ and neither abbreviates the other. A capitalised common word is
        no given name ("Stated Stone" in a headline is Roger Stone)."""
        if len(a) < 2 or len(b.tokens) < 2 or b.surname_first:
            return False
        x, y = a[0].rstrip("."), b.given[0].rstrip(".")
        if self._same_given(x, y) or x in b.aliases:
            return False
        given = self.lexicon.given_names
        return (x in given or x not in self.common_words) and (y in given or y not in self.common_words)

    def _same_given(self, x: str, y: str) -> bool:
        """Tom and Thomas, Bobby and Robert, H. and Hillary."""
        nick = self.lexicon.nicknames
        return x.startswith(y) or y.startswith(x) or nick.get(x, x) == nick.get(y, y)

    def _index(self, entity: Entity) -> None:
        for token in entity.tokens:
            bucket = self._by_token.setdefault(token, [])
            if not bucket or bucket[-1] is not entity:
                bucket.append(entity)
        if entity.acronym:
            self._by_acronym.setdefault(entity.acronym, []).append(entity)
        if entity.kind is SpeakerKind.PERSON and len(entity.tokens) > 1:
            surname = entity.surname
            if MIN_MISSPELT_SURNAME <= len(surname) <= MAX_MISSPELT_SURNAME:
                for key in _one_letter_less(surname):
                    bucket = self._by_slip.setdefault(key, [])
                    if not bucket or bucket[-1] is not entity:
                        bucket.append(entity)

    def _misspelt(self, token: str) -> Entity | None:
        """The person introduced by full name whose surname a lone word misspells by one
        letter (Byrne as "Bryne", Sweeney as "Sweeny", Labott as "Labbot"): newsroom
        copy has slips. Only a surname of ``MIN_MISSPELT_SURNAME`` letters or more, with
        the same first letter, and only one such person."""
        if (
            not MIN_MISSPELT_SURNAME <= len(token) <= MAX_MISSPELT_SURNAME
            or token in self.lexicon.given_names
        ):
            return None
        found: dict[int, Entity] = {}
        for key in _one_letter_less(token):
            for entity in self._by_slip.get(key, [])[-BUCKET:]:
                surname = entity.surname
                if surname != token and surname[0] == token[0] and entity.kind is SpeakerKind.PERSON:
                    found[id(entity)] = entity
        return next(iter(found.values())) if len(found) == 1 else None

    def _candidates(self, tokens: list[str]) -> list[Entity]:
        """The entities that share a token with ``tokens`` (or have it as their acronym),
        most recently named first: no other entity can match. A bucket counts its latest
        ``BUCKET`` entities only, so a word that a thousand names share stays cheap."""
        found: dict[int, Entity] = {}
        for token in tokens:
            for entity in self._by_token.get(token, [])[-BUCKET:]:
                found[id(entity)] = entity
        if len(tokens) == 1:
            for entity in self._by_acronym.get(tokens[0], [])[-BUCKET:]:
                found[id(entity)] = entity
        return sorted(found.values(), key=lambda e: -e.last_seen)

    def sharing(self, token: str) -> list[Entity]:
        """The entities whose names hold ``token`` (a surname's namesakes)."""
        found = {id(e): e for e in self._by_token.get(token, [])[-BUCKET:] if token in e.tokens}
        return list(found.values())

    def find(self, tokens: list[str], kind: SpeakerKind, gender: str | None = None) -> Entity | None:
        """The entity a name refers to: the same name, a part of it, or its acronym."""
        if not tokens:
            return None
        wanted = set(tokens)
        matches: list[Entity] = []
        for entity in self._candidates(tokens):
            have = set(entity.tokens)
            if not have or (gender and not entity.allows(gender)):
                continue  # "Mr. Obama" is not Michelle Obama
            if len(tokens) == 1 and tokens[0] == entity.acronym:
                matches.append(entity)  # IMF after International Monetary Fund
            elif len(tokens) == 1 and tokens[0] in entity.aliases:
                matches.append(entity)  # "Duke" after Darnell “Duke” Owens
            # NER often calls a lone surname an organisation: a part of a known name still matches.
            elif wanted <= have:
                matches.append(entity)
            elif entity.kind is not kind and SpeakerKind.UNKNOWN not in (kind, entity.kind):
                continue
            elif have <= wanted or (
                kind is not SpeakerKind.ORGANIZATION
                and tokens[-1] == entity.surname
                and not self._other_person(tokens, entity)
            ):
                matches.append(entity)
        if len(tokens) == 1:
            # A bare surname is a person's before an organisation's: "Trump" is Donald Trump,
            # not Trump University, whatever NER called it.
            people = [e for e in matches if e.kind is SpeakerKind.PERSON and e.surname == tokens[0]]
            matches = people or matches
            if len(matches) > 1:
                # A bare surname shared by a family ("Cruz": Ted or Heidi) is the one quoted
                # most, then the one the article names most.
                return max(matches, key=lambda e: (len(e.mentions), e.seen, e.last_seen))
            if not matches:  # NER often calls a lone surname an organisation, misspelt too
                return self._misspelt(tokens[0])
        return matches[0] if matches else None

    def joint(self, people: list[Entity]) -> Entity:
        """One speaker for two or more people who speak together, named by each full name
        ("Ann Lee and Tom Ruiz"). Not indexed by its words: "Lee said" later is Ann Lee."""
        key = tuple(id(e) for e in people)
        entity = self._joints.get(key)
        if entity is None:
            name = " and ".join(e.name or "" for e in people)
            tokens = [t for e in people for t in e.tokens]
            entity = Entity(kind=SpeakerKind.PERSON, name=name, tokens=tokens, joint=True)
            self._joints[key] = entity
            self.entities.append(entity)
        return entity

    def office_of(self, holder: Entity) -> Entity:
        """The office that speaks for a person ("Powell’s office said"), named after them:
        "Colin Powell's office". Not indexed by its words: "Powell said" is still Powell."""
        entity = self._offices.get(id(holder))
        if entity is None:
            entity = Entity(
                kind=SpeakerKind.ORGANIZATION,
                name=f"{holder.name}'s office",
                tokens=[*holder.tokens, "office"],
            )
            self._offices[id(holder)] = entity
            self.entities.append(entity)
        return entity

    def register_name(
        self, mention: Mention, kind: SpeakerKind, family: str | None = None
    ) -> tuple[Entity, Resolution]:
        """Add or join a named person or organisation; returns the entity and how it matched.
        ``family``: the surname a lone given name takes from the relation that introduces it
        (``Resolver.family_name``)."""
        name_text = mention.text
        titles: list[str] = []
        described_as: list[str] = []
        if mention.name_start is not None and mention.name_start > mention.start:
            titles = WORD.findall(mention.text[: mention.name_start - mention.start])
            name_text = mention.text[mention.name_start - mention.start :]
        if family is not None:
            name_text = f"{name_text} {family}"
        name_text = repaired(name_text)
        nickname = NICKNAME.search(name_text)
        name_text = NICKNAME.sub("", name_text)  # Marcia “Cia” Price is Marcia Price
        words = WORD.findall(name_text)
        while (
            kind is not SpeakerKind.ORGANIZATION and len(words) > 1 and norm(words[-1]) in NAME_SUFFIX_WORDS
        ):
            words = words[:-1]  # Martin Luther King Jr. is a King: the suffix is no surname
        if (
            kind is not SpeakerKind.ORGANIZATION
            and words
            and (norm(words[-1]) in self.lexicon.organization_endings or WEB_NAME.search(norm(words[-1])))
        ):
            kind = SpeakerKind.ORGANIZATION  # "Tessaro Motors", "The Daily Courier"
        # "Lund University’s Dianne Bystrom": the owner before a possessive is not the name
        owned = [i for i, w in enumerate(words[:-1]) if w[-2:] in ("'s", "’s")]
        if owned:
            words = words[owned[-1] + 1 :]
        if kind is SpeakerKind.ORGANIZATION:
            # "The Health Ministry" is named "Health Ministry"; "an angry Hollande" (NER's
            # organisation) "Hollande"
            while len(words) > 1 and (words[0].lower() == "the" or words[0].islower()):
                words = words[1:]
        else:
            more, words = self._split_titles(words)
            titles += more
            # A title inside the words ends what comes before the name: "Clinton campaign
            # spokesman Brian Fallon" is Brian Fallon.
            inner = [
                i for i, w in enumerate(words[:-1]) if self.lexicon.is_title(w) and not self._given(words, i)
            ]
            if inner:
                titles += [w for w in words[: inner[-1] + 1] if self.lexicon.is_title(w)]
                words = words[inner[-1] + 1 :]
            # "ranking Democrat Ed Reyes": a lower-case word ends what describes the person,
            # and a party word after it is what they are, not their name.
            lower = [i for i, w in enumerate(words[:-1]) if w.islower() and w not in PARTICLES]
            if lower:
                if norm(words[lower[-1]]) in self.lexicon.organization_kinds:
                    kind = SpeakerKind.ORGANIZATION  # "power company Westgrid" is what it says
                words = words[lower[-1] + 1 :]
            while len(words) > 1 and self.lexicon.says_what_a_person_is(norm(words[0])):
                described_as.append(words[0])  # "Texan Rick Lane": "the Texan" later
                words = words[1:]
        if words and norm(words[-1]) in {"'s", "’s", ""}:
            words = words[:-1]
        tokens = [norm(w) for w in words if norm(w)]
        if kind is SpeakerKind.ORGANIZATION and len(tokens) > 1 and tokens[0] in self.lexicon.given_names:
            if norm(words[-1]) not in self.lexicon.organization_endings:
                kind = SpeakerKind.PERSON  # NER's "Director Sam Novak" as an ORG
                more, words = self._split_titles(words)
                titles += more
                tokens = [norm(w) for w in words if norm(w)]
        # (a -man title some styles use of women too is no filter: "spokesman Hope Hicks")
        specific = [t for t in titles if not self.lexicon.is_generic_gendered(t)]
        title_gender = next((g for g in map(self.lexicon.gender_of_noun, specific) if g is not None), None)
        gender = title_gender or self._given_name_gender(tokens, kind)
        if gender is None and len(tokens) == 1 and kind is not SpeakerKind.ORGANIZATION:
            gender = self._family_member_by_pronoun(tokens[0], mention.end)
        entity = self.find(tokens, kind, gender)
        if entity is None and len(tokens) > 1 and kind is not SpeakerKind.PERSON:
            # An acronym met first, its expansion later: "IMF" ... "International Monetary Fund".
            expansion = acronym_of(words)
            same = self._by_token.get(expansion or "", [])
            entity = next((e for e in same if e.tokens == [expansion]), None)
        resolution = Resolution.NAME
        name = canonical(" ".join(w.removesuffix("'s").removesuffix("’s") for w in words)) or None
        if entity is None:
            entity = Entity(kind=kind, name=name, tokens=tokens)
            entity.surname_first = kind is not SpeakerKind.ORGANIZATION and self._is_surname_first(words)
            self.entities.append(entity)
            entity.add_gender(
                self._given_name_gender(entity.tokens, entity.kind, entity.surname_first), GIVEN_NAME_EVIDENCE
            )
            self._index(entity)
        elif len(tokens) > len(entity.tokens) and (
            set(entity.tokens) <= set(tokens)
            or entity.tokens == [acronym_of(words)]
            or (len(entity.tokens) > 1 and tokens[-1] == entity.surname)  # Bobby Scott, Robert C. Scott
        ):
            if self._fuller(tokens, entity):
                entity.tokens, entity.name = tokens, name  # "Trump" first, "Donald Trump" later
                self._index(entity)
                entity.surname_first = entity.surname_first or (
                    kind is not SpeakerKind.ORGANIZATION and self._is_surname_first(words)
                )
                if not entity.gender_votes:
                    entity.add_gender(
                        self._given_name_gender(entity.tokens, entity.kind, entity.surname_first),
                        GIVEN_NAME_EVIDENCE,
                    )
            else:
                resolution = Resolution.PARTIAL_NAME  # "Crooked Anna Berg" is Anna Berg
        elif (
            len(tokens) == len(entity.tokens) > 1
            and tokens[-1] == entity.surname
            and self.lexicon.nicknames.get(entity.tokens[0]) == tokens[0]
        ):
            # "Ken Starr" first, "Kenneth Starr" later: the fullest form is the name, and the
            # short one stays an alias ("Ken said").
            short = entity.tokens[0]
            entity.aliases.add(short)
            entity.tokens, entity.name = tokens, name
            self._index(entity)
            self._by_token.setdefault(short, []).append(entity)
        elif tokens != entity.tokens:
            resolution = Resolution.PARTIAL_NAME
        if nickname is not None:
            for alias in (norm(w) for w in WORD.findall(nickname.group())):
                entity.aliases.add(alias)
                self._by_token.setdefault(alias, []).append(entity)  # "Duke said" alone
        if entity.kind is SpeakerKind.UNKNOWN and kind is not SpeakerKind.UNKNOWN:
            entity.kind = kind
        if entity.kind is SpeakerKind.ORGANIZATION and entity.acronym is None:
            entity.acronym = acronym_of(WORD.findall(entity.name or ""))
            if entity.acronym:
                self._by_acronym.setdefault(entity.acronym, []).append(entity)
        for title in titles:
            if title not in entity.titles and title.lower() != "the":
                entity.titles.append(title)
                entity.add_gender(self.lexicon.gender_of_noun(title), self._title_evidence(title))
        _add_title_phrase(entity.title_phrases, " ".join(t for t in titles if t.lower() != "the"))
        if mention.descriptor:
            self.describe(entity, mention.descriptor)
        for word in described_as:
            entity.add_descriptor(word)
        entity.last_seen = max(entity.last_seen, mention.start)
        entity.seen += 1
        if family is not None:
            entity.by_given_name = True
        return entity, resolution

    def _family_member_by_pronoun(self, surname: str, end: int) -> str | None:
        """ "Clinton is already under fire for her remarks": of a family the article names
        (Hillary and Bill Clinton), a bare surname is the one a he/she or his/her later in
        its sentence agrees with. Only when its namesakes differ in gender."""
        genders = {e.gender for e in self.sharing(surname) if e.kind is SpeakerKind.PERSON and e.tokens}
        if not {"male", "female"} <= genders:
            return None
        found = _PRONOUN_AFTER.match(self.text, end, min(len(self.text), end + PRONOUN_AFTER_REACH))
        return PRONOUN_GENDERS[found.group(1)] if found is not None else None

    def _title_evidence(self, word: str) -> float:
        """A title's or descriptor's weight as gender evidence: "Spokeswoman" strong, the
        "spokesman" some styles use of women too less than a given name."""
        return GENERIC_TITLE_EVIDENCE if self.lexicon.is_generic_gendered(word) else STRONG_EVIDENCE

    def _fuller(self, tokens: list[str], entity: Entity) -> bool:
        """ "Trump", then "Donald Trump": the fuller name wins. "Hillary Clinton", then
        "Crooked Hillary Clinton": words before a known name must start with a first name."""
        if entity.kind is SpeakerKind.ORGANIZATION or tokens[: len(entity.tokens)] == entity.tokens:
            return True
        return tokens[0] in self.lexicon.given_names or entity.tokens[0] not in self.lexicon.given_names

    def describe(self, entity: Entity, descriptor: str) -> None:
        """Keep a descriptor ("a retired nurse", "the mayor"), and the gender its nouns tell.
        A descriptor that says what a person is corrects NER's ORG ("Chantal Dubois, a
        volunteer")."""
        if len(descriptor) > 120:
            return  # a clause, not a descriptor
        entity.add_descriptor(descriptor)
        head = next(iter(DESCRIPTOR_HEAD.findall(descriptor)), "")
        if (
            entity.kind is SpeakerKind.ORGANIZATION
            and norm(head) in self.lexicon.person_nouns
            and entity.tokens
            and entity.tokens[-1] not in self.lexicon.organization_endings
            and entity.tokens[-1] not in self.lexicon.organization_nouns
        ):
            entity.kind = SpeakerKind.PERSON
            entity.acronym = None
        if entity.kind is not SpeakerKind.ORGANIZATION:
            # Only the words that say what the person is: "a mother of three", not "whose
            # husband, Navy SEAL Ty Woods," nor "a friend of his wife".
            own = OTHER_PERSON.split(descriptor, maxsplit=1)[0]
            for word in WORD.findall(own):
                entity.add_gender(self.lexicon.gender_of_noun(word), self._title_evidence(word))

    def occurred(
        self,
        entity: Entity,
        start: int,
        paragraph: int,
        prominence: float,
        speaker: bool = False,
        reports: bool = False,
        end: int = -1,
    ) -> None:
        entity.occurrences.append(Occurrence(start, paragraph, prominence, speaker, reports, end))
        entity.last_seen = max(entity.last_seen, start)
        self.recent.append((paragraph, entity))

    @staticmethod
    def named_in_quote(entity: Entity, start: int) -> None:
        """A quotation names the entity at ``start``: seldom its own speaker ("“Trump will
        come around,” he said" is not Trump's)."""
        entity.quoted.append(start)


MAX_TITLE_PHRASES = 12


def _one_letter_less(word: str) -> set[str]:
    """The word and each form of it with one letter dropped: two words share one when
    they differ by a letter added, dropped, changed or swapped with its neighbour."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def _add_title_phrase(phrases: list[str], phrase: str) -> None:
    """Keep each title as the article writes it, once: a phrase another one holds adds
    nothing ("Chief Constable" after "Deputy Chief Constable"), and a fuller one replaces
    those it holds. At most ``MAX_TITLE_PHRASES``: each new one is compared with them all,
    and nobody is introduced with more."""
    if not phrase or len(phrases) >= MAX_TITLE_PHRASES:
        return
    padded = f" {phrase.lower()} "
    if any(padded in f" {p.lower()} " for p in phrases):
        return
    phrases[:] = [p for p in phrases if f" {p.lower()} " not in padded]
    phrases.append(phrase)
