"""Study pages in Chromium: each renders, axe finds nothing serious in light or dark, nothing
scrolls sideways on a 375 px phone, tabs in two excerpts switch independently, and Tips and
Numbers print as a cheat sheet (no header, sidebars, footer or search; small type). Screenshots
of each page, desktop, phone and print, go to build/screenshots/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browsing import SCHEMES, SCREENSHOTS, offline_context
from test_accessibility import blocking_violations, choose_scheme
from test_mobile import _WIDTH, PHONE

STUDY = {"tips": "tips/", "comparisons": "comparisons/", "numbers": "numbers/"}
PRINTED = ["tips", "numbers"]
_CHROME = ".md-header, .md-sidebar--primary, .md-sidebar--secondary, .md-footer, .md-search"


@pytest.mark.parametrize("name", STUDY)
def test_a_study_page_renders_and_is_in_the_study_section(page, served_site, name):
    page.goto(served_site + STUDY[name])
    expect(page.locator("article .study-page")).to_be_visible()
    study = page.locator(".md-nav--primary .md-nav__item--nested", has_text="Study").first
    expect(study).to_be_attached()
    assert study.locator(f"a[href$='{STUDY[name]}']").count() >= 1, "the page is not in the Study section"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"study-{name}-desktop.png")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", STUDY)
def test_no_serious_axe_violations_on_study_pages(page, served_site, name, scheme):
    page.goto(served_site + STUDY[name])
    choose_scheme(page, scheme)
    assert blocking_violations(page) == []


@pytest.mark.parametrize("name", STUDY)
def test_nothing_scrolls_sideways_on_a_phone(browser, served_site, name):
    context = offline_context(browser, **PHONE)
    try:
        phone = context.new_page()
        phone.goto(served_site + STUDY[name])
        width = phone.evaluate(_WIDTH)
        assert width["document"] <= width["window"] and width["body"] <= width["window"], width
        assert width["wide"] == [], width
        phone.screenshot(path=SCREENSHOTS / f"study-{name}-phone.png")
    finally:
        context.close()


def test_tabs_of_two_comparisons_switch_independently(page, served_site):
    page.goto(served_site + STUDY["comparisons"])
    sets = page.locator("article .study-excerpt .tabbed-set")
    assert sets.count() >= 2, "the comparisons show fewer than two tab groups"
    ids = page.evaluate("() => [...document.querySelectorAll('article [id]')].map(e => e.id)")
    assert len(ids) == len(set(ids)), "two elements share an id"
    first, second = sets.nth(0), sets.nth(1)
    checked = second.locator("input:checked").get_attribute("id")
    first.locator(".tabbed-labels label").nth(1).click()
    expect(first.locator("input").nth(1)).to_be_checked()
    assert second.locator("input:checked").get_attribute("id") == checked


@pytest.mark.parametrize("name", PRINTED)
def test_prints_as_a_cheat_sheet(page, served_site, name):
    page.goto(served_site + STUDY[name])
    font_size = "() => parseFloat(getComputedStyle(document.querySelector('.study-page')).fontSize)"
    on_screen = page.evaluate(font_size)
    page.emulate_media(media="print")
    hidden = page.evaluate(f"""() => [...document.querySelectorAll('{_CHROME}')]
        .filter(e => getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().height > 0)
        .map(e => e.className)""")
    assert hidden == [], f"shown in print: {hidden}"
    size = page.evaluate(font_size)
    assert size <= 0.8 * on_screen, f"print type is {size}px, {on_screen}px on screen: not compact"
    page.screenshot(path=SCREENSHOTS / f"study-{name}-print.png", full_page=False)
    pdf = page.pdf(path=str(SCREENSHOTS / f"study-{name}.pdf"), format="A4")
    assert pdf[:4] == b"%PDF"
