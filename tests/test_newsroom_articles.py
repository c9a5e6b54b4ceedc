"""Generated articles in the shapes newsrooms write, through every entry point: the core,
the API (JSON, text/plain, HTML, batch; both offset units), the CLI and the spaCy
component. Nothing raises, and every span (quotes, mentions, cues, speakers' mentions)
slices its input to its own text.

The grammar: cue before or after, a colon and a line or paragraph break before the quote,
split quotes, double, single, curly, straight, guillemet and low-high marks, possessives and
contractions, headlines, bylines, captions, lists, timestamps, emoji and astral characters,
unmatched marks, multi-paragraph quotes; in HTML, <p>, <br> and <blockquote>. Reported
speech (X said that ..., ..., X said., according to X, a quoted fragment inside), with the
``indirect`` option drawn on or off at every entry point.
"""

from __future__ import annotations

import html as html_lib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from service.api.app import create_app
from service.cli import main
from service.config import Settings
from service.core import Extractor
from service.nlp import load_pipeline

from .conftest import MODEL

SPEAKERS = [
    "Lena Hoffmann",
    "Mayor Lena Hoffmann",
    "Moreau",
    "Sergei Shoigu",
    "Li Wenjun",
    "Chiamaka Obi",
    "the ministry",
    "a spokeswoman for the airport",
    'Darnell "Duke" Owens',
    "Halden Freight",
    "Ann Lee and Tom Ruiz",
    "the Duarte campaign",
    "her campaign",
    "the statement",
    "Dean Baker",
    "FranÃ§ois Hollande",
    "O’Donnell",
    "Army Capt. Lena Ortiz",
    "Marc TrÃ©vidic",
    "radio co-host Ana\u00a0Price",
    "Small, who attended the rally,",
    "the editorial board",
    "Hoffman",
    "Hoffmann’s letter",
    "the Vermont senator",
    "the billionaire business mogul",
    "the Republican",
    "the Wisconsin Republican",
    "the Spaniard",
    "Spaniard Rafael Ibarra",
    "Mark Cuban",
    "his wife, Jane,",
    "Hoffmann’s son, Daniel,",
    "club delegate Ben Halloran, wearing a scarf and “Halloran for Mayor” pins,",
    "the MP for Hexham, Guy Opperman,",
    "the Rovers coach, Sean O’Dwyer,",
    "Ortiz’s lawyer, Bea Stone,",
    "a letter signed by Ana Ruiz",
    "a statement from Brightwater Energy",
    "Erik ten Hoorn",
    "Oversight ranking Democrat Ed Reyes",
    "about two-thirds, 67 percent,",
    "May",
    "Will",
    "GunShop.com",
    "the organization",
    "former Lund Gov. and party Chairman Ed Rendall",
    "an angry Hollande",
    "Lund University’s Dianne Bystrom",
    "the base chief known as Bob",
    "her Twitter account",
    "the narrator",
    "the email",
    "the sign",
    "he",
    "she",
    "they",
]
CUES = ["said", "told reporters", "added", "insisted", "wrote in a post", "said on Tuesday", "warned"]
CONTENT = [
    "We will not cut the budget",
    "The tenants' complaints were ignored",
    "It's not over, and we don't give up",
    "Nobody wins a strike 🎉",
    "The 𝔘nion vote is at 10:45",
    "Absolutely",
    "No",
    "We counted 1,204 ballots by hand",
    "Ask the council's lawyers, not me",
    "CafÃ© owners in SÃƒÂ£o Paulo want the same rules",
]
MARKS = [("“", "”"), ('"', '"'), ("‘", "’"), ("'", "'"), ("«", "»"), ("„", "“"), ("â€œ", "â€\x9d")]
HEADLINES = ["Council Votes To Keep Night Buses", "Strike Looms As Talks Stall", "LIVE: Election Night"]
EXTRAS = [
    "By Anna Reporter",
    "Updated 10:45 a.m. ET, Nov. 30, 2026",
    "Photo: Lena Hoffmann speaks in Riverton. (Reuters)",
    "- Buses every 10 minutes\n- Trams every 15",
    "• Riverton\n• Lund",
    "— Lena Hoffmann, Riverton",
    "It snowed.",
    "“An unmatched mark runs on",
    "The so-called 'reform' passed.",
    "In a statement, Lena Hoffmann said the port was safe.",
    "Halden Freight sent out an email on Monday.",
    "Former Clinton pollster Doug Shaw said the levy was unfair, according to the Lund Courier.",
    "Fellow Republicans Gale and Ruiz voted no.",
    "Sen. Lena Hoffmann of Vermont and Sen. Kay Lund of Ohio spoke.",
    "Rep. Lena Hoffmann (D-Ore.): “We learned that from the department.”",
    "And Hoffmann called Lund “a real smart guy.”",
    "Lee responds to Mills with, “Why now?” Mills then writes back, “You look cute.”",
    "Those who borrow struggle, even with a good job, Lund said on Monday.",
    "Rep. Dan Kessler of New York, a Hoffmann supporter, said it will help.",
    "Karen Roth, whose husband, Army Sgt. Leo Roth, died in the crash, spoke on Monday.",
    "Shares fell 4 percent after the chief executive, Lars Nygaard, said: “Demand is weak.”",
    "Band member Rico shared the news last week, writing “Feels great.”",
    "The plan would fail, warned Carl Voss, the opposition leader.",
    "Sooner or later, Governor Carl Voss told reporters, “the levy starts to pay off.”",
    "In both cases, Ana Ruiz said, the donations paid for a gala.",
    "Ana Ruiz showed the same drive she argues is needed to fix the city.",
    "He said the union would demand talks “within days.”",
    "Ana Ruiz said that fares would rise, but that the line would save time.",
    "Lund said the fares would rise when the council announced its budget.",
    "Lund said the depot was safe and that the inspectors would continue to check it.",
    "Marta Ocampo-Reyes is running. Ocampo-Reyes, a Republican, said the grants were too small.",
    "Following Hoffmann on the radio, Lund seemed to soften.",
    "As for Lund, she said she would stay.",
    "Celebrities Julianne Moore, Kay Obi and Tom Lee went on Twitter.",
    "“He has no plans,” Hoffmann’s office said in a statement.",
    "The pro-Lund Riverton Ledger, the county’s largest newspaper, ran an editorial.",
    "Woodrow Benford, 58, who lives outside Lund, says he did not know.",
    "Asked about her vote in the event that Lund faces Hoffmann, she replied: “No.”",
    "Lund thanked the council for “listening at last.”",
    "Prime Minister Theresa May spoke in Leeds. The columnist George Will disagreed.",
    "After the fire, Ana Ruiz issued a statement, “Last night, our city was attacked.”",
    "The lab opened in Lund because, in Nadia Ortiz’s words, “it is the most inventive place.”",
    "Lund University’s Dianne Bystrom agreed. “Voters are running out of time.”",
    "Holt’s response was: “Is the station in Lund?” His reply was short: “Ask the chief.”",
    "Tom Berg, 70, said it was too early to say but added, “I think you all know.”",
    "A statement released by the Lund campaign, which was attributed to Ruiz, was short.",
    "Many said it falls flat for one reason: the fares rise again in May.",
    "Marta Lind, the mother of the late firefighter Jonas Lind, rejected the account.",
    "2 / Salma Hayek Described Her Experience Being Discriminated Against.",
    "Senator Tom Berg spoke at the Christian Monitor Breakfast in Lund.",
    "Voters heard Dan McKenna and Ada O’Leary. McKenna, the former mayor, stressed housing.",
    "Sara Quinn, who lost her daughter Emma Doyle in the flood, said the city had ignored her.",
    "Hale’s wife, Melanie, is also on the list. Her son Eric said little.",
    "Lena Berg held up a sign saying “Farmers Against the Dam.”",
    "Huma Ali emailed supporters on Monday. Ann Berg released a web ad.",
    "Dan Hale asked Ruiz how high the wall would be. “Ten feet,” he told Hale.",
    "The Ohio senator spoke at Madison Square Garden.",
    "With two crews filming, Perez says workers are torn. “They feel bad.”",
    "Rowe is already under fire for her remarks on the budget.",
    "A spokesman for the airport said flights were delayed.",
    "Lena Okafor, a county spokeswoman said in a statement on Monday. “There will be no recount.”",
    "Baum, who is 28, met South Carolina Rep. Justin T. Baum at a Martin Luther King Jr. dinner.",
]


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    who, cue = draw(st.sampled_from(SPEAKERS)), draw(st.sampled_from(CUES))
    first, second = draw(st.sampled_from(CONTENT)), draw(st.sampled_from(CONTENT))
    opening, closing = draw(st.sampled_from(MARKS))
    shape = draw(st.integers(0, 9))
    if shape == 0:
        return f"{opening}{first},{closing} {who} {cue}."
    if shape == 1:
        return f"{who[:1].upper()}{who[1:]} {cue}, {opening}{first}.{closing}"
    if shape == 2:
        gap = draw(st.sampled_from(["\n", "\n\n", " "]))
        before = draw(st.sampled_from(EXTRAS))
        return f"{before} {who[:1].upper()}{who[1:]} {cue}:{gap}{opening}{first}.{closing}"
    if shape == 3:
        return f"{opening}{first},{closing} {who} {cue}, {opening}{second}.{closing}"
    if shape == 4:
        return f"{opening}{first}.\n\n{opening}{second}.{closing}"  # a quote over two paragraphs
    if shape == 5:
        return draw(st.sampled_from(HEADLINES + EXTRAS))
    if shape == 6:
        return f"{opening}{first}!{closing} {cue.split()[0]} {who}."
    content = first[:1].lower() + first[1:]
    if shape == 7:  # reported speech, with a quoted fragment inside
        return f"{who[:1].upper()}{who[1:]} {cue} that {content} and {opening}{second.lower()}{closing}."
    if shape == 8:
        return f"{first}, {who} {cue}."
    return f"{first}, according to {who}."


