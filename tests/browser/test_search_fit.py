"""Results that fit: with the search open, at least 4 results show whole in the desktop dropdown
(1280x900) and at least 2 on a 375 px phone, for typical queries of the development set (one of
each kind). A result counts when its whole box is inside the visible part of the results panel.
docs/assets/site.css sets the spacing and the dropdown's height that make this so."""

from __future__ import annotations

import pytest

from browsing import SCREENSHOTS, offline_context
from search_ui import load_queries, search

QUERIES = ["ephemeral ports", "KMS", "which database for a graph"]  # phrase, acronym, question
SCREENS = {  # name -> (browser context options, results that must show whole)
    "desktop": ({"viewport": {"width": 1280, "height": 900}}, 4),
    "phone": ({"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}, 2),
}

_WHOLE = """() => {
  const panel = document.querySelector('.md-search__scrollwrap').getBoundingClientRect();
  const top = Math.max(panel.top, 0), bottom = Math.min(panel.bottom, window.innerHeight);
  const left = Math.max(panel.left, 0), right = Math.min(panel.right, window.innerWidth);
  return [...document.querySelectorAll('.md-search-result__item')].filter(item => {
    const box = item.getBoundingClientRect();
    return box.height > 0 && box.top >= top - 0.5 && box.bottom <= bottom + 0.5
      && box.left >= left - 0.5 && box.right <= right + 0.5;
  }).length;
}"""


def test_the_queries_are_typical_ones_of_the_development_set():
    queries = {query.query: query.kind for query in load_queries()}
    assert sorted(queries[text] for text in QUERIES) == ["acronym", "phrase", "question"]


@pytest.mark.parametrize("screen", SCREENS)
def test_enough_results_show_whole(browser, served_site, screen):
    options, least = SCREENS[screen]
    context = offline_context(browser, **options)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(served_site)
        # as a reader opens it: the keyboard on a desktop, the header's search button on a phone
        if screen == "phone":
            page.locator("label.md-header__button[for='__search']").click()
        else:
            page.keyboard.press("/")
        page.locator("input.md-search__input").wait_for(state="visible")
        shown = {}
        for query in QUERIES:
            search(page, served_site, query)
            page.wait_for_timeout(450)  # the dropdown's opening transition (0.4 s on desktop)
            shown[query] = page.evaluate(_WHOLE)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"search-{screen}.png"))
        assert all(count >= least for count in shown.values()), f"results shown whole on {screen}: {shown}"
        assert context.traffic.errors == []
    finally:
        context.close()
