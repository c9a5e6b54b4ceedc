"""Find the names in paragraphs the extractor does not parse, without a parse.

Only paragraphs that hold a quote (and a paragraph ending in a colon before one) go
through spaCy. A person is often named in full elsewhere ("Defense Minister Sergei
Shoigu arrived on Tuesday.") and quoted later by surname alone, so the other
paragraphs are scanned for runs of capitalised words. A run counts as a person only
on evidence: a first name from the name lists, an honorific before it ("Mr. Tomas
Lind"), a surname written first ("Li Wenjun"), or a last word that a quote's speaker
mention uses as its surname. A run that ends in an organisation noun or a name ending
("Wells Fargo Bank", "Defense Ministry", "Tessaro Motors") counts as an organisation.
Once the full names are known, a lone surname ("Ham made it clear") is a mention too.

Each mention says how prominent it is, for pronoun resolution: the name a sentence opens
with is a main subject, a name followed by a verb is a subject, anything else is not.
An apposition after a name ("Ruth Okafor, a retired nurse,") is kept as its descriptor.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence, Set
from dataclasses import replace
from functools import cache, lru_cache
from itertools import groupby, islice

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from .entities import NAME_SUFFIX_WORDS, PARTICLES, Mention, common_words
from .lexicon import Lexicon
from .marks import Paragraph
from .planning import Plan
from .spans import Quotes, first_token_from, text_of, token_starts

# A capitalised word, an initial ("J."), or a particle inside a name ("de la Cruz").
# The capital comes before the look back at the character before it: a pattern that opens
# with a character class lets the regex engine skip ahead to the next capital, where one
# that opens with a look-behind is tried at every character of the text.
_WORD = r"[A-Z](?<![\w'’][A-Z])(?:[a-zà-öø-ÿ'’][a-zA-ZÀ-ÖØ-öø-ÿ'’\-]*)?\.?(?!\w)"
_PARTICLE = "(?:" + "|".join(sorted(PARTICLES)) + ")"
_NAME_OF = re.compile(r"(?<![\w'’])([A-Z][\w'’\-]*)\s+of\s+$")  # "Dan Kessler of "
# The word before a name, past a possessive: "noted NBC's Dante Chinni" gives "noted".
_WORD_BEFORE = re.compile(r"\b([a-z]+)\s+(?:(?:[A-Z][\w.]*\s+){0,3}[A-Z][\w.]*['’]s\s+)?$")
# A relative clause or a possessive before a name: the name belongs to another's clause
# ("Ann Lee, who lost her son Tom Lee", "his wife Jane Lee").
_RELATIVE_CLAUSE = re.compile(
    r"(?:,\s+(?:who|whose|which)\s|\b(?:[Hh]is|[Hh]er|[Tt]heir)\s+(?:\S+\s+){1,2}$)"
)
# Whose relation it is, right before the relation's noun: "his [wife]", "Trump's late [son]"
_RELATION_OWNER = re.compile(r"(?:\b(?:[Hh]is|[Hh]er|[Tt]heir)|[A-Z][\w\-]*['’]s?)\s+(?:[a-z\-]+\s+)?$")


@cache
def _kin_and_given(kin_nouns: frozenset[str]) -> re.Pattern[str]:
    """A relation's noun and a lone given name after it: "(his) wife, Jane,", "(Trump's)
    son Eric said" (not "his wife, Jane Sanders": a full name is found as one). The
    relation's noun comes first in the pattern: most text holds none, and is skipped fast."""
    # Grouped by first letter ("s(?:on|ister)"): at each word the engine tries one group,
    # not every noun.
    groups = []
    for first, nouns in groupby(sorted(kin_nouns), key=lambda noun: noun[0]):
        rest = sorted((noun[1:] for noun in nouns), key=len, reverse=True)
        groups.append(re.escape(first) + "(?:" + "|".join(map(re.escape, rest)) + ")")
    kin = "|".join(groups)
    return re.compile(rf"\b(?:{kin}),?\s+(?P<given>[A-Z][a-z]+)(?=,|\s+[a-z]|[.;:])")


