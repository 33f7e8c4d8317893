"""Material's components as a reader uses them: content tabs, admonitions, the colour scheme,
and the knowledge layer's tooltips and link previews."""

from __future__ import annotations

from playwright.sync_api import expect

from browsing import offline_context
from sitebuild import build_small_site, serve

TABS_PAGE = "vpc/site-to-site-vpn-direct-connect/"
ADMONITION_PAGES = {  # page -> the admonition kinds the notes use on it
    "cloud-monitoring-logging-and-auditing/aws-cloudtrail/": {"example", "note", "tip"},
    "security-compliance/aws-kms-key-management-service/": {"danger", "info", "note", "tip"},
}


def test_content_tabs_switch(page, served_site):
    page.goto(served_site + TABS_PAGE)
    tabs = page.locator(".tabbed-set").first
    labels = tabs.locator(".tabbed-labels > label")
    blocks = tabs.locator(".tabbed-content > .tabbed-block")
    assert labels.count() == 2
    expect(blocks.nth(0)).to_be_visible()
    expect(blocks.nth(1)).to_be_hidden()
    labels.nth(1).click()
    expect(blocks.nth(1)).to_be_visible()
    expect(blocks.nth(1)).to_contain_text("physical fibre connection")
    expect(blocks.nth(0)).to_be_hidden()


def test_linked_tabs_switch_together_and_across_pages(browser, tmp_path):
    # No label repeats in the notes, so a throw-away site with the project's theme shows the linking.
    tabs = '=== "Console"\n\n    Click it.\n\n=== "CLI"\n\n    Type `aws {0}`.\n'
    result = build_small_site(tmp_path, {
        "index.md": "# Linked tabs\n\n" + tabs.format("s3 ls") + "\nBetween.\n\n" + tabs.format("ec2 run")
                    + "\n[Next](next.md)\n",
        "next.md": "# Next\n\n" + tabs.format("iam list"),
    })
    assert result.returncode == 0, result.log
    context = offline_context(browser)
    try:
        page = context.new_page()
        with serve(tmp_path / "site") as base:
            page.goto(base)
            sets = page.locator(".tabbed-set")
            assert sets.count() == 2
            sets.nth(0).get_by_text("CLI", exact=True).click()
            expect(sets.nth(1).locator(".tabbed-block").nth(1)).to_be_visible()
            expect(sets.nth(1).locator(".tabbed-block").nth(1)).to_contain_text("aws ec2 run")
            page.goto(base + "next/")
            expect(page.locator(".tabbed-block").nth(1)).to_contain_text("aws iam list")
            expect(page.locator(".tabbed-block").nth(1)).to_be_visible()
        assert context.traffic.errors == [] and context.traffic.blocked == []
    finally:
        context.close()


def test_admonitions_show_their_icons(page, served_site):
    for url, kinds in ADMONITION_PAGES.items():
        page.goto(served_site + url)
        for kind in kinds:
            title = page.locator(f"article .admonition.{kind} > .admonition-title").first
            expect(title).to_be_visible()
            icon = title.evaluate("""title => {
                const style = getComputedStyle(title, '::before');
                return {mask: style.maskImage || style.webkitMaskImage, width: parseFloat(style.width),
                        color: style.backgroundColor};
            }""")
            assert icon["mask"].startswith("url("), f"{url}: {kind} admonition has no icon: {icon}"
            assert icon["width"] > 0 and icon["color"] not in ("rgba(0, 0, 0, 0)", "transparent"), icon


def test_dark_mode_choice_persists_across_pages(page, served_site):
    page.goto(served_site + "ec2/")
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.locator("label[for='__palette_1']").click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.locator(".topic-pages a").first.click()  # instant navigation
    page.wait_for_url(served_site + "ec2/sizing-configuration-options/")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.goto(served_site + "s3/")  # a full page load
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    background = body.evaluate("body => getComputedStyle(body).backgroundColor")
    assert background != "rgb(255, 255, 255)"
    page.locator("label[for='__palette_0']").click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")


def test_abbreviation_tooltip_appears_on_hover(page, served_site, site):
    page.goto(served_site + first_page_with(site, "article abbr[title]"))
    abbr = page.locator("article abbr[title]").first
    expect(abbr).to_be_visible()
    meaning = abbr.get_attribute("title") or abbr.get_attribute("data-title")
    abbr.hover()
    tooltip = page.locator(".md-tooltip2--active, .md-tooltip--active").first
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(meaning)


def test_link_preview_appears_on_hover(page, served_site, site):
    page.goto(served_site + first_page_with(site, "article a.autolink"))
    link = page.locator("article a.autolink").first
    expect(link).to_be_visible()
    link.hover()
    preview = page.locator(".md-tooltip2--active .md-typeset").first
    expect(preview).to_be_visible()
    expect(preview).not_to_be_empty()


def first_page_with(site, selector: str) -> str:
    """The URL of the first page in the notes that has an element matching selector."""
    for path in site.html_files():
        url = site.url_of(path)
        if site.soup(url).select_one(selector) is not None:
            return url
    raise AssertionError(f"no page of the site has {selector}")
