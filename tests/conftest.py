"""One strict build of the real site per test session; every content test reads its HTML."""

from __future__ import annotations

import copy
import gc
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from sitebuild import ROOT, Build, build, serve, summaries


class Site:
    """The built site: pages by URL path ('ec2/ebs/'), each parsed once, its article found once and
    its body (the article less the generated footer) copied once, for the whole session. They are
    shared by every test: read them, never cut them (cut from a copy).

    Once one is made, gc.freeze() moves everything then alive out of the garbage collector's
    reach: the pages live until the session ends, and walking their millions of objects again at
    every full collection cost the fast loop about 4 s, freeing them one by one at exit another
    5 s. (A cycle that happened to be garbage at that moment is never freed: a little memory.)"""

    def __init__(self, result: Build):
        self.result = result
        self.dir = result.site_dir
        self._soups: dict[str, BeautifulSoup] = {}
        self._articles: dict[str, Tag | None] = {}
        self._bodies: dict[str, Tag] = {}
        self._html_files: list[Path] | None = None

    def html_files(self) -> list[Path]:
        if self._html_files is None:
            self._html_files = sorted(p for p in self.dir.rglob("*.html") if p.name != "404.html")
        return list(self._html_files)

    def url_of(self, path: Path) -> str:
        relative = path.relative_to(self.dir).parent.as_posix()
        return "" if relative == "." else relative + "/"

    def soup(self, url: str) -> BeautifulSoup:
        if url not in self._soups:
            self._soups[url] = BeautifulSoup((self.dir / url / "index.html").read_text(encoding="utf-8"),
                                             "html.parser")
            gc.freeze()
        return self._soups[url]

    def article(self, url: str) -> Tag | None:
        if url not in self._articles:
            self._articles[url] = self.soup(url).select_one("article.md-content__inner")
        return self._articles[url]

    def body(self, url: str) -> Tag:
        """The page's own content: the article without the generated footer ("See also",
        "Mentioned in")."""
        if url not in self._bodies:
            body = copy.copy(self.article(url))  # the parsed page is shared: cut from a copy
            for footer in body.select(".knowledge-footer"):
                footer.extract()
            self._bodies[url] = body
            gc.freeze()
        return self._bodies[url]


def pytest_terminal_summary(terminalreporter):
    for text in summaries:
        terminalreporter.write_line("")
        for line in text.splitlines():
            terminalreporter.write_line(line)


def pytest_sessionfinish(session):
    if hasattr(session.config, "workeroutput"):  # a pytest-xdist worker: its summaries go to the controller
        session.config.workeroutput["summaries"] = summaries


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """pytest-xdist's controller, as each worker ends: keep the summaries it left."""
    summaries.extend(getattr(node, "workeroutput", {}).get("summaries", []))


def pytest_collection_modifyitems(config, items):
    # `make check` leaves these out: it is the fast loop, one strict build and what reads it.
    for item in items:
        if "browser" in item.path.parts:
            item.add_marker(pytest.mark.browser)
    if hasattr(config, "workerinput"):  # collected for pytest-xdist (make test: -n 2 --dist loadfile)
        items[:] = longest_first(items)


def longest_first(items: list) -> list:
    """The test files that take longest first, so that the workers finish together: those with
    tests that build sites of their own (a minute or more), then the browser tests (tens of
    seconds), then those that read the one shared build, which fill the gaps at the end. A file
    stays whole (--dist loadfile sends it to one worker: its module fixtures are made once) and
    keeps its order; so do the files within each group."""
    def weight(item) -> int:
        return 0 if any(i.get_closest_marker("own_builds") for i in files[item.path]) \
            else 1 if item.get_closest_marker("browser") else 2
    files: dict = {}
    for item in items:
        files.setdefault(item.path, []).append(item)
    return sorted(items, key=weight)  # stable


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Site:
    result = build(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("site") / "site")
    assert result.returncode == 0, result.log
    assert result.warnings == [], "\n".join(result.warnings)
    return Site(result)


@pytest.fixture(scope="session")
def served_site(site):
    """The built site over HTTP on 127.0.0.1, as a reader's browser gets it."""
    with serve(site.dir) as base:
        yield base
