"""Resolve a quote's speaker mention to an entity of the article's ``EntityModel``.

- A name registers in the model: a full name, or a part of one ("Shoigu", "Li", "IMF").
- he/she goes to the most salient person whose gender evidence does not conflict:
  prominence (a main clause's subject, the name a sentence opens with, a quote's speaker)
  halved for every paragraph back (he/she outside quotes carry it on), with the subject
  the parse found before the pronoun as a bonus. it/they go to organisations the same
  way. I/we are never resolved.
- A descriptor goes to an organisation by its head noun or kind ("the ministry", "the
  company"), a body named inside it ("a Tessaro spokeswoman", "the IMF report"), or a
  person introduced with that role ("the mayor" -> Mayor Lena Hoffmann). An unintroduced
  role stays unresolved: a missing name is better than a wrong one.
- A campaign is named after its candidate as the article writes them ("the Jeb Bush
  campaign", "her campaign" -> "Duarte campaign"); a document (the statement, the email)
  speaks for whoever the article says issued it ("The campaign sent out an email", "In a
  statement, Ruiz said"), and for nobody when it does not say.

Each answer carries its evidence (how many compatible candidates, the margin of the best
over the next), from which ``confidence`` scores the quote.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache

from .entities import (
    PRONOUN_GENDERS,
    WEB_NAME,
    WORD,
    Entity,
    EntityModel,
    Mention,
    Occurrence,
    is_acronym,
    norm,
)
from .model import Resolution, SpeakerKind

PERSON_PRONOUN_GENDERS = {p: g for p, g in PRONOUN_GENDERS.items() if p != "his"}  # he, she, him, her
GROUP_PRONOUNS = frozenset({"it", "they", "them"})
PLURAL_PRONOUNS = frozenset({"they", "them"})
FIRST_PERSON = frozenset({"i", "we", "me", "us"})
SINGULAR_FIRST_PERSON = frozenset({"i", "me"})
# Who wrote the article: a byline line, or "excerpts from <the author>'s new book".
_AUTHOR_NAME = r"[A-Z][\w'’\-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w'’\-]+){1,2}"
AUTHOR = re.compile(
    rf"(?m)^[ \t]*By\s+(?P<byline>{_AUTHOR_NAME})[ \t]*$"
    rf"|\bexcerpts?\s+from\s+[^.\n]{{0,80}}?\b(?P<excerpt>{_AUTHOR_NAME})['’]s\s+(?:new\s+)?book"
)
AUTHOR_REACH = 1500  # characters at the top of an article read for it
# A description that goes on to give the name: "the base chief known as Bob".
NAMED_AFTER = re.compile(
    r",?\s+(?:known\s+as|named|nicknamed|identified\s+only\s+as|identified\s+as)\s+"
    r"(?P<name>[A-Z][a-zà-öø-ÿ'’\-]+(?:\s+[A-Z][a-zà-öø-ÿ'’\-]+){0,2})"
)
NAMED_AFTER_REACH = 80
NAMESAKE_MIN_SALIENCE = 1.0  # a main subject in the paragraph before, or any subject in this one
DECAY = 0.5  # a mention's weight halves with every paragraph between it and the pronoun
ANTECEDENT_BONUS = 0.75  # the subject the parse found before the pronoun, in its paragraph
GROUP_MIN_SALIENCE = 0.75  # "they": a body named in this paragraph, or as a subject just before
UNKNOWN_GENDER = 0.75  # a person with no gender evidence is a weaker candidate for he/she
OCCURRENCES = 64  # an entity's latest mentions that its salience is taken from
# "the senator": a person named in this paragraph or the one before (0.5, or 0.375 with no
# gender evidence yet), or a subject two paragraphs back
ROLE_MIN_SALIENCE = 0.3
AGE = re.compile(r"\b\d{1,3}-year-old$")
ISSUER_LOOKBACK = 3000  # characters before "the statement said" searched for who issued it
ISSUER_OCCURRENCES = 3  # of the document noun's latest occurrences there, each read in its sentence
# What a document was, when the sentence names its issuer after it: "a statement released
# by ...", "an ad paid for by ...", "a memo attributed to ...".
PASSIVE_ISSUING = (
    "issued", "released", "sent", "sent out", "put out", "posted", "published", "written", "filed",
    "launched", "aired", "unveiled", "circulated", "distributed", "signed", "provided", "delivered",
    "given", "made", "paid for", "attributed", "credited", "authored", "drafted", "brought",
)  # fmt: skip
ISSUER_SENTENCE = 200  # characters either side of an occurrence that its frame may span
BUSINESS = "company"  # the kind of "the company", "the firm" (``organization_kinds.txt``)
GROUP = "group"  # the kind of "the group", "the organization": any body, failing one of its kind
MEDIA_KINDS = ("newspaper", "broadcaster")  # businesses too: "the company" may be one
# Documents whose noun is also the verb of sending them: "Ruiz emailed supporters ... the
# email said"
VERBAL_DOCUMENTS = ("email", "e-mail", "tweet", "post", "message")
# The voice of an ad or a video speaks for whoever put it out: "Berg released a web ad ...
# “Q,” the narrator says"
NARRATORS = frozenset({"narrator", "voice-over", "voiceover", "announcer"})
NARRATED = ("ad", "video", "commercial", "spot")
OFFICE = "office"  # "Powell’s office": speaks for its holder, named after them
CAMPAIGN = "campaign"  # named after its candidate: "the Duarte campaign", "her campaign"
# Unnamed voices that are a role, not just a person ("a woman", "a resident"): with "the"
# they refer back to whoever the article described with the role.
ROLES_OF_THE_UNNAMED = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "aide", "official", "analyst", "expert", "critic"}
)
POSSESSIVE_PRONOUNS = {"his": "he", "her": "she"}
COUNT_WORDS = frozenset({"one", "two", "three", "new", "another"})  # "One Club for Growth ad"
MODIFIER_CANDIDATES = 4  # the likeliest people "the Vermont senator" is sorted among
MODIFIER_OCCURRENCES = 4  # a person's latest mentions read for it
MODIFIER_REACH = 60  # characters either side of a mention that "Vermont" may stand in
# "his wife, Jane," / "Ortiz's son, Mateo,": the relation right before a lone given name
KIN_BEFORE = re.compile(
    r"(?:\b(?P<pronoun>[Hh]is|[Hh]er)|(?P<owner>[A-Z][\w\-]*?)['’]s?)\s+(?:[a-z\-]+\s+)?(?P<kin>[a-z\-]+),\s*$"
)
KIN_REACH = 60  # characters before the given name searched for its relation
# "As for Berg, she said ...": the person a sentence turns to, right before its he/she
AS_FOR = re.compile(r"\b[Aa]s for (?P<name>[A-Z][\w’'\-]*(?: [A-Z][\w’'\-]*){0,3}),\s*$")
AS_FOR_REACH = 60
# Up to four capitalised words: a name, its title or owner before it ("CNN's Jake Tapper")
NAME_RUN = r"(?:[A-Z][\w'’.\-]*\s+){0,3}[A-Z][\w'’\-]*"
# "he told Hannity", "she asked CNN's Jake Tapper": whom a he/she's cue addresses
ADDRESSED = re.compile(
    rf"\s+(?:told|tells|asked|asks|wrote\s+to|writes\s+to|said\s+to|says\s+to)\s+(?P<name>{NAME_RUN})"
)
ADDRESSED_REACH = 80
# The sentence before a quotation whose subject is an unnamed person: "A spokesman for the
# airport said ...", "One official told reporters ..."
ANONYMOUS_REACH = 300  # characters before the quotation read for it
SENTENCE_OPENING = re.compile(r"(?:^|(?<=[.!?])[\"”’)]?\s+)(?P<first>[A-Z])", re.MULTILINE)
ANONYMOUS_SUBJECT = re.compile(r"(?:An?|The|One)\s+(?P<words>[a-z\-]+(?:\s+[a-z\-]+){0,2})")
NAMED_APPOSITION = re.compile(r",\s+[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)+,")  # ", Tom Lee,"
CUE_WORD = re.compile(r"\b[a-z]+\b")
NEXT_WORD = re.compile(r"\s+(\S+)")
# "Hale asked Ruiz whether ...", "asked Sen. Ann Lee about": who was asked a question
ASKED_SOMEONE = re.compile(
    rf"\basked\s+(?P<name>{NAME_RUN})\s+(?:whether|if|about|how|why|what|which|when|where|who|to)\b"
)
ASKED_REACH = 400  # characters before a quotation searched for the question it answers
MAX_PARTY_MODIFIERS = 3  # "the New York Republican": the place words before a party word
RECENT = 400  # latest occurrences (or entities) a pronoun or descriptor looks among


@dataclass(frozen=True, slots=True)
class Resolved:
    entity: Entity | None
    resolution: Resolution
    candidates: int = 1  # compatible candidates the choice was made among
    margin: float = 1.0  # (best - second) / best, by salience; 1.0 when there was no rival
    agreement: bool = True  # the gender or kind evidence supports the choice, not just allows it
    by_salience: bool = False  # a role ("the senator") taken as the story's most salient person
    # he/she among rivals: the fitted ranking's probability for the one chosen (1.0 otherwise)
    share: float = 1.0


UNRESOLVED = Resolved(None, Resolution.UNRESOLVED, 0, 0.0, False)


class Resolver:
    def __init__(self, model: EntityModel, antecedent_weights: dict[str, float] | None = None) -> None:
        self.model = model
        self.lexicon = model.lexicon
        self.antecedent_weights = antecedent_weights or {}
        # Called with a he/she mention and its candidates' features: ``fitting`` collects them.
        self.observe: Callable[[Mention, list[tuple[Entity, dict[str, float]]]], None] | None = None
        self.speakers: list[tuple[int, Entity]] = []  # each quote's speaker, in text order
        self._writer: Entity | None | bool = False  # the article's author: not looked for yet

    def resolve(
        self,
        mention: Mention,
        paragraph: int,
        antecedent: Mention | None = None,
        evidence: float = 1.0,
        quote: tuple[int, int] | None = None,
    ) -> Resolved:
        """``evidence``: how much a he/she adds to its person's gender evidence; ``quote``:
        the span of the quotation the mention speaks, if any."""
        if mention.kind == "PRONOUN":
            return self._pronoun(mention, paragraph, antecedent, evidence, quote)
        if mention.parts:
            people = [self.model.register_name(part, SpeakerKind.PERSON)[0] for part in mention.parts]
            return Resolved(self.model.joint(people), Resolution.NAME, 1, 1.0)
        if mention.kind in {"PERSON", "ORG", "PROPN"} and self._described_not_named(mention):
            return self._descriptor(replace(mention, kind="NOUN"), paragraph)
        if mention.kind in {"PERSON", "ORG", "PROPN"}:
            kind = {"PERSON": SpeakerKind.PERSON, "ORG": SpeakerKind.ORGANIZATION}.get(
                mention.kind, SpeakerKind.UNKNOWN
            )
            if kind is SpeakerKind.UNKNOWN and mention.head in self.lexicon.organization_nouns:
                kind = SpeakerKind.ORGANIZATION
            entity, resolution = self.model.register_name(mention, kind)
            rivals = self._namesakes(entity) if resolution is Resolution.PARTIAL_NAME else 0
            if rivals and norm(mention.text) == entity.surname:  # "Smith", not "Hillary"
                entity = self._salient_namesake(entity, mention.start, paragraph)
            return Resolved(entity, resolution, 1 + rivals, 1.0 if not rivals else 0.0)
        return self._descriptor(mention, paragraph)

    def family_name(self, mention: Mention, paragraph: int) -> str | None:
        """The surname a lone given name takes from the relation that introduces it: "his
        wife, Jane," after Senator Carl Benning is Jane Benning. The relative must be a person the
        article named in full."""
        if mention.kind != "PERSON" or mention.head not in self.lexicon.given_names:
            return None
        if len(WORD.findall(mention.text)) != 1:
            return None
        text = self.model.text
        relation = KIN_BEFORE.search(text, max(0, mention.start - KIN_REACH), mention.start)
        if relation is None or relation.group("kin") not in self.lexicon.kin_nouns:
            return None
        pronoun = relation.group("pronoun")
        if pronoun is not None:
            subject = POSSESSIVE_PRONOUNS[pronoun.lower()]
            at = relation.start("pronoun")
            owner = Mention(at, at + len(pronoun), subject, "PRONOUN", subject)
            relative = self._pronoun(owner, paragraph, None, evidence=0.0).entity
        else:
            relative = self.model.find([norm(relation.group("owner"))], SpeakerKind.UNKNOWN)
        if (
            relative is None
            or relative.kind is not SpeakerKind.PERSON
            or relative.joint
            or not relative.name
            or len(relative.tokens) < 2
        ):
            return None
        return relative.name.split()[-1]

    def spoke(self, entity: Entity, mention: Mention, paragraph: int) -> None:
        """The entity is a quote's speaker here: the most salient kind of mention."""
        self.model.occurred(entity, mention.start, paragraph, 2.0, speaker=True, end=mention.end)
        self.speakers.append((mention.start, entity))

    # -- pronouns --------------------------------------------------------------------------
    def _pronoun(
        self,
        mention: Mention,
        paragraph: int,
        antecedent: Mention | None,
        evidence: float,
        quote: tuple[int, int] | None = None,
    ) -> Resolved:
        pronoun = mention.head
        if pronoun in FIRST_PERSON:
            # “Q,” I said.: the writer, when the article says who wrote it
            author = self._author() if pronoun in SINGULAR_FIRST_PERSON else None
            return Resolved(author, Resolution.PRONOUN, 1, 1.0) if author is not None else UNRESOLVED
        gender = PERSON_PRONOUN_GENDERS.get(pronoun)
        want_org = pronoun in GROUP_PRONOUNS
        if gender is not None and quote is not None and self._anonymous_reporter_before(quote, gender):
            # "A spokesman for the airport said flights were delayed. “Q,” he said.": the he is
            # the spokesman, who has no name, not the last person named before him
            return UNRESOLVED
        topic = self._topic_before(mention, gender)
        if topic is not None:
            if gender is not None and evidence:
                topic.add_gender(gender, evidence)
            return Resolved(topic, Resolution.PRONOUN, 1, 1.0, topic.gender == gender)
        scored = self._ranked(
            mention, paragraph, antecedent, gender, want_org, quote, pronoun in PLURAL_PRONOUNS
        )
        if not scored:
            return UNRESOLVED
        if pronoun in ("they", "them") and scored[0][0] < GROUP_MIN_SALIENCE:
            return UNRESOLVED  # "they" may be any group of people: only a body just named will do
        best_score, _, best = scored[0]
        margin = 1.0 if len(scored) == 1 else (best_score - scored[1][0]) / best_score
        agreement = (best.gender == gender) if gender is not None else True
        if gender is not None and evidence:
            best.add_gender(gender, evidence)
        weighed = gender is not None and bool(self.antecedent_weights) and len(scored) > 1
        share = best_score if weighed else 1.0
        return Resolved(best, Resolution.PRONOUN, len(scored), margin, agreement, share=share)

    def _author(self) -> Entity | None:
        """Who wrote the article: a byline among its first lines ("By Ana Ruiz"), or the
        author whose book the piece is an excerpt of. Looked for once, in the opening
        ``AUTHOR_REACH`` characters."""
        if self._writer is False:
            found = AUTHOR.search(self.model.text, 0, AUTHOR_REACH)
            self._writer = None
            if found is not None:
                group = "byline" if found.group("byline") else "excerpt"
                name = found.group(group)
                mention = Mention(
                    found.start(group), found.end(group), name, "PERSON", name.split()[-1].lower()
                )
                self._writer = self.model.register_name(mention, SpeakerKind.PERSON)[0]
        return self._writer if isinstance(self._writer, Entity) else None

    def _addressee(self, mention: Mention) -> str | None:
        """ "“Q,” he told Hannity": the surname of whom the he/she's cue addresses, who is
        not the he/she."""
        found = ADDRESSED.match(self.model.text, mention.end, mention.end + ADDRESSED_REACH)
        if found is None:
            return None
        return norm(WORD.findall(found.group("name"))[-1])

    def _asked_before(self, mention: Mention, quote: tuple[int, int] | None) -> Entity | None:
        """ "Hale asked Ruiz how high the wall would be. / “Q,” he said.": the person just
        asked something, before the quotation (the answer is likely theirs)."""
        end = min(mention.start, quote[0]) if quote is not None else mention.start
        found = _last_match(ASKED_SOMEONE, self.model.text, max(0, end - ASKED_REACH), end)
        if found is None:
            return None
        tokens = [norm(w) for w in WORD.findall(found.group("name"))]
        return self.model.find(tokens[-1:], SpeakerKind.PERSON) if tokens else None

    def _anonymous_reporter_before(self, quote: tuple[int, int], gender: str) -> bool:
        """The sentence right before the quotation, in its paragraph, has an unnamed person
        as the subject of a cue ("A spokesman for the airport said ..."), of the he/she's
        gender or of none."""
        text = self.model.text
        end = quote[0]
        while end > 0 and text[end - 1] in " \t":
            end -= 1
        start = max(0, end - ANONYMOUS_REACH, text.rfind("\n", 0, end) + 1)
        sentence = _last_match(SENTENCE_OPENING, text, start, end)  # the sentence before the quotation
        if sentence is None:
            return False
        found = ANONYMOUS_SUBJECT.match(text, sentence.start("first"), end)
        if found is None:
            return False
        # the head noun among the first words: "A senior official", "A spokesman for ..."
        noun = next((w for w in found.group("words").split() if w in self.lexicon.anonymous_nouns), None)
        if noun is None:
            return False
        noun_gender = self.lexicon.gender_of_noun(noun)
        if noun_gender is not None and noun_gender != gender:
            return False
        rest = text[found.start("words") + found.group("words").index(noun) + len(noun) : end]
        return not NAMED_APPOSITION.search(rest) and any(
            self.lexicon.cue_lemma(word) is not None for word in CUE_WORD.findall(rest)
        )

    def _topic_before(self, mention: Mention, gender: str | None) -> Entity | None:
        """ "As for Berg, she said ...": the person the sentence turns to, right before a
        he/she, is who it is."""
        if gender is None:
            return None
        found = AS_FOR.search(self.model.text, max(0, mention.start - AS_FOR_REACH), mention.start)
        if found is None:
            return None
        tokens = [norm(w) for w in WORD.findall(found.group("name")) if norm(w)]
        entity = self.model.find(tokens, SpeakerKind.PERSON) if tokens else None
        if entity is None or not entity.name or entity.joint or not entity.allows(gender):
            return None
        return entity

    def _ranked(
        self,
        mention: Mention,
        paragraph: int,
        antecedent: Mention | None,
        gender: str | None,
        want_org: bool,
        quote: tuple[int, int] | None = None,
        plural: bool = False,
    ) -> list[tuple[float, int, Entity]]:
        """Compatible entities before the mention, the likeliest first: by salience, and for
        he/she by the fitted antecedent weights over it and the other evidence."""
        bonus: Entity | None = None
        if antecedent is not None:
            bonus = self._antecedent_entity(antecedent, want_org)
        addressee = self._addressee(mention)
        scored: list[tuple[float, int, Entity]] = []
        for entity in self._recent_entities(bonus):
            if not entity.name or (addressee is not None and entity.tokens and entity.surname == addressee):
                continue
            if entity.joint:
                if not plural:
                    continue  # “Q,” Ann Lee and Tom Ruiz wrote. “Q2,” they added.: only "they"
            elif (entity.kind is SpeakerKind.ORGANIZATION) is not want_org:
                continue
            if gender is not None and not entity.allows(gender):
                continue
            salience, latest = self._salience(entity, mention.start, paragraph)
            if entity is bonus:
                salience = max(salience, 2.0) + ANTECEDENT_BONUS
            if salience <= 0:
                continue
            scored.append((salience, latest, entity))
        if gender is not None and self.antecedent_weights and len(scored) > 1:
            # The fitted weights see gender agreement as a feature of its own.
            scored = self._weighed(scored, mention, paragraph, gender, bonus, quote)
        elif gender is not None:
            scored = [(s * (1.0 if e.gender == gender else UNKNOWN_GENDER), at, e) for s, at, e in scored]
        scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
        return scored

    def _weighed(
        self,
        scored: list[tuple[float, int, Entity]],
        mention: Mention,
        paragraph: int,
        gender: str,
        bonus: Entity | None,
        quote: tuple[int, int] | None,
    ) -> list[tuple[float, int, Entity]]:
        """Each candidate's probability of being the he/she, by the fitted weights."""
        by_latest = sorted(scored, key=lambda s: s[1], reverse=True)
        rank = {id(s[2]): i for i, s in enumerate(by_latest)}
        last_speaker = self._last_speaker(mention.start)
        last_reporter = _last_reporter([entity for _, _, entity in scored], mention.start, paragraph)
        asked = self._asked_before(mention, quote)
        rows = [
            antecedent_features(
                entity,
                salience,
                rank[id(entity)],
                mention.start,
                paragraph,
                gender,
                bonus,
                last_speaker,
                last_reporter,
                quote is not None and _named_within(entity, quote),
                entity is asked,
            )
            for salience, _, entity in scored
        ]
        if self.observe is not None:
            self.observe(mention, [(entity, row) for (_, _, entity), row in zip(scored, rows, strict=True)])
        weights = self.antecedent_weights
        logits = [sum(weights.get(k, 0.0) * v for k, v in row.items()) for row in rows]
        top = max(logits)
        exps = [math.exp(z - top) for z in logits]
        total = sum(exps)
        return [(e / total, latest, entity) for e, (_, latest, entity) in zip(exps, scored, strict=True)]

    def _last_speaker(self, at: int) -> Entity | None:
        """The entity that spoke last before ``at`` (quotes are resolved in text order)."""
        for start, entity in reversed(self.speakers[-OCCURRENCES:]):
            if start < at:
                return entity
        return None

    def _antecedent_entity(self, antecedent: Mention, want_org: bool) -> Entity | None:
        """The entity of the subject the parse found before the pronoun: a name joins or
        starts an entity, a common noun ("the union") resolves as a descriptor. Before
        he/she, NER's ORG on a lone surname ("Fallon fired back") is not believed."""
        if antecedent.kind == "CAPITALISED":
            tokens = [norm(w) for w in WORD.findall(antecedent.text) if norm(w) not in ("the", "")]
            return self.model.find(tokens, SpeakerKind.UNKNOWN)  # known names only
        if antecedent.kind in {"PERSON", "PROPN", "ORG"}:
            kind = SpeakerKind.ORGANIZATION if antecedent.kind == "ORG" and want_org else SpeakerKind.UNKNOWN
            return self.model.register_name(antecedent, kind)[0]
        return self._descriptor(antecedent).entity

    def _recent_entities(self, bonus: Entity | None) -> list[Entity]:
        """The entities mentioned most recently: the last ``RECENT`` occurrences (any
        older mention weighs less than a thousandth of a fresh one)."""
        found: dict[int, Entity] = {} if bonus is None else {id(bonus): bonus}
        for _, entity in self.model.recent[-RECENT:]:
            found[id(entity)] = entity
        return list(found.values())

    @staticmethod
    def _salience(entity: Entity, at: int, paragraph: int) -> tuple[float, int]:
        """The entity's best weighted mention before ``at``, and its latest one (ties),
        among its latest ``OCCURRENCES`` mentions (older ones weigh next to nothing)."""
        best, latest = 0.0, -1
        for weight, occurrence in _weighted(entity, at, paragraph):
            best = max(best, weight)
            latest = max(latest, occurrence.start)
        return best, latest

    def _salient_namesake(self, entity: Entity, at: int, paragraph: int) -> Entity:
        """ "Patricia Smith, mother of Sean Smith, rejected the claim. / “Q,” Smith said.":
        of the people a bare surname could name, the one the last paragraphs made their
        subject, when one clearly is (of two as prominent in one paragraph, the one who
        spoke, else the one named first, as a sentence names its subject first); otherwise
        the one quoted and named most. One the article calls by the given name ("Tom told
        ...", "his wife, Jane,") is not its bare surname."""
        people = [
            e
            for e in self._sharing_surname(entity)
            if not e.joint
            and not e.by_given_name
            and not any(norm(m.text) == e.tokens[0] for m in e.mentions)
        ]
        if len(people) == 1:
            return people[0]
        standing = sorted((self._standing(e, at, paragraph), i) for i, e in enumerate(people))
        if len(standing) < 2:
            return entity
        (best, i), (second, _) = standing[-1], standing[-2]
        if best[0] < NAMESAKE_MIN_SALIENCE or (best[0] == second[0] and best[2] != second[2]):
            return entity
        return people[i]

    @staticmethod
    def _standing(entity: Entity, at: int, paragraph: int) -> tuple[float, bool, int, int]:
        """The entity's best weighted mention before ``at``: its weight, whether it is the
        speaker or subject of a cue, its paragraph, and how early in it (the negated offset)."""
        best = (0.0, False, -1, 0)
        for weight, occurrence in _weighted(entity, at, paragraph):
            spoke = occurrence.reports or occurrence.speaker
            best = max(best, (weight, spoke, occurrence.paragraph, -occurrence.start))
        return best

    def _namesakes(self, entity: Entity) -> int:
        """Other people the same bare surname could name (Keith Scott and Rakeyia Scott)."""
        return sum(1 for e in self._sharing_surname(entity) if e is not entity)

    def _sharing_surname(self, entity: Entity) -> list[Entity]:
        """The entity and the others of its kind whose surname is its own."""
        return [
            e
            for e in self.model.sharing(entity.surname)
            if e.kind is entity.kind and e.tokens and e.surname == entity.surname
        ]

    # -- descriptors and roles -------------------------------------------------------------
    def _descriptor(self, mention: Mention, paragraph: int | None = None) -> Resolved:
        head = mention.head
        words = WORD.findall(mention.text)
        given = NAMED_AFTER.match(self.model.text, mention.end, mention.end + NAMED_AFTER_REACH)
        if given is not None and (head in self.lexicon.person_nouns or self.lexicon.is_title(head)):
            # "said the base chief known as Bob": the name the description goes on to give
            at = given.start("name")
            name = Mention(at, given.end("name"), given.group("name"), "PERSON", given.group("name").lower())
            return Resolved(self.model.register_name(name, SpeakerKind.PERSON)[0], Resolution.NAME, 1, 1.0)
        if head == "board" and any(w.lower() == "editorial" for w in words):
            head = "editorial"  # the editorial board: the newspaper's, not a board of its own
        if head in self.lexicon.voice_nouns:
            body = self._body_named_in(words, mention)
            if body is not None:
                return Resolved(body, Resolution.DESCRIPTOR, 1, 1.0)
        if head in self.lexicon.document_nouns and paragraph is not None:
            owner = self._owner(mention, words, paragraph)
            if owner is not None:
                return Resolved(owner, Resolution.DESCRIPTOR, 1, 1.0)
        if head in NARRATORS and paragraph is not None:
            for noun in NARRATED:
                issuer = self._issuer(mention, noun, paragraph)
                if issuer is not None:
                    return Resolved(issuer, Resolution.DESCRIPTOR, 1, 1.0)
        if head in self.lexicon.document_nouns and paragraph is not None and len(words) <= 3:
            issuer = self._issuer(mention, head, paragraph)
            if issuer is not None:
                return Resolved(issuer, Resolution.DESCRIPTOR, 1, 1.0)
            # "The party announced she would not come. / “Q,” the release said.": no frame
            # names the issuer; the one who just reported something issued it, likely.
            reporter = _last_reporter(self._recent_entities(None), mention.start, paragraph)
            if reporter is not None and reporter.name and not reporter.joint:
                return Resolved(reporter, Resolution.DESCRIPTOR, 1, 1.0, True, by_salience=True)
        if head == OFFICE and paragraph is not None:
            office = self._office(mention, words, paragraph)
            if office is not None:
                return Resolved(office, Resolution.DESCRIPTOR, 1, 1.0)
        if head == CAMPAIGN:
            campaign = self._campaign(mention, words, paragraph)
            if campaign is not None:
                return Resolved(campaign, Resolution.DESCRIPTOR, 1, 1.0)
        if head in self.lexicon.organization_nouns or head in self.lexicon.organization_kinds:
            kind = self.lexicon.organization_kinds.get(head)
            named = [e for e in self.model.entities[-RECENT:] if e.name and e.last_seen < mention.start]
            orgs = [
                e
                for e in named
                if e.kind is SpeakerKind.ORGANIZATION
                and (head in e.tokens or (kind is not None and self._kind_of(e) == kind))
            ]
            if not orgs and kind == BUSINESS:
                # "Halden Freight said ... the company said": a business needs no "Inc." in
                # its name; an organisation whose name shows no kind may be the company.
                # A newspaper or a broadcaster is a company too ("Business Insider ... the
                # company said").
                orgs = [
                    e
                    for e in named
                    if e.kind is not SpeakerKind.PERSON
                    and self._kind_of(e) in (None, *MEDIA_KINDS)
                    and not any(t in self.lexicon.given_names for t in e.tokens)
                ]
                picked = self._pick(orgs, Resolution.DESCRIPTOR)
                if picked.entity is not None:
                    picked.entity.kind = SpeakerKind.ORGANIZATION  # "the company" says what it is
                return picked
            if not orgs and kind == GROUP:
                # "United Gun Group said ... the organization said": the generic word for a
                # body stands for one of any kind
                orgs = [e for e in named if e.kind is SpeakerKind.ORGANIZATION]
            return self._pick(orgs, Resolution.DESCRIPTOR)
        # "the pollster" finds the person the article called a pollster (by title, or in a
        # description: "Doug Shaw, a former pollster"; "Clinton pollster Doug Shaw").
        described = (
            self.lexicon.is_title(head)
            or head in self.lexicon.person_nouns
            or self.lexicon.says_what_a_person_is(head)
        )
        # "an aide said" is someone unnamed; "the former aide" after "Ari Lund, a former aide
        # to the governor," refers back to the person the article described so.
        definite = bool(words) and words[0].lower() == "the" and head in ROLES_OF_THE_UNNAMED
        if described and (head not in self.lexicon.anonymous_nouns or definite):
            people = [
                e
                for e in self.model.entities[-RECENT:]
                if e.kind is not SpeakerKind.ORGANIZATION
                and e.name
                and e.last_seen < mention.start
                and (head in {norm(t) for t in e.titles} or head in e.descriptor_words)
            ]
            people.sort(key=lambda e: e.last_seen, reverse=True)
            people = self._fitting_modifiers(people, words, mention.start, strict=True)
            resolved = self._pick(people, Resolution.DESCRIPTOR)
            if resolved.entity is not None:
                self.model.describe(resolved.entity, _lower_first(mention.text))
                return resolved
        if paragraph is not None and self._refers_back(mention, words, head):
            return self._role_by_salience(mention, paragraph, head)
        return UNRESOLVED

    def _issuer(self, document: Mention, noun: str, paragraph: int) -> Entity | None:
        """ "“Q,” the email said": whoever the article says issued the email, in the last
        sentence before that names one ("The Ruiz campaign sent out an email ...", "In a
        statement, Ruiz said ...", "Ruiz said in a statement"). A name must be known to
        the model already; a look-back of ``ISSUER_LOOKBACK`` characters bounds the cost."""
        text = self.model.text
        window_start = max(0, document.start - ISSUER_LOOKBACK)
        # The frames are tried only around the noun's last few occurrences: a text of
        # thousands of "the statement said" costs a look-up each, not a scan of the window.
        # the suit: the lawsuit; the email: emailed
        named = re.compile(rf"\b(?:law)?{re.escape(noun)}(?:s|e?d)?\b", re.IGNORECASE)
        # (the mention's own noun too: "read the statement, which was attributed to Ruiz")
        occurrences = [m.start() for m in named.finditer(text, window_start, document.end)]
        found = None
        frames = issuer_frames(self.lexicon.document_nouns, self.lexicon.issuing_verbs)
        for at in reversed(occurrences[-ISSUER_OCCURRENCES - 1 :]):
            lo, hi = max(window_start, at - ISSUER_SENTENCE), min(len(text), at + ISSUER_SENTENCE)
            matches = [m for frame in frames for m in frame.finditer(text, lo, hi)]
            found = next((m for m in matches if m.start("doc") == at), None)
            if found is not None:
                break
        if found is None:
            return None
        who = found.group("who")
        words = WORD.findall(who)
        start = found.start("who")
        if words and words[-1].lower() == CAMPAIGN:
            owner = Mention(start, start + len(who), who, "NOUN", CAMPAIGN)
            return self._campaign(owner, words, paragraph)
        if who.lower() in PERSON_PRONOUN_GENDERS:
            pronoun = Mention(start, start + len(who), who, "PRONOUN", who.lower())
            return self._pronoun(pronoun, paragraph, None, evidence=0.0).entity
        tokens = [norm(w) for w in words if norm(w) not in ("the", "")]
        known = self.model.find(tokens, SpeakerKind.UNKNOWN) if tokens else None
        if known is not None or not self._names_a_sender(found, words):
            return known
        # A name the frame gives that the article named nowhere else ("a letter from Lund
        # Action"): a person's if it starts with a given name, otherwise a body's.
        kind = SpeakerKind.PERSON if tokens[0] in self.lexicon.given_names else SpeakerKind.ORGANIZATION
        sender = Mention(
            start, start + len(who), who, "PERSON" if kind is SpeakerKind.PERSON else "ORG", tokens[-1]
        )
        return self.model.register_name(sender, kind)[0]

    def _names_a_sender(self, found: re.Match[str], words: list[str]) -> bool:
        """ "a letter from Lund Action and six groups": a whole name of two words or more
        right after "from" or "by", no title in it, the next word not capitalised (so not
        the first words of a longer name the frame cut short)."""
        text = self.model.text
        between = text[found.end("doc") : found.start("who")].split()
        after = NEXT_WORD.match(text, found.end("who"))
        return (
            len(words) >= 2
            and between[-1:] in (["from"], ["by"])
            and not any(self.lexicon.is_title(w) for w in words)
            and (after is None or not after.group(1)[:1].isupper())
        )

    def _office(self, mention: Mention, words: list[str], paragraph: int) -> Entity | None:
        """ "Powell’s office said", "her office said": the office speaks for its holder, and
        is named after them ("Colin Powell's office")."""
        person = self._owner(mention, words, paragraph)
        if person is None or person.kind is SpeakerKind.ORGANIZATION or not person.name:
            return None
        return self.model.office_of(person)

    def _campaign(self, mention: Mention, words: list[str], paragraph: int | None) -> Entity | None:
        """ "the Jeb Bush campaign", "Duarte's campaign", "her campaign": an organisation named
        after its candidate as the article writes them ("Jeb Bush campaign"; a possessor
        by surname, "Duarte campaign"), so that "the campaign" later finds it too."""
        before = [w for w in words[:-1] if w.lower() not in ("a", "an", "the")]
        named = [w.removesuffix("'s").removesuffix("’s") for w in before if w[:1].isupper()]
        if len(before) == 1 and before[0].lower() in POSSESSIVE_PRONOUNS:
            named = []  # "Her campaign" opening a sentence
        if named and len(named) == len(before) and not any(w[-2:] in ("'s", "’s") for w in before[:-1]):
            if before[-1][-2:] in ("'s", "’s"):
                person = self.model.find([norm(w) for w in named], SpeakerKind.PERSON)
                named = [person.name.split()[-1]] if person is not None and person.name else named
            name = " ".join(named) + " campaign"
        elif len(before) == 1 and before[0].lower() in POSSESSIVE_PRONOUNS and paragraph is not None:
            pronoun = POSSESSIVE_PRONOUNS[before[0].lower()]
            owner = Mention(mention.start, mention.start + len(before[0]), pronoun, "PRONOUN", pronoun)
            person = self._pronoun(owner, paragraph, None, evidence=0.0).entity
            if person is None or not person.name or person.kind is SpeakerKind.ORGANIZATION:
                return None
            name = person.name.split()[-1] + " campaign"
        else:
            return None
        campaign = Mention(mention.start, mention.end, name, "ORG", CAMPAIGN)
        return self.model.register_name(campaign, SpeakerKind.ORGANIZATION)[0]

    def _owner(self, mention: Mention, words: list[str], paragraph: int) -> Entity | None:
        """ "Hoff’s letter", "the campaign’s statement", "her memo", "her Twitter account": a
        document speaks for whoever the mention says it belongs to, when the article knows
        them."""
        before = words[:-1]
        # past a word or two that say what kind: "her Twitter account", "Hoff’s latest letter"
        for skip in (1, 2):
            if len(before) > skip and _possessive(before[-1 - skip]) and not _possessive(before[-1]):
                before = before[:-skip]
                break
        if not before:
            return None
        last = before[-1]
        if last.lower() in POSSESSIVE_PRONOUNS:
            pronoun = POSSESSIVE_PRONOUNS[last.lower()]
            at = mention.start + mention.text.rfind(last)
            owner = Mention(at, at + len(last), pronoun, "PRONOUN", pronoun)
            person = self._pronoun(owner, paragraph, None, evidence=0.0).entity
            return person if person is not None and person.name and not person.joint else None
        if last[-2:] not in ("'s", "’s"):
            return None
        owner_words = [last[:-2]]
        for word in reversed(before[:-1]):  # the owner's whole name: "Rachel Hoff’s"
            if not word[:1].isupper():
                break
            owner_words.insert(0, word)
        tokens = [norm(w) for w in owner_words if norm(w)]
        if not tokens:
            return None
        if owner_words[0][:1].isupper():
            entity = self.model.find(tokens, SpeakerKind.UNKNOWN)  # known names only
            return entity if entity is not None and entity.name and not entity.joint else None
        # "the campaign’s statement", "the ministry’s email": the body the noun stands for
        noun = tokens[-1]
        inner = Mention(mention.start, mention.end, f"the {noun}", "NOUN", noun)
        if (
            noun == CAMPAIGN
            or noun in self.lexicon.organization_nouns
            or noun in self.lexicon.organization_kinds
        ):
            return self._descriptor(inner, paragraph).entity
        return None

    def _fitting_modifiers(
        self, people: list[Entity], words: list[str], before: int, strict: bool = False
    ) -> list[Entity]:
        """ "the Vermont senator": of several senators, those the article names beside
        "Vermont" (Vermont Sen. Bernie Sanders; Sanders of Vermont), if any: the word, within
        ``MODIFIER_REACH`` characters of one of the person's latest mentions, is nearer to
        it than to any other candidate's, before the role itself (at ``before``)."""
        modifiers = [w for w in words[1:-1] if w[:1].isupper()] if words and words[0].lower() == "the" else []
        if not modifiers or (len(people) < 2 and not strict):
            return people
        text = self.model.text
        likeliest = people[:MODIFIER_CANDIDATES]  # the likeliest few: the look-up stays bounded
        mentions = [
            (o.start, max(o.end, o.start), id(e))
            for e in likeliest
            for o in e.occurrences[-MODIFIER_OCCURRENCES:]
        ]

        def distance(mention: tuple[int, int, int], at: int) -> int:
            return 0 if mention[0] <= at < mention[1] else min(abs(at - mention[0]), abs(at - mention[1]))

        owners: dict[str, set[int]] = {w: set() for w in modifiers}
        for word in modifiers:
            pattern = re.compile(rf"\b{re.escape(word)}\b")
            for start, end, _ in mentions:
                for found in pattern.finditer(
                    text, max(0, start - MODIFIER_REACH), min(end + MODIFIER_REACH, before)
                ):
                    owners[word].add(min(mentions, key=lambda m: distance(m, found.start()))[2])
        fitting = [e for e in likeliest if all(id(e) in owned for owned in owners.values())]
        return fitting if fitting or strict else people

    def _described_not_named(self, mention: Mention) -> bool:
        """ "the billionaire business mogul" (a noun the tagger took for a name), "the
        Republican", "the Wisconsin Republican": "the" and a description, no name in it (a
        party word is what a person is, and the words before it where they come from)."""
        words = WORD.findall(mention.text)
        if len(words) < 2 or words[0].lower() != "the":
            return False
        rest = words[1:]
        return all(w.islower() for w in rest) or (
            len(rest) <= MAX_PARTY_MODIFIERS + 1 and self.lexicon.says_what_a_person_is(norm(rest[-1]))
        )

    def _refers_back(self, mention: Mention, words: list[str], head: str) -> bool:
        """ "the senator", "the Florida senator", "the 46-year-old": a definite role, naming
        no person of the article's inside it ("the Trump adviser" is someone else)."""
        text = self.model.text
        definite = (words and words[0].lower() == "the") or text[
            max(mention.start - 4, 0) : mention.start
        ].lower() == "the "
        if not definite or not (
            head in self.lexicon.role_nouns
            or self.lexicon.says_what_a_person_is(head)
            or AGE.search(mention.text)
        ):
            return False
        if words and words[0].lower() == "the":
            words = words[1:]
        inner = [norm(w) for w in words[:-1] if w[:1].isupper()]
        return not any(e.kind is not SpeakerKind.ORGANIZATION for t in inner for e in self.model.sharing(t))

    def _role_by_salience(self, mention: Mention, paragraph: int, head: str) -> Resolved:
        """A role nobody was introduced with: the most salient person of the last paragraphs
        whose gender evidence allows it, as a news story refers back to its subject."""
        gender = None if self.lexicon.is_generic_gendered(head) else self.lexicon.gender_of_noun(head)
        scored = self._ranked(mention, paragraph, None, gender, want_org=False)
        fitting = set(
            map(
                id,
                self._fitting_modifiers([e for _, _, e in scored], WORD.findall(mention.text), mention.start),
            )
        )
        scored = [s for s in scored if id(s[2]) in fitting]
        if not scored or scored[0][0] < ROLE_MIN_SALIENCE:
            return UNRESOLVED
        best_score, _, best = scored[0]
        margin = 1.0 if len(scored) == 1 else (best_score - scored[1][0]) / best_score
        self.model.describe(best, _lower_first(mention.text))
        return Resolved(best, Resolution.DESCRIPTOR, len(scored), margin, True, by_salience=True)

    def _body_named_in(self, words: list[str], mention: Mention) -> Entity | None:
        """ "a Tessaro spokeswoman", "the IMF report", "the ministry's statement", "One Club
        for Growth ad": the body the head speaks for. A name the article has not met yet is
        a new organisation, unless one of its words names someone already ("a Clinton
        spokeswoman" speaks for nobody named)."""
        before = [w for w in words[:-1] if w.lower() not in ("a", "an", "the")]
        capitalised = [
            i
            for i, w in enumerate(before)
            if (w[:1].isupper() or is_acronym(w)) and w.lower() not in COUNT_WORDS
        ]
        if capitalised:
            # The body's whole name, its "for" and "of" included: "Club for Growth".
            run = before[capitalised[0] : capitalised[-1] + 1]
            tokens = [norm(w) for w in run if norm(w)]
            named = [norm(w) for w in run if w[:1].isupper() or is_acronym(w)]
            entity = self.model.find(tokens, SpeakerKind.ORGANIZATION) or self.model.find(
                named, SpeakerKind.ORGANIZATION
            )
            if entity is not None:
                return entity if entity.kind is SpeakerKind.ORGANIZATION else None
            if any(self.model.sharing(t) for t in named) or any(t in self.lexicon.given_names for t in named):
                return None
            body = Mention(
                mention.start,
                mention.end,
                " ".join(w.removesuffix("'s").removesuffix("’s") for w in run),
                "ORG",
                tokens[-1],
            )
            return self.model.register_name(body, SpeakerKind.ORGANIZATION)[0]
        nouns = [norm(w) for w in before if norm(w) in self.lexicon.organization_nouns]
        if nouns:
            inner = Mention(mention.start, mention.end, mention.text, "NOUN", nouns[-1])
            return self._descriptor(inner).entity
        return None

    def _kind_of(self, entity: Entity) -> str | None:
        """An organisation's kind, from the last word of its name ("Lund Courier") or, failing
        that, what the article called it ("The Union Leader, the state's largest newspaper")."""
        last = entity.tokens[-1] if entity.tokens else ""
        kind = self.lexicon.organization_endings.get(last) or self.lexicon.organization_kinds.get(last)
        if kind is None and WEB_NAME.search(last):
            kind = BUSINESS  # GunShop.com: "the company", "the website"
        if kind is None and entity.kind is SpeakerKind.ORGANIZATION:
            # in the lexicon's order (deterministic, and as long as the lexicon, not the
            # descriptions the article gave)
            kind = next(
                (k for w, k in self.lexicon.organization_kinds.items() if w in entity.descriptor_words), None
            )
        return kind

    @staticmethod
    def _pick(candidates: list[Entity], resolution: Resolution) -> Resolved:
        """The candidate named most recently before the mention; rivals lower the margin."""
        if not candidates:
            return UNRESOLVED
        candidates.sort(key=lambda e: e.last_seen, reverse=True)
        return Resolved(candidates[0], resolution, len(candidates), 1.0 if len(candidates) == 1 else 0.0)


