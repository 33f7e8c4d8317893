"""Material's search as a student uses it: type a query into the search box, read the result list.

Shared by the search-quality test and by `python tests/browser/search_ui.py URL [QUERIES.yml]`, which
prints where each query's expected page lands, for tuning the search configuration by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

QUERIES_FILE = Path(__file__).with_name("search_queries.yml")
# Written blind and frozen (tests/test_heldout_labels.py): measured, never tuned on; its queries are
# never printed, so nobody tuning the search reads them by accident.
HELDOUT_FILE = Path(__file__).resolve().parents[1] / "labels" / "heldout" / "search.yml"
KINDS = ("phrase", "acronym", "question")

# Material renders results as the worker answers; the list is final once it stops changing. On a
# busy machine the answer can take longer than the settling window: first wait (up to 3 s) for the
# list to differ from what it showed before the query was typed, and never settle on "Initializing"
# or on the placeholder shown for an empty box.
_STATE = """() => document.querySelector('.md-search-result__meta').textContent + '|' +
  document.querySelector('.md-search-result').innerHTML"""
_SETTLED = """async before => {
  const box = document.querySelector('.md-search-result');
  const meta = () => document.querySelector('.md-search-result__meta').textContent;
  const placeholder = JSON.parse(document.getElementById('__config').textContent)
    .translations['search.result.placeholder'];
  const waiting = () => /Initializing/i.test(meta()) || meta().trim() === placeholder.trim();
  for (let i = 0; i < 60 && meta() + '|' + box.innerHTML === before; i++)
    await new Promise(resolve => setTimeout(resolve, 50));
  let last = null, same = 0;
  for (let i = 0; i < 150; i++) {
    const now = meta() + '|' + box.innerHTML;
    if (now === last && !waiting()) { if (++same >= 3) return meta(); }
    else same = 0;
    last = now;
    await new Promise(resolve => setTimeout(resolve, 60));
  }
  throw new Error('search results did not settle: ' + meta());
}"""

# Per result (one page each): the page's link, then its sections' (some under "N more on this page").
_RESULTS = """() => [...document.querySelectorAll('.md-search-result__item')].map(item =>
  [...item.querySelectorAll('a.md-search-result__link')].map(a => a.href))"""


@dataclass(frozen=True)
class Query:
    query: str
    kind: str
    expect: str | tuple[str, ...]  # 'topic/page/' or 'topic/page/#anchor', or any of several
    tab: bool = False  # the answer is in a content tab (held-out set)


@dataclass(frozen=True)
class Outcome:
    query: Query
    rank: int | None  # 1-based position of the first result that holds the expected page/section
    results: list[list[str]]

    @property
    def hit1(self) -> bool:
        return self.rank == 1

    @property
    def hit3(self) -> bool:
        return self.rank is not None and self.rank <= 3


def load_queries(path: Path = QUERIES_FILE) -> list[Query]:
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(**{**row, "expect": tuple(row["expect"]) if isinstance(row["expect"], list) else row["expect"]})
            for row in rows]


def site_path(url: str, base: str) -> str:
    """'http://host/ec2/ebs/?h=ebs#snapshots' -> 'ec2/ebs/#snapshots' (the site's own form)."""
    parts = urlsplit(url)
    path = parts.path[len(urlsplit(base).path):]
    return path + (f"#{parts.fragment}" if parts.fragment else "")


def rank_of(expect: str | tuple[str, ...], results: list[list[str]]) -> int | None:
    """A page matches a result when it is the result's page; a section must be listed in it."""
    expects = (expect,) if isinstance(expect, str) else expect
    for position, links in enumerate(results, 1):
        for one in expects:
            if "#" in one:
                if one in links:
                    return position
            elif any(link.split("#")[0] == one for link in links):
                return position
    return None


def open_search(page) -> None:
    page.keyboard.press("/")
    page.locator("input.md-search__input").wait_for(state="visible")


def search(page, base: str, text: str) -> list[list[str]]:
    """Type a query into the open search box and return the settled results as site paths."""
    box = page.locator("input.md-search__input")
    before = page.evaluate(_STATE)
    box.fill(text)
    box.press("End")  # Material reads the query on keyup, as from a real keyboard
    page.evaluate(_SETTLED, before)
    return [[site_path(url, base) for url in links] for links in page.evaluate(_RESULTS)]


def run_queries(page, base: str, queries: list[Query]) -> list[Outcome]:
    page.goto(base)
    open_search(page)
    outcomes = []
    for query in queries:
        results = search(page, base, query.query)
        outcomes.append(Outcome(query, rank_of(query.expect, results), results))
    return outcomes


def hit_rates(outcomes: list[Outcome]) -> dict[str, tuple[int, float, float]]:
    """kind (and 'all') -> (queries, hit@1, hit@3)."""
    rates = {}
    kinds = [kind for kind in KINDS if any(o.query.kind == kind for o in outcomes)]
    kinds += sorted({o.query.kind for o in outcomes} - set(KINDS))
    for kind in [*kinds, "all"]:
        chosen = [o for o in outcomes if kind in ("all", o.query.kind)]
        count = len(chosen)
        rates[kind] = (count, sum(o.hit1 for o in chosen) / count, sum(o.hit3 for o in chosen) / count)
    return rates


def report(outcomes: list[Outcome], misses: bool = True) -> str:
    """The hit@k table; with misses=False (the held-out set) no query is shown."""
    lines = [f"{'kind':<10} {'queries':>7} {'hit@1':>6} {'hit@3':>6}"]
    for kind, (count, hit1, hit3) in hit_rates(outcomes).items():
        lines.append(f"{kind:<10} {count:>7} {hit1:>6.2f} {hit3:>6.2f}")
    if not misses:
        return "\n".join(lines)
    misses = [o for o in outcomes if not o.hit3]
    for o in misses:
        top = ", ".join(links[0] if links else "?" for links in o.results[:3]) or "no results"
        lines.append(f"miss: {o.query.query!r} ({o.query.kind}) expected {o.query.expect}; top 3: {top}")
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    from playwright.sync_api import sync_playwright

    from browsing import CHROMIUM, CHROMIUM_ARGS

    base = sys.argv[1]
    file = Path(sys.argv[2]) if len(sys.argv) > 2 else QUERIES_FILE
    queries = load_queries(file)
    blind = file.resolve() == HELDOUT_FILE  # measure it, never read it
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.route(lambda url: not url.startswith(base), lambda route: route.abort())
        outcomes = run_queries(page, base, queries)
        for o in [] if blind else outcomes:
            print(f"{o.rank or '-':>2} {o.query.kind:<8} {o.query.query!r} -> "
                  + " | ".join(links[0] for links in o.results[:3]))
        print(report(outcomes, misses=not blind))
        browser.close()
