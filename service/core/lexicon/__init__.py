"""The rules' word lists, read from the readable ``*.txt`` files beside this module.

Each file holds one entry a line; ``#`` starts a comment. Edit the files, not code, to
teach the extractor a new cue verb, title or name; bump ``RULES_VERSION`` in
``service.core`` so cached answers are recomputed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources


def _with_plurals(words: list[str]) -> frozenset[str]:
    """Texan, Texans; Frenchman, Frenchmen."""
    return frozenset(words) | {w[:-3] + "men" if w.endswith("man") else w + "s" for w in words}


def _lines(name: str) -> list[str]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    rows = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [row for row in rows if row]


def _inflections(lemma: str) -> set[str]:
    """say -> says, saying, sayed (harmless); note -> notes, noted, noting; cry -> cries."""
    forms = {lemma, lemma + "s", lemma + "ed", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms.add(lemma + "es")
    if lemma[-1] in "bdgklmnprt" and lemma[-2:-1] in "aeiou" and lemma[-3:-2] not in "aeiou":
        # quip -> quipped, admit -> admitted; a wrong extra form (edit -> editted) is harmless
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


@dataclass(frozen=True)
class Lexicon:
    cue_forms: dict[str, str]  # inflected form -> lemma
    titles: frozenset[str]
    pronouns: dict[str, tuple[str, str]]  # pronoun -> (gender or kind, number)
    organization_nouns: frozenset[str]
    anonymous_nouns: frozenset[str]
    female_names: frozenset[str]
    male_names: frozenset[str]
    honorifics: frozenset[str]  # titles only a person's name follows: Mr., Sen., Dr.
    given_names: frozenset[str]  # male and female names together
    phrasal_cues: dict[str, frozenset[str]]  # verb form -> its particles: went -> {on}
    surname_first: frozenset[str]  # Li, Kim, Nguyen: surnames written before the given name
    gendered_nouns: dict[str, str]  # mother -> female, Mr -> male
    generic_gendered: frozenset[str]  # spokesman, chairman: used of women too, weak evidence
    event_nouns: frozenset[str]  # breakfast, summit: a name ending in one is no person's
    organization_kinds: dict[str, str]  # a descriptor (company) -> its kind
    organization_endings: dict[str, str]  # the last word of a name (Motors) -> its kind
    voice_nouns: frozenset[str]  # spokeswoman, statement: speak for a body named beside them
    person_nouns: frozenset[str]  # lawyer, nurse, professor ...: an apposition naming a person
    nicknames: dict[str, str]  # bobby -> robert
    addressee_verbs: frozenset[str]  # tell, ask: in the passive the subject is the listener
    role_nouns: frozenset[str]  # senator, investor: "the senator said" refers back to someone
    infinitive_cues: frozenset[str] = frozenset()  # vow, urge: "vowed to fight" is reported speech
    object_cues: frozenset[str] = frozenset()  # announce, deny: "denied the report" is reported speech
    wish_verbs: frozenset[str] = frozenset()  # wants, planned: "wants to announce" reports nothing yet
    statement_nouns: frozenset[str] = frozenset()  # claim(s): "her claim that the dam is safe"
    topic_cues: frozenset[tuple[str, str]] = frozenset()  # (warn, of): "warned of delays"
    reported_cue_forms: dict[str, str] = field(default_factory=dict)  # proposed -> propose
    quote_only_cues: frozenset[str] = frozenset()  # begin, laugh: cue a quotation, report nothing
    medium_nouns: frozenset[str] = frozenset()  # message(s), request(s): a medium, not content
    document_nouns: frozenset[str] = frozenset()  # statement, email: speak for whoever issued them
    issuing_verbs: tuple[str, ...] = ()  # issued, sent out: "Ruiz issued a statement"
    party_words: frozenset[str] = frozenset()  # Republican(s): before a name, no part of it
    demonyms: frozenset[str] = frozenset()  # Texan(s), Spaniard(s): where a person is from
    kin_nouns: frozenset[str] = frozenset()  # wife, son: "his wife, Jane," shares his surname

    def cue_lemma(self, word: str) -> str | None:
        return self.cue_forms.get(word.lower())

    def is_title(self, word: str) -> bool:
        return word.lower().rstrip(".") in self.titles

    def is_honorific(self, word: str) -> bool:
        return word.lower().rstrip(".") in self.honorifics

    def says_what_a_person_is(self, word: str) -> bool:
        """A party or where one is from: "Republican", "Texan" ("the Texan said")."""
        return word in self.party_words or word in self.demonyms

    def gender_of_noun(self, word: str) -> str | None:
        return self.gendered_nouns.get(word.lower().rstrip("."))

    def is_generic_gendered(self, word: str) -> bool:
        return word.lower().rstrip(".") in self.generic_gendered


@cache
def load_lexicon() -> Lexicon:
    cue_forms: dict[str, str] = {}
    for lemma in _lines("cue_verbs.txt"):
        for form in _inflections(lemma):
            cue_forms.setdefault(form, lemma)
    for row in _lines("irregular_verbs.txt"):
        form, lemma = row.split()
        cue_forms[form] = lemma
    pronouns = {}
    for row in _lines("pronouns.txt"):
        word, gender, number = row.split()
        pronouns[word] = (gender, number)
    titles = frozenset(_lines("titles.txt"))
    anonymous_nouns = frozenset(_lines("anonymous_nouns.txt"))
    gendered_rows = [row.split() for row in _lines("gendered_nouns.txt")]
    gendered_nouns = {row[0]: row[1] for row in gendered_rows}
    generic_gendered = frozenset(row[0] for row in gendered_rows if row[2:] == ["generic"])
    male_names = frozenset(_lines("male_names.txt"))
    female_names = frozenset(_lines("female_names.txt"))
    return Lexicon(
        cue_forms=cue_forms,
        titles=titles,
        pronouns=pronouns,
        organization_nouns=frozenset(_lines("organization_nouns.txt")),
        anonymous_nouns=anonymous_nouns,
        female_names=female_names,
        male_names=male_names,
        honorifics=frozenset(_lines("honorifics.txt")),
        given_names=male_names | female_names,
        phrasal_cues=_phrasal_cues(),
        surname_first=frozenset(_lines("surname_first.txt")),
        gendered_nouns=gendered_nouns,
        generic_gendered=generic_gendered,
        event_nouns=frozenset(_lines("event_nouns.txt")),
        **_organization_kinds(),
        voice_nouns=frozenset(_lines("voice_nouns.txt")),
        person_nouns=frozenset(_lines("person_nouns.txt"))
        | titles
        | anonymous_nouns
        | frozenset(gendered_nouns),
        nicknames=dict(row.split() for row in _lines("nicknames.txt")),
        addressee_verbs=frozenset(_lines("addressee_verbs.txt")),
        infinitive_cues=frozenset(_lines("infinitive_cues.txt")),
        object_cues=frozenset(_lines("object_cues.txt")),
        wish_verbs=frozenset(form for lemma in _lines("wish_verbs.txt") for form in _inflections(lemma)),
        statement_nouns=frozenset(n + s for n in _lines("statement_nouns.txt") for s in ("", "s")),
        topic_cues=frozenset((row.split()[0], row.split()[1]) for row in _lines("topic_cues.txt")),
        quote_only_cues=frozenset(_lines("quote_only_cues.txt")),
        medium_nouns=frozenset(n + e for n in _lines("medium_nouns.txt") for e in ("", "s")),
        reported_cue_forms={
            form: lemma for lemma in _lines("reported_cue_verbs.txt") for form in _inflections(lemma)
        },
        role_nouns=frozenset(_lines("role_nouns.txt")),
        document_nouns=frozenset(_lines("document_nouns.txt")),
        issuing_verbs=tuple(_lines("issuing_verbs.txt")),
        party_words=frozenset(_lines("party_words.txt")),
        demonyms=_with_plurals(_lines("demonyms.txt")),
        kin_nouns=frozenset(_lines("kin_nouns.txt")),
    )


def _organization_kinds() -> dict[str, dict[str, str]]:
    descriptors: dict[str, str] = {}
    endings: dict[str, str] = {}
    for row in _lines("organization_kinds.txt"):
        words, ends = (part.split() for part in row.split("|"))
        for word in words:
            descriptors.setdefault(word, words[0])
        for word in ends:
            endings.setdefault(word, words[0])
    return {"organization_kinds": descriptors, "organization_endings": endings}


def _phrasal_cues() -> dict[str, frozenset[str]]:
    particles: dict[str, set[str]] = {}
    for row in _lines("cue_phrasal_verbs.txt"):
        lemma, particle, *irregular = row.split()
        for form in _inflections(lemma) | set(irregular):
            particles.setdefault(form, set()).add(particle)
    return {form: frozenset(p) for form, p in particles.items()}