@cache
def issuer_frames(nouns: frozenset[str], verbs: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """The sentences that say who issued a document (``document_nouns.txt``, by one of
    ``issuing_verbs.txt``), built once for the word lists."""
    noun = "|".join(sorted(map(re.escape, nouns), key=len, reverse=True))
    verb = "|".join(sorted((v.replace(" ", r"\s+") for v in verbs), key=len, reverse=True))
    passive = "|".join(sorted((v.replace(" ", r"\s+") for v in PASSIVE_ISSUING), key=len, reverse=True))
    name = r"[A-Z][\w'’.\-]*"
    # Whole words only: not "Cain" inside "McCain", not "he" inside "the".
    who = (
        rf"(?<![\w'’\-])(?P<who>(?:[Tt]he\s+)?(?:{name}\s+){{0,3}}campaign"
        rf"|(?:[Hh]is|[Hh]er|[Tt]heir)\s+campaign|(?:{name}\s+){{0,3}}{name}|[Hh]e|[Ss]he)"
    )
    doc = rf"(?:[\w\-]+\s+){{0,3}}?(?P<doc>{noun})s?\b"
    verbal = "|".join(sorted((re.escape(n) for n in VERBAL_DOCUMENTS if n in nouns), key=len, reverse=True))
    # ... by whom, past a description: "by a former aide named Carl Benning"
    by_whom = rf"(?:[a-z][\w'’\-]*,?\s+){{0,5}}?{who}"
    return (
        # a statement released by the Ruiz campaign; the lawsuit filed by Benning; an ad paid
        # for by Lund Forward; the memo, which was attributed to Ruiz
        re.compile(
            rf"(?<![\w\-])(?P<doc>{noun})s?(?:,\s+which\s+(?:was|were)|\s+(?:was|were))?"
            rf"\s+(?:{passive})\s+(?:on\s+\w+\s+)?(?:by|to|from)\s+{by_whom}"
        ),
        # a letter from Lund Action; an ad by the Ruiz campaign (not "a letter to": that is
        # whom it went to)
        re.compile(rf"(?<![\w\-])(?P<doc>{noun})s?\s+(?:from|by)\s+{who}"),
        # Ruiz issued a statement; The Ruiz campaign sent out an email; Ruiz has released a letter
        re.compile(
            rf"{who}(?:,\s+[^,.;“”\"]{{1,60}},)?(?:\s+(?:also|has|had|have|then|on\s+\w+))?\s+(?:{verb})"
            rf"\s+(?:an?|the|its|his|her|their)\s+{doc}"
        ),
        # In a statement, Ruiz said
        re.compile(rf"\b[Ii]n\s+(?:an?|the|its|his|her|their)\s+{doc}[^.;]{{0,60}}?,\s+{who}"),
        # Ruiz said in a statement
        re.compile(rf"{who}\s+(?:said|says|wrote|writes|added)\s+in\s+(?:an?|the|its|his|her|their)\s+{doc}"),
        # Ruiz emailed supporters; Ruiz, the chair, tweeted on Monday: the verb the noun makes
        re.compile(
            rf"{who}(?:,\s+[^,.;“”\"]{{1,60}},)?(?:\s+(?:also|has|had|have|then))?\s+"
            rf"(?P<doc>{verbal})(?:ed|d)\b"
        ),
    )


def _weighted(entity: Entity, at: int, paragraph: int) -> Iterator[tuple[float, Occurrence]]:
    """The entity's latest ``OCCURRENCES`` mentions before ``at``, each with its
    prominence halved for every paragraph back (older ones weigh next to nothing)."""
    for occurrence in entity.occurrences[-OCCURRENCES:]:
        distance = paragraph - occurrence.paragraph
        if occurrence.start < at and distance >= 0:
            yield occurrence.prominence * DECAY**distance, occurrence


def _last_match(pattern: re.Pattern[str], text: str, start: int, end: int) -> re.Match[str] | None:
    """The last match of ``pattern`` in text[start:end] (a bounded window)."""
    found = None
    for found in pattern.finditer(text, start, end):  # noqa: B007 - the last one is kept
        pass
    return found


def _possessive(word: str) -> bool:
    return word.lower() in POSSESSIVE_PRONOUNS or word[-2:] in ("'s", "’s")


def _last_reporter(candidates: list[Entity], at: int, paragraph: int) -> Entity | None:
    """Of the candidates, the one the article last made the subject of a cue, in this
    paragraph or the one before: "Kerr said the plan would fail. / “Q,” he said." is Kerr's."""
    best, latest = None, -1
    for entity in candidates:
        for occurrence in entity.occurrences[-OCCURRENCES:]:
            if (
                occurrence.reports
                and latest < occurrence.start < at
                and paragraph - 1 <= occurrence.paragraph <= paragraph
            ):
                best, latest = entity, occurrence.start
    return best


def _named_within(entity: Entity, quote: tuple[int, int]) -> bool:
    """Whether the quotation names the entity (its latest such mentions: bounded)."""
    start, end = quote
    for at in reversed(entity.quoted[-OCCURRENCES:]):
        if at < start:
            return False
        if at < end:
            return True
    return False


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:1].isupper() and text[1:2].islower() else text