@st.composite
def articles(draw: st.DrawFn) -> str:
    paragraphs = draw(st.lists(paragraph(), min_size=1, max_size=8))
    return draw(st.sampled_from(["\n\n", "\n", "\r\n\r\n"])).join(paragraphs)


@st.composite
def html_articles(draw: st.DrawFn) -> str:
    parts = []
    for text in draw(st.lists(paragraph(), min_size=1, max_size=6)):
        escaped = html_lib.escape(text, quote=False).replace("\n\n", "<br><br>").replace("\n", "<br>")
        parts.append(
            draw(st.sampled_from(["<p>{}</p>", "<blockquote><p>{}</p></blockquote>", "{}<br>"])).format(
                escaped
            )
        )
    return "".join(parts)


def check_spans(body: dict[str, Any], text: str, unit: str = "codepoint") -> None:
    """Every span of an answer slices ``text`` (in ``unit``) to its own text."""
    encoded = text.encode("utf-16-le") if unit == "utf16" else None

    def sliced(span: dict[str, Any]) -> str:
        if encoded is None:
            return text[span["start"] : span["end"]]
        return encoded[span["start"] * 2 : span["end"] * 2].decode("utf-16-le")

    for quote in body["quotes"]:
        assert sliced(quote) == quote["text"]
        for key in ("speaker_mention", "cue"):
            if quote[key]:
                assert sliced(quote[key]) == quote[key]["text"]
    for speaker in body["speakers"]:
        for mention in speaker["mentions"]:
            assert sliced(mention) == mention["text"]


