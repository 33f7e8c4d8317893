"""Study mode in Chromium: the flashcard review by keyboard alone (Space flips, 1-4 grade), its
FSRS schedule kept over a reload, "Mark as studied" kept over a reload and instant navigation and
counted in the navigation and on the home page, progress exported and imported (a bad file
changes nothing), the same from the file:// zip; axe, a phone's width, and screenshots."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile

import pytest
from playwright.sync_api import expect

from browsing import SCHEMES, SCREENSHOTS, offline_context, show
from sitebuild import ROOT
from test_accessibility import blocking_violations, choose_scheme

STORE = "aws-associate-notes:study"
PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}
_WIDTH = """() => ({
  document: document.documentElement.scrollWidth, body: document.body.scrollWidth, window: window.innerWidth,
  wide: [...document.querySelectorAll('article *')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
    .filter(e => !e.closest('pre, table, .md-typeset__scrollwrap, .tabbed-labels, details:not([open])'))
    .slice(0, 3).map(e => e.tagName + '.' + e.className),
})"""


def progress(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{STORE}')") or "null") or {}


def current_card(page) -> str:
    card = page.locator("[data-study-card]")
    expect(card).to_have_attribute("data-card", re.compile(r"^[0-9a-f]{16}$"))
    return card.get_attribute("data-card")


def review_by_keyboard(page, base: str, url: str) -> None:
    """Flip and grade two cards with the keyboard alone; the schedule survives a reload."""
    page.goto(base + url)
    expect(page.locator("[data-study-review]")).to_be_visible()
    first = current_card(page)
    back = page.locator("[data-study-back]")
    expect(back).to_be_hidden()
    page.keyboard.press("Space")
    expect(back).to_be_visible()
    expect(page.locator("[data-study-source] a")).to_be_visible()
    expect(page.locator("button[data-grade='3'] .study-interval")).to_have_text(re.compile(r"\s*\d+ (min|h|d|mo)"))
    page.keyboard.press("3")  # Good
    expect(back).to_be_hidden()
    second = current_card(page)
    assert second != first, "grading did not move to the next card"
    page.keyboard.press("Space")
    page.keyboard.press("4")  # Easy
    saved = progress(page)["cards"]
    assert set(saved) == {first, second}
    assert saved[first]["reps"] == 1 and saved[first]["state"] >= 1
    assert saved[second]["scheduled_days"] >= 1, "Easy on a new card schedules it days ahead"

    page.reload()
    expect(page.locator("[data-study-review]")).to_be_visible()
    assert progress(page)["cards"] == saved, "the schedule changed on reload"
    assert current_card(page) not in (first, second), "a card graded a moment ago is due again"
    status = page.locator("[data-study-status]").inner_text()
    assert status.startswith("0 due"), status


def test_review_by_keyboard_and_the_schedule_survives_a_reload(page, served_site):
    review_by_keyboard(page, served_site, "flashcards/")
    assert page.context.traffic.errors == []


def test_cards_filter_by_topic_and_link_to_their_source(page, served_site):
    page.goto(served_site)
    page.evaluate("window.__sameDocument = true")
    page.locator(".study-dashboard a", has_text="Flashcards").click()  # instant navigation
    page.wait_for_url(served_site + "flashcards/")
    expect(page.locator("[data-study-review]")).to_be_visible()
    assert page.evaluate("window.__sameDocument === true"), "the page reloaded: no instant navigation"
    page.locator("select[data-study-topic]").select_option("vpc")
    shown = current_card(page)
    assert page.locator(f".study-deck__card[data-card='{shown}']").get_attribute("data-topic") == "vpc"
    page.keyboard.press("Space")
    source = page.locator("[data-study-source] a")
    href = source.get_attribute("href")
    source.click()
    page.wait_for_url(f"{served_site}vpc/**")
    assert href.startswith(("../vpc/", f"{served_site}vpc/")), href  # Material makes links absolute
    page.go_back()
    expect(page.locator("select[data-study-topic]")).to_have_value("vpc")  # kept for the session
    assert page.context.traffic.errors == []


def test_marks_survive_instant_navigation_and_reload_and_show_per_topic(page, served_site, site):
    data = json.loads((site.dir / "assets/javascripts/study-data.js").read_text(encoding="utf-8")
                      .split("window.__studyData = ", 1)[1].rstrip().rstrip(";"))
    ec2_pages = next(len(topic["pages"]) for topic in data["topics"] if topic["folder"] == "ec2")
    page.goto(served_site + "ec2/ebs/")
    page.evaluate("window.__sameDocument = true")
    button = page.locator("button[data-study-page='ec2/ebs.md']")
    button.focus()
    page.keyboard.press("Enter")  # by keyboard: a real button
    expect(button).to_have_attribute("aria-pressed", "true")
    badge = page.locator(".md-nav--primary a.md-nav__link[href$='/ec2/'] .study-badge").first
    expect(badge).to_have_text(f"1/{ec2_pages}")
    assert "ec2/ebs.md" in progress(page)["studied"]

    page.locator("a.md-footer__link--next").click()  # instant navigation: no reload
    # navigation.tracking may carry the section in view into the address: any fragment will do.
    page.wait_for_url(re.compile(re.escape(served_site + "ec2/efs/") + "(#.*)?$"))
    assert page.evaluate("window.__sameDocument === true"), "the page reloaded: no instant navigation"
    expect(page.locator("button[data-study-page='ec2/efs.md']")).to_have_attribute("aria-pressed", "false")
    page.locator("button[data-study-page='ec2/efs.md']").click()
    page.locator(".md-header__button.md-logo").click()
    page.wait_for_url(served_site)
    assert page.evaluate("window.__sameDocument === true")
    row = page.locator(".study-topics [data-study-topic='ec2'] [data-study-count]")
    expect(row).to_have_text(f"2/{ec2_pages} pages studied")
    expect(page.locator("[data-study-summary]")).to_contain_text("You have studied 2 of")

    page.reload()
    expect(row).to_have_text(f"2/{ec2_pages} pages studied")
    page.goto(served_site + "ec2/ebs/")
    expect(button).to_have_attribute("aria-pressed", "true")
    button.click()  # unmark
    expect(button).to_have_attribute("aria-pressed", "false")
    assert set(progress(page)["studied"]) == {"ec2/efs.md"}
    assert page.context.traffic.errors == []


def test_progress_exports_and_imports_and_a_bad_file_changes_nothing(page, served_site, tmp_path):
    page.goto(served_site + "ec2/ebs/")
    page.locator("button[data-study-page='ec2/ebs.md']").click()
    page.goto(served_site)
    with page.expect_download() as download:
        page.locator("[data-study-export]").click()
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    saved = json.loads(exported.read_text())
    assert list(saved["studied"]) == ["ec2/ebs.md"]

    message = page.locator("[data-study-message]")
    bad = tmp_path / "notes.json"
    bad.write_text('{"studied": "everything"}')
    page.locator("[data-study-import]").set_input_files(bad)
    expect(message).to_contain_text("Could not import notes.json")
    expect(message).to_contain_text("Nothing was changed")
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json")
    page.locator("[data-study-import]").set_input_files(broken)
    expect(message).to_contain_text("it is not JSON")
    assert progress(page) == saved

    page.evaluate(f"localStorage.removeItem('{STORE}')")
    page.reload()
    row = page.locator(".study-topics [data-study-topic='ec2'] [data-study-count]")
    expect(row).to_contain_text("0/")
    page.locator("[data-study-import]").set_input_files(exported)
    expect(message).to_contain_text("Imported")
    expect(row).to_contain_text("1/")
    assert progress(page)["studied"] == saved["studied"]
    assert page.context.traffic.errors == []


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("offline")
    built = subprocess.run([sys.executable, str(ROOT / "tools" / "offline.py"), str(folder / "offline-site"),
                            str(folder / "offline-site.zip")], capture_output=True, text=True, cwd=ROOT)
    assert built.returncode == 0, built.stdout + built.stderr
    with zipfile.ZipFile(folder / "offline-site.zip") as archive:
        archive.extractall(folder / "unzipped")
    return folder / "unzipped" / "offline-site"


def test_from_the_file_zip_reviews_and_marks_persist(context, offline_site):
    base = offline_site.as_uri() + "/"
    page = context.new_page()
    page.set_default_timeout(10_000)
    assert (offline_site / "aws-associate-notes.apkg").is_file()
    review_by_keyboard(page, base, "flashcards.html")
    page.goto(base + "ec2/ebs.html")
    page.locator("button[data-study-page='ec2/ebs.md']").click()
    page.reload()
    expect(page.locator("button[data-study-page='ec2/ebs.md']")).to_have_attribute("aria-pressed", "true")
    page.goto(base + "index.html")
    expect(page.locator(".md-nav--primary a.md-nav__link[href='ec2/index.html'] .study-badge").first) \
        .to_contain_text("1/")
    expect(page.locator(".study-topics [data-study-topic='ec2'] [data-study-count]")).to_contain_text("1/")
    expect(page.locator(".study-dashboard a", has_text="Flashcards")).to_have_attribute("href", "flashcards.html")
    assert {kind for kind, _ in context.traffic.blocked} <= {"image"}
    assert context.traffic.errors == []


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_serious_axe_violations_on_the_review(page, served_site, scheme):
    page.goto(served_site + "flashcards/")
    choose_scheme(page, scheme)
    assert blocking_violations(page) == []
    page.keyboard.press("Space")
    page.locator("details.study-deck > summary").click()
    assert blocking_violations(page) == []
    page.goto(served_site + "ec2/ebs/")
    page.locator("button[data-study-page]").click()
    expect(page.locator("button[data-study-page]")).to_have_attribute("aria-pressed", "true")
    assert blocking_violations(page) == []
    page.goto(served_site)
    assert blocking_violations(page) == []


@pytest.mark.parametrize("url", ["", "flashcards/", "ec2/ebs/"])
def test_nothing_scrolls_sideways_on_a_phone(browser, served_site, url):
    context = offline_context(browser, **PHONE)
    try:
        phone = context.new_page()
        phone.goto(served_site + url)
        if url == "flashcards/":
            phone.keyboard.press("Space")
            phone.locator("details.study-deck > summary").click()
        width = phone.evaluate(_WIDTH)
        assert max(width["document"], width["body"]) <= width["window"] and not width["wide"], width
    finally:
        context.close()


SHOTS = {"flashcards": "flashcards/", "home-dashboard": "", "mark-as-studied": "ec2/ebs/"}
SIZES = {"desktop": {"viewport": {"width": 1280, "height": 900}}, "phone": PHONE}


@pytest.mark.parametrize("size", SIZES)
def test_screenshots_of_study_mode(browser, served_site, size):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = offline_context(browser, **SIZES[size])
    try:
        page = context.new_page()
        page.goto(served_site + "ec2/ebs/")
        page.locator("button[data-study-page]").click()
        for name, url in SHOTS.items():
            for scheme in SCHEMES:
                show(page, served_site + url, scheme)
                if name == "flashcards":
                    page.keyboard.press("Space")
                if name == "mark-as-studied":
                    page.locator(".study-mark").scroll_into_view_if_needed()
                path = SCREENSHOTS / f"{name}-{scheme}-{size}.png"
                page.screenshot(path=path)
                assert path.read_bytes().startswith(b"\x89PNG")
        assert context.traffic.errors == []
    finally:
        context.close()
