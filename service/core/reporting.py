"""Reported speech: "Smith said the plan would fail", found on the parse, no marks needed.

A reported statement is the content of a verb of communication (the cue lexicon that
direct quotes use, plus ``reported_cue_verbs.txt``; not the cues that only introduce a
quotation, ``quote_only_cues.txt``), with the same speaker rules (``attribution``). The
forms, each a rule with its sentence in ``tests/test_reported_speech.py``:

- a clausal complement: Smith said (that) [the plan would fail]; told reporters [...];
  the union sued, saying [...]; said in a statement that [...]; it was announced by the
  ministry that [...] (a passive speaks through its agent; without one, no source);
- inverted and parenthetical: [The plan would fail], Smith said. / [The plan, Smith
  said, would fail]. / [The plan, said Ruben Okafor, would fail]. / As the Post
  reported, [...];
- according to X: [the plan would fail], according to Smith;
- an infinitive of a promise or request (vowed [to cut fares], asked [Comey to ...]),
  the object of an announcement or denial (announced [a curfew]), what was asked or
  warned about (asked about [the budget]), a noun of statement (her claim that [...],
  his promise [to ...]), an answer (said [no]);
- a document speaks for whoever issued it (Forbes replied in an article stating [...]);
- a that-clause that is all quotation, beside the direct quote (said that [“...”]); a
  content that opens a quotation runs to its close;
- a share of people speaks (About 4 in 10 say [...]; Less than a third agreed that [...]).

Not reported speech: beliefs, wishes and perception (their verbs are not cues); a cue
under a wish (wants to announce); a cue inside a quotation (the quoted speaker's words,
not the article's report); a quotation after a colon or comma (a direct quote only);
"is said to be", "so-called", "all told"; a request for comment. A content needs a
speaker mention, but where the article names no source: a passive without an agent ("it
was reported that ...") and a question whose asker is not named ("Asked whether ...").

Each statement becomes a ``Draft`` of type INDIRECT whose span is the content; linking,
resolution and confidence then treat it as they treat a direct quote.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from .attribution import (
    DASHES,
    MARK_CHARS,
    QUANTITY_WORDS,
    RELATIVE_PRONOUNS,
    SENTENCE_ENDS,
    SUBJECT_DEPS,
    Attributor,
    Link,
    agent_of,
    verb_of_object,
)
from .lexicon import Lexicon
from .linking import Draft, Linker
from .marks import QuotedSpan
from .model import Attribution, QuoteType
from .names import is_headline, is_title_case
from .planning import Plan
from .spans import WINDOW, CharSpan, Quotes, children, sentence_bounds, text_of

# Complements that carry what was said: a that-clause or a bare clause.
CONTENT_DEPS = frozenset({"ccomp"})
# A cue hanging off its content when it follows it: The plan would fail, Smith said.
INVERTED_CUE_DEPS = frozenset({"parataxis", "advcl", "conj", "dep"})
# Edges of a content that are not part of it: that, whether, commas, dashes, quote marks.
EDGE_WORDS = frozenset({"that", "whether", "if"})
EDGE_CHARS = MARK_CHARS + " ,;:—–-(\n"
# A content needs a word outside quote marks; without one it is a direct quote that
# ``linking`` already has (He said: “Q.”). One is enough: "He denied it", "said so".
MIN_UNQUOTED_WORDS = 1
MAX_CONTENT_TOKENS = 2 * WINDOW
# Words that open an aside a writer adds after a comma or dash, not part of what was said
# (on PolNeAR train "with" and "even" more often go on with what was said).
ASIDES = frozenset({"which", "who", "whom", "whose", "despite", "compared"})
# What may follow a cue that ends its sentence after what it reports: its speaker, when
# and where ("..., he said in an interview on Monday."), nothing it says itself.
CUE_PHRASE_DEPS = frozenset({"nsubj", "advmod", "npadvmod", "punct", "aux", "neg"})
OCCASION_PREPOSITIONS = frozenset({"in", "at", "on", "during", "after", "before", "from", "outside"})
# Words for a share of those asked: "a third said", "46 percent say".
SHARE_WORDS = frozenset(
    {"third", "thirds", "quarter", "quarters", "percent", "majority", "minority", "plurality"}
)
# Prepositions after a noun of statement that give its subject: his remarks about [abortion].
NOUN_TOPICS = frozenset({"about", "on", "of"})
# Cues whose content may be an indirect question: asked (if / whether) ...
QUESTION_CUES = frozenset({"ask", "wonder", "question"})
QUESTIONS = frozenset({"question", "questions"})  # asked them a question: what was asked
WH_WORDS = frozenset({"why", "how", "what", "whether", "if", "when", "where"})
# Words that go on with a statement after a quoted fragment's closing mark: said it was
# “pointless,” because ...; could be "way off," and have been ...
# Subordinate clauses that set another matter against the content: the writer's, not
# the speaker's.
CONTRASTING = frozenset({"while", "whereas", "although", "though"})
GESTURE_CUES = frozenset({"point", "gesture"})  # beside a cue: a hand's act, not a statement
CLOCK = re.compile(r"\d{1,2}(?:[.:]\d{2})?(?:am|pm|a\.m\.|p\.m\.)?", re.IGNORECASE)  # 11.42pm, 9:15, 10am
# After a parenthetical cue, what carries on its content: "..., the paper said, including ..."
CONTINUING_PREPOSITIONS = frozenset({"including", "with"})
FRAGMENT_GOES_ON = frozenset(
    {"and", "but", "because", "compared", "although", "though", "while", "since", "or"}
)
# A participle after a content's comma that starts another act of speech: ", saying ...".
PARTICIPLE_CUES = frozenset(
    {"saying", "adding", "noting", "calling", "arguing", "insisting", "telling", "writing", "citing"}
)
# What a statement was made in or on, not part of it: "claimed victory in a tweet".
OCCASIONS = frozenset(
    {"tweet", "tweets", "interview", "interviews", "conference", "condition", "statement", "post",
     "speech", "appearance", "email", "letter", "video", "broadcast", "show", "rally"}
)  # fmt: skip
# Cue forms that a headline more often uses as nouns: "Battleground States", "New Reports".
HEADLINE_NOUNS = frozenset({"states", "reports", "notes", "posts", "remarks", "answers"})
# Prepositions that start the circumstances of a statement, never a phrase of its object:
# denied the accusations [through a spokeswoman], did not mention Cruz [until the end].
CIRCUMSTANCE_PREPOSITIONS = frozenset({"through", "until", "despite", "during", "amid", "since", "via"})
MEDIUM_DEPTH = 3  # "of" phrases walked down from the cue's phrase: one of a series of messages
# What is told when "tell" has no listener for an object: "told a joke", "told a tale".
TOLD_NOUNS = frozenset(
    {"tale", "tales", "story", "stories", "joke", "jokes", "lie", "lies", "truth", "anecdote", "anecdotes",
     "version"}
)  # fmt: skip
# What may open a mixed quote before ", X said, “...”": an adverb, a phrase, a clause.
FRONTED_DEPS = frozenset({"advmod", "prep", "advcl"})
TIME_PLACE_ENTITIES = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "EVENT"})
TIME_WORDS = frozenset(
    {"later", "earlier", "then", "now", "today", "tonight", "yesterday", "afterward", "afterwards",
     "again", "once", "meanwhile", "finally", "also", "first", "next", "recently", "previously",
     "asked", "speaking", "here", "there", "inside", "outside"}
)  # fmt: skip
FOCUS_WORDS = frozenset({"only", "just", "simply", "merely"})  # before "that": how much was said
# A one-word content: "46 percent said yes".
ANSWERS = frozenset({"yes", "no"})


@dataclass(frozen=True, slots=True)
class Statement:
    """A reported statement in one paragraph's Doc: content tokens [start, end), its cue
    and the speaker mention's head."""

    start: int
    end: int
    cue: Token
    speaker: Token | None  # None where the article names no source (an agentless passive, "Asked whether")
    method: Attribution
    cue_chars: CharSpan