@pytest.fixture(scope="module")
def client(nlp: Language) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(cache_enabled=False), nlp=nlp)) as c:
        yield c


@pytest.fixture(scope="module")
def component_nlp() -> Language:
    nlp = load_pipeline(MODEL)
    nlp.add_pipe("quotes")
    return nlp


@pytest.fixture(scope="module")
def reporting_nlp() -> Language:
    nlp = load_pipeline(MODEL)
    nlp.add_pipe("quotes", config={"indirect": True})
    return nlp


def examples(count: int) -> settings:
    return settings(max_examples=count, deadline=None, suppress_health_check=list(HealthCheck))


@examples(200)
@given(text=articles(), indirect=st.booleans())
def test_core(extractor: Extractor, text: str, indirect: bool) -> None:
    body = extractor.extract(text, indirect=indirect).to_dict(include_other=True)
    check_spans(body, text)


@examples(80)
@given(text=articles(), indirect=st.booleans())
def test_api_json_and_text_in_both_units(client: TestClient, text: str, indirect: bool) -> None:
    for unit in ("codepoint", "utf16"):
        options = {"offset_unit": unit, "indirect": indirect}
        response = client.post("/quotes", json={"text": text, "options": options})
        assert response.status_code == 200, response.text
        check_spans(response.json(), text, unit)
    plain = client.post("/quotes", content=text.encode(), headers={"Content-Type": "text/plain"})
    assert plain.status_code == 200, plain.text
    check_spans(plain.json(), text)


