"""Study mode: the pure extractors (hooks/study.py) and the pages the build makes from them
(/tips/, /comparisons/, /numbers/), checked against docs/ as it is, read here with regexes of the
tests' own; and the numbers extractor measured on hand-labelled lines: the development set
(tests/labels/numbers_dev.yml, tuned on) and the held-out set (tests/labels/heldout/numbers.yml,
written blind and never tuned on)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from notes import FENCE, notes
from sitebuild import summary
from sources import PageSource, plain
from study import (
    Comparison,
    Quantity,
    StudyNotes,
    Tip,
    comparisons,
    highlights,
    is_tab_comparison,
    line_quantity,
    quantities,
    tab_groups,
    tips,
)
from test_structure import Link, broken

LABELS = Path(__file__).parent / "labels"
STUDY_URLS = ["tips/", "comparisons/", "numbers/"]
TIP = re.compile(r"^\s*!!!\s*tip\b", re.I)
VS_HEADING = re.compile(r"^#{1,6} .*\b(?:vs|versus)\b", re.I)
TAB = re.compile(r'^( *)=== +"([^"]+)"')
HELD_OUT_FLOOR = {"precision": 0.95, "recall": 0.90}
GONE_CEILING = 0.25


def content_lines(markdown: str):
    """(line number, line) outside fenced code."""
    fenced = False
    for number, line in enumerate(markdown.split("\n"), 1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            yield number, line


def count_in_docs(pattern: re.Pattern) -> int:
    return sum(1 for page in notes().pages for _, line in content_lines(page.markdown) if pattern.match(line))


def topic(uri: str) -> str:
    return uri.split("/")[0]


# --- the pure extractors -------------------------------------------------------------------------

def source(text: str, uri: str = "t/page.md") -> PageSource:
    return PageSource(uri, text)


def test_tips_in_any_case_with_title_body_and_place():
    page = source('# Page\n\n## Limits\n\n!!! Tip "Remember"\n\n    * Max **15** minutes\n    * Then stop\n\n'
                  "Not in it\n\n!!! note\n\n    not a tip\n\n```\n!!! tip\n    in code\n```\n")
    found = tips([page], topic)
    assert found == [Tip(found[0].place, "t", "Remember", "Max 15 minutes Then stop", "")]
    assert (found[0].place.anchor, found[0].place.line) == ("limits", 5)


def test_tab_groups_and_the_comparison_rule():
    lines = tuple('=== "A"\n\n    a\n\n=== "B"\n\n    b\n\ntext\n\n=== "C"\n\n    c\n'.split("\n"))
    assert tab_groups(lines) == [(0, ("A", "B")), (10, ("C",))]
    services = {"sqs", "sns", "ec2"}
    assert is_tab_comparison(("Site to Site VPN", "Direct Connect (DX)"), "Site to Site VPN & Direct Connect", services)
    assert is_tab_comparison(("SQS", "SNS"), "Messaging", services)                   # page titles
    assert is_tab_comparison(("SQS Queue", "SNS Queue"), "Queues", services)          # differ by a service
    assert not is_tab_comparison(("Compute Savings Plan", "EC2 Savings Plan"), "Savings Plans", services)
    assert not is_tab_comparison(("Simple", "Weighted", "Failover"), "Routing Policies", services)
    assert not is_tab_comparison(("SQS",), "SQS", services)


def test_comparisons_from_headings_and_from_tabs():
    pages = [source("# SQS\n\ntext\n", "m/sqs.md"), source("# SNS\n\ntext\n", "m/sns.md"),
             source('# Messaging\n\n## Queues versus topics\n\n=== "Queues"\n\n    q\n\n=== "Topics"\n\n    t\n\n'
                    '## Both\n\n=== "SQS"\n\n    q\n\n=== "SNS"\n\n    n\n\n## Kinds\n\n=== "FIFO"\n\n    f\n\n'
                    '=== "Standard"\n\n    s\n', "m/messaging.md")]
    found = comparisons(pages, topic)
    assert [(c.title, c.sides, c.place.anchor) for c in found] == [
        ("Queues versus topics", ("Queues", "topics"), "queues-versus-topics"),  # its tabs are its content
        ("Both", ("SQS", "SNS"), "both")]


@pytest.mark.parametrize(("line", "figures"), [
    ("* Maximum execution time: 900 seconds (15 minutes)", ("900 seconds", "15 minutes")),
    ("* Free tier of 1,000,000 requests", ("1,000,000",)),
    ("* Designed for 99.99% availability, six copies across three AZs", ("99.99%", "six", "three")),
    ("* Pricing: $5.00 per TB scanned", ("$5.00",)),
    ("* Takes at least a month to establish", ("at least a month",)),
    ("* Retention between 1 day to 365 days", ("1 day", "365 days")),
    ("* 10x faster", ("10x",)),
    ("* Route 53 and Layer 7 and port 443 and TLS 1.2", ()),
    ('* throttled with a 429 "TooManyRequestsException"', ()),
    ("* t2.micro, gp2, io1, S3, EC2, IPv4, AES-256, FIPS 140-2 Level 3", ()),
    ("* Version 2012-10-17 and 10.0.0.0/16", ()),
    ("* Option 1: Partition Key, 3rd party, one or more, a single table", ()),
    ("* at least once delivery; `sleep 300`", ()),
])
def test_a_line_states_a_quantity_or_not(line, figures):
    assert line_quantity(line)[1] == figures


def test_quantities_and_highlights_know_their_place_and_service():
    page = source("# AWS Lambda\n\n## Limits\n\n* Timeout: ==900 seconds== max\n* No number here\n", "s/lambda.md")
    assert quantities([page], topic) == [
        Quantity(quantities([page], topic)[0].place, "s", "AWS Lambda", "Timeout: 900 seconds max", ("900 seconds",))]
    found = highlights([page], topic)
    assert [(h.text, h.sentence, h.place.anchor, h.place.line) for h in found] == [
        ("900 seconds", "Timeout: 900 seconds max", "limits", 5)]


def test_study_notes_render_tips_and_comparisons_once():
    pages = [source('# EC2\n\n## A vs B\n\n* a\n\n!!! tip\n\n    **bold**\n', "e/ec2.md")]
    rendered = []
    notes_ = StudyNotes.build(pages, topic, lambda page, text: rendered.append(text) or f"<p>{text}</p>")
    assert notes_.tips[0].html == "<p>**bold**</p>"
    assert notes_.comparisons == (Comparison(notes_.comparisons[0].place, "e", "A vs B", ("A", "B")),)
    assert len(rendered) == 2 and notes_.sections[("e/ec2.md", "a-vs-b")] == "A vs B"


# --- the pages in the built site -----------------------------------------------------------------

def test_tips_page_shows_every_tip_in_the_notes_rendered(site):
    article = site.article("tips/")
    cards = article.select(".study-tip")
    assert len(cards) == count_in_docs(TIP) > 0
    text = article.get_text(" ")
    assert "!!!" not in text and "**" not in text, "raw Markdown on /tips/"
    topics = [h2.get_text().rstrip("¶") for h2 in article.select("h2")]
    order = [t.title for t in notes().topics]
    assert topics == sorted(topics, key=order.index), "topics not in the notes' order"


def test_comparisons_page_has_every_vs_heading_an_index_and_unique_ids(site):
    article = site.article("comparisons/")
    titles = [h3.get_text().rstrip("¶") for h3 in article.select("h3")]
    vs_headings = [plain(line.lstrip("#").strip()) for page in notes().pages
                   for _, line in content_lines(page.markdown) if VS_HEADING.match(line)]
    assert vs_headings and all(title in titles for title in vs_headings)
    tab_groups_in_docs = sum(1 for page in notes().pages for n, line in content_lines(page.markdown)
                             if TAB.match(line) and not re.match(r"\s*===", page.markdown.split("\n")[n - 3]))
    assert len(vs_headings) < len(titles) < len(vs_headings) + tab_groups_in_docs, "tab comparisons: none or all"
    rows = article.select("table tbody tr")
    assert len(rows) == len(titles) == len(article.select(".study-excerpt"))
    assert all(row.select_one("a")["href"].startswith("#") for row in rows)
    ids = [tag["id"] for tag in site.soup("comparisons/").find_all(id=True)]
    assert len(ids) == len(set(ids))


def test_numbers_page_marks_each_figure_of_each_line(site):
    article = site.article("numbers/")
    items = article.select(".study-numbers li")
    assert len(items) > 100
    for item in items:
        assert item.select("mark"), item.get_text()
        assert all(line_quantity(mark.get_text())[1] or mark.get_text().strip() for mark in item.select("mark"))


@pytest.mark.parametrize("url", STUDY_URLS)
def test_every_link_back_lands_on_a_section_of_the_notes(site, url):
    links = [a["href"] for a in site.article(url).select(".study-source a, table a")]
    assert links
    back = [href for href in links if not href.startswith("#")]
    assert [href for href in back if broken(site, Link(url, href))] == []
    assert any("#" in href for href in back), "no link back leads to a section"  # a page's top has no anchor


def test_study_pages_are_out_of_the_search_index_and_in_the_study_section(site):
    from sitebuild import search_documents
    docs = search_documents(site.dir)
    assert not [doc["location"] for doc in docs if doc["location"].split("/")[0] + "/" in STUDY_URLS]
    assert any(doc["location"].startswith("ec2/") for doc in docs)
    nav = site.soup("tips/").select_one(".md-nav--primary")
    labels = [label.get_text(strip=True) for label in nav.select(":scope > ul > li > label, :scope > ul > li > a")]
    topics = [t.title for t in notes().topics]
    assert labels.index("Study") == max(labels.index(t) for t in topics if t in labels) + 1
    home = site.article("")
    assert {a["href"] for a in home.select(".study-links a")} == set(STUDY_URLS)


# --- the numbers extractor, measured -------------------------------------------------------------

def measure(labels: list[dict]) -> tuple[float, float, int, int]:
    """Precision and recall of lines labelled quantity: true; (…, cases measured, cases gone). A
    case whose line the reader has since edited no longer applies; a line that moved still does."""
    texts = {page.path: page.markdown.split("\n") for page in notes().pages}
    offsets = {page.path: page.front_matter_lines for page in notes().pages}
    tp = fp = fn = measured = gone = 0
    for case in labels:
        lines = texts.get(case["page"], [])
        number = case["line"] - offsets.get(case["page"], 0)
        line = lines[number - 1] if 0 < number <= len(lines) else None
        if line is None or line.strip() != case["text"]:
            line = next((other for other in lines if other.strip() == case["text"]), None)
        if line is None:
            gone += 1
            continue
        measured += 1
        found = bool(line_quantity(line)[1])
        tp += found and case["quantity"]
        fp += found and not case["quantity"]
        fn += not found and case["quantity"]
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1), measured, gone


@pytest.mark.measures
@pytest.mark.parametrize("name", ["numbers_dev.yml", "heldout/numbers.yml"])
def test_numbers_extractor_precision_and_recall(name):
    labels = yaml.safe_load((LABELS / name).read_text(encoding="utf-8"))
    precision, recall, measured, gone = measure(labels)
    summary(f"numbers {name}: precision {precision:.3f}, recall {recall:.3f} "
            f"({measured} lines measured, {gone} no longer apply)")
    assert gone <= GONE_CEILING * len(labels), f"{gone} of {len(labels)} labelled lines are gone from docs/"
    assert precision >= HELD_OUT_FLOOR["precision"] and recall >= HELD_OUT_FLOOR["recall"]


def test_a_highlight_keeps_its_sentence_not_its_whole_line():
    line = "* ==Count== – WAF counts the request. With ==this action==, WAF goes on, e.g. to the next rule."
    assert [(h.text, h.sentence) for h in highlights([source(f"# WAF\n\n{line}\n")], topic)] == [
        ("Count", "Count – WAF counts the request."),
        ("this action", "With this action, WAF goes on, e.g. to the next rule.")]
    # A sentence that runs on is cut at a space either side: what each costs does not grow with its line.
    run_on = "word " * 5000 + "the ==key phrase== here " + "more " * 5000
    [found] = highlights([source(f"# Page\n\n{run_on}\n")], topic)
    assert found.text == "key phrase" and 250 < len(found.sentence) < 350
    assert found.sentence.startswith("word") and found.sentence.endswith("more")