_SUBJECT_PRONOUN = re.compile(
    r"[HhSs](?<![\w'’].)(?:(?<=[Hh])e|(?<=[Ss])he)(?![\w'’])"
)  # (letter first: see _WORD)
# A capitalised word standing alone, hyphenated parts and all ("Ocampo-Reyes", "Ruiz’s"),
# capitals inside included ("McCain", "O’Malley", "DeSantis").
_LONE_WORD = re.compile(
    r"[A-Z](?<![\w'’.\-][A-Z])[a-zà-öø-ÿ'’][a-zA-Zà-öø-ÿ'’]*(?:-[A-Za-zà-öø-ÿ'’]+)*(?:['’]s)?(?![\w'’\-])"
)
# A quoted nickname inside a name: Robert C. "Bobby" Scott.
_NICKNAME = r"[\"“‘][A-Z][a-z'’\-]+[\"”’]"
# An organisation named with "of": Bank of Central Meridia, University of Lund, Court of
# Appeals for the Sixth Circuit; the word before "of" must be an organisation noun.
_NICKNAME_WORD = re.compile(_NICKNAME)
_ORGANIZATION_OF = re.compile(rf"(?P<body>{_WORD})\s+of\s+(?:the\s+)?")
_WORDS_BEFORE = re.compile(rf"(?:(?<![\w.])(?!The\b){_WORD}\s+){{1,4}}$")
_NAME_AFTER_OF = re.compile(rf"{_WORD}(?:\s+(?:for\s+the\s+|of\s+)?{_WORD}){{0,6}}")
# Two or more capitalised words in a row: no name the scanner finds is a single word (a
# lone word the regex engine passes over costs nothing in Python).
CAPITALISED_RUN = re.compile(rf"{_WORD}(?:\s+(?:{_PARTICLE}\s+)*(?:{_NICKNAME}\s+)?{_WORD})+")
_NON_SPACE = re.compile(r"\S+")
_WEB_ADDRESS_HINT = re.compile(r"\.(?:com|org|net|io|info|co\.uk)")
_WEB_ADDRESS = re.compile(r"(?<![\w@/.\-])[A-Z][\w\-]*\.(?:com|org|net|io|info|co\.uk)(?![\w/.]\w)")
_POSSESSIVE = re.compile(r"['’]s?$")
_POSSESSIVE_WORD = re.compile(r"\w['’]s$")
# A sentence ends before the name: ". ", "? ", ".” "
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+")
# An apposition after a name: ", a retired nurse," / ", 54, the mayor of Lund."
_APPOSITION = re.compile(
    r",\s+(?:\d{1,3},\s+)?((?:(?:a|an|the)\s)?[a-z][^,.;:()\"“”]{2,80}?)(?=\s*[,.;:]|\s*$)"
)
ARTICLES = frozenset({"a", "an", "the"})
SENTENCE_LOOKBACK = 400  # characters back from a name to its sentence's start
PLAIN_CACHE = 8192  # words whose plain form is kept (a few hundred KB at most)
MAX_CLAUSE_DEPTH = 6  # heads walked up from a name to find the clause it sits in
_CLAUSE_END = re.compile(r"\s*(?:[,.;:!?)]|$)")
_APPOSITION_BEFORE = re.compile(r"^((?:[Tt]he|[Aa]n?)\s[^,.;:()\"“”]{2,60}),\s+(?:[a-z][\w\-]*\s+){0,3}$")
# Parts of speech no name holds at its start (NER's "Following Duarte", "Asked Ruiz").
NOT_IN_NAMES = frozenset({"VERB", "AUX", "ADP", "SCONJ", "CCONJ", "PRON"})
_PARTICIPLE = re.compile(r"(?:ing|ed)$")
# A person introduced by name: "a resident named Caroline", "an academic named Eric Kingson",
# "the chief known as Bob" (what stands before says it is a person: an age or a noun).
_NAMED_AS_HINT = re.compile(r"(?:named|known\s+as)\s")  # (also in "nicknamed": only a hint)
_NAMED_AS = re.compile(
    r"(?P<before>\d{1,3}-year-old|\b[a-z]{3,})\s+(?:named|known\s+as|nicknamed)\s+"
    r"(?P<name>[A-Z][a-zà-öø-ÿ'’\-]+(?:\s+[A-Z][a-zà-öø-ÿ'’\-]+){0,2})"
)
# After a name, what only a person has: an age, a "who" clause ("Ana Quon, 58,"; "..., who").
_PERSON_AFTER = re.compile(r",\s*(?:\d{1,3}\s*,|who(?:se|m)?\b)")
# Where an apposition's head noun ends: "the chief executive [of Castlemere Hospital]".
_DESCRIPTOR_HEAD = re.compile(r"\s(?:of|at|for|in|on|with|from|who|which|that|and)\s")
# Plural nouns of the kind a writer puts before names ("Celebrities Julianne Moore, ...",
# "Activists Ana Ruiz and ..."): endings no given name has.
_PLURAL_NOUN = re.compile(r"[a-z]{2}(?:ies|ers|ists|als|ants|ents)$")
_SENTENCE_BREAK = re.compile(r"[.!?:;][\"”’)]?\s+$|\n$")
# Before a lone capitalised word, on its line: "the", another capitalised word or an
# initial (it ends a longer name). Not a sentence's end: "... the Senate. Ocampo-Reyes said".
_PART_OF_A_NAME = re.compile(r"(?:\b[Tt]he|\b[A-Z][\w'’\-]*[\w'’]|\b[A-Z]\.)[ \t]+$")
_NEXT_WORD = re.compile(r"(?:\s*,[^,.;]{1,80},)?(?:\s+[a-z]+ly)?\s+([a-z][a-z'’]*)")
_QUOTATION_MARK = re.compile('["“”]')
_HE = re.compile("(?i)he")  # in "he" and "she"
# The verb a name is the subject of, past an apposition and auxiliaries: "Kerr, the
# mayor, has also said"; "Kerr later wrote".
_VERB_AFTER = re.compile(
    r"(?:\s*,[^,.;]{1,120},)?(?:\s+(?:[a-z]+ly|also|then|later|again|once|has|had|have|would|will))*"
    r"\s+([a-z][a-z'’]*)"
)
# Words after a name that show it is the subject: "Ham made", "Berg has", "Li will".
SUBJECT_VERBS = frozenset(
    "is was has had will would can could may might must did does said says made told went "
    "got took gave came saw thinks thought knew wrote spoke met ran won lost kept left "
    "bristles".split()
)
NAME_SUFFIXES = frozenset({"Jr.", "Sr."})
ABBREVIATED_WORDS = NAME_SUFFIXES | {"St."}
# The endings of English words made from others (understated, rising, boldly): at the
# start of a heading such a word is not a given name.
_DERIVED_WORD = re.compile(r"(?:ed|ing|ly|ous|ive|ful|less|ness|able|ment)$")
# Capitalised as a date, never part of a name.
DATES = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december",
    }
)  # fmt: skip
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
# Capitalised at a sentence's start or as a date: never part of a name ("But", "On Monday").
NOT_NAME_WORDS = frozenset(STOP_WORDS) | DATES