@examples(80)
@given(markup=html_articles(), indirect=st.booleans())
def test_api_html_in_both_units(client: TestClient, markup: str, indirect: bool) -> None:
    for unit in ("codepoint", "utf16"):
        options = {"offset_unit": unit, "indirect": indirect}
        response = client.post("/quotes", json={"html": markup, "options": options})
        assert response.status_code == 200, response.text
        body = response.json()
        check_spans(body, body["text"], unit)
        size = len(markup) if unit == "codepoint" else len(markup.encode("utf-16-le")) // 2
        for quote in body["quotes"]:
            assert 0 <= quote["html_start"] <= quote["html_end"] <= size


@examples(40)
@given(texts=st.lists(articles(), min_size=1, max_size=4), markup=html_articles(), indirect=st.booleans())
def test_api_batch(client: TestClient, texts: list[str], markup: str, indirect: bool) -> None:
    documents = [{"id": str(n), "text": t} for n, t in enumerate(texts)] + [{"id": "html", "html": markup}]
    for unit in ("codepoint", "utf16"):
        options = {"offset_unit": unit, "indirect": indirect}
        response = client.post("/quotes/batch", json={"documents": documents, "options": options})
        assert response.status_code == 200, response.text
        results = response.json()["results"]
        assert [r["id"] for r in results] == [d["id"] for d in documents]
        for result, document in zip(results, documents, strict=True):
            assert "error" not in result, result
            check_spans(result, result.get("text", document.get("text", "")), unit)


@examples(100)
@given(text=articles(), indirect=st.booleans())
def test_spacy_component(component_nlp: Language, reporting_nlp: Language, text: str, indirect: bool) -> None:
    doc = (reporting_nlp if indirect else component_nlp)(text)
    for quote in doc._.quotes:
        assert quote.span.text == text[quote.span.start_char : quote.span.end_char]
        for part in (quote.mention, quote.cue):
            assert part is None or part.doc is doc


@examples(3)
@given(texts=st.lists(articles(), min_size=20, max_size=30), markup=html_articles())
def test_cli(tmp_path_factory: pytest.TempPathFactory, texts: list[str], markup: str) -> None:
    folder = tmp_path_factory.mktemp("cli")
    source, out = folder / "in.jsonl", folder / "out.jsonl"
    rows = [{"id": str(n), "text": t} for n, t in enumerate(texts)] + [{"id": "html", "html": markup}]
    source.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    for unit, flags in (("codepoint", []), ("utf16", ["--indirect"])):
        assert (
            main(["extract", "--jsonl", str(source), "--offset-unit", unit, "--output", str(out), *flags])
            == 0
        )
        lines = [json.loads(line) for line in Path(out).read_text(encoding="utf-8").splitlines()]
        assert [line["id"] for line in lines] == [row["id"] for row in rows]
        for line, row in zip(lines, rows, strict=True):
            check_spans(line, line.get("text", row.get("text", "")), unit)
