"""A phone, 375 px wide: the navigation drawer opens and leads to a page, and no page is wider than
the screen (tables and code scroll inside themselves, pictures shrink to fit)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browsing import offline_context

PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}
PAGES = [
    "",                                                       # topic cards, a remote picture
    "vpc/",                                                   # a topic index
    "disaster-recovery/rpo-and-rto/",                         # a table
    "security-compliance/aws-waf-web-application-firewall/",  # a table and a picture
    "ec2/placement-groups/",                                  # pictures
    "deploying-and-managing/cloudformation/",                 # ten content tabs, code
    "global-applications/route-53/",                          # tabs, a missing-picture placeholder
    "security-compliance/aws-kms-key-management-service/",    # long lines of code
    "serverless/dynamodb/",                                   # a long page
]

_WIDTH = """() => ({
  document: document.documentElement.scrollWidth, body: document.body.scrollWidth,
  window: window.innerWidth,
  wide: [...document.querySelectorAll('article *')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
    .filter(e => !e.closest('pre, table, .md-typeset__scrollwrap, .tabbed-labels'))
    .slice(0, 3).map(e => e.tagName + '.' + e.className),
})"""


@pytest.fixture
def phone(browser):
    context = offline_context(browser, **PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def open_drawer(phone) -> None:
    phone.locator("label.md-header__button[for='__drawer']").click()
    expect(phone.locator("#__drawer")).to_be_checked()
    phone.wait_for_function("""() => {
        const box = document.querySelector('.md-sidebar--primary').getBoundingClientRect();
        return box.left >= 0 && box.right > 200; }""")


def test_navigation_drawer_opens_and_leads_to_a_page(phone, served_site):
    phone.goto(served_site)
    drawer = phone.locator(".md-sidebar--primary")
    assert drawer.evaluate("e => e.getBoundingClientRect().right <= 0"), "the drawer is open at start"
    # navigation.prune: the drawer lists the topics; a topic's pages appear once it is open.
    open_drawer(phone)
    phone.locator(".md-nav--primary a.md-nav__link[href$='/ec2/']").click()
    phone.wait_for_url(served_site + "ec2/")
    expect(phone.locator("#__drawer")).not_to_be_checked()
    open_drawer(phone)
    ebs = phone.locator(".md-nav--primary a.md-nav__link[href$='/ec2/ebs/']")
    expect(ebs).to_be_visible()
    ebs.click()
    phone.wait_for_url(served_site + "ec2/ebs/")
    expect(phone.locator("article.md-content__inner > h1")).to_contain_text("EBS")
    expect(phone.locator("#__drawer")).not_to_be_checked()
    assert phone.context.traffic.errors == []


def test_no_page_scrolls_sideways(phone, served_site, site):
    pages = PAGES + (["glossary/"] if (site.dir / "glossary" / "index.html").is_file() else [])
    too_wide = {}
    for url in pages:
        phone.goto(served_site + url)
        width = phone.evaluate(_WIDTH)
        if max(width["document"], width["body"]) > width["window"] or width["wide"]:
            too_wide[url or "home"] = width
    assert too_wide == {}
    assert phone.evaluate("window.innerWidth") == 375
