"""`python tools/bench_search.py [SITE_DIR]`: what search costs a reader, on the served site.

Prints, for a strict build of mkdocs.yml (or SITE_DIR, e.g. a build of another branch, to compare):
  - bytes the home page downloads before search is opened (and how many of them are the index);
  - bytes fetched once search is opened (raw, as this test server sends them, and gzipped, as a
    web host would), and the search files' sizes;
  - time to first results, measured inside the page: from the '/' keydown that opens search, with
    a query typed at once, to the first result shown (the worker then fetches the documents and the
    index the build made, and loads it); median of several first visits, each in a fresh browser
    context (nothing cached); and, typing nothing, how long search says "Initializing", on a first
    visit and on the next (the documents then come from the browser's HTTP cache);
  - median time per query after that, over the development queries (tests/browser/search_queries.yml),
    from the keystroke to the result list changing.
Timings vary with the machine; this is a measure to compare, not a test.
"""

from __future__ import annotations

import gzip
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

# Open search as the '/' key does and type a query at once; milliseconds from the keydown to the
# first result shown. Inside the page, so the test driver's own latency is not counted.
_FIRST_RESULTS = """async text => {
  const result = document.querySelector('.md-search-result');
  const shown = new Promise(resolve => new MutationObserver((_, observer) => {
    if (result.querySelector('.md-search-result__item')) { observer.disconnect(); resolve(); }
  }).observe(result, {childList: true, subtree: true}));
  const start = performance.now();
  document.dispatchEvent(new KeyboardEvent('keydown', {key: '/', bubbles: true}));
  const input = document.querySelector('input.md-search__input');
  input.value = text;
  input.dispatchEvent(new KeyboardEvent('keyup', {key: 'End', bubbles: true}));
  await shown;
  return performance.now() - start;
}"""
# Open search as the '/' key does, type nothing; milliseconds until it stops saying "Initializing".
_READY = """async () => {
  const meta = () => document.querySelector('.md-search-result__meta').textContent;
  const start = performance.now();
  document.dispatchEvent(new KeyboardEvent('keydown', {key: '/', bubbles: true}));
  while (/Initializing/i.test(meta())) await new Promise(resolve => setTimeout(resolve, 5));
  return performance.now() - start;
}"""
FIRST_VISITS = 9


def first_results(browser, base: str, queries: list[str]) -> list[float]:
    """Time to first results on FIRST_VISITS first visits, each in a new context, a query each."""
    times = []
    for visit in range(FIRST_VISITS):
        context = browser.new_context()
        page = context.new_page()
        page.goto(base, wait_until="networkidle")
        page.wait_for_timeout(300)
        times.append(page.evaluate(_FIRST_RESULTS, queries[visit % len(queries)]))
        context.close()
    return times


def kib(size: int) -> str:
    return f"{size / 1024:.0f} KiB"


def measure(base: str, queries: list[str], site_dir: Path) -> None:
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
        page.evaluate(_FIRST_RESULTS, queries[0])
        page.wait_for_timeout(500)
        after = {request.url: request.sizes()["responseBodySize"] for request in finished[opened_at:]}
        zipped = 0
        for url in after:
            local = site_dir / url[len(base):].split("?")[0]
            zipped += len(gzip.compress(local.read_bytes(), 9)) if local.is_file() else after[url]
        print(f"once search is opened: {kib(sum(after.values()))} more in {len(after)} requests "
              f"({kib(zipped)} gzipped): " + ", ".join(url[len(base):] for url in after))
        times = first_results(browser, base, queries)
        print(f"time to first results (press '/', type a query at once), {len(times)} first visits: "
              f"median {statistics.median(times):.0f} ms (min {min(times):.0f}, max {max(times):.0f})")
        context = browser.new_context()
        for visit in ("first visit", "next visit, in a new tab (the files from the browser's cache)"):
            ready = context.new_page()
            ready.goto(base, wait_until="networkidle")
            ready.wait_for_timeout(300)
            print(f"search ready after opening it, nothing typed, {visit}: {ready.evaluate(_READY):.0f} ms")
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
            measure(base, queries, Path(sys.argv[1]))
        return
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        build(load_config(str(ROOT / "mkdocs.yml"), site_dir=folder, strict=True))
        print(f"strict build: {time.perf_counter() - started:.1f} s")
        with serve(Path(folder)) as base:
            measure(base, queries, Path(folder))


if __name__ == "__main__":
    main()
