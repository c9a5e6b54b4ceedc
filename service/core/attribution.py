"""Link a quoted span to its cue and speaker mention with dependency rules.

Works on one parsed paragraph (a spaCy ``Doc``) whose first character sits at
``offset`` in the article. Rules, tried in order:

1. cue: a reporting verb right after a quote that ends in a comma (“Q,” the union
   wrote), on the quote's dependency path (X claimed the plan had “failed”), or the
   nearest one in the quote's sentence or right after it (“Q.” He said.); its subject
   is the speaker, climbing through conj/xcomp/advcl (He rejected it, charging that
   “Q”) and relative clauses (Shoigu, who said “Q”). When the parser left the cue
   without a subject, the words around it still name the speaker: the name between
   quote and cue, the noun phrase after an inverted cue, the name right before it.
2. according to X.
3. colon: X said: “Q” / X: “Q” / X had a question: “Q” / a paragraph ending in a
   colon before the quote.
4. byline: “Q” — Mayor Lena Hoffmann.
Continuation of an earlier speaker is decided later, across paragraphs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.symbols import VERB
from spacy.tokens import Doc, Span, Token

from .lexicon import Lexicon
from .marks import ALL_MARKS
from .model import Attribution
from .spans import (
    WINDOW,
    CharSpan,
    Quotes,
    as_quotes,
    children,
    first_token_from,
    rights,
    sentence_bounds,
    sentence_root,
    text_of,
)

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Deps through which a cue verb borrows the subject of its head verb.
PLANNING_AUXILIARIES = frozenset(
    {"would", "will", "could", "should", "might", "may", "'d", "'ll", "’d", "’ll"}
)
SUBJECT_INHERITING_DEPS = frozenset({"conj", "xcomp", "advcl", "pcomp", "ccomp", "dep", "parataxis"})
# Deps that an inverted speaker can carry: “Q,” said Ronald Fieldstone, a lawyer.
INVERTED_SPEAKER_DEPS = frozenset({"dobj", "attr", "npadvmod", "appos", "oprd", "dative", "nsubj"})
LISTENER_DEPS = frozenset({"dobj", "dative"})
# Modifiers that belong to a speaker mention: Russia's Defense Ministry, Senior Gen. X.
MENTION_DEPS = frozenset({"compound", "flat", "amod", "det", "poss", "case", "nmod", "nummod", "quantmod"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
# Words that open a cue's subject as a share of people, not a name: "Most said", "Few agreed".
QUANTITY_WORDS = frozenset(
    {"many", "most", "some", "few", "several", "both", "all", "others", "half", "more"}
)
# Nouns for what someone said back: "Holt's response was: “Q”".
RESPONSE_NOUNS = frozenset(
    {"response", "reply", "answer", "reaction", "retort", "rejoinder", "verdict", "words"}
)
# A possessive that stands for its speaker, as its subject pronoun: "her reply was: “Q”".
POSSESSIVE_SUBJECTS = {"his": "he", "her": "she", "their": "they", "its": "it"}
# Tags of words that are surnames too (May, Will, From) when they stand before a cue.
FUNCTION_WORD_TAGS = frozenset({"MD", "IN"})
# Entity types that are never a speaker: “Q,” he said Thursday morning.
NON_SPEAKER_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
DASHES = "—–―"
SENTENCE_ENDS = frozenset({".", "!", "?"})
CLAUSE_ENDS = SENTENCE_ENDS | {",", ";"}
# Words that open a new clause: "“Q,” when Berg asked" is not Berg's quote.
SUBORDINATORS = frozenset(
    {
        "when",
        "while",
        "as",
        "after",
        "before",
        "because",
        "if",
        "since",
        "although",
        "though",
        "until",
        "where",
    }
)
# Pronouns that stand for a person or organisation named earlier.
NAMING_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})
# Particles the parser sometimes calls adverbs: shot back, chimed in.
PARTICLES = frozenset({"back", "on", "in", "up", "out"})
# What a cue says it spoke through, ending a sentence that reports nothing before a
# quotation: "Lau said in a statement. “Q”"
MEDIA = frozenset(
    {"statement", "interview", "email", "e-mail", "letter", "memo", "release", "speech", "post"}
)
MARK_CHARS = "".join(sorted(ALL_MARKS))
# X: “Q” with no verb: how long the speaker line may run, how long a bracketed tag after
# the name ("(R-S.C.)", "(D)"), and the words a role may hold before the name ("secretary of state").
MAX_COLON_SPEAKER_TOKENS = 9
MAX_COLON_TAG_TOKENS = 8
ROLE_LINKS = frozenset({"of", "for"})


@dataclass(frozen=True, slots=True)
class Link:
    """A quote's speaker mention, as tokens of the paragraph's Doc, and its cue."""

    mention: Span | None
    cue: CharSpan | None
    method: Attribution
    linked: bool  # the cue is on the quote's dependency path (higher confidence)
    # The cue verb, to group split quotes; after a colon that ends the paragraph above, a
    # token of that paragraph's Doc, not the quote's.
    cue_token: Token | None = None


class Attributor:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    # -- helpers -----------------------------------------------------------------------
    def is_cue(self, token: Token) -> bool:
        """A reporting verb. The small model tags some verbs as nouns ("Warren argues"),
        but a past form ("shouted", "said") or "says" is a verb whatever its tag, while
        "a charge" or "the state" are nouns."""
        form = token.lower_
        lemma = self.lexicon.cue_forms.get(form)
        if lemma is None:
            if token.pos != VERB:  # (the tag's id: most tokens stop here, no string looked up)
                return False
            # “Q,” Trump went on. / she shot back: a verb that reports only with its particle
            particles = self.lexicon.phrasal_cues.get(form, frozenset())
            after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
            return bool(particles) and after is not None and after.lower_ in particles and after.head == token
        if token.pos_ in {"ADP", "DET"}:
            return False
        if token.pos_ in {"VERB", "AUX"} or form == "says" or (form != lemma and not form.endswith("s")):
            return True
        # “Q,” the email read.: the tagger makes "email read" one noun; a cue's form right
        # after a document noun, ending the clause, is the document speaking.
        doc = token.doc
        return (
            0 < token.i < len(doc) - 1
            and doc[token.i - 1].lower_ in self.lexicon.document_nouns
            and doc[token.i + 1].text in CLAUSE_ENDS
        )

    @staticmethod
    def _in_any(token: Token, quotes: Quotes) -> bool:
        return quotes.contains(token.idx)

    def subject_of(self, verb: Token, quotes: Quotes) -> Token | None:
        if verb.tag_ == "VBG" and verb.i > 0:
            named = verb.doc[verb.i - 1]
            if (
                named.ent_type_ == "PERSON"
                and not self._in_any(named, quotes)
                and named.lower_ not in self.lexicon.medium_nouns
                and not (named.dep_ == "pobj" and named.head.lower_ != "of")  # a message on Twitter reading
            ):
                return named  # footage of Anna Berg asking, “Q?”: the name right before the participle
        outer = _reporting_cue(verb, self.is_cue)
        if outer is not None:
            verb = outer  # Ruiz said the plan would fail, adding, “Q”: Ruiz adds
        elif verb.tag_ == "VBG" and verb.dep_ == "acl" and verb.head.lower_ in self.lexicon.document_nouns:
            # Duarte posted a message on Twitter reading “Q”: whoever posted the message
            verb = verb_of_object(verb.head) or verb
        elif verb.tag_ == "VBG" and verb.dep_ not in SUBJECT_INHERITING_DEPS:
            verb = _clause_before_comma(verb) or verb  # Rico shared the news, writing “Q”
        seen = 0
        while seen < 6:
            seen += 1
            # Of two subjects the parser gives a verb, the one next to it (PORT ALDER — The
            # board said; The vote marks “an end”, said Greta Wilde).
            # he’s said, who’ve said: the parser may take the clitic for a second subject
            subjects = [
                c
                for c in children(verb)
                if c.dep_ in SUBJECT_DEPS and not self._in_any(c, quotes) and c.text[:1] not in "'’"
            ]
            subject = min(subjects, key=lambda c: abs(c.i - verb.i), default=None)
            if subject is not None and subject.i > verb.i and subject.pos_ == "NOUN":
                # “Q,” Ortiz’s lawyer, Bea Stone, said outside court: a common noun after the
                # cue is no match for a name before it.
                subject = next((c for c in subjects if c.i < verb.i and _names_someone(c)), subject)
            if subject is not None and subject.i > verb.i and subject.pos_ != "PROPN":
                # “Q,” said radio co-host Ana Price: the parser split the phrase at the
                # hyphen into two subjects; the name after the cue is the speaker.
                subject = next((c for c in subjects if c.i > subject.i and c.pos_ == "PROPN"), subject)
            if verb.lower_ in {"saying", "say"} and verb.head.lower_ == "quoted":
                verb = verb.head  # X was quoted as saying “Q”
                continue
            if subject is not None and subject.dep_ == "nsubjpass" and self._spoken_to(verb):
                return agent_of(verb)  # “Leave now,” Ortiz was told by Chen.: Chen, if named
            if subject is not None and self.lexicon.is_title(subject.text):
                # said former Lund Gov. and party Chairman Ed Rendall: titles joined by
                # "and" belong to the name that ends them
                subject = next(
                    (c for c in children(subject) if c.dep_ == "conj" and c.ent_type_ == "PERSON"), subject
                )
            if subject is not None:
                if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                    return verb.head  # Sergei Shoigu, who said ...
                if subject.pos_ in {"PROPN", "NOUN", "PRON", "NUM", "X"} or _age_noun(subject):
                    return subject
                if _mistagged_name(subject):
                    return subject
                return None
            if verb.dep_ == "relcl" and verb.head.pos_ in {"PROPN", "NOUN"}:
                return verb.head
            if _cue_read_as_participle(verb):
                return verb.head  # “Q,” Nate Silva, the guru who founded the site, tweeted.
            if (
                seen == 1
                and verb.dep_ == "conj"
                and (closing := _name_closing_before(verb, quotes)) is not None
            ):
                # Shares fell after the chief executive, Lars Nygaard, said: “Q”: a cue joined
                # to the clause before it without "and", right after a name set off by
                # commas, is that name's.
                return closing
            if (
                verb.dep_ == "conj"
                and verb.head.dep_ == "ccomp"
                and self.is_cue(verb)
                and self.is_cue(verb.head.head)
                and verb.head.head.i < verb.head.i
            ):
                # Berg said it was too early but added, “Q”: the parser joined the second
                # cue to what the first one reports; both are the speaker's.
                verb = verb.head.head
                continue
            if verb.dep_ in SUBJECT_INHERITING_DEPS and verb.head != verb:
                verb = verb.head
                if verb.pos_ == "ADP" and verb.head != verb:
                    verb = verb.head  # quoted as saying, after saying: climb through the preposition
                continue
            break
        return None

    def _spoken_to(self, verb: Token) -> bool:
        """A cue verb whose object is the listener (tell, ask, warn ...)."""
        return self.lexicon.cue_lemma(verb.text) in self.lexicon.addressee_verbs

    def inverted_speaker(self, verb: Token, quotes: Quotes) -> Token | None:
        # “Q,” the mayor, speaking from the steps, promised residents: the object of a verb
        # of telling is the one told.
        told = LISTENER_DEPS if self._spoken_to(verb) else frozenset()
        found = [
            child
            for child in rights(verb)
            if child.dep_ in INVERTED_SPEAKER_DEPS
            and child.dep_ not in told
            and not self._in_any(child, quotes)
            and child.pos_ in {"PROPN", "NOUN", "PRON"}
            and child.ent_type_ not in NON_SPEAKER_ENTS
        ]
        if found:
            # “Q,” said radio co-host Ana Price: the parser split the phrase at the hyphen
            # and made two subjects; the name is the speaker.
            return next((c for c in found if c.pos_ == "PROPN"), found[0])
        nxt = verb.nbor(1) if verb.i + 1 < len(verb.doc) else None
        if (
            nxt is not None
            # the small model tags some surnames as adverbs: “Q,” said Skelly.
            and (nxt.pos_ in {"PROPN", "PRON"} or (nxt.is_title and nxt.is_alpha and not nxt.is_stop))
            and not self._in_any(nxt, quotes)
            and nxt.ent_type_ not in NON_SPEAKER_ENTS
        ):
            # “Q,” tweeted Ruiz spokesman Alex Dunne: the first name only modifies the phrase.
            while nxt.dep_ == "compound" and nxt.head.i > nxt.i and nxt.head.i - verb.i <= WINDOW:
                nxt = nxt.head
            return nxt
        return self._noun_phrase_after(verb, quotes)

    def _noun_phrase_after(self, verb: Token, quotes: Quotes) -> Token | None:
        """“Q,” said the mayor's spokesman as reporters waited: the parser made the
        spokesman the subject of "waited", but the words after the cue still name him."""
        window = verb.doc[max(0, verb.i - WINDOW) : verb.i]
        before = next((t for t in reversed(window) if not t.is_punct), None)
        if before is None or not self._in_any(before, quotes):
            return None  # only in the inverted order, right after a quote
        head = None
        for tok in verb.doc[verb.i + 1 : verb.i + 8]:
            in_phrase = (
                tok.pos_ in {"DET", "ADJ", "PROPN", "NOUN", "PART", "NUM"}
                or tok.dep_ in {"amod", "compound"}
                or tok.text == "-"  # the 46-year-old
            )
            if self._in_any(tok, quotes) or not in_phrase:
                break  # "retired" in "said retired neurosurgeon Ben Carson" is an amod verb
            if tok.pos_ in {"PROPN", "NOUN"} and tok.ent_type_ not in NON_SPEAKER_ENTS:
                head = tok
        return head

    def mention_span(self, head: Token, joined: bool = True) -> Span:
        """The whole name or noun phrase around ``head``, without clauses and appositions;
        with a second name joined to it by "and" (Ann Lee and Tom Ruiz said)."""
        doc = head.doc
        if head.pos_ != "PROPN" or head.ent_type_ not in {"PERSON", "ORG"}:
            proper_appos = next(
                (
                    c
                    for c in children(head)
                    if c.dep_ == "appos" and (c.pos_ == "PROPN" or c.ent_type_ == "PERSON")
                ),
                None,
            )
            if proper_appos is not None and head.pos_ == "NOUN":
                head = proper_appos  # The junta's leader, Senior Gen. Min Aung Hlaing
            elif proper_appos is None:
                # the MP for Hexham, Guy Opperman; a letter signed by Ana Ruiz
                head = _named_after_role(head) or self._document_author(head) or head
        keep = {head.i}
        stack = [head]
        while stack:
            tok = stack.pop()
            for child in children(tok):
                if abs(child.i - head.i) > WINDOW:
                    continue  # a mention is a phrase, not a paragraph
                if child.dep_ in MENTION_DEPS or (
                    child.dep_ == "punct" and child.text == "." and tok is not head
                ):
                    keep.add(child.i)
                    stack.append(child)
        start, end = min(keep), max(keep) + 1
        if head.ent_type_:
            # Widen to the named entity the head belongs to (the parser splits long names).
            ent = entity_of(head)
            if ent is not None:
                # NER may run a name on into its verb ("Trump assured Jones"): a name
                # holds no verb.
                verbs = [t.i for t in ent if t.pos_ == "VERB" and t.i != head.i]
                ent_start = max([i + 1 for i in verbs if i < head.i], default=ent.start)
                ent_end = min([i for i in verbs if i > head.i], default=ent.end)
                start, end = min(start, ent_start), max(end, ent_end)
        # A parenthetical ends the mention (Rep. Gwen Moore (D-Wis.)); a dateline before a
        # dash is no part of it (FLINT, Mich. (UPI) — Former President Bill Clinton).
        dash = next((t.i for t in reversed(doc[start : head.i]) if _is_dash(t) or t.text == ")"), None)
        if dash is not None:
            start = dash + 1
        bracket = next((t.i for t in doc[start + 1 : end] if t.text == "("), None)
        if bracket is not None:
            end = bracket
        # The parser may hang the cue on the name (tweeted [Ruiz spokesman Alex Dunne]).
        while start < end - 1 and (
            doc[start].is_punct
            or doc[start].dep_ == "cc"
            or self.is_cue(doc[start])
            or doc[start].text[:1] in "'’"  # Here’s [Clinton] in 1992:
        ):
            start += 1
        while end - 1 > start and doc[end - 1].is_punct and doc[end - 1].text != ".":
            end -= 1
        if end < len(doc) and self.lexicon.is_title(doc[end - 1].text) and doc[end].ent_type_ == "PERSON":
            # said Navy Capt. [Jeff Davis]: the parser ended the sentence at the rank's full
            # stop and took the rank for the subject; the name after it is the speaker's.
            following = entity_of(doc[end])
            if following is not None and following.start == end:
                end = following.end
        partner = joined_name(head) if joined else None
        if partner is not None:
            end = max(end, self.mention_span(partner, joined=False).end)
        return doc[start:end]

    def _document_author(self, head: Token) -> Token | None:
        """A letter signed by Ana Ruiz, a report by the Carver Institute, a statement from
        Brightwater Energy: a document whose phrase names its author speaks for the author."""
        if head.lower_ not in self.lexicon.document_nouns:
            return None
        for child in children(head):
            by = child if child.dep_ == "prep" and child.lower_ in {"by", "from"} else None
            if by is None and child.dep_ == "acl" and child.tag_ == "VBN":
                by = next((c for c in children(child) if c.dep_ == "agent"), None)
            author = next((c for c in children(by) if c.dep_ == "pobj"), None) if by is not None else None
            if author is not None and (author.pos_ == "PROPN" or author.ent_type_ in {"PERSON", "ORG"}):
                return author
        return None

    # -- rules -------------------------------------------------------------------------
    def link(
        self, doc: Doc, quote: CharSpan, quotes: Quotes | Iterable[CharSpan], prev_doc: Doc | None
    ) -> Link | None:
        """Find the speaker mention for ``quote`` (character offsets into ``doc.text``)."""
        quotes = as_quotes(quotes)
        inside = list(doc[first_token_from(doc, quote.start) : first_token_from(doc, quote.end)])
        if not inside:
            return None
        frame = self._frame(doc, quote, inside, quotes)
        return (
            self._by_cue(doc, quote, inside, frame, quotes)
            or self._by_according_to(frame, quotes)
            or self._by_colon(doc, quote, quotes, prev_doc)
            or self._by_byline(doc, quote, quotes)
        )

    def _frame(self, doc: Doc, quote: CharSpan, inside: list[Token], quotes: Quotes) -> list[Token]:
        """Tokens outside every quote in the sentences the quote touches, plus the
        sentence that starts right after it (the parser often splits “Q.” He said.)."""
        start = sentence_bounds(doc, inside[0].i)[0]
        end = sentence_bounds(doc, inside[-1].i)[1]
        last = doc[end - 1]
        if end < len(doc) and last.idx < quote.end and last.idx + len(last) <= quote.end + 2:
            end = sentence_bounds(doc, end)[1]
        quoted = quotes.token_mask(doc)
        return [
            doc[i]
            for i in range(max(start, inside[0].i - WINDOW), min(end, inside[-1].i + WINDOW))
            if not quoted[i]
        ]

    def _by_cue(
        self, doc: Doc, quote: CharSpan, inside: list[Token], frame: list[Token], quotes: Quotes
    ) -> Link | None:
        cues = [t for t in frame if self.is_cue(t)]
        if not cues:
            return None
        roots = [t for t in inside if not (quote.start <= t.head.idx < quote.end) or t.head == t]
        linked: Token | None = None
        # A cue among the quote's ancestors: X claimed the system had “degraded.” Not one
        # that is only planned, under a cue that happened: He said the union would demand
        # talks “within days.” (his words, not the union's).
        for root in roots:
            hops, tok, first = 0, root, None
            while tok.head != tok and hops < 8:
                tok, hops = tok.head, hops + 1
                if tok in cues:
                    first = first or tok
                    if not _not_yet_said(tok):
                        linked = tok
                        break
            linked = linked or first
            if linked is not None:
                break
        if linked is None:
            # A cue hanging off the quote's own root: “Q,” said X (parsed as parataxis).
            for tok in inside:
                for child in children(tok):
                    if child in cues:
                        linked = child
                        break
                if linked is not None:
                    break
        trailing = self._trailing_cue(doc, quote, cues)
        if (
            trailing is not None
            and linked is not None
            and linked.idx < quote.start
            and _introduces_next(trailing, quote, quotes)
        ):
            # Lee responds to Mills with, “Q1?” Mills then writes back, “Q2.”: the cue
            # after Q1 introduces Q2; Q1 keeps the cue before it.
            trailing = None
        if trailing is not None and (linked is None or linked.idx < quote.start):
            linked = trailing  # “Q,” the union wrote: beats a cue in the sentence before the quote
        # spaCy makes a new Token object on every access: compare tokens with ==, never `is`.
        candidates = [linked] if linked is not None else sorted(cues, key=lambda t: _distance(t, quote))
        for cue in candidates:
            if linked is None and self._other_quote_between(cue, quote, quotes):
                continue
            # Skelly called Braynard “Q”: before its quotation, a cue's object is whom it
            # addresses or names; a name right before the cue, misparsed, speaks first.
            before_quote = cue.idx < quote.start
            subject = (
                self.subject_of(cue, quotes)
                or (self.name_left_of_cue(cue, quotes) if before_quote else None)
                or self.inverted_speaker(cue, quotes)
                or self._speaker_before_cue(cue, quote, quotes)
                or (None if before_quote else self.name_left_of_cue(cue, quotes))  # asked above
            )
            if subject is None:
                continue
            return Link(
                mention=self.mention_span(subject),
                cue=_cue_span(cue),
                method=Attribution.CUE,
                linked=linked is not None,
                cue_token=cue,
            )
        return None

    def name_left_of_cue(self, cue: Token, quotes: Quotes) -> Token | None:
        """Speaker Paul Ryan (R-Wis.) said “Q”: the parser gave the cue no subject, but a
        name, past a parenthetical, stands right before it."""
        i = cue.i - 1
        doc = cue.doc
        if i >= 0 and doc[i].text == ")":
            while i >= 0 and doc[i].text != "(" and cue.i - i < WINDOW:
                i -= 1
            i -= 1
        elif i > 0 and doc[i].text == "," and doc[i - 1].pos_ == "PROPN" and doc[i - 1].dep_ == "appos":
            i -= 1  # In a letter to the board, her deputy, Ana Ruiz, said: the name closes an apposition
        if i < 0 or self._in_any(doc[i], quotes):
            return None
        tok = doc[i]
        if cue.tag_ == "VBG" and tok.ent_type_ != "PERSON" and tok.lower_ not in {"he", "she", "they"}:
            return None  # a message on Twitter reading “Q”: a participle's left word is no subject
        if tok.pos_ == "PROPN" or tok.ent_type_ in {"PERSON", "ORG"} or tok.lower_ in {"he", "she", "they"}:
            return tok
        if (
            tok.is_title
            and tok.is_alpha
            and not tok.is_stop
            and not tok.is_sent_start
            and tok.pos_ in {"ADV", "ADJ"}
        ):
            return tok  # the small model tags some surnames as adverbs: And Skelly called ...
        if _surname_read_as_function_word(tok, cue):
            return tok  # “Q,” May said. / “Q,” Will wrote. / “Q,” From said.
        if tok.dep_ == "appos" and tok.pos_ == "NOUN" and self._role_noun(tok) and _set_off(tok):
            # In an interview with hosts Ann Lee and Tom Ruiz, the candidate stated that ...:
            # the parser took the phrase for an apposition of the name before the comma
            return tok
        return None

    def _role_noun(self, noun: Token) -> bool:
        return (
            noun.lower_ in self.lexicon.role_nouns
            or noun.lower_ in self.lexicon.person_nouns
            or self.lexicon.is_title(noun.text)
        )

    def _trailing_cue(self, doc: Doc, quote: CharSpan, cues: list[Token]) -> Token | None:
        """The cue of news style's “Q,” X said / “Q?” asked X: the quote ends in a comma,
        question or exclamation mark, and a cue follows within a few words, with no other
        verb before it."""
        ending = text_of(doc)[quote.start : quote.end].rstrip(MARK_CHARS + " ")[-1:]
        if ending not in {",", "?", "!", "—", "-"}:
            return None
        first = first_token_from(doc, quote.end)
        after = doc[first : first + 8]
        for tok in after:
            if tok in cues:
                return tok
            if (
                tok.pos_ in {"VERB", "AUX", "SCONJ", "CCONJ"}
                or tok.lower_ in SUBORDINATORS
                or tok.text in {".", ";", "“", '"'}
            ):
                return None
        return None

    def _speaker_before_cue(self, cue: Token, quote: CharSpan, quotes: Quotes) -> Token | None:
        """“Q,” Flynn, a top surrogate, said: when the parser hangs the name on a word inside
        the quote, the cue has no subject, but the name still stands between quote and cue."""
        start = first_token_from(cue.doc, quote.end)
        if cue.i - start > WINDOW:
            return None
        between = [t for t in cue.doc[start : cue.i] if not t.is_space]
        # “Q,” Ben Halloran, wearing a scarf and “Vote Lee” pins, said: an aside set off
        # by commas between the name and the cue may hold verbs and a quoted phrase of its
        # own; the name's phrase, before the first comma, may not.
        aside = next((k for k, t in enumerate(between) if t.text == ","), len(between))
        if aside < len(between) and between[-1].text != ",":
            aside = len(between)  # no aside closed right before the cue
        between, after = between[:aside], between[aside:]
        words = [t for t in between if not t.is_punct]
        if (
            not words
            or len(between) > 15
            or any(self._in_any(t, quotes) for t in between)
            or any(t.text in SENTENCE_ENDS for t in after)
            or not _quotations_closed(after, quotes)
        ):
            return None
        if any(t.pos_ in {"VERB", "AUX"} for t in words) or words[0].pos_ not in {
            "PROPN",
            "PRON",
            "DET",
            "NOUN",
        }:
            return None
        head = next((t for t in words if t.pos_ in {"PROPN", "PRON", "NOUN"}), None)
        while head is not None and head.i + 1 < cue.i and head.nbor(1).pos_ == "PROPN":
            head = head.nbor(1)  # the last word of the name: Michael Flynn
        # “Q,” the Labour candidate, Ines Duarte, wrote: a name that only modifies the
        # phrase is not its head; the phrase (and the name in apposition to it) speaks.
        while head is not None and head.dep_ in MODIFIER_DEPS and start <= head.head.i < cue.i:
            head = head.head
        return head

    @staticmethod
    def _other_quote_between(cue: Token, quote: CharSpan, quotes: Quotes) -> bool:
        """Another quotation between the cue and this quote has its own speaker. A nickname
        or a scare-quoted word does not (Del. Marcia “Cia” Price shouted)."""
        lo, hi = sorted((cue.idx, quote.start))
        text = text_of(cue.doc)
        return any(q != quote and len(text[q.start : q.end].split()) > 2 for q in quotes.starting_in(lo, hi))

    def _by_according_to(self, frame: list[Token], quotes: Quotes) -> Link | None:
        for tok in frame:
            if tok.lower_ == "according" and not self._in_any(tok, quotes):
                to = next((c for c in children(tok) if c.lower_ == "to"), None)
                obj = next((c for c in children(to) if c.dep_ == "pobj"), None) if to is not None else None
                if obj is not None:
                    return Link(
                        mention=self.mention_span(obj),
                        cue=CharSpan(tok.idx, to.idx + len(to)) if to is not None else None,
                        method=Attribution.ACCORDING_TO,
                        linked=True,
                    )
        return None

    def _by_colon(self, doc: Doc, quote: CharSpan, quotes: Quotes, prev_doc: Doc | None) -> Link | None:
        text = text_of(doc)
        before = quote.start  # the end of the text before the quote, spaces left out
        while before > 0 and text[before - 1].isspace():
            before -= 1
        mark = text[before - 1] if before > 0 else ""
        i = _token_holding(doc, before - 1) if mark else -1  # the colon, comma or full stop
        if mark == ":" and i >= 0:
            return self._clause_before_colon(doc, doc[i], quotes)
        if mark == "," and i > 0 and not self._in_any(doc[i - 1], quotes):
            return self._document_before_comma(doc[i - 1])
        if mark == "." and i > 0:
            cue = self._cue_ending(doc[i - 1], quotes) or self._reported_before(doc, i, quotes)
            subject = self.subject_of(cue, quotes) if cue is not None else None
            if cue is not None and subject is not None:
                return Link(self.mention_span(subject), _cue_span(cue), Attribution.CUE, False, cue)
        return self._colon_in_paragraph_before(text, before, prev_doc)

    def _reported_before(self, doc: Doc, stop: int, quotes: Quotes) -> Token | None:
        """Perez says too many workers are torn. “They feel like bad employees.”: a sentence
        that reports what its subject says, right before a quotation with no cue of its
        own, introduces it (``stop``: the full stop ending that sentence)."""
        root = sentence_root(doc, stop)
        if (
            root is None
            or not self.is_cue(root)
            or root.tag_ not in {"VBD", "VBZ", "VBP"}
            or not any(c.dep_ == "ccomp" for c in children(root))
            or not any(c.dep_ in SUBJECT_DEPS for c in children(root))
        ):
            return None
        # (the parser's sentence may begin inside a quotation)
        start, end = sentence_bounds(doc, stop)
        if self._in_any(doc[start], quotes) or _quotes_in_or_before(doc, start, end, quotes):
            return None
        return root

    def _cue_ending(self, last: Token, quotes: Quotes) -> Token | None:
        """The cue of a sentence that ends at ``last`` having reported nothing, which so
        introduces the quotation after it: "Bystrom agreed.", and with the medium it used,
        "Lau said in a statement." """
        if self._introduces(last, quotes, through_medium=False):
            return last
        root = sentence_root(last.doc, last.i)
        cue = root if root is not None else last
        through = [c for c in children(cue) if c.dep_ == "prep" and c.lower_ == "in" and c.i < last.i]
        if any(o.dep_ == "pobj" and o.lower_ in MEDIA for p in through for o in children(p)) and (
            self._introduces(cue, quotes, through_medium=True)
        ):
            return cue
        return None

    def _introduces(self, cue: Token, quotes: Quotes, through_medium: bool = False) -> bool:
        """Bystrom agreed. “Q”: a cue that ends the sentence before the quotation, with
        nothing of its own to report, introduces it (``through_medium``: a prepositional
        phrase may hang off it, "said in a statement on Monday")."""
        if not (
            self.is_cue(cue)
            and not self._in_any(cue, quotes)
            and cue.tag_ in {"VBD", "VBZ"}
            and not any(
                c.dep_ in {"ccomp", "dobj", "xcomp", "advcl"} or (c.dep_ == "prep" and not through_medium)
                for c in children(cue)
            )
        ):
            return False
        # not "“Q1,” Hooton said after Rubio spoke. “Q2”": a sentence with a quotation of
        # its own has its speaker, and the next quotation goes on with it
        start, end = sentence_bounds(cue.doc, cue.i)
        return not _quotes_in_or_before(cue.doc, start, end, quotes)

    def _document_before_comma(self, noun: Token) -> Link | None:
        """Ruiz issued a statement, “Q”; in Ortiz’s words, “Q”: a document or someone's
        words right before the quotation's comma speak for their issuer or owner."""
        cue = noun
        owner: Token | None
        of_words = _words_of(noun)
        if of_words is not None:  # in the words of one volunteer, Tom Achebe, “Q”
            cue, owner = of_words
        elif noun.lower_ == "words":
            owner = self._owner_of_words(noun)
        elif noun.lower_ in self.lexicon.document_nouns and noun.dep_ == "dobj":
            cue = noun.head  # issued, released, sent
            owner = next((c for c in children(cue) if c.dep_ in SUBJECT_DEPS), None)
            if owner is not None and not (owner.pos_ == "PROPN" or owner.ent_type_ in {"PERSON", "ORG"}):
                owner = None
        else:
            return None
        if owner is None:
            return None
        return Link(self.mention_span(owner), _cue_span(cue), Attribution.COLON, False)

    def _colon_in_paragraph_before(self, text: str, before: int, prev_doc: Doc | None) -> Link | None:
        if before == 0 and prev_doc is not None and text_of(prev_doc).rstrip().endswith(":"):
            colon = next((t for t in reversed(prev_doc) if t.text == ":"), None)
            if colon is not None:
                return self._clause_before_colon(prev_doc, colon, Quotes([]))
        return None

    def _clause_before_colon(self, doc: Doc, colon: Token, quotes: Quotes) -> Link | None:
        sent_start = sentence_bounds(doc, colon.i)[0]
        tokens = [t for t in doc[sent_start : colon.i] if not self._in_any(t, quotes)]
        for cue in reversed([t for t in tokens if self.is_cue(t)]):
            subject = self.subject_of(cue, quotes) or self.inverted_speaker(cue, quotes)
            if subject is not None:
                return Link(self.mention_span(subject), _cue_span(cue), Attribution.COLON, True, cue)
        # X: “Q” with no verb — a name (or noun phrase) standing alone before the colon,
        # or after a heading's dash: "RED STATES OUTNUMBER BLUE - Jeffrey M. Jones: “Q”".
        dash = next((i for i in range(len(tokens) - 1, -1, -1) if _is_dash(tokens[i])), None)
        if dash is not None:
            tokens = tokens[dash + 1 :]
        # "Rep. Tom Ruiz (R-S.C.): “Q”": a bracketed tag after the name is not the name.
        closed = colon.text.startswith(")") or (tokens and tokens[-1].text == ")")  # "):" is one token
        if len(tokens) > 2 and closed:
            opening = next((i for i in range(len(tokens) - 1, 0, -1) if tokens[i].text == "("), None)
            if opening is not None and len(tokens) - opening <= MAX_COLON_TAG_TOKENS:
                tokens = tokens[:opening]
        # "Former secretary of state Ann Lee: “Q”": a role may hold "of" before the name.
        if (
            tokens
            and all(
                t.pos_ in {"PROPN", "NOUN", "PUNCT", "DET", "ADJ"}
                or (t.lower_ in ROLE_LINKS and 0 < k < len(tokens) - 1)
                for k, t in enumerate(tokens)
            )
            and len(tokens) <= MAX_COLON_SPEAKER_TOKENS
        ):
            head = next((t for t in reversed(tokens) if t.pos_ in {"PROPN", "NOUN"}), None)
            if head is not None:
                return Link(self.mention_span(head), _colon_span(colon), Attribution.COLON, False)
        # X delivered a blunt message to Trump: “Q”. Any clause that ends in the colon
        # introduces the quote; its subject, when it names someone, is the source.
        # The clause's own top verb hangs outside it (the parser often hangs it on the quote).
        verbs = [t for t in tokens if t.pos_ in {"VERB", "AUX"} and (t.head == t or t.head.i >= colon.i)]
        for verb in reversed(verbs):
            subject = self.subject_of(verb, quotes)
            if subject is not None and subject.pos_ == "NOUN":
                # "Another resident, Owen Pryce, was blunter:": the name set beside the noun
                subject = next(
                    (
                        c
                        for c in children(subject)
                        if c.dep_ == "appos"
                        and c.pos_ == "PROPN"
                        and c.i < colon.i
                        and not self._in_any(c, quotes)
                    ),
                    subject,
                )
            if subject is not None and (
                subject.pos_ == "PROPN"
                or subject.ent_type_ in {"PERSON", "ORG", "NORP"}
                or subject.lower_ in NAMING_PRONOUNS
                or self._names_a_source(subject)  # The campaign put it more carefully:
            ):
                return Link(self.mention_span(subject), _colon_span(colon), Attribution.COLON, False)
            owner = self._owner_of_words(subject) if subject is not None else None
            if owner is not None:
                return Link(self.mention_span(owner), _colon_span(colon), Attribution.COLON, False)
        return None

    def _owner_of_words(self, noun: Token) -> Token | None:
        """Holt’s response was: “Q”; her reply was simple: “Q”: whose words they are."""
        if noun.lower_ not in RESPONSE_NOUNS and noun.lower_ not in self.lexicon.statement_nouns:
            return None
        owner = next((c for c in children(noun) if c.dep_ == "poss"), None)
        if owner is None or not (owner.pos_ == "PROPN" or owner.lower_ in POSSESSIVE_SUBJECTS):
            return None
        return owner

    def _names_a_source(self, noun: Token) -> bool:
        """A common noun that stands for someone who speaks: the campaign, the spokesman."""
        word = noun.lower_
        lexicon = self.lexicon
        return word in lexicon.organization_nouns or word in lexicon.role_nouns or word in lexicon.voice_nouns

    def _by_byline(self, doc: Doc, quote: CharSpan, quotes: Quotes) -> Link | None:
        text = text_of(doc)
        dash_at = quote.end
        while dash_at < len(text) and text[dash_at].isspace():
            dash_at += 1
        if dash_at >= len(text) or text[dash_at] not in DASHES and not text.startswith("--", dash_at):
            return None
        first = first_token_from(doc, dash_at)
        if first > 0 and doc[first - 1].idx + len(doc[first - 1]) > dash_at:
            first -= 1  # the token the dash starts inside
        head = None
        for tok in doc[first + 1 : first + WINDOW]:
            if tok.text in {",", ";", "(", "."} and head is not None:
                break
            if tok.pos_ == "PROPN" or tok.ent_type_ in {"PERSON", "ORG"}:
                head = tok
        if head is None:
            return None
        mention = self.mention_span(head)
        return Link(mention, CharSpan(dash_at, dash_at + 1), Attribution.BYLINE, False)