@dataclass(frozen=True, slots=True)
class Content:
    """A content's head token, the token its span starts from when that comes first
    (asked [Comey to ...]), and a phrase it runs on into (denied [a permit to the club])."""

    head: Token
    starts_from: Token | None = None
    runs_on: Token | None = None


class Reporter:
    def __init__(self, lexicon: Lexicon, linker: Linker) -> None:
        self.lexicon = lexicon
        self.linker = linker
        self.attributor: Attributor = linker.attributor

    def _lemma(self, token: Token) -> str | None:
        return self.lexicon.cue_lemma(token.text) or self.lexicon.reported_cue_forms.get(token.lower_)

    def _is_cue(self, token: Token) -> bool:
        """A cue verb of the shared lexicon, or one that reports content only (proposed);
        not one that only ever introduces a quotation (began, laughed)."""
        if self.attributor.is_cue(token):
            return self.lexicon.cue_lemma(token.text) not in self.lexicon.quote_only_cues
        return token.pos_ == "VERB" and token.lower_ in self.lexicon.reported_cue_forms

    def drafts(self, plan: Plan, docs: dict[int, Doc]) -> list[Draft]:
        """Every reported statement of the parsed paragraphs, as drafts in text order."""
        found: list[Draft] = []
        for index in sorted(docs):
            doc = docs[index]
            quotes = plan.spans_in(index)
            para = plan.paragraphs[index]
            line = plan.text[para.start : para.end]
            headline = is_headline(line, index) and is_title_case(line)
            for statement in self.statements(doc, quotes, headline):
                draft = self._draft(statement, doc, plan, index, quotes)
                if draft is not None:
                    found.append(draft)
        return found

    def statements(self, doc: Doc, quotes: Quotes, headline: bool = False) -> Iterator[Statement]:
        """The reported statements of one paragraph, in the order of their cues
        (``headline``: a title-case headline, where the tagger reads a cue as a name)."""
        quoted = quotes.token_mask(doc)
        found: list[Statement] = []
        for token in doc:
            if quoted[token.i]:
                continue
            headline_cue = headline and self._headline_cue(token)
            if token.lower_ == "according":
                statement = self._according_to(token, quoted)
            elif self._is_cue(token) and token.pos_ in {"VERB", "AUX"}:
                statement = self._of_cue(token, quotes, quoted)
            elif token.pos_ == "NOUN" and token.lower_ in self.lexicon.statement_nouns:
                statement = self._of_noun(token, quoted)
            elif headline_cue:
                statement = None
            else:
                continue
            if statement is None and headline_cue:
                statement = self._of_headline_cue(token, quoted)  # the parse of a title-case line failed
            if statement is not None:
                found.append(statement)
        yield from _separated(found, quoted)

    # -- the forms ---------------------------------------------------------------------
    def _headline_cue(self, token: Token) -> bool:
        """ "Mayor Ortiz Tells Council ...": a capitalised cue verb right after a name."""
        lemma = self.lexicon.cue_lemma(token.lower_)
        return (
            token.is_title
            and lemma is not None
            and lemma not in self.lexicon.quote_only_cues
            and token.lower_ != lemma  # Says, Tells, Warned: a verb's form, not "Claim"
            and not token.lower_.endswith("ing")  # "Highway Warning Sign"
            and token.lower_ not in HEADLINE_NOUNS
            and token.i > 0
            and token.doc[token.i - 1].pos_ == "PROPN"
        )

    def _of_headline_cue(self, cue: Token, quoted: bytearray) -> Statement | None:
        """The rest of the headline is what the name before the cue said."""
        bounds = self._trimmed(cue.doc, cue.i + 1, len(cue.doc), quoted)
        if bounds is None:
            return None
        return Statement(bounds[0], bounds[1], cue, cue.doc[cue.i - 1], Attribution.CUE, _cue_chars(cue))

    def _of_cue(self, cue: Token, quotes: Quotes, quoted: bytearray) -> Statement | None:
        if _hearsay(cue) or self._only_wished(cue) or self._gesture(cue):
            return None
        found = self._inverted_content(cue, quoted) or self._content(cue)
        content, content_from, reach = (
            (found.head, found.starts_from, found.runs_on) if found else (None, None, None)
        )
        if content is not None and content.i < cue.i and content_from is None:
            content_from = self._last_clause(content, cue)
        # (not a quoted “No.”: that is a direct quote)
        answer = next(
            (c for c in children(cue) if c.lower_ in ANSWERS and c.i > cue.i and not quoted[c.i]), None
        )
        if content is None and answer is not None:
            after = _phrase_goes_on(cue, answer)  # 46 percent said yes; he said no [to the war]
            bounds: tuple[int, int] | None = (answer.i, (after or answer).right_edge.i + 1)
        elif content is not None:
            bounds = self._span(content, cue, quoted, content_from)  # The plan would fail, Smith said.
            if bounds is None and content.i > cue.i:
                bounds = self._fronted(cue, content, quoted)  # Sooner or later, he said, “it pays.”
            if bounds is not None and reach is not None:
                bounds = self._trimmed(cue.doc, bounds[0], reach.right_edge.i + 1, quoted) or bounds
            if bounds is not None and content.i < cue.i:
                bounds = self._reason_after(cue, bounds, quoted)
            elif bounds is not None:
                bounds = _after_the_time(cue, content, bounds, quoted)
                bounds = self._but_also(cue, content, bounds, quoted)
                bounds = self._past_a_fragment(cue, bounds, quoted)
                bounds = self._past_a_colon(cue, bounds, quoted)
        elif self._parenthetical(cue):
            bounds = self._around(cue.head, cue, quoted)  # The plan, Smith said, would fail.
            rest = _goes_on_after(cue)
            if bounds is not None and rest is not None and bounds[1] <= cue.left_edge.i:
                # He had no affiliations, the airline added, [and had passed every check]
                bounds = self._trimmed(cue.doc, bounds[0], rest.right_edge.i + 1, quoted) or bounds
        else:
            inverted = (
                self._subject_was_content(cue, None, quoted)
                or _sentence_before_comma(cue, quoted)
                or self._said_of_its_noun(cue, quoted)
            )
            if inverted is None:
                return None
            return Statement(*inverted[0], cue, inverted[1], Attribution.CUE, _cue_chars(cue))
        if bounds is None:
            return None
        if _asked_of_someone(cue) or (
            _passive_without_agent(cue) and content is not None and content.i > cue.i
        ):
            # Asked whether the depot should close, drivers said no; It was reported that
            # the depot would close: the content stands, and nobody is named as its source.
            return Statement(bounds[0], bounds[1], cue, None, Attribution.CUE, _cue_chars(cue))
        speaker = self._speaker(cue, quotes)
        if speaker is None and content is not None and content.i < cue.i:
            speaker = _inverted_name(cue, quoted)  # The plan would fail, warned Carl Voss.
        if content is not None and content.i > cue.i:
            inverted = self._subject_was_content(cue, content, quoted)
            if inverted is not None:
                bounds, speaker = inverted
        if speaker is None or (bounds[0] <= speaker.i < bounds[1] and not _within(speaker, cue)):
            return None
        if quoted[speaker.i] and not quoted[cue.i]:
            return None  # 'We will rebuild,' vows mayor: a word inside the quotation speaks for nobody
        return Statement(bounds[0], bounds[1], cue, speaker, Attribution.CUE, _cue_chars(cue))

    def _fronted(self, cue: Token, content: Token, quoted: bytearray) -> tuple[int, int] | None:
        """Sooner or later, the governor told reporters, “it starts to pay off.”: a quotation
        after the cue is a direct quote, but the words the sentence opens with, set off by a
        comma before the speaker, go with it (a mixed quote). Not a time or an occasion:
        "On Monday, Ortiz said, “...”" is only a direct quote."""
        doc = cue.doc
        subject = next((c for c in children(cue) if c.dep_ in SUBJECT_DEPS and c.i < cue.i), None)
        if subject is None or subject.left_edge.i < 2 or doc[subject.left_edge.i - 1].text != ",":
            return None
        front = _fronted_phrases(cue, subject.left_edge.i)
        if not front or any(c.dep_ not in FRONTED_DEPS or _when_or_where(c) for c in front):
            return None
        if content.right_edge.i - content.left_edge.i >= MAX_CONTENT_TOKENS:
            return None  # longer than any content (and read no further)
        span = range(content.left_edge.i, content.right_edge.i + 1)
        if not all(quoted[k] or doc[k].is_punct for k in span):
            return None
        before = next((k for k in span if quoted[k]), content.left_edge.i) - 1
        while before > 0 and doc[before].is_quote:
            before -= 1
        if before <= 0 or doc[before].text != ",":
            return None  # To that, he added: “...”: after a colon, a direct quote only
        return self._trimmed(doc, min(c.left_edge.i for c in front), content.right_edge.i + 1, quoted)

    def _subject_was_content(
        self, cue: Token, content: Token | None, quoted: bytearray
    ) -> tuple[tuple[int, int], Token] | None:
        """The plan, said Ruben Okafor, would cost ...; The vote signals "the end", said
        Greta Wilde.: the parser took the words before ", said" for the cue's subject;
        the name after the cue speaks, and those words (with the clause after the name,
        if any) are the content."""
        named_after = _inverted_name(cue, quoted)
        subject = next((c for c in children(cue) if c.dep_ == "nsubj" and c.i < cue.i), None)
        if named_after is None or subject is None or subject.pos_ != "NOUN":
            return None
        end = content.right_edge.i + 1 if content is not None else cue.i - 1
        bounds = self._trimmed(cue.doc, subject.left_edge.i, end, quoted)
        return (bounds, named_after) if bounds is not None else None

    def _said_of_its_noun(self, cue: Token, quoted: bytearray) -> tuple[tuple[int, int], Token] | None:
        """She showed [the drive she argues is needed to fix the city]: a cue in a relative
        clause on the subject of the verb right after it says that the noun is what the
        verb says (the parser hangs the clause on the noun, and the cue gets no content)."""
        noun = cue.head
        if cue.dep_ != "relcl" or noun.dep_ not in SUBJECT_DEPS or noun.i > cue.i:
            return None
        speaker = next((c for c in children(cue) if c.dep_ == "nsubj" and c.i < cue.i), None)
        verb = noun.head
        if speaker is None or any(c.dep_ in {"dobj", "ccomp", "xcomp"} for c in children(cue)):
            return None
        if not 0 < verb.i - cue.right_edge.i <= 2:
            return None  # "is needed", "was": the verb follows the cue at once
        bounds = self._trimmed(cue.doc, noun.left_edge.i, verb.right_edge.i + 1, quoted)
        return (bounds, speaker) if bounds is not None else None

    def _of_noun(self, noun: Token, quoted: bytearray) -> Statement | None:
        """Trump's claim that [Clinton is unqualified], her promise [to cut fares], his
        remarks about [the budget]: a noun of statement, what it states, its possessor."""
        speaker = next((c for c in children(noun) if c.dep_ == "poss"), None)
        if speaker is None or speaker.pos_ not in {"PROPN", "PRON", "NOUN"}:
            return None
        after = [c for c in children(noun) if c.i > noun.i]
        clause = next(
            (c for c in after if c.dep_ in {"acl", "ccomp"} and c.left_edge.lower_ in {"that", "to"}), None
        )
        if clause is None:
            about = next((c for c in after if c.dep_ == "prep" and c.lower_ in NOUN_TOPICS), None)
            if about is not None:
                clause = next((c for c in children(about) if c.dep_ == "pobj"), None)
        if clause is None:
            return None
        bounds = self._span(clause, noun, quoted)
        if bounds is None:
            return None
        return Statement(bounds[0], bounds[1], noun, speaker, Attribution.CUE, _cue_chars(noun))

    def _topic(self, cue: Token) -> Token | None:
        """She asked about [the budget], he warned of [delays]: the preposition's object."""
        lemma = self._lemma(cue)
        for child in children(cue):
            if child.dep_ == "prep" and child.i > cue.i and (lemma, child.lower_) in self.lexicon.topic_cues:
                return next((c for c in children(child) if c.dep_ in {"pobj", "pcomp"}), None)
        return None

    def _reason_after(self, cue: Token, bounds: tuple[int, int], quoted: bytearray) -> tuple[int, int]:
        """He is leaning toward Kasich, he said, [because he prizes electability]: a
        subordinate clause the parser hangs on an inverted cue goes on with the content (a
        participle does not: "she said, pointing to the map")."""
        doc = cue.doc
        tail = [
            c
            for c in children(cue)
            if c.i > cue.i
            and c.dep_ == "advcl"
            and not quoted[c.i]
            and any(m.dep_ == "mark" for m in children(c))
        ]
        if not tail:
            return bounds
        end = min(max(c.right_edge.i for c in tail) + 1, bounds[0] + MAX_CONTENT_TOKENS)
        return self._trimmed(doc, bounds[0], end, quoted) or bounds

    def _but_also(
        self, cue: Token, content: Token, bounds: tuple[int, int], quoted: bytearray
    ) -> tuple[int, int]:
        """Ortiz said wages would fall, [but that overtime would offset the loss]: the
        parser joins the second that-clause to the cue, but it goes on with what was said.
        Not a clause without "that" (said the plan was dead, but critics disagree; said it
        was “a disaster,” and the council voted it down: on PolNeAR train as often the
        writer's as the speaker's), nor one that reports speech itself."""
        doc = cue.doc
        start, end = bounds
        joined = next((c for c in children(cue) if c.dep_ == "conj" and c.i > content.right_edge.i), None)
        if joined is None or joined.i - end > WINDOW:
            return bounds
        link = next((c for c in children(cue) if c.dep_ == "cc" and end <= c.i < joined.left_edge.i), None)
        if link is None or quoted[joined.i]:
            return bounds
        if link.lower_ not in {"and", "but"} or doc[joined.left_edge.i].lower_ != "that":
            return bounds
        if not any(c.dep_ in SUBJECT_DEPS for c in children(joined)):
            return bounds
        stop = min(joined.right_edge.i + 1, start + MAX_CONTENT_TOKENS)
        if any(self._is_cue(doc[k]) and not quoted[k] for k in range(joined.left_edge.i, stop)):
            return bounds
        return self._trimmed(doc, start, stop, quoted) or bounds

    def _past_a_fragment(self, cue: Token, bounds: tuple[int, int], quoted: bytearray) -> tuple[int, int]:
        """She said the audit was “pointless,” [because the files were gone]: after a quoted
        fragment's closing mark the parser hangs the rest of the sentence on the cue (or
        above it), but the writer is still reporting what was said. Up to the sentence's
        end, or the next cue."""
        doc = cue.doc
        start, end = bounds
        if not quoted[end - 1]:
            return bounds
        at = end
        while at < len(doc) and at - end < 3 and doc[at].is_punct:
            at += 1  # the fragment's comma and closing mark
        if at >= len(doc) or not any(doc[k].is_quote for k in range(end - 1, at)):
            return bounds
        nxt = doc[at]
        if quoted[nxt.i] or nxt.lower_ not in FRAGMENT_GOES_ON:
            return bounds
        if nxt.dep_ == "cc":
            joined = next((c for c in children(nxt.head) if c.dep_ == "conj" and c.i > nxt.i), None)
            if joined is None:
                return bounds
            # (read up to where the content may reach at most: bounded, whatever the clause)
            reach = min(joined.right_edge.i + 1, start + MAX_CONTENT_TOKENS)
            if any(c.dep_ in SUBJECT_DEPS for c in children(joined)) and not any(
                quoted[k] for k in range(joined.left_edge.i, reach)
            ):
                # ..., “a disaster,” and the council voted: the writer's own clause; but not
                # "..., and Democrats would need to “depend on Bernie”": quoting again, the
                # clause is still the speaker's
                return bounds
        # To the sentence's end, at most MAX_CONTENT_TOKENS from the content's start (read
        # token by token: Token.sent would walk the whole sentence for every statement).
        stop = nxt.i + 1
        while stop < min(len(doc), start + MAX_CONTENT_TOKENS) and not doc[stop].is_sent_start:
            if self.attributor.is_cue(doc[stop]) and not quoted[stop]:
                return bounds  # and added that ..., and praised ...: a statement of its own
            stop += 1
        return self._trimmed(doc, start, stop, quoted) or bounds

    def _past_a_colon(self, cue: Token, bounds: tuple[int, int], quoted: bytearray) -> tuple[int, int]:
        """Many said it falls flat for one reason[: the pride he feels is not shared]: what
        a colon at the content's end opens spells the content out, up to the sentence's end
        (not a quotation: "said: “...”" is a direct quote)."""
        doc = cue.doc
        start, end = bounds
        if end >= len(doc) - 1 or doc[end].text != ":" or quoted[end + 1] or doc[end + 1].is_quote:
            return bounds
        stop = end + 1
        while stop < min(len(doc), start + MAX_CONTENT_TOKENS) and doc[stop].text not in SENTENCE_ENDS:
            if quoted[stop] or (self.attributor.is_cue(doc[stop]) and doc[stop].pos_ == "VERB"):
                return bounds  # a quotation, or another act of speech
            stop += 1
        return self._trimmed(doc, start, stop, quoted) or bounds

    def _inverted_content(self, cue: Token, quoted: bytearray) -> Content | None:
        """The plan would fail, warned Carl Voss.: a clause before the cue and a name set
        off after it. The parser takes the name for the one warned (its object); the clause
        is what was said, and the name says it."""
        before = next((c for c in children(cue) if c.dep_ in CONTENT_DEPS and c.i < cue.i), None)
        if before is None or any(c.dep_ in CONTENT_DEPS and c.i > cue.i for c in children(cue)):
            return None
        return Content(before) if _inverted_name(cue, quoted) is not None else None

    def _content(self, cue: Token) -> Content | None:
        """What the cue reports. A content after the cue beats one before it (He pledged
        X, then suggested that Y; X — he reported earning Y). None for a request named as
        the object: "did not respond to a request for comment"."""
        lemma = self._lemma(cue)
        after = [c for c in children(cue) if c.i > cue.i]
        content = next((c for c in after if c.dep_ in CONTENT_DEPS), None)
        if content is None and lemma == "say":
            # He said legalizing it could help: the parser sometimes makes the clause an xcomp
            # (not an infinitive: "said, on condition of anonymity to speak freely").
            content = next((c for c in after if c.dep_ == "xcomp" and c.left_edge.lower_ != "to"), None)
        if content is None:
            # saying only that [he was “refining” ...]: a that-clause the parser took for an
            # adverbial one (not "so that", a purpose), from its "that"
            marked = next(((c, m) for c in after if c.dep_ == "advcl" and (m := _that_clause(c))), None)
            if marked is not None:
                return Content(marked[0], starts_from=marked[1])
        if content is None and lemma in QUESTION_CUES:
            # asked the students [if they were serious]: the parser reads a condition
            content = next(
                (c for c in after if c.dep_ == "advcl" and c.left_edge.lower_ in {"if", "whether"}), None
            )
            # asked them [a simple question: Who will win?]: the question is what was asked
            content = content or next((c for c in after if c.dep_ == "dobj" and c.lower_ in QUESTIONS), None)
            # was asked by a caller [why ...]: the parser hangs the question on the asker
            content = content or _question_on_asker(cue)
        if content is None and self._promises(cue):
            content = next((c for c in after if c.dep_ == "xcomp"), None)
            listener = next((c for c in after if c.dep_ == "dobj"), None)
            if content is not None and listener is not None and listener.i < content.i:
                return Content(content, listener)  # asked Comey to turn over the file: Comey is asked
        if content is not None:
            return Content(content)
        if self._reports_object(cue):
            content = next((c for c in after if c.dep_ == "dobj"), None)
        elif lemma == "tell":
            # told a joke, told a different tale: what is told, not whom
            content = next((c for c in after if c.dep_ == "dobj" and c.lower_ in TOLD_NOUNS), None)
        content = content or self._topic(cue)
        if content is not None:
            if content.lower_ in self.lexicon.medium_nouns:
                return None
            # denied [a permit to the club], warned of [queues at the depot]: the phrase
            # goes on past the object when the parser hangs its modifier on the cue.
            return Content(content, runs_on=_phrase_goes_on(cue, content))
        content = _through_a_medium(cue)
        if content is None:
            # The plan would fail, Smith said: a complement before the cue.
            content = next((c for c in children(cue) if c.dep_ in CONTENT_DEPS and c.i < cue.i), None)
        return Content(content) if content is not None else None

    def _last_clause(self, content: Token, cue: Token) -> Token | None:
        """Members rank their choices, and [the panel is less likely to be “captured”], Hale
        said: of two clauses joined before an inverted cue, when the first reports speech
        of its own, the one next to it is what the speaker said (otherwise both are: "Prices
        rose and wages fell, Hale said")."""
        joined = [c for c in children(content) if c.dep_ == "conj" and c.i > content.i]
        if not joined:
            return None
        last = joined[-1]
        if not any(c.dep_ in SUBJECT_DEPS for c in children(last)):
            return None
        if not any(c.dep_ == "cc" and c.i < last.left_edge.i for c in children(content)):
            return None
        if not _only_punctuation(cue.doc, last.right_edge.i + 1, cue.left_edge.i):
            return None
        doc = cue.doc
        first = max(content.left_edge.i, last.left_edge.i - MAX_CONTENT_TOKENS)
        if not any(self._is_cue(doc[k]) for k in range(first, last.left_edge.i)):
            return None
        return last

    def _gesture(self, cue: Token) -> bool:
        """ "“Up to here,” Ellery said, pointing at a line on the wall": pointing beside an act
        of speech is what the speaker did with a hand ("Ruiz pointed to the polls" reports)."""
        return (
            cue.tag_ == "VBG"
            and cue.dep_ in {"advcl", "xcomp", "conj"}
            and self._lemma(cue) in GESTURE_CUES
            and self._is_cue(cue.head)
            and not any(c.dep_ == "prt" for c in children(cue))  # "pointing out that ..." is speech
        )

    def _only_wished(self, cue: Token) -> bool:
        """Trump wants to announce a plan: the announcement has not been made."""
        head = cue.head
        return cue.dep_ == "xcomp" and head.lower_ in self.lexicon.wish_verbs

    def _promises(self, cue: Token) -> bool:
        """A cue whose infinitive is what was said: vowed to fight, urged them to leave."""
        return self._lemma(cue) in self.lexicon.infinitive_cues

    def _reports_object(self, cue: Token) -> bool:
        """A cue whose object is what was said: announced a curfew, denied the report. Not
        with a second object: "denied him a chance" is a refusal, not a statement."""
        if any(c.dep_ in {"dative", "iobj"} for c in children(cue)):
            return False
        return self._lemma(cue) in self.lexicon.object_cues

    def _parenthetical(self, cue: Token) -> bool:
        """Smith said, hung on the clause it reports: inside it (parataxis, or any clause
        between commas), after it, or "as X reported". Not a cue after another cue's clause:
        "X told Y and said Z" does not report X."""
        head = cue.head
        if head == cue:
            return False
        if head.pos_ not in {"VERB", "AUX"}:
            return _aside_in_a_misparse(cue)
        if cue.dep_ == "parataxis" or _between_commas(cue):
            return True  # In several cases, executives say, they were asked to ...
        if self._is_cue(head):
            return False
        if cue.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in children(cue)):
            return True  # As the Post reported, the deal fell through.
        # after it: not an infinitive ("a caller who lives in Lund [to speak up]" reports nothing)
        return (
            cue.dep_ in INVERTED_CUE_DEPS
            and head.i < cue.i
            and not any(c.tag_ == "TO" for c in children(cue))
        )

    def _according_to(self, according: Token, quoted: bytearray) -> Statement | None:
        """[The plan would fail], according to Smith: the clause the phrase hangs on."""
        to = next((c for c in children(according) if c.lower_ == "to"), None)
        source = next((c for c in children(to) if c.dep_ == "pobj"), None) if to is not None else None
        head = according.head
        if source is None or to is None or head == according:
            return None
        while head.pos_ not in {"VERB", "AUX"} and head.head != head:
            head = head.head
        while head.dep_ in {"conj", "advcl"} and head.head.pos_ in {"VERB", "AUX"} and head.head.i < head.i:
            head = head.head  # A has raised $2m, while B has raised $6m, according to filings: both
        bounds = self._around(head, according, quoted)
        if bounds is None:
            return None
        cue = CharSpan(according.idx, to.idx + len(to))
        return Statement(bounds[0], bounds[1], according, source, Attribution.ACCORDING_TO, cue)

    def _speaker(self, cue: Token, quotes: Quotes) -> Token | None:
        head = cue.head
        if (
            cue.dep_ == "conj"
            and head.dep_ == "ccomp"
            and self._is_cue(head.head)
            and not any(c.dep_ in SUBJECT_DEPS for c in children(cue))
        ):
            # Podesta said Gates was out and said Manafort was not involved: the parser
            # joined the second cue to the first one's content; its subject is Podesta.
            return self._speaker(head.head, quotes)
        agent = agent_of(cue)
        if agent is not None:
            return agent  # as reported by the Post; it was announced by the ministry
        if cue.dep_ == "xcomp":
            # The protest forced the bureau to admit fault: the bureau admits (its object).
            told = next((c for c in children(head) if c.dep_ == "dobj" and c.i < cue.i), None)
            if told is not None and not self._is_cue(head):
                return told
        if cue.dep_ == "acl" and cue.tag_ == "VBG" and head.pos_ in {"NOUN", "PROPN"}:
            return _issuer(head)  # Forbes shot back in an article stating that ...
        subject = self.attributor.subject_of(cue, quotes) or _raised_subject(cue)
        if subject is not None and subject.dep_ == "nsubjpass" and subject.head == cue:
            subject = None  # she was declared the winner / it was announced that: by whom?
        if subject is None:
            # Many in the crowd said ...; About 4 in 10 say ...; Less than a third agreed
            # ...: a quantity is a speaker too, whatever the parser made of it.
            subject = next((c for c in children(cue) if c.i < cue.i and _quantity(c)), None)
        if subject is None:
            # Among voters, about two-thirds, 67 percent, say ...: the parser hung the share
            # elsewhere; the quantity right before the cue (and its auxiliaries) speaks.
            k = cue.i - 1
            while (
                k >= 0
                and cue.i - k <= 4
                and (cue.doc[k].is_punct or (cue.doc[k].head == cue and cue.doc[k].dep_ in {"aux", "neg"}))
            ):
                k -= 1
            share = cue.doc[k] if k >= 0 and cue.i - k <= 4 else None
            if share is not None and (share.lower_ in SHARE_WORDS or share.lower_ in QUANTITY_WORDS):
                subject = share
        if subject is None:
            # He pledged to act, then suggested that ...: the parser made the first verb a
            # complement of the cue; its subject is the cue's.
            first = next((c for c in children(cue) if c.dep_ == "ccomp" and c.i < cue.i), None)
            named = (
                next((c for c in children(first) if c.dep_ == "nsubj"), None) if first is not None else None
            )
            if named is not None and named.pos_ in {"PRON", "PROPN"} and named.lower_ != "it":
                subject = named
        return subject or self.attributor.name_left_of_cue(cue, quotes) or _lost_subject(cue, quotes)

    # -- spans -------------------------------------------------------------------------
    def _span(
        self, content: Token, cue: Token, quoted: bytearray, content_from: Token | None = None
    ) -> tuple[int, int] | None:
        """The content token's subtree (from ``content_from``'s, if given), its edges
        trimmed."""
        start, end = (content_from or content).left_edge.i, content.right_edge.i + 1
        if cue.i >= start and cue.i < end and not _relative_front(content.doc[start], cue):
            return None
        # Podesta said [Gates was not working for them] and said Manafort was not involved:
        # a second cue joined to the content starts a statement of its own. Not a clause
        # with its own "that": "said the fund was cut and that the board would continue to
        # review it" reports both.
        for child in children(content):
            # any cue, even one that only introduces quotations: "and praised her for ..."
            if (
                child.dep_ == "conj"
                and child.i > content.i
                and self.attributor.is_cue(child)
                and not any(c.dep_ == "mark" for c in children(child))
            ):
                end = min(end, child.left_edge.i)
        return self._trimmed(content.doc, start, _tail_cut(content, start, end), quoted)

    def _around(self, head: Token, cue: Token, quoted: bytearray) -> tuple[int, int] | None:
        """``head``'s clause without the cue's own phrase: The plan, Smith said, would fail."""
        doc = head.doc
        start, end = head.left_edge.i, head.right_edge.i + 1
        cue_start, cue_end = cue.left_edge.i, cue.right_edge.i + 1
        if cue_start <= start and end <= cue_end:
            return None
        if cue_end >= end or _only_punctuation(doc, cue_end, end):
            end = cue_start  # the cue's phrase closes the clause
        elif cue_start <= start or _only_punctuation(doc, start, cue_start):
            # After the court ruled, Hebert said, most laws held: what stands before the
            # cue's subject (hung on the cue by the parser) is content too.
            subject = next((c for c in children(cue) if c.dep_ == "nsubj" and c.i < cue.i), None)
            opening = subject.left_edge.i if subject is not None else cue_start
            if opening - cue_start > 2 and doc[opening - 1].text == ",":
                rest_quoted = end - cue_end <= MAX_CONTENT_TOKENS and all(
                    quoted[k] or doc[k].is_punct for k in range(cue_end, end)
                )
                front = _fronted_phrases(cue, opening)
                # (but "On Monday, Ortiz said, “We will appeal.”" is a direct quote and its time)
                if not (rest_quoted and any(_when_or_where(c) for c in front)):
                    return self._trimmed(doc, cue_start, _tail_cut(head, start, end), quoted)
            start = cue_end
        return self._trimmed(doc, start, _tail_cut(head, start, end), quoted)

    @staticmethod
    def _trimmed(doc: Doc, start: int, end: int, quoted: bytearray) -> tuple[int, int] | None:
        # "said that “...”" reports a quotation: a mixed quote whose clause is all quoted.
        # A quotation's opening mark stays with it, and its words are not edge words.
        reported = False
        while start < end and not (quoted[start] and doc[start].is_quote):
            if doc[start].lower_ in EDGE_WORDS and not quoted[start] and doc[start].dep_ == "mark":
                if doc[start].head.right_edge.i + 1 < end - 1:
                    break  # said that [if the vote fails, ...]: the mark of a clause inside the content
                reported = True
            elif doc[start].lower_ in FOCUS_WORDS and start + 1 < end and doc[start + 1].dep_ == "mark":
                pass  # said only that ...: "only" says how little was said, not what
            elif doc[start].text not in EDGE_CHARS:
                break
            start += 1
        start = _past_a_timestamp(doc, start, end)
        while end > start and (
            doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].dep_ in {"cc", "mark"}
        ):
            if quoted[end - 1] and doc[end - 1].is_quote:
                break  # a closing mark of a quoted fragment belongs to the content
            end -= 1
        if end - start > MAX_CONTENT_TOKENS:
            return None
        words = [t for t in doc[start:end] if not t.is_punct and not t.is_space]
        if not words:
            return None
        if not reported and sum(1 for t in words if not quoted[t.i]) < MIN_UNQUOTED_WORDS:
            return None
        return start, end

    # -- the draft ---------------------------------------------------------------------
    def _draft(self, statement: Statement, doc: Doc, plan: Plan, index: int, quotes: Quotes) -> Draft | None:
        para = plan.paragraphs[index]
        first, last = doc[statement.start], doc[statement.end - 1]
        start = para.start + first.idx
        end = para.start + last.idx + len(last)
        text = text_of(doc)
        while end > start and text[end - para.start - 1] in " \n":
            end -= 1
        local_end = _closing_mark(text, quotes, start - para.start, end - para.start)
        end = para.start + local_end
        mention = self.attributor.mention_span(statement.speaker) if statement.speaker is not None else None
        if mention is not None and mention.start < statement.cue.i < mention.end:
            # "Donald Trump Tweets ...": the name ends at its cue
            mention = doc[mention.start : statement.cue.i]
        link = Link(mention, statement.cue_chars, statement.method, True, statement.cue)
        draft = Draft(QuotedSpan(start, end, index, False), paragraph_end=index, type=QuoteType.INDIRECT)
        self.linker.apply_link(draft, link, doc, para, plan.paragraphs, quotes)
        draft.group = None  # a cue shared with a quoted fragment does not make them one quote
        return draft


