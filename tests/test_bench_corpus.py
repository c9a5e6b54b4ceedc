"""The benchmark's generated corpus: realistic, repeatable, and read correctly."""

from __future__ import annotations

from bench.corpus import articles, speaker_accuracy, unique_briefs
from service.core import Extractor
from service.core.marks import find_quoted_spans, paragraphs


def test_the_corpus_is_repeatable_and_news_sized() -> None:
    first, again = list(articles(200)), list(articles(200))
    assert first == again and len({a["text"] for a in first}) == 200
    words = [len(a["text"].split()) for a in first]
    assert 450 <= sum(words) / len(words) <= 800
    quoted = total = 0
    for article in first:
        paras = paragraphs(article["text"])
        spans = find_quoted_spans(article["text"])
        quoted += len({p.index for s in spans for p in paras if p.start < s.end and s.start < p.end})
        total += len(paras)
    assert 0.3 <= quoted / total <= 0.6  # real news: PolNeAR dev has 37%


def test_unique_briefs_never_repeat_a_name() -> None:
    surnames = [brief.split()[1].rstrip(",") for brief in unique_briefs(2000)]
    assert len(set(surnames)) == 2000


def test_every_quote_of_the_corpus_goes_to_its_speaker(extractor: Extractor) -> None:
    """The generator knows who said what: people introduced in full in paragraphs that
    are not parsed, then quoted by surname, by pronoun, split, across paragraphs..."""
    sample = list(articles(30))
    right = total = 0
    for article, extraction in zip(sample, extractor.extract_many(a["text"] for a in sample), strict=True):
        r, t = speaker_accuracy(article["quotes"], extraction.to_dict()["quotes"])
        right, total = right + r, total + t
    assert total > 150 and right == total
