"""`python tools/bench_search.py [SITE_DIR]`: what search costs a reader, on the served site.

Prints, for a strict build of mkdocs.yml (or SITE_DIR, e.g. a build of another branch, to compare):
  - bytes the home page downloads before search is opened (and how many of them are the index);
  - time to first results: from opening search (the worker then fetches and indexes the
    documents) and typing a query at once to its results; and, typing nothing, how long search
    says "Initializing", on a first visit and on the next (the built index then comes from the
    browser's Cache Storage);
  - median time per query after that, over the development queries (tests/browser/search_queries.yml),
    from the keystroke to the result list changing.
Timings vary with the machine; this is a measure to compare, not a test.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "browser")]

from browsing import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from search_ui import load_queries  # noqa: E402
from sitebuild import serve  # noqa: E402

# Type a query and wait for the result list (or its count) to change; returns milliseconds.
_TIMED_QUERY = """async text => {
  const input = document.querySelector('input.md-search__input');
  const result = document.querySelector('.md-search-result');
  const changed = new Promise(resolve => new MutationObserver((_, observer) => {
    if (!/Initializing/i.test(result.querySelector('.md-search-result__meta').textContent)) {
      observer.disconnect(); resolve();
    }
  }).observe(result, {childList: true, subtree: true, characterData: true}));
  const start = performance.now();
  input.value = text;
  input.dispatchEvent(new KeyboardEvent('keyup', {key: 'End', bubbles: true}));
  await changed;
  return performance.now() - start;
}"""


def measure(base: str, queries: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        finished = []  # sizes are read afterwards: asking while timing would slow the page down
        page.on("requestfinished", lambda request: finished.append(request))
        page.goto(base, wait_until="networkidle")
        page.wait_for_timeout(500)
        opened_at = len(finished)
        before = {request.url: request.sizes()["responseBodySize"] for request in finished}
        index = sum(size for url, size in before.items() if "/search/" in url)
        print(f"home page before search is opened: {sum(before.values()) / 1024:.0f} KiB in {len(before)} "
              f"requests, of which the search index {index / 1024:.1f} KiB")
        started = page.evaluate("performance.now()")
        page.keyboard.press("/")
        box = page.locator("input.md-search__input")
        box.fill(queries[0])
        box.press("End")
        page.wait_for_function("document.querySelector('.md-search-result__item')", polling=10)
        first = page.evaluate("performance.now()") - started
        fetched = sum(request.sizes()["responseBodySize"] for request in finished[opened_at:])
        print(f"time to first results (open search, type {queries[0]!r} at once): {first:.0f} ms; "
              f"then downloaded {fetched / 1024:.0f} KiB")
        context = browser.new_context()
        for visit in ("first visit", "next visit, in a new tab (the index from the browser's cache)"):
            ready = context.new_page()
            ready.goto(base, wait_until="networkidle")
            started = time.perf_counter()
            ready.keyboard.press("/")
            ready.wait_for_function("""() => !/Initializing/i.test(
                document.querySelector('.md-search-result__meta').textContent)""", polling=10)
            print(f"search ready after opening it, nothing typed, {visit}: "
                  f"{(time.perf_counter() - started) * 1000:.0f} ms")
            ready.wait_for_timeout(1000)  # the worker stores the index it built
            ready.close()
        context.close()
        times = [page.evaluate(_TIMED_QUERY, query) for query in queries[1:]]
        print(f"per query after that: median {statistics.median(times):.1f} ms, "
              f"max {max(times):.1f} ms over {len(times)} queries")
        browser.close()


def main() -> None:
    queries = [query.query for query in load_queries()]
    if len(sys.argv) > 1:
        with serve(Path(sys.argv[1])) as base:
            measure(base, queries)
        return
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        build(load_config(str(ROOT / "mkdocs.yml"), site_dir=folder, strict=True))
        print(f"strict build: {time.perf_counter() - started:.1f} s")
        with serve(Path(folder)) as base:
            measure(base, queries)


if __name__ == "__main__":
    main()