def _closing_mark(text: str, quotes: Quotes, start: int, end: int) -> int:
    """A content that opens a quotation runs to its close: the parse ends a sentence
    inside it (said the dredging had been “a disaster. Nobody asked them.”), but the
    speaker's words go on to the closing mark."""
    for span in quotes.starting_in(start, end):
        if span.end > end:
            return span.end
    return end


def _separated(found: list[Statement], quoted: bytearray) -> Iterator[Statement]:
    """Statements that do not swallow one another. A content that runs on into another
    statement's clause ends where that clause begins (Ruiz argued the rules are unfair,
    while Lee gained ground by saying the system is rigged); a statement nested inside
    another's content stands beside it (Ruiz said Lee told her the plan would fail; Ruiz
    said the fund was cut because the board denied a request for more); of two statements
    that overlap otherwise, the first is kept."""
    cues = [s.cue.i for s in found]  # ascending: one statement a token, in token order
    ends = [s.end for s in found]
    for i, outer in enumerate(found):
        # Only a statement whose cue lies inside this content can cut it: a window of the
        # list, not all of it (a paragraph may hold thousands of statements).
        for inner in found[bisect_right(cues, outer.start) : bisect_left(cues, outer.end)]:
            begins = inner.cue.left_edge.i
            if inner.speaker is not None:
                begins = min(begins, inner.speaker.left_edge.i)
            if (
                inner.start > inner.cue.i
                and outer.start < begins < ends[i]
                and inner.cue.i < ends[i]
                and _opens_another_clause(inner.cue, outer.start, ends[i])
            ):
                ends[i] = begins
    kept: list[Statement] = []  # by start, to look only at those that can overlap
    starts: list[int] = []
    longest = 0
    for statement, end in zip(found, ends, strict=True):
        if end < statement.end:
            bounds = Reporter._trimmed(statement.cue.doc, statement.start, end, quoted)
            if bounds is None:
                continue
            statement = replace(statement, start=bounds[0], end=bounds[1])
        near = kept[bisect_left(starts, statement.start - longest) : bisect_left(starts, statement.end)]
        if any(_clashes(statement, other) for other in near):
            continue
        at = bisect_right(starts, statement.start)
        starts.insert(at, statement.start)
        kept.insert(at, statement)
        longest = max(longest, statement.end - statement.start)
        yield statement


