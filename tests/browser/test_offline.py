"""Offline: with no network but 127.0.0.1 the site is whole (only remote pictures are missing, and
they show their alt text); and `make offline` builds a zip that works from file:// with search."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from playwright.sync_api import expect

from search_ui import open_search, search
from sitebuild import ROOT, summary

PAGES = [  # the home page's cards and picture, a topic index, pictures, tabs, a table
    "",
    "vpc/",
    "ec2/placement-groups/",
    "global-applications/route-53/",
    "security-compliance/aws-waf-web-application-firewall/",
]

_RENDERED = """() => {
  const header = getComputedStyle(document.querySelector('.md-header'));
  const icon = document.querySelector('.md-header__button.md-logo svg, .md-header__button.md-logo img');
  const stylesheets = [...document.querySelectorAll('link[rel=stylesheet]')];
  return {
    header: header.backgroundColor,
    icon: icon ? icon.getBoundingClientRect().width : 0,
    sheets: stylesheets.length,
    unloaded: stylesheets.filter(link => !link.sheet).map(link => link.href),
    font: getComputedStyle(document.body).fontFamily,
    fonts: [...document.fonts].map(face => face.family + ' ' + face.status),
    nav: document.querySelectorAll('.md-nav--primary a.md-nav__link').length,
  };
}"""

_PICTURES = """() => [...document.querySelectorAll('article img')].map(img => ({
  src: img.currentSrc || img.src, alt: img.alt, complete: img.complete, loaded: img.naturalWidth > 0,
  width: img.getBoundingClientRect().width, height: img.getBoundingClientRect().height,
}))"""


def assert_rendered(page, where: str) -> None:
    state = page.evaluate(_RENDERED)
    assert state["header"] not in ("rgba(0, 0, 0, 0)", "transparent"), f"{where}: no theme colours"
    assert state["sheets"] >= 3 and not state["unloaded"], f"{where}: stylesheets {state}"
    assert state["icon"] > 0, f"{where}: the logo icon is not drawn"
    assert "Roboto" not in state["font"] and state["fonts"] == [], f"{where}: web fonts {state}"
    assert state["nav"] > 20, f"{where}: navigation has {state['nav']} links"


def show_all_pictures(page) -> list[dict]:
    """Scroll every picture into view (they load lazily) and wait until each has loaded or failed."""
    for img in page.locator("article img").all():
        img.scroll_into_view_if_needed()
    page.wait_for_function("[...document.querySelectorAll('article img')].every(img => img.complete)")
    return page.evaluate(_PICTURES)


def test_pages_render_whole_with_no_network_but_127_0_0_1(page, served_site):
    remote_pictures: set[str] = set()
    for url in PAGES:
        page.goto(served_site + url)
        assert_rendered(page, url or "home")
        for picture in show_all_pictures(page):
            if picture["src"].startswith(served_site):
                assert picture["loaded"], f"{url}: local picture {picture['src']} did not load"
                continue
            remote_pictures.add(picture["src"])
            assert not picture["loaded"], f"{url}: {picture['src']} loaded from the network"
            assert picture["alt"].strip(), f"{url}: remote picture {picture['src']} has no alt text"
            assert picture["width"] > 20 and picture["height"] > 10, \
                f"{url}: the missing picture's alt text is not shown: {picture}"
    open_search(page)
    assert search(page, served_site, "NACL")[0][0] == "vpc/network-access-control-list-nacl/"

    traffic = page.context.traffic
    kinds = sorted({kind for kind, _ in traffic.blocked})
    hosts = traffic.blocked_hosts()
    summary(f"Offline, served on 127.0.0.1: {len(PAGES)} pages, {len(traffic.blocked)} requests to other "
            f"hosts, all blocked: " + ", ".join(f"{host} ({', '.join(sorted(k))})"
                                                 for host, k in sorted(hosts.items())))
    assert len(remote_pictures) >= 3
    assert kinds == ["image"], f"requests other than pictures left 127.0.0.1: {traffic.blocked}"
    assert {url for _, url in traffic.blocked} == remote_pictures, "a picture not in the notes was asked for"
    assert traffic.errors == []


def test_offline_zip_works_from_file_urls_with_search(context, tmp_path):
    built = subprocess.run([sys.executable, str(ROOT / "tools" / "offline.py"),
                            str(tmp_path / "offline-site"), str(tmp_path / "offline-site.zip")],
                           capture_output=True, text=True, cwd=ROOT)
    assert built.returncode == 0, built.stdout + built.stderr
    with zipfile.ZipFile(tmp_path / "offline-site.zip") as archive:
        archive.extractall(tmp_path / "unzipped")
    home = tmp_path / "unzipped" / "offline-site" / "index.html"
    base = home.parent.as_uri() + "/"
    page = context.new_page()
    page.set_default_timeout(10_000)

    page.goto(home.as_uri())
    assert_rendered(page, "offline home")
    page.locator(".topics strong a").get_by_text("VPC", exact=True).click()
    page.wait_for_url(base + "vpc/index.html")
    page.locator(".topic-pages a").first.click()
    page.wait_for_url(base + "vpc/subnet-ipv4.html")
    page.locator("a.md-footer__link--next").click()
    page.wait_for_url(base + "vpc/vpc-subnets-primer.html")
    expect(page.locator("article.md-content__inner > h1")).to_contain_text("VPC & Subnets Primer")

    open_search(page)
    results = search(page, base, "NACL")
    assert results and results[0][0] == "vpc/network-access-control-list-nacl.html", results
    page.locator(".md-search-result__item a.md-search-result__link").first.click()
    page.wait_for_url(base + "vpc/network-access-control-list-nacl.html*")
    expect(page.locator("article.md-content__inner > h1")).to_contain_text("Network Access Control List(NACL)")

    page.goto(base + "404.html")  # a reader who follows a stale link lands here, from file:// too
    assert_rendered(page, "offline 404")
    page.locator(".md-header__button.md-logo").click()
    page.wait_for_url(base + "index.html")
    page.go_back()
    page.locator(".md-nav--primary a.md-nav__link[href]").last.click()
    assert page.url.startswith(base) and page.url.endswith(".html"), page.url
    expect(page.locator("article.md-content__inner > h1")).to_be_visible()

    traffic = context.traffic
    assert {kind for kind, _ in traffic.blocked} <= {"image"}, traffic.blocked
    assert traffic.errors == []
