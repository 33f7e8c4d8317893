"""Search quality as a student meets it: queries typed into Material's search box (lunr in a web
worker), the first three results read off the page. The queries and their answers are in
search_queries.yml; the run prints hit@1 and hit@3 per kind of query."""

from __future__ import annotations

from collections import Counter

from browsing import summary
from search_ui import KINDS, load_queries, report, run_queries
from sitebuild import ROOT

HIT3_FLOOR = 0.90
REPORT = ROOT / "build" / "search-quality.txt"  # the last run's table, for people to read


def test_queries_cover_every_kind_and_name_real_pages_and_sections(site):
    queries = load_queries()
    kinds = Counter(query.kind for query in queries)
    assert len(queries) >= 40, f"only {len(queries)} queries"
    assert set(kinds) == set(KINDS) and min(kinds.values()) >= 10, kinds
    assert len({query.query.lower() for query in queries}) == len(queries), "a query is listed twice"
    for query in queries:
        page, _, anchor = query.expect.partition("#")
        assert (site.dir / page / "index.html").is_file(), f"{query.query!r}: no page {page}"
        if anchor:
            assert site.soup(page).find(id=anchor), f"{query.query!r}: no section #{anchor} on {page}"


def test_expected_page_is_in_the_top_three_results(page, served_site):
    outcomes = run_queries(page, served_site, load_queries())
    table = report(outcomes)
    summary("Search quality (tests/browser/search_queries.yml):\n" + table)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(table + "\n", encoding="utf-8")
    hit3 = sum(outcome.hit3 for outcome in outcomes) / len(outcomes)
    assert hit3 >= HIT3_FLOOR, f"hit@3 = {hit3:.2f} < {HIT3_FLOOR}\n{table}"
    assert page.context.traffic.errors == []