def _clashes(new: Statement, old: Statement) -> bool:
    """Overlapping contents, unless the new statement, cue and all, lies inside the old one's."""
    if new.end <= old.start or old.end <= new.start:
        return False
    nested = old.start < new.start and new.end <= old.end and old.start <= new.cue.i < new.start
    return not nested


def _opens_another_clause(cue: Token, start: int, end: int) -> bool:
    """The cue sits in a clause of its own beside a content's (start, end): one joined to
    it ("..., and 40 percent said they might switch") or set against it ("..., while Lee
    said the system is rigged"). A clause the content governs is part of what was said:
    its complement, a reason or a time (the fund was cut because the board denied the
    request; he was asked about her views when he spoke), and a clause that describes a
    noun (disclosed [a cache of documents that forced the bureau to admit fault]). On
    PolNeAR train the writer's own clause is the rarer of the two."""
    token = cue
    for _ in range(WINDOW):
        if token.dep_ in {"relcl", "acl"}:
            return False
        if token.dep_ == "conj" and not any(c.dep_ == "mark" for c in children(token)):
            return True  # "and that ..." is a second content clause, not another statement
        if token.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in CONTRASTING for c in children(token)
        ):
            return True
        head = token.head
        if head == token or not start <= head.i < end:
            return False
        token = head
    return False


