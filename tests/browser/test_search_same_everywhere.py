"""The same search everywhere: the first three results for queries of the development set are the
same on the served build, from `mkdocs serve`, and from the offline build opened from file://
(tools/offline.py; the worker then loads search_documents.js instead of fetching the .json). Each
is the same build with the same documents and index; this checks that nothing on the way (the
offline plugin's .html links, the iframe worker shim, the dev server) changes what is found."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from search_ui import load_queries, open_search, search
from sitebuild import ROOT

QUERY_COUNT = 10
pytestmark = pytest.mark.own_builds


def queries() -> list[str]:
    chosen = load_queries()
    return [query.query for query in chosen[:: max(1, len(chosen) // QUERY_COUNT)][:QUERY_COUNT]]


def served_form(link: str) -> str:
    """An offline link ('vpc/nacl.html#x', 'vpc/index.html') as the served site writes it ('vpc/nacl/#x')."""
    page, hash_, anchor = link.partition("#")
    page = page.split("?")[0]
    if page.endswith("index.html"):
        page = page[: -len("index.html")]
    elif page.endswith(".html"):
        page = page[: -len(".html")] + "/"
    return page + hash_ + anchor


def top_three(page, base: str, start: str, texts: list[str], offline: bool = False) -> dict[str, list]:
    page.goto(start)
    open_search(page)
    found = {}
    for text in texts:
        results = search(page, base, text)[:3]
        found[text] = [[served_form(link) if offline else link.split("?")[0] for link in links]
                       for links in results]
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_first_three_results_are_the_same_served_from_mkdocs_serve_and_offline(context, served_site, tmp_path):
    texts = queries()
    assert len(texts) == QUERY_COUNT
    page = context.new_page()
    page.set_default_timeout(15_000)
    served = top_three(page, served_site, served_site, texts)
    assert all(served.values()), served

    built = subprocess.run([sys.executable, str(ROOT / "tools" / "offline.py"), str(tmp_path / "offline"),
                            str(tmp_path / "offline.zip")], capture_output=True, text=True, cwd=ROOT)
    assert built.returncode == 0, built.stdout + built.stderr
    home = tmp_path / "offline" / "index.html"
    offline = top_three(page, home.parent.as_uri() + "/", home.as_uri(), texts, offline=True)
    assert offline == served

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "--dev-addr",
                               f"127.0.0.1:{port}"], cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        base = f"http://127.0.0.1:{port}/"
        for _ in range(120):
            try:
                urllib.request.urlopen(base + "search/search_documents.json", timeout=1).close()
                break
            except OSError:
                time.sleep(0.5)
        dev = top_three(page, base, base, texts)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert dev == served
    assert context.traffic.errors == []
