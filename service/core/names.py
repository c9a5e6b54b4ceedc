"""Find the names in paragraphs the extractor does not parse, without a parse.

Only paragraphs that hold a quote (and a paragraph ending in a colon before one) go
through spaCy. A person is often named in full elsewhere ("Defense Minister Sergei
Shoigu arrived on Tuesday.") and quoted later by surname alone, so the other
paragraphs are scanned for runs of capitalised words. A run counts as a person only
on evidence: a first name from the name lists, an honorific before it ("Mr. Tomas
Lind"), or a last word that a quote's speaker mention uses as its surname. A run that
ends in an organisation noun ("Wells Fargo Bank", "Defense Ministry") counts as an
organisation.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Set

from spacy.lang.en.stop_words import STOP_WORDS

from .lexicon import Lexicon
from .marks import Paragraph
from .resolution import Mention

# A capitalised word, an initial ("J."), or a particle inside a name ("de la Cruz").
_WORD = r"(?<![\w'’])[A-Z](?:[a-zà-öø-ÿ'’][a-zA-ZÀ-ÖØ-öø-ÿ'’\-]*)?\.?(?!\w)"
PARTICLES = frozenset("de da del della der di du la le van von bin al el ibn dos das".split())
_PARTICLE = "(?:" + "|".join(sorted(PARTICLES)) + ")"
CAPITALISED_RUN = re.compile(rf"{_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_WORD})*")
_LOWER_WORD = re.compile(r"(?<![\w'’])[a-z][a-z'’\-]+")
_NON_SPACE = re.compile(r"\S+")
_POSSESSIVE = re.compile(r"['’]s?$")
NAME_SUFFIXES = frozenset({"Jr.", "Sr."})
ABBREVIATED_WORDS = NAME_SUFFIXES | {"St."}
# Capitalised as a date, never part of a name.
DATES = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december",
    }
)  # fmt: skip
# Capitalised at a sentence's start or as a date: never part of a name ("But", "On Monday").
NOT_NAME_WORDS = frozenset(STOP_WORDS) | DATES


class NameScanner:
    """Scans one article's unparsed paragraphs. ``surnames`` are the lower-cased last
    words of the article's speaker mentions ("Shoigu said" gives "shoigu")."""

    def __init__(self, text: str, lexicon: Lexicon, surnames: Set[str]) -> None:
        self.text = text
        self.lexicon = lexicon
        self.surnames = surnames
        # A word the article also writes in lower case is a common word, not a name.
        self.common_words = frozenset(_LOWER_WORD.findall(text))
        self._capitalised: Counter[str] | None = None  # counted on first need

    def _once(self, word: str) -> bool:
        """The article capitalises this word only once."""
        if self._capitalised is None:
            self._capitalised = Counter(_plain(w) for w in re.findall(_WORD, self.text))
        return self._capitalised[_plain(word)] < 2

    def scan(self, paragraph: Paragraph) -> Iterator[Mention]:
        """Names of people and organisations in the paragraph, in article offsets."""
        text, lexicon = self.text, self.lexicon
        headline = is_headline(text[paragraph.start : paragraph.end], paragraph.index)
        title_case = headline and is_title_case(text[paragraph.start : paragraph.end])
        for run in CAPITALISED_RUN.finditer(text, paragraph.start, paragraph.end):
            for words in _pieces(run, lexicon):
                if len(words) < 2:
                    continue
                last = _plain(words[-1].group())
                if last in lexicon.organization_nouns:
                    yield _mention(text, words, "ORG", last)
                    continue
                # The name starts at a first name ("Democrat Hillary Clinton") or after the
                # titles; an honorific just before it is evidence too ("Mr. Tomas Lind").
                given = [i for i, w in enumerate(words[:-1]) if _plain(w.group()) in lexicon.given_names]
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
                    last = _plain(words[-1].group())
                name = [_plain(w.group()) for w in words[first:]]
                if not 2 <= len(name) <= 4:
                    continue
                # Otherwise a speaker's surname will do, unless a heading could have
                # capitalised a common word before it ("Understated Perez").
                if (
                    given
                    or honorific
                    or (
                        not headline
                        and last in self.surnames
                        and not (set(name[:-1]) - PARTICLES) & self.common_words
                    )
                ):
                    lead = first
                    while lead > 0 and lexicon.is_title(words[lead - 1].group()):
                        lead -= 1
                    yield _mention(text, words[lead:], "PERSON", last, words[first].start())


def _mention(
    text: str, words: list[re.Match[str]], kind: str, head: str, name_start: int | None = None
) -> Mention:
    start = words[0].start()
    last = _POSSESSIVE.sub("", words[-1].group()).rstrip(",;:")
    end = words[-1].start() + len(last if last in NAME_SUFFIXES else last.rstrip("."))
    return Mention(start, end, text[start:end], kind, head, name_start)


def is_headline(paragraph: str, index: int) -> bool:
    """A short first paragraph, or one in title case ("Clinton Goes After Trump")."""
    words = re.findall(r"[A-Za-z][\w'’]*", paragraph)
    if index == 0 and len(words) < 12:
        return True
    return is_title_case(paragraph)


def is_title_case(paragraph: str) -> bool:
    """Most words capitalised: "Hillary Clinton Sides With Drivers In Strike"."""
    words = re.findall(r"[A-Za-z][\w'’]*", paragraph)
    return len(words) >= 5 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _pieces(run: re.Match[str], lexicon: Lexicon) -> Iterator[list[re.Match[str]]]:
    """Split a run where a sentence ends ("in Washington. Donald Trump said") and drop
    capitalised function words and dates ("But Donald Trump", "On Monday")."""
    piece: list[re.Match[str]] = []
    for word in _NON_SPACE.finditer(run.string, run.start(), run.end()):
        if _plain(word.group()) in NOT_NAME_WORDS:
            yield piece
            piece = []
            continue
        piece.append(word)
        if word.group().endswith(".") and not _abbreviation(word.group(), lexicon):
            yield piece
            piece = []
    yield piece


def _abbreviation(word: str, lexicon: Lexicon) -> bool:
    """J. and U.S. and Sen. end in a full stop without ending a sentence."""
    return len(word) == 2 or "." in word[:-1] or lexicon.is_title(word) or word in ABBREVIATED_WORDS


def _plain(word: str) -> str:
    return _POSSESSIVE.sub("", word).strip(".,;:").lower()