def _tail_cut(root: Token, start: int, end: int) -> int:
    """Where a content ends before what the writer adds to it: a clause after a dash and a
    conjunction (he was misled by his staff [— and he named them]), or an aside that runs
    to the end after a comma or dash (she backs the bill[, which passed on Monday]; the
    lead is nine points[, with a month to go])."""
    doc = root.doc
    for i in range(max(start, root.i), min(end - 1, root.i + WINDOW)):
        if doc[i].text in DASHES and doc[i + 1].dep_ == "cc":
            return i
        if doc[i].text == "," and _attribution_follows(doc, i + 1, end):
            return i  # the plan would fail[, according to the poll]; [, saying ...]
        if (doc[i].text == "," or doc[i].text in DASHES) and doc[i + 1].lower_ in ASIDES:
            top = doc[i + 1]
            while top.head != top and start <= top.head.i < end and top.head.i > i:
                top = top.head
            if top.right_edge.i >= end - 2:
                return i
    return end


def _attribution_follows(doc: Doc, i: int, end: int) -> bool:
    """After a comma, the words name a source or another act of speech, or gloss a noun,
    to the content's end: ", according to the poll", ", saying that ...", ", a group
    that ...": not what was said."""
    word = doc[i]
    if word.lower_ == "according" and i + 1 < end and doc[i + 1].lower_ == "to":
        return True
    if word.lower_ in {"a", "an", "the"} and word.head.dep_ == "appos" and word.head.right_edge.i >= end - 2:
        return True  # the ban would cover Planned Parenthood[, a group that ...]: the writer's gloss
    return word.tag_ == "VBG" and word.lower_ in PARTICIPLE_CUES and word.right_edge.i >= end - 2


