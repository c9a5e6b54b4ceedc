"""HTML a CMS can wrap and link: spans that nest, <blockquote> as a quotation, links on
speakers; with a generated-markup property test of the wrapping."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from service.api.app import create_app
from service.config import Settings
from service.html_text import html_to_text

VOID = {"br", "img", "hr", "wbr"}


class _Nesting(HTMLParser):
    """Records, for each start and end tag, the stack of open elements around it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.mark_stack: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag == "mark":
            self.mark_stack = list(self.stack)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()
        if tag == "mark" and self.stack != self.mark_stack:
            self.problems.append("<mark> closed under other elements than it opened in")


def well_formed_when_wrapped(html: str, start: int, end: int) -> bool:
    """Whether the markup is still well-formed with html[start:end] wrapped in <mark>
    (given markup that was well-formed before)."""
    checker = _Nesting()
    checker.feed(html[:start] + "<mark>" + html[start:end] + "</mark>" + html[end:])
    checker.close()
    return not checker.problems and not checker.stack


def spans(body: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for quote in body["quotes"]:
        yield quote
        yield from (quote[k] for k in ("speaker_mention", "cue") if quote[k])
    for speaker in body["speakers"]:
        yield from speaker["mentions"]


@pytest.fixture(scope="module")
def client(nlp: Language) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(cache_enabled=False), nlp=nlp)) as c:
        yield c


def post_html(client: TestClient, html: str) -> dict[str, Any]:
    response = client.post("/quotes", content=html.encode(), headers={"Content-Type": "text/html"})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_a_span_ending_where_a_link_ends_takes_in_its_closing_tag(client: TestClient) -> None:
    html = '<p>“We will keep the buses running,” said Mayor <a href="/people/hoffmann">Lena Hoffmann</a>.</p>'
    body = post_html(client, html)
    (quote,) = body["quotes"]
    mention = quote["speaker_mention"]
    assert mention["text"] == "Mayor Lena Hoffmann"
    assert (
        html[mention["html_start"] : mention["html_end"]]
        == 'Mayor <a href="/people/hoffmann">Lena Hoffmann</a>'
    )
    for span in spans(body):
        assert well_formed_when_wrapped(html, span["html_start"], span["html_end"])


def test_links_around_a_speakers_name_are_listed_on_the_speaker(client: TestClient) -> None:
    html = (
        '<p>Mayor <a href="/people/hoffmann">Lena Hoffmann</a> met <a href="/people/ortiz">Ana Ortiz</a>'
        ' of the <a href="/orgs/union">drivers\' union</a>.</p>'
        "<p>“We will keep the buses running,” Hoffmann said.</p>"
        "<p>“We will see,” said Ortiz.</p>"
    )
    body = post_html(client, html)
    links = {s["name"]: s["links"] for s in body["speakers"]}
    assert links == {"Lena Hoffmann": ["/people/hoffmann"], "Ana Ortiz": ["/people/ortiz"]}


def test_text_answers_have_no_links_field(client: TestClient) -> None:
    body = client.post("/quotes", json={"text": "“We won,” said Anna Berg."}).json()
    assert "links" not in body["speakers"][0]


@pytest.mark.parametrize(
    "html, text, speaker",
    [
        # the sentence before introduces it with a colon
        (
            "<p>The mayor, Lena Hoffmann, told the council:</p>"
            "<blockquote><p>We will keep every bus route open this winter.</p></blockquote>",
            "“We will keep every bus route open this winter.”",
            "Lena Hoffmann",
        ),
        # a <cite> in a <footer>, after a dash of its own
        (
            "<blockquote><p>Nobody should wait an hour for a bus in the snow.</p>"
            "<footer>— <cite>Grace Adeyemi</cite></footer></blockquote>",
            "“Nobody should wait an hour for a bus in the snow.”",
            "Grace Adeyemi",
        ),
        # a bare <cite>: it becomes the "— Name" line
        (
            "<blockquote><p>Nobody should wait an hour for a bus in the snow.</p>"
            "<cite>Grace Adeyemi</cite></blockquote>",
            "“Nobody should wait an hour for a bus in the snow.”",
            "Grace Adeyemi",
        ),
        # a "— Name" line after it
        (
            "<blockquote><p>Nobody should wait an hour for a bus in the snow.</p></blockquote>"
            "<p>— Grace Adeyemi, Riverton</p>",
            "“Nobody should wait an hour for a bus in the snow.”",
            "Grace Adeyemi",
        ),
    ],
)
def test_a_blockquote_is_a_quotation(client: TestClient, html: str, text: str, speaker: str) -> None:
    body = post_html(client, html)
    (quote,) = body["quotes"]
    assert (quote["text"], quote["type"], quote["speaker"]["name"]) == (text, "direct", speaker)
    start, end = quote["html_start"], quote["html_end"]
    assert "Nobody" in html[start:end] or "We will" in html[start:end]
    assert "cite" not in html[start:end] and well_formed_when_wrapped(html, start, end)


