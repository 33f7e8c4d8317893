"""Moving around as a reader does: home -> topic -> page -> next page, instantly, and back."""

from __future__ import annotations

import re

import yaml
from playwright.sync_api import expect

from sitebuild import ROOT

TOPIC = "vpc"
# A page's full load resets window state; Material's instant navigation swaps the page in place.
MARK = "window.__still_this_document = true"
SAME_DOCUMENT = "window.__still_this_document === true"


def at(url: str) -> re.Pattern:
    """The URL, with any section anchor navigation.tracking adds as the reader scrolls."""
    return re.compile(re.escape(url) + r"(#[\w-]*)?$")


def topic_pages(topic: str) -> list[str]:
    """The topic's pages in their .pages order, as URL paths."""
    order = yaml.safe_load((ROOT / "docs" / topic / ".pages").read_text(encoding="utf-8"))["nav"]
    return [f"{topic}/{name.removesuffix('.md')}/" for name in order if name != "index.md"]


def test_home_topic_page_next_page_and_back(page, served_site):
    first, second = topic_pages(TOPIC)[:2]
    page.goto(served_site)
    page.evaluate(MARK)
    title = page.locator("article.md-content__inner > h1")

    page.locator(".topics strong a").get_by_text("VPC", exact=True).click()
    page.wait_for_url(at(served_site + f"{TOPIC}/"))
    expect(title).to_have_text("VPC¶")

    first_link = page.locator(".topic-pages a").first
    first_title = first_link.inner_text()
    first_link.click()
    page.wait_for_url(at(served_site + first))
    expect(title).to_have_text(first_title + "¶")

    next_link = page.locator("a.md-footer__link--next")
    assert next_link.evaluate("a => a.href") == served_site + second
    second_title = next_link.locator(".md-ellipsis").inner_text().strip()
    next_link.click()
    page.wait_for_url(at(served_site + second))
    expect(title).to_have_text(second_title + "¶")
    assert page.evaluate(SAME_DOCUMENT), "a click reloaded the page: instant navigation is off"

    page.go_back()
    page.wait_for_url(at(served_site + first))
    expect(title).to_have_text(first_title + "¶")
    page.go_back()
    page.wait_for_url(at(served_site + f"{TOPIC}/"))
    expect(title).to_have_text("VPC¶")
    assert page.evaluate(SAME_DOCUMENT)
    assert page.context.traffic.errors == []


def test_deep_link_to_a_heading_scrolls_to_it(page, served_site):
    page.goto(served_site + "serverless/dynamodb/#global-secondary-index-gsi")
    heading = page.locator("#global-secondary-index-gsi")
    page.wait_for_function("window.scrollY > 0")
    top = heading.evaluate("element => element.getBoundingClientRect().top")
    header = page.locator("header.md-header").evaluate("element => element.offsetHeight")
    assert 0 <= top <= header + 80, f"heading at {top}px from the top of the window"
    assert page.evaluate("window.scrollY") > 1000


def test_navigation_sidebar_lists_the_topic_pages_in_order(page, served_site):
    pages = topic_pages(TOPIC)
    page.goto(served_site + pages[3])
    links = page.locator(".md-sidebar--primary .md-nav__item--active > nav a.md-nav__link")
    hrefs = [href for href in links.evaluate_all("links => links.map(a => a.href)")]
    listed = [href.removeprefix(served_site) for href in hrefs if href.startswith(served_site)]
    assert [url for url in listed if url in pages] == pages
    active = page.locator(".md-sidebar--primary a.md-nav__link--active").first
    assert active.evaluate("a => a.href") == served_site + pages[3]