# Dependencies of a word that only modifies a noun phrase ("Labour" in "the Labour
# candidate", "Ruiz" in "Ruiz spokesman Alex Dunne").
MODIFIER_DEPS = frozenset({"compound", "nmod", "amod", "poss"})


def _not_yet_said(verb: Token) -> bool:
    """ "the union would demand", "the board will announce": speech a body plans, not
    speech made (a he or she who "would offer" a prayer is the speaker all the same)."""
    return any(c.dep_ == "aux" and c.lower_ in PLANNING_AUXILIARIES for c in children(verb)) and any(
        c.dep_ in SUBJECT_DEPS and c.pos_ in {"NOUN", "PROPN"} for c in children(verb)
    )


def agent_of(verb: Token) -> Token | None:
    """The one named in a passive's "by" phrase, if any."""
    for child in children(verb):
        if child.dep_ == "agent":
            return next((c for c in children(child) if c.dep_ == "pobj"), None)
    return None


def _names_someone(token: Token) -> bool:
    """A name, or a noun with a name in apposition (Ortiz’s lawyer, Bea Stone)."""
    return token.pos_ == "PROPN" or any(
        c.dep_ == "appos" and (c.pos_ == "PROPN" or c.ent_type_ == "PERSON") for c in children(token)
    )


def _name_closing_before(verb: Token, quotes: Quotes) -> Token | None:
    """The name of ", Lars Nygaard, said" right before ``verb``, when nothing joins the
    verb to the clause before it ("and", "but")."""
    doc = verb.doc
    i = verb.i - 2
    if i < 0 or doc[i + 1].text != "," or doc[i].pos_ != "PROPN" or doc[i].dep_ != "appos":
        return None
    if quotes.contains(doc[i].idx):
        return None
    head = verb.head
    if any(c.dep_ == "cc" and head.i < c.i < verb.i for c in children(head)):
        return None
    return doc[i]