def _sentence_before_comma(cue: Token, quoted: bytearray) -> tuple[tuple[int, int], Token] | None:
    """Those who borrow struggle, he said. / In both cases, the gifts paid for dinners, said
    Ana Ruiz.: a cue and its speaker that end the sentence after a comma report what comes
    before the comma, even where the parser hung it on the cue as a noun or a second
    subject (and so found no clause)."""
    doc = cue.doc
    if cue.dep_ not in {"ROOT", "parataxis"}:
        return None  # ... Clinton, who added to her lead: a clause about someone
    sent_start, sent_end = sentence_bounds(doc, cue.i)
    if cue.right_edge.i < sent_end - 2 or any(quoted[k] for k in range(cue.i, sent_end)):
        return None  # the sentence goes on past the cue's phrase
    if doc[sent_end - 1].text not in SENTENCE_ENDS:
        return None  # Wallnau wrote: (what follows is what he wrote)
    if any(
        c.i > cue.i
        and not (c.dep_ in CUE_PHRASE_DEPS or (c.dep_ == "prep" and c.lower_ in OCCASION_PREPOSITIONS))
        for c in children(cue)
    ):
        return None  # lamented [his vote], remarked [upon the poll]: the cue has words of its own
    before = [c for c in children(cue) if c.dep_ == "nsubj" and c.i < cue.i]
    after = [c for c in children(cue) if c.dep_ == "nsubj" and c.i > cue.i]
    if before:
        speaker = max(before, key=lambda c: c.i)  # the one next to the cue, not a misread clause
        opening = speaker.i
    elif after:
        speaker, opening = after[0], cue.i  # ..., said Ana Ruiz.
    else:
        return None
    # The phrase reaches left over the words that hang inside it: Ana [Ruiz], the [spokesman].
    while (
        opening - 1 > sent_start
        and opening <= doc[opening - 1].head.i <= cue.i
        and not doc[opening - 1].is_punct
    ):
        opening -= 1
    while (
        opening - 1 > sent_start and doc[opening - 1].head == cue and doc[opening - 1].dep_ in {"aux", "neg"}
    ):
        opening -= 1  # ..., has said Ruiz
    comma = opening - 1
    if comma <= sent_start or doc[comma].text != ",":
        return None
    bounds = Reporter._trimmed(doc, sent_start, comma, quoted)
    if bounds is None or not any(t.pos_ in {"VERB", "AUX"} for t in doc[bounds[0] : bounds[1]]):
        return None  # [In all], those promises add up: an opening phrase, no statement
    return bounds, speaker


