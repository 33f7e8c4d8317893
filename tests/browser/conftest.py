"""Real-browser checks: Playwright drives Debian's Chromium against the built site on 127.0.0.1.

One browser for the session; each test gets a fresh context (cookies, storage) in which requests to
any host but 127.0.0.1 are blocked and recorded, as on a reader's machine with no network.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browsing import CHROMIUM, CHROMIUM_ARGS, offline_context


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = offline_context(browser, viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


