"""Screenshots for people to look at: the home page and a content page, light and dark, desktop and
phone, saved into build/screenshots/ (ignored by git) on every run."""

from __future__ import annotations

import pytest

from browsing import SCREENSHOTS, offline_context

PAGES = {"home": "", "content": "vpc/network-access-control-list-nacl/"}
SCHEMES = {"light": "default", "dark": "slate"}
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}
_NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"


@pytest.mark.parametrize("size", SIZES)
def test_screenshots_light_and_dark(browser, served_site, size):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = offline_context(browser, viewport=SIZES[size], is_mobile=size == "phone")
    try:
        page = context.new_page()
        for name, url in PAGES.items():
            shots = {}
            for scheme, value in SCHEMES.items():
                page.goto(served_site + url)
                page.evaluate("""scheme => {
                    document.body.setAttribute('data-md-color-scheme', scheme);
                    document.body.setAttribute('data-md-color-media', '');
                }""", value)
                page.add_style_tag(content=_NO_TRANSITIONS)
                path = SCREENSHOTS / f"{name}-{scheme}-{size}.png"
                page.screenshot(path=path)
                shots[scheme] = path.read_bytes()
                assert shots[scheme].startswith(b"\x89PNG") and len(shots[scheme]) > 10_000, path
            assert shots["light"] != shots["dark"], f"{name}: light and dark look the same"
        assert context.traffic.errors == []
    finally:
        context.close()
