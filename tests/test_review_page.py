"""The review page in a real browser: Playwright for Python driving Debian's Chromium
(``executable_path``; Playwright's own browser download is not used), against a real
``quotes serve`` on a free port. ``QUOTES_SCREENSHOT=1`` also writes docs/review-page.png."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, expect, sync_playwright

from .helpers import start_serve, stop

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
MAX_TEXT = 20_000


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("page") / "stderr.log"
    process, base = start_serve({"QUOTES_MAX_TEXT_CHARS": str(MAX_TEXT)}, log)
    try:
        yield base
    finally:
        stop(process)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + "/")
    yield page
    context.close()


def analyse(page: Page, text: str) -> None:
    page.fill("#article-input", text)
    page.click("#analyse")


def test_seed_article_shows_eight_quotes_in_two_speaker_colours(page: Page) -> None:
    page.select_option("#sample", label="Myanmar's junta leader attends military conference in Moscow")
    page.click("#analyse")
    marks = page.locator("#article mark")
    expect(marks).to_have_count(8)
    colours = {c.split()[1] for c in marks.evaluate_all("ms => ms.map(m => m.className)")}
    assert len(colours) == 2
    expect(page.locator("#speakers li")).to_have_count(2)
    expect(page.locator("#speakers")).to_contain_text("Min Aung Hlaing")
    expect(page.locator("#speakers")).to_contain_text("Sergei Shoigu")
    if os.environ.get("QUOTES_SCREENSHOT"):
        page.locator("#article mark").first.hover()
        page.screenshot(path=str(ROOT / "docs" / "review-page.png"), full_page=True)


def test_reported_speech_checkbox_shows_dotted_marks_with_fragments_inside(page: Page) -> None:
    page.select_option("#sample", label="Harbour dredging to start in spring, port authority says")
    page.click("#analyse")
    expect(page.locator("#article mark")).to_have_count(2)  # direct quotes only by default
    expect(page.locator("#article mark.indirect")).to_have_count(0)
    page.check("#indirect")
    page.click("#analyse")
    reported = page.locator("#article mark.indirect")
    expect(reported).to_have_count(12)
    style = reported.first.evaluate("m => getComputedStyle(m).borderBottomStyle")
    assert style == "dotted"
    # The quoted fragment inside reported speech is its own mark, nested in the reported one.
    nested = page.locator("#article mark.indirect > mark")
    expect(nested).to_have_count(1)
    assert nested.inner_text() == "“ignored every letter we sent”"
    # Same speaker, same colour class as the direct quote's.
    okafor = reported.filter(has_text="some smaller boats might not survive the season")
    assert okafor.get_attribute("class").split()[1] == nested.get_attribute("class").split()[1]
    okafor.hover()
    expect(page.locator("#tip")).to_contain_text("reported speech")
    expect(page.locator("#tip")).to_contain_text("Ruben Okafor")
    expect(page.locator(".legend mark.indirect")).to_have_text("reported")


def test_a_text_past_its_parse_allowance_says_so(page: Page) -> None:
    analyse(page, "“Go now.” “Not yet.” " * 900)  # 19,800 characters, 16,000 tokens
    expect(page.locator("#status")).to_contain_text("read without a parse", timeout=30_000)
    expect(page.locator("#article mark")).to_have_count(1_800)


def test_clicking_a_speaker_filters_to_their_quotes(page: Page) -> None:
    page.select_option("#sample", label="Myanmar's junta leader attends military conference in Moscow")
    page.click("#analyse")
    expect(page.locator("#article mark")).to_have_count(8)
    page.locator("#speakers button", has_text="Sergei Shoigu").click()
    expect(page.locator("#article mark:not(.dim)")).to_have_count(3)
    expect(page.locator("#article mark.dim")).to_have_count(5)
    page.click("#show-all")
    expect(page.locator("#article mark.dim")).to_have_count(0)


def test_emoji_do_not_shift_the_highlight(page: Page) -> None:
    analyse(page, "🎉🎉 Fans cheered. 😀 “We won the cup at last,” said Anna Berg 🏆.")
    mark = page.locator("#article mark")
    expect(mark).to_have_count(1)
    assert mark.inner_text() == "“We won the cup at last,”"


def test_an_oversize_text_shows_the_413_detail_and_not_the_last_results(page: Page) -> None:
    analyse(page, "“We won the cup at last,” said Anna Berg.")
    expect(page.locator("#article mark")).to_have_count(1)
    analyse(page, "“Too long,” she said. " + "x" * MAX_TEXT)
    error = page.locator("#error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("413")
    expect(error).to_contain_text(f"longer than {MAX_TEXT}")
    expect(page.locator("#article mark")).to_have_count(0)  # the last article's quotes are gone
    expect(page.locator("#speakers li")).to_have_count(0)


def test_the_colon_and_paragraph_pattern_is_analysed(page: Page) -> None:
    analyse(page, 'It snowed. Moreau said:\n\n"No."')
    expect(page.locator("#article mark")).to_have_count(1)
    expect(page.locator("#speakers")).to_contain_text("Moreau")
    expect(page.locator("#error")).to_be_hidden()


def test_a_hostile_article_renders_as_text_and_runs_nothing(page: Page) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    hostile = (
        'Residents wrote: “<img src=x onerror="window.pwned=1;alert(1)"> '
        "<script>window.pwned=2</script> fix the road now,” said Anna Berg."
    )
    analyse(page, hostile)
    expect(page.locator("#article mark").first).to_be_visible()  # the straight quotes inside count too
    assert page.locator("#article img, #article script").count() == 0
    assert "<script>window.pwned=2</script>" in page.locator("#article").inner_text()
    page.wait_for_timeout(300)
    assert page.evaluate("window.pwned === undefined") and dialogs == []


def test_keyboard_only(page: Page) -> None:
    page.keyboard.press("Tab")  # the first stop is the API documentation link
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "article-input"
    page.keyboard.type("“We will fix the bridge this summer,” Mayor Elena Ruiz said.")
    page.keyboard.press("Control+Enter")
    expect(page.locator("#article mark")).to_have_count(1)
    page.locator("#article mark").focus()  # marks are in the tab order (tabindex=0)
    for _ in range(8):
        if page.evaluate("document.activeElement.tagName") == "MARK":
            break
        page.keyboard.press("Tab")
    tip = page.locator("#tip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("Elena Ruiz")
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()


def test_narrow_screen_and_the_csp(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    response = page.goto(base_url + "/")
    assert response is not None and "script-src 'self'" in response.headers["content-security-policy"]
    analyse(page, "“We will fix the bridge this summer,” Mayor Elena Ruiz said.")
    expect(page.locator("#article mark")).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()


def test_the_bundled_samples_are_the_golden_articles() -> None:
    for sample in (ROOT / "service" / "web" / "samples").glob("*.txt"):
        assert sample.read_text(encoding="utf-8") == (ROOT / "seeds" / sample.name).read_text(
            encoding="utf-8"
        )


def test_api_docs_work_with_every_other_host_cut_off(browser: Browser, base_url: str) -> None:
    """/docs (Swagger UI) loads every file from the service itself: with requests to any
    other host refused, as behind a newsroom firewall, it still shows the operations."""
    context = browser.new_context()
    elsewhere: list[str] = []

    def only_this_service(route: Route) -> None:
        if route.request.url.startswith(base_url):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    context.route("**/*", only_this_service)
    errors: list[str] = []
    page = context.new_page()
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(base_url + "/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Quotes")
    expect(page.locator(".opblock-summary-path", has_text="/quotes/batch")).to_be_visible()
    assert elsewhere == [] and errors == []
    context.close()
