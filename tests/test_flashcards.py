"""Study mode as built: the Flashcards page and its deck, the Anki package, "Mark as studied" on
every notes page, the home page's dashboard, and none of it in the search index.

What the deck should hold is counted from docs/ with the tests' own regular expressions (tips,
highlights) or from the built Glossary (terms); only the numbers, a tuned heuristic, are taken
from study.py itself.
"""

from __future__ import annotations

import json
import re
import sqlite3
import zipfile
from collections import Counter

import pytest
from bs4 import BeautifulSoup
from markupsafe import Markup

from anki_package import published_url
from flashcards import Card, card_id, cloze, deck, make_card, source_title
from notes import notes
from sitebuild import ROOT, build, search_documents
from sources import PageSource, Place, plain
from study import StudyNotes, quantities

FENCE = re.compile(r"^\s*(```|~~~)")
CODE_SPAN = re.compile(r"`[^`\n]*`")
TIP = re.compile(r"^\s*!!!\+?\s*tip\b", re.IGNORECASE)
TAB = re.compile(r'^\s*===!?\+?\s+"')
HIGHLIGHT = re.compile(r"(?<!=)==(?![=\s])(.+?)(?<!\s)==(?!=)")
SITE_URL = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
ANKI = "aws-associate-notes.apkg"


def prose_lines(markdown: str):
    """The lines of a page outside fenced code."""
    fence = None
    for line in markdown.split("\n"):
        opened = FENCE.match(line)
        if opened:
            fence = None if fence == opened.group(1) else (fence or opened.group(1))
        elif not fence:
            yield line


def tips_in_docs() -> int:
    return sum(1 for page in notes().pages for line in prose_lines(page.markdown) if TIP.match(line))


def highlights_in_docs() -> int:
    return sum(len(HIGHLIGHT.findall(CODE_SPAN.sub("", line)))
               for page in notes().pages for line in prose_lines(page.markdown) if not TAB.match(line))


def deck_cards(site) -> list:
    return site.soup("flashcards/").select(".study-deck__card")


def test_the_deck_holds_a_card_per_term_tip_highlight_and_number(site):
    terms = len(site.soup("glossary/").select("li[id^=term-]"))
    pages = [PageSource(page.path, (ROOT / "docs" / page.path).read_text(encoding="utf-8")) for page in notes().pages]
    # The same sentence twice in one section (two tabs alike) is one question: one card.
    numbers = len({(q.place.page, q.place.anchor, plain(q.sentence)) for q in quantities(pages, lambda page: "")})
    kinds = Counter(card["data-kind"] for card in deck_cards(site))
    assert terms > 50 and tips_in_docs() > 10 and highlights_in_docs() > 10 and numbers > 50
    assert kinds == {"term": terms, "tip": tips_in_docs(), "highlight": highlights_in_docs(), "number": numbers}
    ids = [card["data-card"] for card in deck_cards(site)]
    assert len(set(ids)) == len(ids), "two cards share an id"


def test_every_card_links_to_its_source_section(site):
    for card in deck_cards(site):
        link = card.select_one(".study-deck__source a")
        assert link is not None and link["href"].startswith("../"), card
        assert card.select_one(".study-deck__front").get_text(strip=True), card
        assert card.select_one(".study-deck__back").get_text(strip=True), card


def test_cloze_cards_hide_what_their_answer_shows(site):
    for card in deck_cards(site):
        if card["data-kind"] in ("number", "highlight"):
            front, back = card.select_one(".study-deck__front"), card.select_one(".study-deck__back")
            hidden = [mark.get_text() for mark in back.select("mark")]
            assert hidden, card
            if front.select(".card-gap"):
                assert len(front.select(".card-gap")) == len(hidden), card


def test_the_flashcards_page_offers_topics_kinds_and_the_anki_package(site):
    page = site.soup("flashcards/")
    topics = [option["value"] for option in page.select("select[data-study-topic] option") if option["value"]]
    assert topics and set(topics) <= {topic.folder for topic in notes().topics}
    assert [o["value"] for o in page.select("select[data-study-kind] option")] == ["", "term", "number",
                                                                                  "highlight", "tip"]
    assert [b["data-grade"] for b in page.select("button[data-grade]")] == ["1", "2", "3", "4"]
    assert page.select_one(f'a[href="../{ANKI}"][download]') is not None
    nav = [a["href"] for a in site.soup("").select("nav.md-nav--primary a.md-nav__link")]
    assert "flashcards/" in nav, "the Flashcards page is not in the navigation"


def test_the_anki_package_holds_the_deck_as_anki_reads_it(site, tmp_path):
    cards = {card["data-card"]: card for card in deck_cards(site)}
    with zipfile.ZipFile(site.dir / ANKI) as package:
        assert "collection.anki2" in package.namelist()
        package.extract("collection.anki2", tmp_path)
    with sqlite3.connect(tmp_path / "collection.anki2") as db:
        notes_rows = db.execute("SELECT guid, flds, tags FROM notes").fetchall()
        card_count = db.execute("SELECT count(*) FROM cards").fetchone()[0]
    assert len(notes_rows) == card_count == len(cards)
    assert {guid for guid, _, _ in notes_rows} == set(cards)
    for guid, fields, tags in notes_rows:
        front, back, source, topic, kind = fields.split("\x1f")
        card = cards[guid]
        assert card["data-kind"] in tags
        link = re.search(r'href="([^"]+)"', source).group(1)
        assert link.startswith(SITE_URL), link
        if card["data-kind"] == "term":
            acronym = card.select_one(".card-term").get_text()
            assert acronym in front and kind == "Acronyms"
            expansion = card.select_one(".study-deck__back strong").get_text()
            assert expansion in BeautifulSoup(back, "html.parser").get_text(), (acronym, back)


