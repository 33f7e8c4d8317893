"""Screenshots for people to look at: the home page and a content page, light and dark, desktop and
phone, saved into build/screenshots/ (ignored by git) on every run."""

from __future__ import annotations

import pytest

from browsing import SCHEMES, SCREENSHOTS, offline_context, show

PAGES = {"home": "", "content": "vpc/network-access-control-list-nacl/"}
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}


@pytest.mark.parametrize("size", SIZES)
def test_screenshots_light_and_dark(browser, served_site, size):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = offline_context(browser, viewport=SIZES[size], is_mobile=size == "phone")
    try:
        page = context.new_page()
        for name, url in PAGES.items():
            shots = {}
            for scheme in SCHEMES:
                show(page, served_site + url, scheme)
                path = SCREENSHOTS / f"{name}-{scheme}-{size}.png"
                page.screenshot(path=path)
                shots[scheme] = path.read_bytes()
                assert shots[scheme].startswith(b"\x89PNG") and len(shots[scheme]) > 10_000, path
            assert shots["light"] != shots["dark"], f"{name}: light and dark look the same"
        assert context.traffic.errors == []
    finally:
        context.close()