def antecedent_features(
    entity: Entity,
    salience: float,
    recency_rank: int,
    at: int,
    paragraph: int,
    gender: str,
    bonus: Entity | None,
    last_speaker: Entity | None,
    last_reporter: Entity | None = None,
    named_in_quote: bool = False,
    asked: bool = False,
) -> dict[str, float]:
    """What speaks for ``entity`` as the person a he/she stands for (fitted in ``fitting``)."""
    here = previous = 0.0
    occurrences = entity.occurrences
    first = occurrences[0].paragraph if occurrences and occurrences[0].start < at else None
    count = len(occurrences)
    for occurrence in occurrences[-OCCURRENCES:]:  # bounded: a text naming one person 10,000 times
        if occurrence.start >= at:
            count -= 1
            continue
        if occurrence.paragraph == paragraph:
            here = max(here, occurrence.prominence)
        elif occurrence.paragraph == paragraph - 1:
            previous = max(previous, occurrence.prominence)
    f = {
        "salience": math.log1p(salience),
        "here": here,
        "previous": previous,
        "recency_rank": math.log1p(recency_rank),
        "times_named": math.log1p(count),
    }
    if entity is bonus:
        f["parse_antecedent"] = 1.0
    if entity.gender == gender:
        f["gender_agrees"] = 1.0
    if entity is last_speaker:
        f["last_speaker"] = 1.0
    if entity is last_reporter:
        f["last_reporter"] = 1.0
    if first is not None and first >= paragraph - 1:
        f["introduced_just_now"] = 1.0
    if entity.descriptors:
        f["described"] = 1.0
    if named_in_quote:
        f["named_in_quote"] = 1.0
    if asked:
        f["asked_just_before"] = 1.0
    return f
