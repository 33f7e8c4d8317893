"""Tooltips from the keyboard: each tooltip is a tab stop (tabindex=0), and Material shows a
focused element's tooltip as it shows a hovered one's, so Tab reaches every expansion a mouse
does."""

from __future__ import annotations

from playwright.sync_api import expect

from test_accessibility import focus_is_visible

PAGE = "ec2/ecs-instance-lifecycle/"  # RAM on an EC2 page: Random-access Memory


def test_tab_reaches_a_tooltip_and_shows_its_expansion(page, served_site):
    page.goto(served_site + PAGE)
    abbr = page.locator("article abbr[tabindex='0']").first
    meaning = abbr.get_attribute("title")
    assert meaning
    # Focus what comes just before it, then Tab: the abbr is the next stop.
    page.evaluate("""abbr => {
        const stops = [...document.querySelectorAll('a[href], button, input, [tabindex="0"]')];
        const before = stops[stops.indexOf(abbr) - 1];
        before.focus();
    }""", abbr.element_handle())
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.tagName") == "ABBR"
    tooltip = page.locator(".md-tooltip2--active").first
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(meaning)
    assert focus_is_visible(page)