def _named_after_role(head: Token) -> Token | None:
    """The MP for Hexham, Guy Opperman, said: the parser hangs the name on the place
    that ends the role; a person's name there is the role holder's."""
    for link in children(head):
        if link.dep_ != "prep" or link.lower_ not in ROLE_LINKS:
            continue
        for place in children(link):
            if place.dep_ != "pobj":
                continue
            name = next((c for c in children(place) if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
            if name is not None:
                return name
    return None


def joined_name(head: Token) -> Token | None:
    """The second person of "Ann Lee and Tom Ruiz": a person's name joined to ``head``, a
    person's name, by "and" (not a list of three, not "Lee and her staff")."""
    if head.ent_type_ != "PERSON":
        return None
    conjuncts = [c for c in children(head) if c.dep_ == "conj" and c.i > head.i]
    ands = [c for c in children(head) if c.dep_ == "cc" and c.lower_ == "and"]
    if len(conjuncts) != 1 or len(ands) != 1 or conjuncts[0].ent_type_ != "PERSON":
        return None
    partner = conjuncts[0]
    if any(c.dep_ == "conj" for c in children(partner)) or partner.i - head.i > WINDOW:
        return None
    return partner


def entity_of(token: Token) -> Span | None:
    """The named entity ``token`` belongs to, found from its IOB tags (no pass over doc.ents)."""
    if not token.ent_type_:
        return None
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I" and token.i - start < WINDOW:
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I" and end - token.i < WINDOW:
        end += 1
    return Span(doc, start, end, label=token.ent_type_)


def _reporting_cue(participle: Token, is_cue: Callable[[Token], bool]) -> Token | None:
    """Ruiz said the plan would fail, adding, “Q”: the parser hangs the participle on the
    reported clause; the one who adds is the outer cue's subject, not the clause's."""
    clause = participle.head
    if (
        participle.tag_ == "VBG"
        and participle.dep_ in {"advcl", "xcomp", "conj"}
        and clause.dep_ == "ccomp"
        and clause.head != clause
        and is_cue(clause.head)
        and clause.head.i < clause.i
    ):
        return clause.head
    return None


def _mistagged_name(subject: Token) -> bool:
    """Small, who attended the rally, said ...: a capitalised word the tagger read as an
    adjective or verb, as a cue's subject, is a name (Small, Young, Best), unless it
    stands for a share of people ("Many said", "Most agreed")."""
    return (
        subject.is_title
        and subject.pos_ in {"ADJ", "VERB", "ADV"}
        and not subject.is_stop
        and subject.lower_ not in QUANTITY_WORDS
        and len(subject) > 2
    )


def _cue_read_as_participle(verb: Token) -> bool:
    """“Q,” Nate Silva, the polling guru who founded the site tweeted on Monday.: past an
    apposition the parser took the name's cue for a participle describing the name (a
    participle of its own would have its agent: "a letter signed by ...")."""
    head = verb.head
    return (
        verb.dep_ == "acl"
        and verb.tag_ in {"VBN", "VBD"}
        and head.pos_ == "PROPN"
        and verb.i > head.i
        and any(c.dep_ == "appos" and c.i < verb.i for c in children(head))
        and not any(c.dep_ in {"agent", "dobj", "ccomp", "xcomp", "oprd", "attr"} for c in children(verb))
    )


def _token_holding(doc: Doc, char: int) -> int:
    """Index of the token that holds character ``char`` (the last one starting at or
    before it)."""
    i = first_token_from(doc, char + 1) - 1
    while i > 0 and doc[i].idx > char:
        i -= 1
    return i


def _set_off(noun: Token) -> bool:
    """The noun's phrase opens after a comma: ", the candidate" right before a cue."""
    first = noun.left_edge
    return first.i > 0 and noun.doc[first.i - 1].text == ","


def _surname_read_as_function_word(word: Token, cue: Token) -> bool:
    """Theresa May, George Will, Al From: a capitalised modal or preposition standing alone
    right before a cue in a finite past or present form is a surname, since "may said" or
    "from wrote" is no English; a base form ("Will say") stays ambiguous."""
    before = word.doc[word.i - 1] if word.i > 0 else None
    return (
        word.is_title
        and word.is_alpha
        and word.tag_ in FUNCTION_WORD_TAGS
        and cue.tag_ in {"VBD", "VBZ", "VBN"}
        and cue.lower_ not in {"had", "has", "was", "is"}
        and (before is None or before.is_punct)
    )


def _quotes_in_or_before(doc: Doc, start: int, end: int, quotes: Quotes) -> bool:
    """A quotation starts in the sentence doc[start:end], or a mark closes one right before
    it (“Q1?” | the board writes. “Q2”): that sentence has a quotation of its own."""
    first, last = doc[start], doc[end - 1]
    just_before = doc[max(0, start - 2) : start]
    return quotes.any_starting_in(first.idx, last.idx + len(last)) or any(t.is_quote for t in just_before)


def _introduces_next(cue: Token, quote: CharSpan, quotes: Quotes) -> bool:
    """The cue's clause ends in a comma or colon right before another quotation, which
    opens with a capital: it introduces that one (X then writes back, “You ...”)."""
    doc = cue.doc
    k = cue.i + 1
    while k < len(doc) and k - cue.i <= 3 and doc[k].dep_ in {"prt", "advmod"} and doc[k].head == cue:
        k += 1  # writes back, replied quickly
    if k + 1 >= len(doc) or doc[k].text not in {",", ":"}:
        return False
    opening = doc[k + 1]
    nxt = quotes.any_starting_in(opening.idx, opening.idx + 1)
    following = doc[k + 2] if k + 2 < len(doc) else None
    return bool(nxt) and opening.idx > quote.start and following is not None and following.text[:1].isupper()


def _colon_span(colon: Token) -> CharSpan:
    """The colon itself, in a token that may hold more ("):" after a bracketed tag)."""
    at = colon.idx + max(colon.text.find(":"), 0)
    return CharSpan(at, at + 1)


def verb_of_object(noun: Token) -> Token | None:
    """The verb ``noun`` is the object of, through a preposition if need be (posted [a
    message], released [a statement], wrote in [a column])."""
    verb = noun.head
    if verb.pos_ == "ADP" and noun.dep_ == "pobj":
        verb = verb.head
    return verb if noun.dep_ in {"dobj", "pobj"} and verb.pos_ in {"VERB", "AUX"} else None


def _clause_before_comma(participle: Token) -> Token | None:
    """Rico shared the news last week, writing “Q”: the parser hung the participle on the
    quotation; the clause before its comma says who writes."""
    doc = participle.doc
    if participle.i < 2 or doc[participle.i - 1].text != ",":
        return None
    token = doc[participle.i - 2]
    for _ in range(8):
        if token.pos_ in {"VERB", "AUX"}:
            return token if token.i < participle.i else None
        if token.head == token:
            return None
        token = token.head
    return None


def _quotations_closed(tokens: list[Token], quotes: Quotes) -> bool:
    """Every quotation the tokens touch lies within them: a quoted phrase inside an aside,
    not part of a quote that opened before them or runs on after them."""
    if not tokens:
        return True
    first, last = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    if quotes.contains(first) and not quotes.any_starting_in(first, first + 1):
        return False
    return all(span.end <= last for span in quotes.starting_in(first, last))


def _is_dash(token: Token) -> bool:
    """A dash, or a hyphen used as one: "HEADING - Name", not "D-Wis."."""
    return token.text in DASHES or (token.text == "-" and bool(token.whitespace_))


def _age_noun(token: Token) -> bool:
    """ "the 46-year-old" said: the model makes "old" an adjective and a date."""
    return token.lower_ == "old" and token.i >= 2 and token.doc[token.i - 2].lower_ in {"year", "month"}


def _distance(token: Token, quote: CharSpan) -> int:
    if token.idx >= quote.end:
        return token.idx - quote.end
    return max(0, quote.start - token.idx - len(token))


def _cue_span(cue: Token) -> CharSpan:
    """The cue verb with its particle or auxiliary phrase: pointed out, has learned."""
    start, end = cue.idx, cue.idx + len(cue)
    for child in children(cue):
        particle = child.dep_ == "prt" or (child.dep_ == "advmod" and child.lower_ in PARTICLES)
        if particle and child.i == cue.i + 1:
            end = child.idx + len(child)
    return CharSpan(start, end)


def _words_of(token: Token) -> tuple[Token, Token] | None:
    """ "In the words of one volunteer, Tom Achebe, “Q”": from the name before the
    quotation's comma up to "words of"; the words and whose they are (the name set beside
    the noun, if any)."""
    for _ in range(3):
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ == "words":
            name = next((c for c in children(token) if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
            return token.head.head, name or token
        if token.dep_ not in {"appos", "compound"} or token.head == token:
            return None
        token = token.head
    return None