def test_every_notes_page_has_a_mark_as_studied_button(site):
    topic_pages = {page.path for topic in notes().topics for page in (topic.index, *topic.pages) if page}
    assert len(topic_pages) > 100
    for page in notes().pages:
        button = site.article(page.url).select_one("button[data-study-page]")
        if page.path in topic_pages:
            assert button is not None and button["data-study-page"] == page.path, page.url
            assert button["data-study-topic"] == page.path.split("/")[0]
            assert button.find_parent(attrs={"data-search-exclude": True}) is not None
        else:
            assert button is None, page.url
    assert site.article("flashcards/").select_one("button[data-study-page]") is None


def test_the_study_data_lists_every_topic_and_its_pages(site):
    script = (site.dir / "assets" / "javascripts" / "study-data.js").read_text(encoding="utf-8")
    data = json.loads(script.split("window.__studyData = ", 1)[1].rstrip().rstrip(";"))
    expected = [(topic.folder, sorted(p.path for p in (topic.index, *topic.pages) if p)) for topic in notes().topics]
    assert [(t["folder"], sorted(t["pages"])) for t in data["topics"]] == expected


def test_the_home_page_opens_with_the_study_dashboard(site):
    home = site.article("")
    headings = [h["id"] for h in home.select("h2")]
    first_section = next(line for line in notes().home.markdown.split("\n") if line.startswith("## "))
    assert headings[0] == "study-dashboard", headings
    dashboard = home.select_one(".study-dashboard")
    assert dashboard.find_previous("h2")["id"] == "study-dashboard"
    assert first_section[3:].strip() == home.select("h2")[1].get_text().replace("¶", "").strip()
    rows = dashboard.select(".study-topics > li")
    assert [row["data-study-topic"] for row in rows] == [topic.folder for topic in notes().topics]
    for row, topic in zip(rows, notes().topics, strict=True):
        assert row.a["href"] == topic.url
        assert row.select_one("[data-study-count]").get_text() == f"{len(topic.pages) + bool(topic.index)} pages"
    links = {a["href"]: a.get_text() for a in dashboard.select("p a")}
    assert links["flashcards/"] == "Flashcards" and links["glossary/"] == "Glossary"
    for url in ("tips/", "comparisons/", "numbers/"):  # linked if the build made them
        built = site.dir / url / "index.html"
        assert (url in links) == built.is_file(), url
        if built.is_file():
            assert links[url] == site.soup(url).select_one("article h1").get_text().replace("¶", "").strip()
    assert "search" in dashboard.get_text().lower() and dashboard.select("kbd")
    assert dashboard.has_attr("data-search-exclude")


def test_generated_study_pages_and_controls_are_not_searched(site):
    docs = search_documents(site.dir)
    locations = [doc["location"] for doc in docs]
    assert not [loc for loc in locations if loc.startswith("flashcards/")]
    text = " ".join(doc["text"] for doc in docs)
    assert "Mark as studied" not in text and "Export progress" not in text and "spaced repetition" not in text
    assert any(loc.startswith("ec2/ebs/") for loc in locations), "the check would pass on an empty index"


# --- Card ids ------------------------------------------------------------------------------------


def test_a_card_id_depends_on_source_and_content_not_on_the_line():
    here = Place("ec2/ebs.md", "ebs-snapshots", 10)
    moved = here._replace(line=30)
    assert card_id("number", here, "a", "b") == card_id("number", moved, "a", "b")
    assert card_id("number", here, "a", "b") != card_id("number", here, "a", "c")
    assert card_id("number", here, "a", "b") != card_id("number", here._replace(anchor="x"), "a", "b")
    assert card_id("number", here, "a", "b") != card_id("tip", here, "a", "b")
    card = make_card("tip", here, ("a", "b"), Markup("<p>a</p>"), Markup("<p>b</p>"))
    assert isinstance(card, Card) and card.topic == "ec2" and len(card.id) == 16


def test_cloze_hides_the_longest_figure_and_escapes_the_rest():
    front, back = cloze("Up to 10 GB <or> 10 files", ["10", "10 GB"])
    assert str(front) == 'Up to <span class="card-gap">…</span> &lt;or&gt; <span class="card-gap">…</span> files'
    assert str(back) == "Up to <mark>10 GB</mark> &lt;or&gt; <mark>10</mark> files"


def test_published_urls_are_the_hosted_sites_directory_urls():
    assert published_url("https://x.io/", "ec2/ebs.md", "snap") == "https://x.io/ec2/ebs/#snap"
    assert published_url("https://x.io", "ec2/index.md") == "https://x.io/ec2/"
    assert published_url("https://x.io/", "index.md") == "https://x.io/"


@pytest.mark.own_builds
def test_card_ids_are_the_same_in_a_second_build(site, tmp_path):
    again = build(ROOT / "mkdocs.yml", tmp_path / "site")
    assert again.returncode == 0, again.log
    first = [card["data-card"] for card in deck_cards(site)]
    second_page = (tmp_path / "site" / "flashcards" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'data-card="([0-9a-f]{16})"', second_page) == first


def test_without_the_knowledge_layer_the_deck_has_every_card_but_the_terms():
    page = PageSource("s/lambda.md", '# AWS Lambda\n\n## Limits\n\n* Timeout: ==900 seconds== max\n\n'
                                     '!!! tip "Cold starts"\n\n    Keep the package small.\n')
    cards = deck(StudyNotes.build([page], lambda uri: "Serverless"))
    assert Counter(card.kind for card in cards) == {"number": 1, "highlight": 1, "tip": 1}
    assert source_title(cards[0].place, StudyNotes.build([page], lambda uri: "")) == "AWS Lambda › Limits"