def _past_a_timestamp(doc: Doc, start: int, end: int) -> int:
    """A live blog's entry opens with its time: "11.42pm: Turnout is up, the returning
    officer says." The time and its colon are no part of what was said."""
    for colon in range(start + 1, min(end - 1, start + 3)):
        if doc[colon].text == ":":
            if all(
                t.like_num or t.ent_type_ in {"TIME", "DATE"} or CLOCK.fullmatch(t.text)
                for t in doc[start:colon]
            ):
                return colon + 1
            break
    return start


def _after_the_time(
    cue: Token, content: Token, bounds: tuple[int, int], quoted: bytearray
) -> tuple[int, int]:
    """The ministry said [on Monday] the border would reopen: a time right after the cue,
    before the content's subject, says when it was said (the parser hangs it on the
    content's verb)."""
    doc = cue.doc
    start = bounds[0]
    if start != cue.i + 1 or doc[start].dep_ != "prep" or doc[start].head != content or not _when(doc[start]):
        return bounds
    subject = next((c for c in children(content) if c.dep_ in SUBJECT_DEPS), None)
    after = doc[start].right_edge.i + 1
    if subject is None or subject.left_edge.i < after:
        return bounds
    return Reporter._trimmed(doc, after, bounds[1], quoted) or bounds


def _goes_on_after(cue: Token) -> Token | None:
    """A parenthetical cue that ends its sentence's first clause, with more of the content
    hung on it after a comma: "..., the airline added, [and had passed every check]";
    "..., the paper said, [including speeches and meetings]"."""
    doc = cue.doc
    for child in children(cue):
        if child.i <= cue.i:
            continue
        if child.dep_ == "prep" and child.lower_ in CONTINUING_PREPOSITIONS:
            first = child.left_edge.i
        elif child.dep_ == "conj" and not any(c.dep_ in SUBJECT_DEPS for c in children(child)):
            # "and had passed every check" shares the content's subject; "and then he left
            # the room" is the writer's
            joiner = next((c for c in children(cue) if c.dep_ == "cc" and cue.i < c.i < child.i), None)
            if joiner is None:
                continue
            first = joiner.i
        else:
            continue
        if doc[first - 1].text == ",":
            return child
    return None


def _only_punctuation(doc: Doc, start: int, end: int) -> bool:
    return all(t.is_punct or t.is_space for t in doc[start:end])


def _inverted_name(cue: Token, quoted: bytearray) -> Token | None:
    """ ", said Ruben Okafor," : the name right after a cue set off by a comma, closed by
    punctuation."""
    doc = cue.doc
    if cue.i == 0 or cue.i + 1 >= len(doc) or doc[cue.i - 1].text != ",":
        return None
    name = doc[cue.i + 1]
    if name.pos_ != "PROPN" or quoted[name.i]:
        return None
    while name.i + 1 < len(doc) and doc[name.i + 1].pos_ == "PROPN" and name.i - cue.i < 6:
        name = doc[name.i + 1]  # the last word of the name
    # A comma closes the parenthetical; without one the name opens the content (His
    # manager, Jeff Weaver, said Sanders believes ...).
    closed = name.i + 1 == len(doc) or doc[name.i + 1].text in {",", ".", ";"}
    return name if closed else None


def _issuer(document: Token) -> Token:
    """Who speaks through a statement, article or letter: the subject of the verb it is
    the object of (Forbes released a statement saying ...), else the document itself
    (articles alleging that ...)."""
    verb = verb_of_object(document)
    subject = next((c for c in children(verb) if c.dep_ == "nsubj"), None) if verb is not None else None
    return subject if subject is not None else document


def _lost_subject(cue: Token, quotes: Quotes) -> Token | None:
    """Senator Harry Reid, the minority leader, said ...: a name the parser hung elsewhere,
    before an apposition set off by commas right before a cue with no subject; or a name
    the tagger took for another word at the start of the sentence ("Jolly said")."""
    doc = cue.doc
    i = cue.i - 1
    if (
        i >= 0
        and doc[i].is_sent_start
        and doc[i].is_title
        and not doc[i].is_stop
        and not quotes.contains(doc[i].idx)
    ):
        return doc[i]
    if i < 1 or doc[i].text != ",":
        return None
    for j in range(i - 1, max(0, i - 12), -1):
        if doc[j].text != ",":
            continue
        name, apposition = doc[j - 1], doc[j + 1 : i]
        described = any(t.head == name and t.dep_ == "appos" for t in apposition) or (
            len(apposition) == 1 and apposition[0].like_num  # Lazar, 44, said
        )
        named = name.pos_ == "PROPN" or name.ent_type_ in {"PERSON", "ORG"}
        if described and named and not quotes.contains(name.idx):
            return name
        return None
    return None


