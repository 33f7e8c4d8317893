"""Helpers the browser tests share: Debian's Chromium, contexts with no network but 127.0.0.1,
and a summary printed at the end of the run."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError

ROOT = Path(__file__).resolve().parents[2]

CHROMIUM = "/usr/bin/chromium"
# A Playwright browser download does not work on these machines; Debian's Chromium does.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOTS = ROOT / "build" / "screenshots"
LOCAL_HOSTS = {"127.0.0.1"}
# Read as text: mkdocs.yml may use tags (!ENV, !!python/name) that a plain YAML loader rejects.
SITE_URL = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                     re.MULTILINE).group(1).strip("'\"")


@dataclass
class Traffic:
    """What pages asked of hosts other than 127.0.0.1 (all blocked), and what went wrong in them."""

    blocked: list[tuple[str, str]] = field(default_factory=list)  # (resource type, URL)
    errors: list[str] = field(default_factory=list)  # uncaught exceptions and console errors

    def blocked_hosts(self) -> dict[str, set[str]]:
        """Host -> the kinds of resource asked of it."""
        hosts: dict[str, set[str]] = {}
        for kind, url in self.blocked:
            hosts.setdefault(urlsplit(url).hostname or url, set()).add(kind)
        return hosts


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("file", "data", "blob", "about") or parts.hostname in LOCAL_HOSTS


def offline_context(browser, **options):
    """A browser context with no network but 127.0.0.1 (and file://)."""
    context = browser.new_context(**options)
    traffic = Traffic()

    def route(route):
        traffic.blocked.append((route.request.resource_type, route.request.url))
        route.abort("internetdisconnected")

    context.route(lambda url: not is_local(url), route)
    context.route("http://127.0.0.1:*/**/sitemap.xml", _sitemap_for_this_address)

    def watch(page):
        page.on("pageerror", lambda error: traffic.errors.append(f"{page.url}: uncaught {error}"))
        page.on("console", lambda message: _console_error(page, message, traffic))

    context.on("page", watch)
    context.traffic = traffic
    return context


def _sitemap_for_this_address(route) -> None:
    """The sitemap as if the site were published here, as `mkdocs serve` does: Material navigates
    instantly (and previews) only links whose address, port included, is in the sitemap."""
    try:
        response = route.fetch()
        base = route.request.url.removesuffix("sitemap.xml")
        route.fulfill(response=response, body=response.text().replace(SITE_URL, base))
    except PlaywrightError:
        pass  # the page closed while its sitemap was on the way (a test ended): nothing to serve


def _console_error(page, message, traffic: Traffic) -> None:
    if message.type != "error":
        return
    # A blocked remote picture logs "Failed to load resource"; that is the network, not the site.
    source = (message.location or {}).get("url", "")
    if message.text.startswith("Failed to load resource") and not is_local(source):
        return
    traffic.errors.append(f"{page.url}: console error {message.text} ({source})")


SCHEMES = {"light": "default", "dark": "slate"}  # Material's names for the two colour schemes
# Colours caught mid-transition are not the page's colours.
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def show(page, url: str, scheme: str) -> None:
    """Open url in the colour scheme ('light' or 'dark'), set directly, with transitions off."""
    page.goto(url)
    page.evaluate("""scheme => {
        document.body.setAttribute('data-md-color-scheme', scheme);
        document.body.setAttribute('data-md-color-media', '');
    }""", SCHEMES[scheme])
    page.add_style_tag(content=NO_TRANSITIONS)