def test_a_blockquote_of_several_paragraphs_is_one_quotation(client: TestClient) -> None:
    html = (
        "<p>Grace Adeyemi, who runs the depot, wrote to the council:</p>"
        "<blockquote><p>We have lost four drivers since June.</p><p>Without them the night buses stop."
        "</p></blockquote>"
    )
    body = post_html(client, html)
    (quote,) = body["quotes"]
    assert quote["text"] == "“We have lost four drivers since June.\n\n“Without them the night buses stop.”"
    assert quote["speaker"]["name"] == "Grace Adeyemi"
    start, end = quote["html_start"], quote["html_end"]
    assert html[start:end] == (
        "<p>We have lost four drivers since June.</p><p>Without them the night buses stop.</p>"
    )


def test_a_blockquote_with_its_own_marks_is_read_as_written() -> None:
    mapped = html_to_text("<blockquote><p>“We won,” she said.</p></blockquote>")
    assert mapped.text == "“We won,” she said."


# Generated articles: paragraphs of words, names, quote marks and cues, with inline elements
# around any run of words, and <br>, <p> and <blockquote> between.
WORDS = ["“We", "will", "win,”", "said", "Mayor", "Lena", "Hoffmann.", "She", "added:", "“Not", "now.”"]
WORDS += ["the", "council", "voted", "'No,'", "Ortiz", "told", "reporters", "—", "Adeyemi", "&amp;", "🎉"]
INLINE = ["a", "b", "em", "i", "span", "strong"]


@st.composite
def inline_runs(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 5))):
        if depth < 2 and draw(st.booleans()):
            tag = draw(st.sampled_from(INLINE))
            attrs = ' href="/people/x"' if tag == "a" else ""
            parts.append(f"<{tag}{attrs}>{draw(inline_runs(depth + 1))}</{tag}>")
        else:
            parts.append(" ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6))))
        if draw(st.booleans()):
            parts.append(draw(st.sampled_from([" ", "<br>", " <br><br> "])))
    return " ".join(parts)


@st.composite
def articles(draw: st.DrawFn) -> str:
    blocks = []
    for _ in range(draw(st.integers(1, 5))):
        paragraph = f"<p>{draw(inline_runs())}</p>"
        if draw(st.integers(0, 4)) == 0:
            paragraph = f"<blockquote>{paragraph}</blockquote>"
        blocks.append(paragraph)
    return "".join(blocks)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(html=articles())
def test_every_span_wraps_into_well_formed_markup(client: TestClient, html: str) -> None:
    assert well_formed_when_wrapped(html, 0, 0)  # the generator writes well-formed markup
    for unit in ("codepoint", "utf16"):
        response = client.post("/quotes", json={"html": html, "options": {"offset_unit": unit}})
        assert response.status_code == 200, response.text
        body = response.json()
        markup = html if unit == "codepoint" else html.encode("utf-16-le")
        text = body["text"] if unit == "codepoint" else body["text"].encode("utf-16-le")
        width = 1 if unit == "codepoint" else 2
        for span in spans(body):
            assert text[span["start"] * width : span["end"] * width] == (
                span["text"] if unit == "codepoint" else span["text"].encode("utf-16-le")
            )
            if unit == "codepoint":
                assert well_formed_when_wrapped(html, span["html_start"], span["html_end"]), span
            else:
                assert 0 <= span["html_start"] <= span["html_end"] <= len(markup) // 2