def _raised_subject(cue: Token) -> Token | None:
    """Voters were more likely to say ...; she would be able to claim ...: the cue's
    subject is that of the verb its adjective complements."""
    token = cue
    for _ in range(4):
        if token.dep_ not in {"xcomp", "acomp"} or token.head == token:
            return None
        token = token.head
        subject = next((c for c in children(token) if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None:
            return subject
    return None


def _question_on_asker(cue: Token) -> Token | None:
    """was asked by a caller [why young men come]: a wh-clause the parser hung, as a
    relative clause, on the noun of the cue's agent."""
    agent = next((c for c in children(cue) if c.dep_ == "agent"), None)
    asker = next((c for c in children(agent) if c.dep_ == "pobj"), None) if agent is not None else None
    if asker is None:
        return None
    return next(
        (
            c
            for c in children(asker)
            if c.dep_ in {"relcl", "acl"}
            and c.left_edge.lower_ in WH_WORDS
            and c.left_edge.dep_ not in SUBJECT_DEPS  # "a caller who lives in Lund" describes the caller
        ),
        None,
    )


def _through_a_medium(cue: Token) -> Token | None:
    """Said in a statement [that the fleet would move]: the parser hangs the that-clause
    on the noun of the cue's phrase (a statement, an interview, CNN)."""
    for prep in children(cue):
        if prep.dep_ != "prep" or prep.i < cue.i:
            continue
        nouns = [c for c in children(prep) if c.dep_ == "pobj"]
        # ... and down a few "of" phrases: said in one of a series of messages that ...
        for _ in range(MEDIUM_DEPTH):
            if not nouns:
                break
            noun = nouns[0]
            clause = next(
                (
                    c
                    for c in children(noun)
                    if c.dep_ in {"acl", "ccomp", "relcl"} and c.left_edge.lower_ == "that"
                ),
                None,
            )
            if clause is not None and _opens_with_that(clause):
                return clause
            of = next((c for c in children(noun) if c.dep_ == "prep" and c.lower_ == "of"), None)
            nouns = [c for c in children(of) if c.dep_ == "pobj"] if of is not None else []
    return None


def _that_clause(clause: Token) -> Token | None:
    """The "that" that marks a clause, not "so that" or "such that"."""
    mark = next((m for m in children(clause) if m.dep_ == "mark" and m.lower_ == "that"), None)
    if mark is None or mark.i == 0 or mark.doc[mark.i - 1].lower_ in {"so", "such", "now"}:
        return None
    return mark


def _opens_with_that(clause: Token) -> bool:
    """A that-clause, not a relative clause: "that the fleet would move", not "that she wrote"."""
    that = clause.left_edge
    return that.dep_ == "mark" or (that.dep_ != "nsubj" and that.dep_ != "dobj")


def _asked_of_someone(cue: Token) -> bool:
    """ "Asked whether the depot should close, most drivers said no": a passive participle
    with no "by" names the one asked, not the asker."""
    return (
        cue.tag_ == "VBN"
        and cue.dep_ in {"advcl", "acl"}
        and agent_of(cue) is None
        and not any(c.dep_ in SUBJECT_DEPS or c.dep_ in {"aux", "auxpass"} for c in children(cue))
    )


def _passive_without_agent(cue: Token) -> bool:
    """It was reported that ...: a passive cue with no "by" phrase."""
    return agent_of(cue) is None and any(c.dep_ == "auxpass" for c in children(cue))


def _phrase_goes_on(cue: Token, content: Token) -> Token | None:
    """The cue's prepositional phrase right after an object content (a permit [to the
    club]), unless it says when ([on Monday]) or through what (in a tweet, in an
    interview, on the condition of anonymity). PolNeAR's annotators keep how and where."""
    return next(
        (
            c
            for c in children(cue)
            if c.dep_ == "prep"
            and c.i == content.right_edge.i + 1
            and c.lower_ not in CIRCUMSTANCE_PREPOSITIONS
            and not _when(c)
            and not _through(c)
        ),
        None,
    )


def _through(prep: Token) -> bool:
    """A phrase naming the occasion or medium of a statement: in a tweet, at a press
    conference, in an interview, on the condition of anonymity."""
    return any(c.dep_ == "pobj" and c.lower_ in OCCASIONS for c in children(prep))


def _when(prep: Token) -> bool:
    """A prepositional phrase of time: on Monday, in March, at noon."""
    return any(c.ent_type_ in {"DATE", "TIME"} for c in children(prep))


def _relative_front(first: Token, cue: Token) -> bool:
    """[which critics said was unfair], adapted to [what she said is growing demand]: the
    relative pronoun is the content's subject and stands before the cue; the content is
    the whole relative clause, cue and all."""
    if first.i >= cue.i:
        return False
    if first.lower_ == "what":  # a free relative: the parser hangs the cue anywhere
        return first.dep_ in SUBJECT_DEPS
    return first.lower_ in RELATIVE_PRONOUNS and cue.dep_ == "relcl"


def _fronted_phrases(cue: Token, before: int) -> list[Token]:
    """What the cue's sentence opens with before its speaker (at ``before``)."""
    return [c for c in children(cue) if c.i < before and c.dep_ not in {"punct", "cc"}]


def _when_or_where(phrase: Token) -> bool:
    """A fronted time, place or occasion: "On Monday", "Later", "At the rally", "When
    asked"."""
    if phrase.lower_ in TIME_WORDS:
        return True
    doc = phrase.doc
    words = doc[phrase.left_edge.i : min(phrase.right_edge.i + 1, phrase.left_edge.i + WINDOW)]
    if phrase.dep_ == "prep" and any(
        t.ent_type_ in TIME_PLACE_ENTITIES or t.lower_ in TIME_WORDS or t.lower_ in OCCASIONS for t in words
    ):
        return True
    return phrase.dep_ == "advcl" and any(
        c.dep_ in {"mark", "advmod"} and c.lower_ in {"when", "after", "before", "while", "as"}
        for c in children(phrase)
    )


def _aside_in_a_misparse(cue: Token) -> bool:
    """The hashtag, Mr. Abboud said, accompanied every post: set off by commas inside a
    sentence the parser could not build round a verb (it made "hashtag" the root), the cue
    is still an aside in what was said, when a verb follows it."""
    doc = cue.doc
    first, last = cue.left_edge.i, cue.right_edge.i
    if doc[first].text != ",":
        first -= 1  # the commas are the cue's own or its neighbours'
    if doc[last].text != ",":
        last += 1
    head = cue.head
    return (
        cue.dep_ == "parataxis"
        and head.dep_ == "ROOT"
        and head.pos_ in {"NOUN", "PROPN", "PRON"}
        and any(c.dep_ in SUBJECT_DEPS for c in children(cue))
        and 0 < first
        and last < len(doc)
        and doc[first].text == ","
        and doc[last].text == ","
        and any(t.pos_ == "VERB" for t in doc[last + 1 : min(head.right_edge.i + 1, last + 1 + WINDOW)])
    )


def _between_commas(cue: Token) -> bool:
    """ ", these supporters acknowledge," : the cue's phrase set off by commas mid-sentence."""
    doc = cue.doc
    first, last = cue.left_edge.i, cue.right_edge.i
    return (
        cue.dep_ in {"advcl", "parataxis", "ccomp"}
        and cue.head.i > last
        and first > 0
        and doc[first - 1].text == ","
        and last + 1 < len(doc)
        and doc[last + 1].text == ","
    )


def _within(token: Token, cue: Token) -> bool:
    """``token`` belongs to the cue's own phrase (", she said,")."""
    return cue.left_edge.i <= token.i <= cue.right_edge.i


def _cue_chars(cue: Token) -> CharSpan:
    return CharSpan(cue.idx, cue.idx + len(cue))


def _quantity(token: Token) -> bool:
    """A share of people standing as a cue's subject: many, 46 percent, 4 in 10, a third."""
    if token.dep_ not in {"nsubj", "nummod", "npadvmod"}:
        return False
    return token.lower_ in QUANTITY_WORDS or token.lower_ in SHARE_WORDS or token.like_num


def _hearsay(cue: Token) -> bool:
    """ "is said to be", "the said agreement", "so-called", "all told": nobody in
    particular speaks."""
    if cue.lower_ == "told" and cue.i > 0 and cue.doc[cue.i - 1].lower_ == "all":
        return True
    if cue.lower_ == "said" and (cue.dep_ == "amod" or any(c.dep_ == "xcomp" for c in children(cue))):
        return any(c.dep_ in {"nsubjpass", "auxpass"} for c in children(cue)) or cue.dep_ == "amod"
    return cue.lower_ == "called" and cue.i > 0 and cue.doc[cue.i - 1].lower_ in {"so", "-"}
