"""Accessibility: axe-core finds no serious or critical violation, in light and dark, on the home
page, a topic index, three content pages and the glossary; search works from the keyboard alone,
and keyboard focus is visible."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from browsing import NO_TRANSITIONS, SCHEMES
from search_ui import search

PAGES = {
    "home": "",
    "topic index": "vpc/",
    "long page with admonitions and pictures": "ec2/ebs/",
    "content tabs": "vpc/site-to-site-vpn-direct-connect/",
    "tables and code": "security-compliance/aws-waf-web-application-firewall/",
}
BLOCKING = {"serious", "critical"}

_axe = Axe()


def choose_scheme(page, scheme: str) -> None:
    """Pick the colour scheme with the header's toggle, as a reader does."""
    body = page.locator("body")
    if body.get_attribute("data-md-color-scheme") != SCHEMES[scheme]:
        page.locator("form[data-md-component=palette] label:visible").first.click()
    expect(body).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])


def blocking_violations(page) -> list[str]:
    page.add_style_tag(content=NO_TRANSITIONS)  # colours mid-transition are not the page's colours
    results = _axe.run(page)
    return [f"{violation['impact']} {violation['id']}: {violation['help']} -- "
            + "; ".join(str(node["target"]) for node in violation["nodes"][:5])
            for violation in results.response["violations"] if violation["impact"] in BLOCKING]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("what", PAGES)
def test_no_serious_axe_violations(page, served_site, what, scheme):
    page.goto(served_site + PAGES[what])
    choose_scheme(page, scheme)
    assert blocking_violations(page) == []


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_serious_axe_violations_on_the_glossary(page, served_site, site, scheme):
    page.goto(served_site + "glossary/")
    choose_scheme(page, scheme)
    assert blocking_violations(page) == []


def focus_is_visible(page) -> bool:
    """The focused control looks different from itself unfocused: an outline, a ring or a fill.
    A visually hidden input (the colour toggle) shows its focus on the label after it, a search
    result's "more on this page" on its first child."""
    return page.evaluate("""() => {
        const element = document.activeElement;
        const hidden = element.getBoundingClientRect().width === 0 || getComputedStyle(element).opacity === '0';
        const label = element.nextElementSibling;  // Material draws a hidden input's focus on it
        const shown = hidden && label && label.tagName === 'LABEL' ? label : element;
        const look = () => [shown, shown.firstElementChild].filter(Boolean).map(part => {
            const s = getComputedStyle(part);
            return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor,
                    s.color, s.textDecorationLine].join('|'); }).join('/');
        const focused = look();
        element.blur();
        const unfocused = look();
        element.focus();
        return focused !== unfocused;
    }""")


def test_search_from_the_keyboard(page, served_site):
    page.goto(served_site + "ec2/")
    page.add_style_tag(content=NO_TRANSITIONS)
    page.keyboard.press("/")
    search_box = page.locator("input.md-search__input")
    expect(search_box).to_be_focused()
    search_box.press_sequentially("NACL")
    results = search(page, served_site, "NACL")
    assert len(results) >= 2
    # Arrow keys walk Material's result list: each page's link, then its "N more on this page".
    position = """() => [...document.querySelectorAll(
        '.md-search-result__link, .md-search-result__more > summary')].indexOf(document.activeElement)"""
    page.keyboard.press("ArrowDown")
    assert page.evaluate(position) == 0
    first = page.evaluate("document.activeElement.href")
    assert first.startswith(served_site + "vpc/network-access-control-list-nacl/"), first
    assert focus_is_visible(page), "the first search result shows no focus"
    page.keyboard.press("ArrowDown")
    assert page.evaluate(position) == 1, "ArrowDown did not move to the next result"
    assert focus_is_visible(page), "the second search result shows no focus"
    page.keyboard.press("ArrowUp")
    assert page.evaluate(position) == 0
    page.keyboard.press("Enter")
    page.wait_for_url(first)
    expect(page.locator("article.md-content__inner > h1")).to_contain_text("NACL")


def test_tab_focus_is_visible_on_links_and_controls(page, served_site):
    page.goto(served_site + "ec2/ebs/")
    page.add_style_tag(content=NO_TRANSITIONS)
    seen = set()
    for _ in range(12):
        page.keyboard.press("Tab")
        name = page.evaluate("(e => e.tagName + (e.className ? '.' + e.className : ''))(document.activeElement)")
        assert not name.startswith("BODY"), "Tab left the page's controls"
        if "md-search__input" in name:  # focusing the search box opens the search dialog
            assert page.locator("#__search").is_checked()
        else:
            assert focus_is_visible(page), f"focus is not visible on {name}"
        seen.add(name)
    assert len(seen) >= 3
