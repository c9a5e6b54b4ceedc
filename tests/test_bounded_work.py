"""The helpers that keep per-quote work bounded give the same answers as the plain,
quadratic ways of asking (checked on random input), and the tokenizer keeps the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from service.core.marks import _inside, _overlaps, _pair, find_quoted_spans, paragraphs
from service.core.spans import CharSpan, Quotes, first_token_from
from service.core.tokenization import LONGEST_RUN, BoundedTokenizer

spans = st.lists(st.tuples(st.integers(0, 200), st.integers(1, 30)), max_size=30)


@given(spans, st.integers(0, 240))
def test_quote_membership_is_the_union_of_the_spans(raw: list[tuple[int, int]], char: int) -> None:
    quotes = [CharSpan(start, start + length) for start, length in raw]
    assert Quotes(quotes).contains(char) == any(q.start <= char < q.end for q in quotes)


@given(spans, st.integers(0, 240), st.integers(0, 240))
def test_quotes_starting_in_a_range(raw: list[tuple[int, int]], lo: int, hi: int) -> None:
    quotes = [CharSpan(start, start + length) for start, length in raw]
    found = Quotes(quotes).starting_in(lo, hi)
    assert sorted((q.start, q.end) for q in found) == sorted(
        (q.start, q.end) for q in quotes if lo <= q.start < hi
    )


def _naive_spans(text: str) -> list[tuple[int, int]]:
    """find_quoted_spans as it was written before it was made linear."""
    paras = paragraphs(text)
    doubles = list(_pair(text, paras, single=False))
    singles = [
        s
        for s in _pair(text, paras, single=True)
        if not any(_overlaps(s, d) and not _inside(d, s) for d in doubles)
    ]
    doubles = [d for d in doubles if not any(_inside(d, s) for s in singles)]
    return sorted((s.start, s.end) for s in doubles + singles)


@settings(max_examples=300)
@given(st.text(alphabet="ab .\n\"“”‘’'«»", max_size=120))
def test_nesting_rules_match_the_quadratic_reference(text: str) -> None:
    assert [(s.start, s.end) for s in find_quoted_spans(text)] == _naive_spans(text)


def test_the_bounded_tokenizer_keeps_ordinary_text_and_cuts_long_runs(nlp: Language) -> None:
    tokenizer = nlp.tokenizer
    inner = tokenizer.inner if isinstance(tokenizer, BoundedTokenizer) else tokenizer
    bounded = BoundedTokenizer(inner)
    ordinary = "“We made hard choices,” Mayor Lena Hoffmann said at https://example.org/a/b?c=d."
    assert [t.text for t in bounded(ordinary)] == [t.text for t in inner(ordinary)]
    hostile = "He said “" + "“" * (5 * LONGEST_RUN) + " and left."
    doc = bounded(hostile)
    assert doc.text == hostile
    assert max(len(t) for t in doc) <= LONGEST_RUN


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 120), st.integers(1, 20)), max_size=12), st.integers(0, 140))
def test_token_mask_and_search_agree_with_plain_look_ups(
    nlp: Language, raw: list[tuple[int, int]], char: int
) -> None:
    doc = nlp.make_doc("“Yes,” she said, and “no” and “maybe so,” he said. " * 3)
    quotes = Quotes([CharSpan(start, start + length) for start, length in raw])
    assert list(quotes.token_mask(doc)) == [int(quotes.contains(t.idx)) for t in doc]
    assert first_token_from(doc, char) == next((t.i for t in doc if t.idx >= char), len(doc))