class NameScanner:
    """Scans one article's unparsed paragraphs. ``surnames`` are the lower-cased last
    words of the article's speaker mentions ("Shoigu said" gives "shoigu")."""

    def __init__(
        self, text: str, lexicon: Lexicon, surnames: Set[str], common: frozenset[str] | None = None
    ) -> None:
        self.text = text
        self.lexicon = lexicon
        self.surnames = set(surnames)
        # A word the article also writes in lower case is a common word, not a name.
        self.common_words = common_words(text) if common is None else common
        self._capitalised: Counter[str] | None = None  # counted on first need
        self._quotation_in: dict[int, bool] = {}  # paragraph index -> has a quotation mark
        self._headings: dict[int, tuple[bool, bool]] = {}  # paragraph index -> (headline, title case)
        self._subjects: set[str] | None = None  # words that stand alone as a subject: found on first need
        # Patterns most articles never hold, looked for once in the whole text: a paragraph
        # is searched for them only when the article has one somewhere.
        self._named_as = _NAMED_AS_HINT.search(text) is not None
        self._web_address = _WEB_ADDRESS_HINT.search(text) is not None
        self._kin_before_given: re.Pattern[str] | None = None  # built on first need
        self._lone: list[re.Match[str]] | None = None  # every lone capitalised word: found once
        self._lone_starts: list[int] = []

    def _a_person_noun(self, word: str) -> bool:
        """An age, or a noun only a person is: resident, woman, academic, chief."""
        lexicon, plain = self.lexicon, _plain(word)
        return (
            word.endswith("-year-old")
            or plain in lexicon.person_nouns
            or plain in lexicon.anonymous_nouns
            or plain in lexicon.kin_nouns
            or lexicon.is_title(word)
            or lexicon.gender_of_noun(plain) is not None
        )

    def _given(self, word: re.Match[str]) -> bool:
        return _plain(word.group()) in self.lexicon.given_names

    def _participle_opening(self, word: re.Match[str], paragraph: Paragraph) -> bool:
        """A word shaped like a participle that opens its sentence ("Following", "Asked"):
        capitalised for the sentence, not for a name."""
        plain = _plain(word.group())
        if len(plain) < 6 or not _PARTICIPLE.search(plain) or plain in self.lexicon.given_names:
            return False
        before = self.text[max(paragraph.start, word.start() - 3) : word.start()]
        return word.start() == paragraph.start or bool(_SENTENCE_BREAK.search(before))

    def lone_subjects(self) -> set[str]:
        """The capitalised words the article uses alone before a verb (past an apposition
        or not): "Ocampo-Reyes, a Republican, said". Not words it also writes in lower
        case, nor the tail of a longer name ("the House", "White House")."""
        if self._subjects is None:
            text, found = self.text, set()
            for match in self._lone_words():
                word = _plain(match.group())
                if word in found or word in self.common_words or word in NOT_NAME_WORDS:
                    continue
                verb = _NEXT_WORD.match(text, match.end())
                if (
                    verb is not None
                    and _verb_like(verb.group(1), self.lexicon)
                    and not _PART_OF_A_NAME.search(text, max(0, match.start() - 24), match.start())
                ):
                    found.add(word)
            self._subjects = found
        return self._subjects

    def _lone_words(self) -> list[re.Match[str]]:
        """Every lone capitalised word of the article, in order: read once for the whole
        text (the lone subjects, then each paragraph's lone surnames)."""
        if self._lone is None:
            self._lone = list(_LONE_WORD.finditer(self.text))
            self._lone_starts = [m.start() for m in self._lone]
        return self._lone

    def _has_quotation(self, paragraph: Paragraph) -> bool:
        """Once a paragraph: a 200,000-character paragraph names thousands of people."""
        found = self._quotation_in.get(paragraph.index)
        if found is None:
            found = self._quotation_in[paragraph.index] = bool(
                _QUOTATION_MARK.search(self.text, paragraph.start, paragraph.end)
            )
        return found

    def heading(self, paragraph: Paragraph) -> tuple[bool, bool]:
        """Whether the paragraph is a headline, and one in title case; read once a paragraph
        (each reading counts its words)."""
        found = self._headings.get(paragraph.index)
        if found is None:
            found = self._headings[paragraph.index] = heading(
                self.text[paragraph.start : paragraph.end], paragraph.index
            )
        return found

    def _once(self, word: str) -> bool:
        """The article capitalises this word only once."""
        if self._capitalised is None:
            self._capitalised = Counter(_plain(w) for w in re.findall(_WORD, self.text))
        return self._capitalised[_plain(word)] < 2

    def scan(self, paragraph: Paragraph, named: Sequence[tuple[int, int]] = ()) -> Iterator[Mention]:
        """Names of people and organisations in the paragraph, in article offsets. ``named``:
        the sorted spans of names already found there (NER's): a run of capitalised words
        inside one of them is not read again."""
        text, lexicon = self.text, self.lexicon
        inside = 0
        headline, title_case = self.heading(paragraph)
        covered: list[tuple[int, int]] = []  # the "Bank of Central Meridia" names found
        for match in _ORGANIZATION_OF.finditer(text, paragraph.start, paragraph.end):
            body = _plain(match.group("body"))
            if body not in lexicon.organization_nouns and body not in lexicon.organization_endings:
                continue
            # A few capitalised words before the body ("Federal Reserve Bank of"), and
            # the name after "of" (bounded, so a long run costs no more than its length).
            owner = _WORDS_BEFORE.search(text, max(paragraph.start, match.start() - 80), match.start())
            tail = _NAME_AFTER_OF.match(text, match.end(), paragraph.end)
            if tail is None:
                continue
            start = owner.start() if owner is not None else match.start()
            words = list(_NON_SPACE.finditer(text, start, tail.end()))
            yield self._with_context(_mention(text, words, "ORG", body), paragraph)
            covered.append((start, tail.end()))
        # "a 52-year-old resident named Caroline", "the base chief known as Bob": the name
        # a person is introduced by, a given name alone included.
        named_as = self._named_as and _NAMED_AS_HINT.search(text, paragraph.start, paragraph.end)
        for match in _NAMED_AS.finditer(text, paragraph.start, paragraph.end) if named_as else ():
            if not self._a_person_noun(match.group("before")):
                continue  # "a street named Harbor Lane"
            words = list(_NON_SPACE.finditer(text, match.start("name"), match.end("name")))
            last = _plain(words[-1].group())
            yield self._with_context(_mention(text, words, "PERSON", last), paragraph)
            covered.append((match.start("name"), match.end("name")))
        # "GunShop.com said": a web address is a business's (or a site's) name
        for match in _WEB_ADDRESS.finditer(text, paragraph.start, paragraph.end) if self._web_address else ():
            words = [match]
            yield self._with_context(_mention(text, words, "ORG", match.group().lower()), paragraph)
        covered.sort()
        skip = 0
        for run in CAPITALISED_RUN.finditer(text, paragraph.start, paragraph.end):
            while skip < len(covered) and covered[skip][1] <= run.start():
                skip += 1
            if skip < len(covered) and covered[skip][0] < run.end():
                continue  # part of an organisation's name
            while inside < len(named) and named[inside][1] < run.end():
                inside += 1
            if inside < len(named) and named[inside][0] <= run.start():
                continue  # all of it inside a name already found
            for words in _pieces(run, lexicon, title_case):
                if len(words) > 1 and text[words[0].start() - 1 : words[0].start()] == "-":
                    words = words[1:]  # "the pro-Duarte Lund Ledger": "Duarte" belongs to "pro-"
                if len(words) > 1 and self._participle_opening(words[0], paragraph):
                    words = words[1:]  # "Following Sanders on MSNBC, ...": a name holds no verb
                elif len(words) > 2 and _PLURAL_NOUN.search(words[0].group()) and not self._given(words[0]):
                    words = words[1:]  # "Celebrities Julianne Moore, ...": what they are, not a name
                if len(words) < 2:
                    continue
                last = _surname_of(words)
                if last in lexicon.organization_nouns or last in lexicon.organization_endings:
                    yield self._with_context(_mention(text, words, "ORG", last), paragraph)
                    continue
                # "The Union Leader, New Hampshire's largest newspaper,": what the apposition
                # says it is makes a name an organisation's.
                named_body = _mention(text, words, "ORG", last)
                apposition = _APPOSITION.match(text, named_body.end, paragraph.end)
                if (
                    apposition is not None
                    and self._describes_a_body(apposition.group(1))
                    and not any(self._given(w) or lexicon.is_title(w.group()) for w in words)
                ):
                    yield self._with_context(named_body, paragraph)
                    continue
                # A party word is what a person is: "Republicans [Jolly]"; "the Wisconsin
                # Republican" names nobody.
                party = [i for i, w in enumerate(words) if _plain(w.group()) in lexicon.party_words]
                described_as = None  # "the Republican", "the Spaniard" later is this person
                if party:
                    described_as = words[party[-1]].group()
                    words = words[party[-1] + 1 :]
                    if len(words) < 2:
                        continue
                    last = _plain(words[-1].group())
                elif len(words) > 2 and _plain(words[0].group()) in lexicon.demonyms:
                    described_as = words[0].group()  # "Spaniard Rafael Nadal"; not "Mark Cuban"
                    words = words[1:]
                # The name starts at a first name ("Democrat Hillary Clinton") or after the
                # titles; an honorific just before it is evidence too ("Mr. Tomas Lind").
                given = [i for i, w in enumerate(words[:-1]) if _plain(w.group()) in lexicon.given_names]
                if not given and _plain(words[0].group()) in lexicon.surname_first and len(words) <= 3:
                    given = [0]  # Li Wenjun, Kim Soo-jin: the surname stands first
                if not given and any(_NICKNAME_WORD.fullmatch(w.group()) for w in words[1:-1]):
                    given = [0]  # Darnell “Duke” Owens: only a person's name holds a nickname
                if not given and title_case:
                    # "Salma Hayek Described Her ...": in a title-case line, the word before a
                    # speaker's surname is a given name unless the article writes it in lower case
                    known = [i for i in range(1, len(words)) if _plain(words[i].group()) in self.surnames]
                    before = _plain(words[known[0] - 1].group()) if known else ""
                    if (
                        known
                        and before not in self.common_words
                        and before not in self.surnames  # "Clinton Sanders Debate": two people
                        and not lexicon.is_title(before)
                        # not a verb or a plural: "Hit Piece Exploits Trump"
                        and not before.endswith("s")
                        and not _DERIVED_WORD.search(before)
                    ):
                        given = [known[0] - 1]
                titled = [i for i, w in enumerate(words) if lexicon.is_title(w.group())]
                first = given[0] if given else (titled[-1] + 1 if titled else 0)
                honorific = first > 0 and lexicon.is_honorific(words[first - 1].group())
                if given or honorific:
                    # The name ends at a speaker's surname: "Ted Cruz South Carolina",
                    # "Hillary Clinton Goes After ...".
                    known = [
                        i for i in range(first + 1, len(words)) if _plain(words[i].group()) in self.surnames
                    ]
                    words = words[: known[0] + 1] if known else words
                    # In a title-case line, otherwise at a word the article capitalises again:
                    # the headline's verb ("Hillary Clinton Sides With ...") is capitalised only there.
                    shortest = first + (2 if given else 1)  # a first name keeps a surname
                    while (
                        title_case and not known and len(words) > shortest and self._once(words[-1].group())
                    ):
                        words = words[:-1]
                    last = _surname_of(words)
                name = [_plain(w.group()) for w in words[first:]]
                if name and name[-1] in lexicon.event_nouns:
                    continue  # "the Christian Monitor Breakfast": an event, no person
                if not (2 if not honorific else 1) <= len(name) <= 4:
                    continue  # a lone surname needs its honorific: "Mr. Obama"
                # Otherwise a speaker's surname will do, unless a heading could have
                # capitalised a common word before it ("Understated Perez").
                lead = first
                while lead > 0 and lexicon.is_title(words[lead - 1].group()):
                    lead -= 1
                mention = self._with_context(
                    _mention(text, words[lead:], "PERSON", last, words[first].start()), paragraph
                )
                if mention.descriptor is None and described_as is not None:
                    mention = replace(mention, descriptor=described_as)
                # A heading in title case may capitalise any word before a surname
                # ("Understated Perez"); one in sentence case only its first, and a first
                # word shaped like an English word is not taken for a given name there.
                plain = not title_case and not (set(name[:-1]) - PARTICLES) & self.common_words
                if plain and headline and words[first].start() == paragraph.start:
                    plain = _DERIVED_WORD.search(name[0]) is None
                # After a name and "of", the words name where the person is from ("Rep. Dan
                # Kessler of New York, a Trump supporter,"): only a given name or an
                # honorific makes them a person ("Chief of Staff Denis McDonough" is one).
                if plain and self._after_name_of(words[lead].start(), paragraph):
                    plain = False
                if (
                    given
                    or honorific
                    or (plain and last in self.surnames)
                    # an apposition that says what a person is: "Jo-Renee Formicola, a professor"
                    or (
                        plain
                        and mention.descriptor is not None
                        and self._describes_a_person(mention.descriptor)
                    )
                    # after an inverted cue: "..., noted NBC's Dante Chinni."
                    or (plain and self._inverted(mention, paragraph))
                    # an age, or "who", after the name: "Woodrow Benford, 58,"; "Ana Quon, who ..."
                    or (plain and _PERSON_AFTER.match(text, mention.end) is not None)
                    # a last word the article goes on to use alone as a subject: "Marta
                    # Ocampo-Reyes is running ... Ocampo-Reyes, a Republican, said ..."
                    or (plain and last in self.lone_subjects())
                    # after what a person is: "economist Aparna Mathur"
                    or (plain and self._word_before(words[lead].start(), paragraph) in lexicon.person_nouns)
                    # a headline that quotes a speaker: "Cecile Richards: ‘I’m Sick Of ...’"
                    or (
                        headline
                        and words[lead].start() == paragraph.start
                        and text.startswith(":", mention.end)
                        and last in self.surnames
                        and len(name) <= 3
                        and not (set(name[:-1]) - PARTICLES) & self.common_words
                    )
                ):
                    self.surnames.add(last)  # evidence for the names after it: "Rakeyia Scott"
                    yield mention
                elif plain and not given and not honorific and self._speaks(words[-1].end(), paragraph):
                    # "Halden Freight said ...": a name that speaks, a person's or a body's
                    yield replace(mention, kind="PROPN")

    def _speaks(self, end: int, paragraph: Paragraph) -> bool:
        """A cue verb follows the name: "Halden Freight said", "Halden Freight, the
        operator, announced"."""
        return self._cue_after(_NEXT_WORD, end, paragraph) is not None

    def _cue_after(self, verb_after: re.Pattern[str], end: int, paragraph: Paragraph) -> str | None:
        """The cue verb ``verb_after`` finds after a name ending at ``end``, if any."""
        verb = verb_after.match(self.text, end, paragraph.end)
        if verb is None or self.lexicon.cue_lemma(verb.group(1)) is None:
            return None
        return verb.group(1)

    def _after_name_of(self, start: int, paragraph: Paragraph) -> bool:
        """The words at ``start`` follow a surname and "of": "Dan Kessler of [New York]"."""
        before = _NAME_OF.search(self.text, max(paragraph.start, start - 40), start)
        if before is None:
            return False
        word = _plain(before.group(1))
        lexicon = self.lexicon
        return not (
            lexicon.is_title(word)
            or word in lexicon.organization_nouns
            or word in lexicon.organization_endings
        )

    def _word_before(self, start: int, paragraph: Paragraph) -> str:
        before = _WORD_BEFORE.search(self.text, max(paragraph.start, start - 40), start)
        return before.group(1) if before is not None else ""

    def _inverted(self, mention: Mention, paragraph: Paragraph) -> bool:
        """After a cue, ending its clause: "noted NBC's Dante Chinni." (not "said Ivanka
        Trump's statement ...")."""
        return (
            _CLAUSE_END.match(self.text, mention.end) is not None
            and self.lexicon.cue_lemma(self._word_before(mention.start, paragraph)) is not None
        )

    def _describes_a_body(self, descriptor: str) -> bool:
        """An apposition whose last word is a kind of organisation: "a Baton Rouge
        newspaper", "New Hampshire's largest newspaper" (not "a newspaper columnist")."""
        head = _DESCRIPTOR_HEAD.split(descriptor.rstrip(" ,"))[0].split()  # not "the head of X Hospital"
        return bool(head) and _plain(head[-1]) in self.lexicon.organization_kinds

    def _describes_a_person(self, descriptor: str) -> bool:
        return any(_plain(w) in self.lexicon.person_nouns for w in descriptor.split())

    def pronouns(self, paragraph: Paragraph, skip: Set[int]) -> Iterator[Mention]:
        """he and she as subjects outside quotes ("She then urges ..."), so that a pronoun
        chain keeps its person salient; ``skip`` holds the quotes' speaker mentions."""
        for match in _SUBJECT_PRONOUN.finditer(self.text, paragraph.start, paragraph.end):
            if match.start() in skip:
                continue
            mention = Mention(match.start(), match.end(), match.group(), "PRONOUN", match.group().lower())
            mention = self._with_context(mention, paragraph)
            if mention.prominence > 1.0:
                yield mention

    def named_by_relation(self, paragraph: Paragraph, taken: Set[int]) -> Iterator[Mention]:
        """A listed given name alone right after a relation ("his wife, Jane,", "Ortiz's
        son Mateo"), outside the names already found."""
        if self._kin_before_given is None:
            self._kin_before_given = _kin_and_given(self.lexicon.kin_nouns)
        for match in self._kin_before_given.finditer(self.text, paragraph.start, paragraph.end):
            given = match.group("given")
            if match.start("given") in taken or given.lower() not in self.lexicon.given_names:
                continue
            owner = _RELATION_OWNER.search(self.text, max(paragraph.start, match.start() - 40), match.start())
            if owner is None:
                continue
            start = match.start("given")
            mention = Mention(start, match.end("given"), given, "PERSON", given.lower())
            yield self._with_context(mention, paragraph)

    def surnames_alone(self, paragraph: Paragraph, known: Set[str], taken: Set[int]) -> Iterator[Mention]:
        """A lone known surname ("Ham made it clear ..."), outside the names already found
        (``taken`` holds their start offsets)."""
        if not known:
            return
        lone = self._lone_words()
        for i in range(bisect_left(self._lone_starts, paragraph.start), len(lone)):
            match = lone[i]
            if match.end() > paragraph.end:
                break
            word = _plain(match.group())
            if word in known and match.start() not in taken:
                end = match.start() + len(_POSSESSIVE.sub("", match.group()))
                mention = Mention(match.start(), end, self.text[match.start() : end], "PERSON", word)
                yield self._with_context(mention, paragraph)

    def _with_context(self, mention: Mention, paragraph: Paragraph) -> Mention:
        """The mention with its prominence and the apposition after it."""
        text = self.text
        sentence_start = max(paragraph.start, mention.start - SENTENCE_LOOKBACK)
        # The last full stop before the name that ends a sentence (read from the name back:
        # most are, and the first one read settles it)
        for end in reversed(list(_SENTENCE_END.finditer(text, sentence_start, mention.start))):
            floor = max(paragraph.start, end.start() - 40)
            word = text[max(floor, text.rfind(" ", floor, end.start()) + 1) : end.start() + 1]
            if not _abbreviation(word, self.lexicon):  # "U.N. secretary general" goes on
                sentence_start = end.end()
                break
        before = text[sentence_start : mention.start]
        verb = _NEXT_WORD.match(text, mention.end, paragraph.end)
        followed_by_verb = verb is not None and _verb_like(verb.group(1), self.lexicon)
        # A lone word opens its sentence as a subject only before a verb or an apposition:
        # "Trump campaign spokesman Jason Miller" is no mention of Trump as a subject.
        lone = " " not in mention.text.strip()
        opens = len(before.split()) <= 2 and "," not in before
        # "noted NBC's Dante Chinni." ends its clause; "said Ivanka Trump's statement" does not
        if (opens and (not lone or followed_by_verb or text.startswith(",", mention.end))) or self._inverted(
            mention, paragraph
        ):
            prominence = 2.0  # opens its sentence, or follows an inverted cue: "noted Dante Chinni"
        else:
            prominence = 1.5 if followed_by_verb else 1.0
        apposition = _APPOSITION.match(text, mention.end, paragraph.end)
        descriptor = apposition.group(1) if apposition and len(apposition.group(1).split()) <= 10 else None
        if descriptor and descriptor.split()[0] not in ARTICLES and not self._describes_a_person(descriptor):
            descriptor = None  # ", said Ivanka Trump's statement ..." is no apposition
        if descriptor is None:  # an apposition before the name: "The moderator, radio host Helen Voss"
            before_name = _APPOSITION_BEFORE.search(before)
            descriptor = before_name.group(1) if before_name else None
        if descriptor is None and mention.kind == "PERSON":  # "Clinton pollster Doug Shaw"
            # the word right before the name (a split, not a regex search: no backtracking
            # over a long run of letters)
            role = before.rstrip().rsplit(None, 1)[-1] if before.strip() else ""
            if before[-1:].isspace() and role in self.lexicon.person_nouns:
                descriptor = role
        if (
            descriptor is not None
            and not lone
            and mention.kind == "PERSON"
            # not a relative named inside another's clause: "Ann Lee, who lost her son Tom Lee"
            and not _RELATIVE_CLAUSE.search(before)
        ):
            prominence = 2.0  # introduced with what they are: "... concerns Henry Crespo, president of"
        # Built field by field: ``dataclasses.replace`` cost a third of this method.
        return Mention(
            mention.start,
            mention.end,
            mention.text,
            mention.kind,
            mention.head,
            mention.name_start,
            prominence=prominence,
            descriptor=descriptor,
            parts=mention.parts,
            reports=self._reports(mention, paragraph),
        )

    def _reports(self, mention: Mention, paragraph: Paragraph) -> bool:
        """The name is the subject of a cue that reports, not one that quotes: "Kerr, the
        mayor, has also said ..." in a paragraph without quotation marks."""
        if self._has_quotation(paragraph):
            return False
        verb = self._cue_after(_VERB_AFTER, mention.end, paragraph)
        # not a participle: "results in John Kasich claiming the nomination"
        return verb is not None and not verb.endswith("ing")


