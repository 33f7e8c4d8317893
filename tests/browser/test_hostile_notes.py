"""Text from the notes never runs as script in what the hooks write.

A throw-away site whose notes carry `window.__pwned` markers in every place a note's text lands
somewhere else: a `.pages` title (navigation, home page), a page title held in a code span (topic
lists, footers, link previews), an acronym's expansion (tooltips, glossary), a picture's alt text
(the missing-picture placeholder), a heading id (the links in "Mentioned in"), tab and admonition
titles. Each is harmless on its own page, where Markdown shows it as text; the test opens every
page in Chromium, hovers what has a tooltip or preview, searches, and expects no marker to fire.
Raw HTML typed into a page runs on that page by Markdown's rule, so none is typed here.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from browsing import offline_context
from sitebuild import build_small_site, serve


def marker(name: str) -> str:
    return f'<img src=x onerror="window.__pwned.push(\'{name}\')">'


HOSTILE_NOTES = {
    "index.md": "# Notes\n\nThe home page.\n",
    "storage/.pages": "title: '" + f"Storage {marker('pages-title')}".replace("'", "''") + "'\n",
    "storage/index.md": "# Storage\n\nWhere data lives.\n",
    "storage/latency.md": (
        f"# Latency `{marker('page-title')}`\n\n"
        "* Objects in Amazon S3 reach clients fast\n"
        f"* Quoted Onmouseover Relay (QOR) is `{marker('code')}`\n"
    ),
    "storage/s3.md": (
        "---\nmissing_pictures:\n  - gone.png\n---\n\n"
        "# S3\n\n"
        "* Simple Storage Service (S3) keeps objects\n"
        "* Evil\" onmouseover=\"window.__pwned.push('expansion')\" Xylophone Tone (EXT) is a made-up term\n"
        "* The QOR and the EXT, again\n\n"
        f"![Tiers `x\" onmouseover=\"window.__pwned.push('alt')` here](gone.png)\n\n"
        f"## Classes {{: id='c\"><img src=x onerror=window.__pwned.push(\"id\")>' }}\n\n"
        "* Many\n\n"
        f'!!! note "Careful `{marker("admonition-title")}`"\n\n    Body\n\n'
        f'=== "Tab `{marker("tab-title")}`"\n\n    One\n\n'
        '=== "Other"\n\n    Two\n'
    ),
    "storage/glacier.md": (
        "# Glacier\n\n"
        "* Archives made from S3 objects, see the Classes, mind the Latency\n"
        "* QOR and EXT appear here too\n"
    ),
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    # Not strict: the id with quotes is a warning (it is slugged), and the site must still be safe.
    result = build_small_site(folder, HOSTILE_NOTES, strict=False)
    assert result.returncode == 0, result.log
    with serve(folder / "site") as base:
        yield base, folder / "site"


def test_no_text_from_the_notes_runs_as_script(browser, hostile_site):
    base, site_dir = hostile_site
    pages = sorted(p.relative_to(site_dir).parent.as_posix() for p in site_dir.rglob("index.html")
                   if "search" not in p.parts)
    context = offline_context(browser, viewport={"width": 1280, "height": 900})
    context.add_init_script("window.__pwned = [];")
    fired: dict[str, list[str]] = {}
    hovered = 0
    try:
        page = context.new_page()
        for path in pages:
            url = base + ("" if path == "." else path + "/")
            page.goto(url)
            page.wait_for_load_state("networkidle")
            for element in page.locator("article abbr, article a[href], .missing-picture").all():
                if element.is_visible():
                    element.hover(force=True)  # an open tooltip may lie over the next one
                    page.wait_for_timeout(150)  # a link preview loads the page it points to
                    hovered += 1
            page.keyboard.press("/")
            page.keyboard.type("Latency")
            page.wait_for_timeout(300)
            if markers := page.evaluate("window.__pwned"):
                fired[url] = markers
        page.goto(base + "404.html")  # the control: a marker that is markup does fire here
        page.evaluate(f"document.body.insertAdjacentHTML('beforeend', {marker('control')!r})")
        page.wait_for_function("window.__pwned.length > 0")
        assert page.evaluate("window.__pwned") == ["control"]
    finally:
        context.close()
    assert len(pages) >= 5 and hovered > 20, (pages, hovered)
    assert fired == {}, fired


def test_the_hostile_text_is_shown_as_text(hostile_site):
    # Not vacuous: the markers are on the generated pages, as the words the author typed.
    _, site_dir = hostile_site
    home = BeautifulSoup((site_dir / "index.html").read_text(encoding="utf-8"), "html.parser")
    texts = [a.get_text() for a in home.select("article a")]
    assert f"Storage {marker('pages-title')}" in texts
    assert f"Latency {marker('page-title')}" in texts
    glossary = BeautifulSoup((site_dir / "glossary" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert f"Latency {marker('page-title')}" in [a.get_text() for a in glossary.select("article li a")]
    glacier = BeautifulSoup((site_dir / "storage/glacier/index.html").read_text(encoding="utf-8"), "html.parser")
    tooltips = {abbr.get_text(): abbr["title"] for abbr in glacier.select("article abbr")}
    assert tooltips == {"QOR": "Quoted Onmouseover Relay", "EXT": "expansion')\" Xylophone Tone"}
