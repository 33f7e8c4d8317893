"""One strict build of the real site per test session; every content test reads its HTML."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitebuild import ROOT, Build, build


class Site:
    """The built site: pages by URL path ('ec2/ebs/'), parsed once each."""

    def __init__(self, result: Build):
        self.result = result
        self.dir = result.site_dir

    def html_files(self) -> list[Path]:
        return sorted(p for p in self.dir.rglob("*.html") if p.name != "404.html")

    def url_of(self, path: Path) -> str:
        relative = path.relative_to(self.dir).parent.as_posix()
        return "" if relative == "." else relative + "/"

    @functools.lru_cache(maxsize=None)
    def soup(self, url: str) -> BeautifulSoup:
        return BeautifulSoup((self.dir / url / "index.html").read_text(encoding="utf-8"), "html.parser")

    def article(self, url: str):
        return self.soup(url).select_one("article.md-content__inner")


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Site:
    result = build(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("site") / "site")
    assert result.returncode == 0, result.log
    assert result.warnings == [], "\n".join(result.warnings)
    return Site(result)


@pytest.fixture(scope="session")
def served_site(site):
    """The built site over HTTP on 127.0.0.1, as a reader's browser gets it."""
    handler = functools.partial(_QuietHandler, directory=str(site.dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