def _verb_like(word: str, lexicon: Lexicon) -> bool:
    return (
        word in SUBJECT_VERBS
        or lexicon.cue_lemma(word) is not None
        or (word.endswith("ed") and len(word) > 4)
        or (word.endswith("s") and not word.endswith("ss") and len(word) > 3)
    )


def _mention(
    text: str, words: list[re.Match[str]], kind: str, head: str, name_start: int | None = None
) -> Mention:
    start = words[0].start()
    last = _POSSESSIVE.sub("", words[-1].group()).rstrip(",;:")
    end = words[-1].start() + len(last if last in NAME_SUFFIXES else last.rstrip("."))
    return Mention(start, end, text[start:end], kind, head, name_start)


def is_headline(paragraph: str, index: int) -> bool:
    """A short first paragraph, or one in title case ("Clinton Goes After Trump")."""
    return heading(paragraph, index)[0]


def heading(paragraph: str, index: int) -> tuple[bool, bool]:
    """Whether the paragraph is a headline, and whether it is in title case."""
    if index != 0:
        # Each lower-case letter after a space starts a word in lower case, and no more
        # words than capital letters are capitalised: past a quarter as many of the first
        # as of the second, four words in five cannot be capitalised. Counted up to there
        # only (most paragraphs are prose: a few words settle it).
        capitals = len(_CAPITAL.findall(paragraph))
        lower_words = _LOWER_WORD_START.finditer(paragraph)
        if sum(1 for _ in islice(lower_words, capitals // 4 + 1)) * 4 > capitals:
            return False, False
    initials = "".join(_INITIALS.findall(paragraph))  # each word's first letter
    words = len(initials)
    title_case = words >= 5 and words - len(_LOWER.findall(initials)) >= 0.8 * words
    return (index == 0 and words < 12) or title_case, title_case


def is_title_case(paragraph: str) -> bool:
    """Most words capitalised: "Hillary Clinton Sides With Drivers In Strike"."""
    return _mostly_capitalised(_WORDS.findall(paragraph))


_WORDS = re.compile(r"[A-Za-z][\w'’]*")
_INITIALS = re.compile(r"([A-Za-z])[\w'’]*")  # the same words, their first letters only
_LOWER = re.compile(r"[a-z]")
_CAPITAL = re.compile(r"[A-Z]")
_LOWER_WORD_START = re.compile(r"\s[a-z]")


def _mostly_capitalised(words: list[str]) -> bool:
    return len(words) >= 5 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _pieces(run: re.Match[str], lexicon: Lexicon, title_case: bool = False) -> Iterator[list[re.Match[str]]]:
    """Split a run where a sentence ends ("in Washington. Donald Trump said") and drop
    capitalised function words and dates ("But Donald Trump", "On Monday"); in a
    title-case headline, at a cue verb too ("Mayor Ortiz Tells Council ...")."""
    piece: list[re.Match[str]] = []
    for word in _NON_SPACE.finditer(run.string, run.start(), run.end()):
        plain = _plain(word.group())
        if title_case and piece and _cue_form(plain, lexicon):
            yield piece
            piece = []
            continue
        # "An" in Nguyen Van An is a given name, not an article
        surname_first = bool(piece) and _plain(piece[0].group()) in lexicon.surname_first
        if plain in NOT_NAME_WORDS and not surname_first and not _surname_after_given(piece, word, lexicon):
            yield piece
            piece = []
            continue
        piece.append(word)
        if word.group().endswith(".") and not _abbreviation(word.group(), lexicon):
            yield piece
            piece = []
        elif _POSSESSIVE_WORD.search(word.group()):
            yield piece  # "Radio Lund's Dario Castell": the owner is no part of the name
            piece = []
    yield piece


def _surname_of(words: list[re.Match[str]]) -> str:
    """The plain last word of a name, past a suffix: Martin Luther King Jr. is a King."""
    last = _plain(words[-1].group())
    return _plain(words[-2].group()) if last in NAME_SUFFIX_WORDS and len(words) > 2 else last


def _surname_after_given(piece: list[re.Match[str]], word: re.Match[str], lexicon: Lexicon) -> bool:
    """Theresa May, George Will, Al From: a capitalised function word or month right after
    a given name on the lists (titles before it only) is its surname; not a weekday, nor a
    date ("Ann May 5")."""
    if not piece or _plain(piece[-1].group()) not in lexicon.given_names:
        return False
    if not all(lexicon.is_title(w.group()) for w in piece[:-1]):
        return False  # Prime Minister Theresa May; not "Tom Lee May ..."
    text = word.group()
    if not text[:1].isupper() or not text.isalpha() or text.lower() in WEEKDAYS:
        return False
    return not re.match(r"\s+\d", word.string[word.end() : word.end() + 3])


def _cue_form(word: str, lexicon: Lexicon) -> bool:
    """An inflected cue verb (says, tells, warned), not a form that is also a name or a
    noun (Claim, Tell, Rush)."""
    lemma = lexicon.cue_lemma(word)
    return lemma is not None and word != lemma and lemma not in lexicon.quote_only_cues


def _abbreviation(word: str, lexicon: Lexicon) -> bool:
    """J. and U.S. and Sen. end in a full stop without ending a sentence."""
    return len(word) == 2 or "." in word[:-1] or lexicon.is_title(word) or word in ABBREVIATED_WORDS


@lru_cache(maxsize=PLAIN_CACHE)
def _plain(word: str) -> str:
    """The word lower-cased, its possessive and edge punctuation off ("Ruiz’s," is "ruiz");
    cached: an article reads the same few hundred words thousands of times."""
    return _POSSESSIVE.sub("", word).strip(".,;:").lower()


def article_names(
    plan: Plan,
    docs: dict[int, Doc],
    speakers: Sequence[Mention],
    lexicon: Lexicon,
    common: frozenset[str] | None = None,
) -> list[Mention]:
    """Every named person and organisation of the article, in text order: NER's in the
    parsed paragraphs, the scanner's in the others, lone known surnames, and he/she as
    subjects outside quotes (``speakers`` are the quotes' speaker mentions)."""
    # NER reads a title-case headline as one long name ("Gold Star Mom Corners Obama"):
    # headlines go to the scanner, parsed or not.
    scanner = NameScanner(plan.text, lexicon, set(), common)
    scan = [para for para in plan.paragraphs if para.index not in docs or scanner.heading(para)[0]]
    scanned = {para.index for para in scan}
    skip = {m.start for m in speakers if m.kind == "PRONOUN"}
    found: list[Mention] = []
    for index, doc in docs.items():
        if index not in scanned:
            found.extend(_entities_of(doc, plan, index, lexicon))
            found.extend(_pronouns_of(doc, plan, index, skip, lexicon))
    # A speaker's or a named person's surname is evidence of a name: "Rakeyia Scott".
    # (not a party word: "the Wisconsin Republican said" names nobody called Republican)
    scanner.surnames |= {
        m.head for m in speakers if m.kind in ("PERSON", "PROPN", "ORG") and m.head not in lexicon.party_words
    }
    scanner.surnames |= {m.head for m in found if m.kind == "PERSON" and len(_name_words(m)) >= 2}
    for para in scan:
        found.extend(scanner.scan(para))
    # In a parsed paragraph, the people and bodies NER missed: "Barack Obama Election Day"
    # is a WORK_OF_ART to NER, and still names Barack Obama; "The Lund Courier" may be
    # nothing to it, and its ending still names a newspaper.
    named = sorted((m.start, m.end) for m in found)
    starts = [start for start, _ in named]

    def overlaps(m: Mention) -> bool:
        i = bisect_right(starts, m.end - 1) - 1  # the last name starting before m ends
        return i >= 0 and named[i][1] > m.start

    for index in sorted(docs.keys() - scanned):
        quotes, para = plan.spans_in(index), plan.paragraphs[index]
        lo, hi = bisect_right(starts, para.start - 1), bisect_right(starts, para.end)
        for mention in scanner.scan(para, named[lo:hi]):
            if mention.kind in ("PERSON", "ORG") and not overlaps(mention):
                in_quote = quotes.contains(mention.start - para.start)
                found.append(replace(mention, prominence=0.0) if in_quote else mention)
    parsed = sorted(docs.keys() - scanned)
    if scan or parsed:
        # Lone surnames of the people named in full: "Ham made it clear ..."
        known = {m.head for m in found if m.kind == "PERSON" and len(_name_words(m)) >= 2}
        known |= {
            m.head
            for m in speakers
            if m.kind in ("PERSON", "PROPN") and m.head[:1].isalpha() and m.head not in lexicon.party_words
        }
        known |= {
            _plain(_name_words(m)[0]) for m in found if m.kind == "PERSON" and _surname_first(m, lexicon)
        }
        taken = {w.start() for m in found for w in _NON_SPACE.finditer(plan.text, m.start, m.end)}
        # "Trump's wife, Melania,": a lone given name a relation introduces (NER often
        # calls it a place), which takes the relative's surname when it is registered
        for para in plan.paragraphs:
            if not scanner.heading(para)[0]:
                found.extend(scanner.named_by_relation(para, taken))
        known -= NOT_NAME_WORDS | NAME_SUFFIX_WORDS
        for para in scan:
            if not scanner.heading(para)[0]:
                found.extend(scanner.surnames_alone(para, known, taken))
                found.extend(scanner.pronouns(para, skip))
        # ... and in the parsed paragraphs, where NER missed one: "Ruiz dismissed the
        # concern." opens a sentence as a bare word NER often leaves untagged.
        for index in parsed:
            quotes, para, doc = plan.spans_in(index), plan.paragraphs[index], docs[index]
            for mention in scanner.surnames_alone(para, known, taken):
                if (
                    not (
                        _proper_noun_at(doc, mention.start - para.start)
                        # NER's place or body that goes on as only a person does: "Bamberg, who is 28,"
                        or _PERSON_AFTER.match(plan.text, mention.end) is not None
                    )
                    or plan.text[mention.start - 1] == "-"
                ):
                    continue  # "Friends offered to help"; the Awlaki of al-Awlaki
                in_quote = quotes.contains(mention.start - para.start)
                found.append(replace(mention, prominence=0.0) if in_quote else mention)
    return sorted(found, key=lambda m: m.start)


def _proper_noun_at(doc: Doc, char: int) -> bool:
    """The parse reads the word at ``char`` as a proper noun that NER calls no other thing."""
    i = first_token_from(doc, char)
    if i >= len(doc) or doc[i].idx != char:
        return False
    word = doc[i]
    return word.pos_ == "PROPN" and word.ent_type_ in {"", "PERSON"}


def _pronouns_of(doc: Doc, plan: Plan, index: int, skip: Set[int], lexicon: Lexicon) -> Iterator[Mention]:
    """he and she as subjects outside quotes in a parsed paragraph."""
    offset = plan.paragraphs[index].start
    quotes = plan.spans_in(index)
    text, starts = text_of(doc), token_starts(doc)
    # Only the tokens that start where "he" or "she" is written: reading every token of
    # every parsed paragraph cost more than the rest of this stage.
    at: set[int] = set()
    for match in _HE.finditer(text):
        char = match.start()
        at.update(i for i in (bisect_left(starts, char - 1), bisect_left(starts, char)) if i < len(starts))
    for i in sorted(at):
        token = doc[i]
        if (
            token.lower_ in ("he", "she")
            and token.dep_ in ("nsubj", "nsubjpass")
            and offset + token.idx not in skip
            and not quotes.contains(token.idx)
        ):
            start = offset + token.idx
            yield Mention(
                start,
                start + len(token),
                token.text,
                "PRONOUN",
                token.lower_,
                prominence=_prominence(token),
                reports=_reports(token, lexicon, quotes),
            )


def _name_words(mention: Mention) -> list[str]:
    start = (mention.name_start or mention.start) - mention.start
    return mention.text[start:].split()


def _surname_first(mention: Mention, lexicon: Lexicon) -> bool:
    words = _name_words(mention)
    return 2 <= len(words) <= 3 and _plain(words[0]) in lexicon.surname_first


def _entities_of(doc: Doc, plan: Plan, index: int, lexicon: Lexicon) -> Iterator[Mention]:
    """NER's people and organisations in one parsed paragraph, with their prominence
    (none inside a quote) and the apposition beside them."""
    offset = plan.paragraphs[index].start
    quotes = plan.spans_in(index)
    for ent in doc.ents:
        if ent.label_ not in {"PERSON", "ORG"}:
            continue
        start = name_start = ent.start
        # "Following Duarte on the radio, ...": NER may take the verb that opens the
        # sentence into the name; a name holds no verb.
        while start < ent.end - 1 and doc[start].pos_ in NOT_IN_NAMES:
            start = name_start = start + 1
        if ent.label_ == "PERSON" and ent[-1].lower_ in lexicon.event_nouns:
            continue  # "the Christian Monitor Breakfast": an event, no person
        if ent.label_ == "PERSON":
            # A given name NER left out ("Rakeyia [Scott]"): a capitalised proper noun
            # just before it that is neither a title nor another entity.
            words = len(ent)  # the name's words so far, nickname aside
            while True:
                if _nickname_before(doc, name_start):
                    name_start -= 3  # Darnell “Duke” [Owens]: NER stops at the nickname
                # A surname alone wants its given name; a full name has one ("Actress
                # [Amandla Stenberg]", "Marine [John Tiegen]"), unless the word is a known one.
                if not (
                    name_start > 0
                    and (words < 2 or doc[name_start - 1].lower_ in lexicon.given_names)
                    and doc[name_start - 1].pos_ == "PROPN"
                    and doc[name_start - 1].is_title
                    and not doc[name_start - 1].ent_type_
                    and not lexicon.is_title(doc[name_start - 1].text)
                    and doc[name_start - 1].lower_ not in NOT_NAME_WORDS
                ):
                    break
                name_start -= 1
                words += 1
            start = name_start
            # Keep the titles NER leaves out, so "the president" can find
            # "President Barack Obama" later.
            while start > 0 and lexicon.is_title(doc[start - 1].text):
                start -= 1
        end = ent.end
        if (
            end + 1 < len(doc)
            and doc[end].is_quote
            and any(t.is_quote for t in ent)
            and doc[end + 1].pos_ == "PROPN"
            and doc[end + 1].is_title
        ):
            # NER stops inside a quoted nickname: Robert C. "Bobby | " Scott
            end += 1
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title:
                end += 1
        end_char = doc[end - 1].idx + len(doc[end - 1]) if end > ent.end else ent.end_char
        first = doc[start]
        in_quote = quotes.contains(ent.start_char)
        descriptor = None if in_quote else _apposition(ent.root) or _role_before(doc, start, lexicon)
        yield Mention(
            offset + first.idx,
            offset + end_char,
            text_of(doc)[first.idx : end_char],
            ent.label_,
            doc[end - 1].lower_ if end > ent.end or ent.root.i < start else ent.root.lower_,
            offset + doc[name_start].idx,
            prominence=0.0 if in_quote else _prominence(ent.root, descriptor is not None),
            descriptor=descriptor,
            reports=_reports(ent.root, lexicon, quotes),
        )


def _nickname_before(doc: Doc, i: int) -> bool:
    """A quoted nickname just before token ``i``, after a capitalised word: Darnell “Duke”."""
    return (
        i >= 4
        and doc[i - 1].is_quote
        and doc[i - 3].is_quote
        and doc[i - 2].is_title
        and doc[i - 2].is_alpha
        and doc[i - 4].is_title
        and doc[i - 4].is_alpha
    )


def _prominence(root: Token, introduced: bool = False) -> float:
    """2 for the subject of a main clause (or its apposition) and for a person introduced
    with an apposition ("Henry Crespo, president of the caucus"), 1.5 for another subject."""
    if (
        introduced
        and root.ent_type_ == "PERSON"
        and len(list(root.lefts)) > 0
        and not _in_anothers_clause(root)
    ):
        return 2.0
    if root.dep_ == "appos" and root.head.dep_ in ("nsubj", "nsubjpass"):
        root = root.head
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return 1.0
    verb = root.head
    return 2.0 if verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT") else 1.5


def _in_anothers_clause(root: Token) -> bool:
    """A name introduced inside another's relative clause, or as someone's relative off the
    main clause: "Ann Lee, who lost her son Tom Lee", "thanked Ann and her son Tom Lee"."""
    for depth, ancestor in enumerate(root.ancestors):
        if ancestor.dep_ == "relcl":
            return True
        if depth >= MAX_CLAUSE_DEPTH:
            break
    owner = root.head
    return (
        root.dep_ == "appos"
        and owner.dep_ not in ("nsubj", "nsubjpass")
        and any(child.dep_ == "poss" for child in owner.children)
    )


def _reports(root: Token, lexicon: Lexicon, quotes: Quotes) -> bool:
    """The name (or its apposition) is the subject of a cue that reports, not one that
    quotes (that is ``Occurrence.speaker``): "Kerr, the mayor, said the plan would fail"
    (no quotation within the cue's clause: its edges are known, no walk of its subtree)."""
    if root.dep_ == "appos":
        root = root.head
    verb = root.head
    if root.dep_ not in ("nsubj", "nsubjpass") or verb.tag_ == "VBG" or lexicon.cue_lemma(verb.text) is None:
        return False
    first, last = verb.left_edge, verb.right_edge
    return not quotes.any_starting_in(first.idx, last.idx + len(last))


def _role_before(doc: Doc, start: int, lexicon: Lexicon) -> str | None:
    """ "Clinton pollster Doug Shaw", "radio host Helen Voss": the person noun right before
    a name says what the person is."""
    if start == 0:
        return None
    word = doc[start - 1]
    if word.pos_ == "NOUN" and word.is_lower and word.lower_ in lexicon.person_nouns:
        return word.text
    return None


def _apposition(root: Token) -> str | None:
    """ "Ruth Okafor, a retired nurse, said" -> "a retired nurse"; "The junta's leader,
    Senior Gen. Min Aung Hlaing" -> "The junta's leader"."""
    phrase: Token | None = root.head
    if root.dep_ != "appos" or root.head.pos_ != "NOUN":
        phrase = next((c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"), None)
    if phrase is None:
        return None
    cut = {t.i for c in phrase.children if c.dep_ in ("relcl", "acl", "appos", "punct") for t in c.subtree}
    tokens = [phrase.left_edge]
    for token in phrase.doc[phrase.left_edge.i + 1 : phrase.right_edge.i + 1]:
        if token.i in cut:
            break
        tokens.append(token)
    if len(tokens) > 10 or tokens[-1].i < phrase.i or tokens[0].i in cut:
        return None
    return phrase.doc[tokens[0].i : tokens[-1].i + 1].text
