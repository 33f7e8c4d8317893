"""Links worth following: each backlink shows the sentence that mentions the page, footers are
grouped by topic and capped on hub pages, one subject in two places sees the other under a label
that tells them apart, and the glossary reads as compact entries.

Unit tests call hooks/footers.py and hooks/glossary.py directly; the rest read the one strict
build (conftest.py) and take what they expect from docs/ and from the built pages."""

from __future__ import annotations

import copy
import functools
import re
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from markdown.treeprocessors import Treeprocessor

from footers import (
    EXCERPT_CHARS,
    PER_TOPIC,
    SHOWN,
    Backlink,
    Excerpt,
    Pages,
    block_of,
    footer_html,
    mention_excerpt,
    same_subject,
    sentence_around,
    subject_key,
    with_lead,
)
from glossary import glossary_html
from sitebuild import ROOT, site_path
from sources import PageSource, Place
from term_index import TermIndex
from topics import Topic

DOCS = ROOT / "docs"


# --- the sentence around a mention (pure) -------------------------------------------------------

def excerpts_of(text: str, mention: str = "SQS") -> list[Excerpt]:
    """Render `text` with Python-Markdown, make each `mention` a link, read back its excerpt."""
    found = []

    class Read(Treeprocessor):
        def run(self, root):
            for element in root.iter("em"):
                if element.text == mention:  # *SQS* stands in for a link the build made
                    element.tag = "a"
            parents = {child: parent for parent in root.iter() for child in parent}
            for anchor in [e for e in root.iter("a") if e.text == mention]:
                block = block_of(anchor, parents)
                found.append(with_lead(mention_excerpt(block, anchor), block, parents))

    class Extension(markdown.Extension):
        def extendMarkdown(self, md):
            md.treeprocessors.register(Read(md), "read", -5)

    markdown.markdown(text, extensions=[Extension()])
    return found


def test_the_excerpt_is_the_sentence_holding_the_mention():
    [excerpt] = excerpts_of("First sentence here. Messages wait in *SQS* until read. Another one follows.\n")
    assert excerpt == Excerpt("Messages wait in ", "SQS", " until read.")


def test_a_nested_list_is_not_part_of_its_item_sentence():
    [first, second] = excerpts_of("* Decouple with *SQS* queues\n    * poll with *SQS* long polling\n")
    assert first == Excerpt("Decouple with ", "SQS", " queues")
    assert second.mention == "SQS" and "long polling" in second.after and "Decouple" not in second.after


def test_a_bare_list_item_borrows_the_line_its_list_hangs_from():
    [excerpt] = excerpts_of("Integrated with:\n\n* *SQS*\n* SNS\n")
    assert excerpt == Excerpt("", "SQS", "", lead="Integrated with:")


def test_code_in_the_sentence_reads_as_written():
    [excerpt] = excerpts_of("Call `<ReceiveMessage>` on *SQS* & wait\n")
    assert excerpt.before == "Call <ReceiveMessage> on " and excerpt.after == " & wait"


def test_a_long_sentence_is_cut_at_words_around_the_mention():
    before = " ".join(f"word{n}" for n in range(60)) + " "
    after = " " + " ".join(f"tail{n}" for n in range(60))
    excerpt = sentence_around(before, "SQS", after)
    assert excerpt.mention == "SQS"
    assert excerpt.before.startswith("…") and excerpt.after.endswith("…")
    assert EXCERPT_CHARS - 12 <= len("".join(excerpt)) <= EXCERPT_CHARS + 2
    assert re.fullmatch(r"…(word\d+ )+", excerpt.before) and re.fullmatch(r" (tail\d+ )*tail\d+…", excerpt.after)


# --- the footer (pure) --------------------------------------------------------------------------

def pages_of(topics: dict[str, str]) -> Pages:
    return Pages({page: f"Title <{page}>" for page in topics}, {}, topics,
                 {page: number for number, page in enumerate(topics)}, lambda page, anchor: f"/{page}#{anchor}")


def test_a_hub_footer_shows_five_per_topic_fifteen_in_all_and_folds_the_rest():
    topics = {f"t{t}/p{p}.md": f"Topic {t}" for t in range(6) for p in range(7)}  # 6 topics x 7 pages
    links = [Backlink(page, "", "", Excerpt("a ", "Hub", " b")) for page in topics]
    soup = BeautifulSoup(str(footer_html("hub/page.md", [], links, pages_of(topics))), "html.parser")
    entries = soup.select("ul.backlinks > li")
    shown = [li for li in entries if li.find_parent("details") is None]
    assert len(entries) == len(topics)                                   # nothing lost
    assert len(shown) == SHOWN
    for group in soup.select("section.backlinks-group"):
        assert len([li for li in group.select("ul.backlinks > li") if li.find_parent("details") is None]) <= PER_TOPIC
    assert [h.get_text() for h in soup.select("h3.backlinks-topic")] == [f"Topic {t}" for t in range(6)]
    assert "<Title" not in str(soup) and "&lt;t0/p0.md&gt;" in str(footer_html("x.md", [], links, pages_of(topics)))


def test_a_topic_index_leaves_out_its_own_pages():
    topics = {"s3/index.md": "S3", "s3/a.md": "S3", "ec2/b.md": "EC2"}
    links = [Backlink(page, "", "", None) for page in ("s3/a.md", "ec2/b.md")]
    soup = BeautifulSoup(str(footer_html("s3/index.md", [], links, pages_of(topics))), "html.parser")
    assert [a["href"] for a in soup.select("ul.backlinks > li > a")] == ["/ec2/b.md#"]


def test_see_also_labels_tell_two_places_of_one_name_apart():
    pages = Pages({"db/aurora.md": "Amazon Aurora"}, {("db/aurora.md", "s"): "Aurora Serverless",
                                                      ("db/aurora.md", "s_1"): "Aurora Serverless"},
                  {"db/aurora.md": "Databases"}, {}, lambda page, anchor: f"#{anchor}")
    soup = BeautifulSoup(str(footer_html("db/aurora.md", [Place("db/aurora.md", "s", 1),
                                                          Place("db/aurora.md", "s_1", 9)], [], pages)), "html.parser")
    labels = [a.get_text() for a in soup.select("#see-also + ul a")]
    assert labels == ["Databases › Amazon Aurora › Aurora Serverless (1 of 2)",
                      "Databases › Amazon Aurora › Aurora Serverless (2 of 2)"]


def topic(title: str, page: str, anchor: str = "") -> Topic:
    return Topic(title, Place(page, anchor, 1), 1, frozenset({title}))


def test_same_subject_ignores_vendor_brackets_plurals_and_the_own_topic_word():
    headings = [topic("Pre-Signed URLs", "s3/a.md"), topic("S3 Pre-Signed URLs", "s3/b.md"),
                topic("AWS Systems Manager (SSM)", "ops/ssm.md"), topic("Systems Manager", "sec/sm.md"),
                topic("Storage Classes", "s3/classes.md"), topic("EFS Storage Classes", "ec2/efs.md", "efs-classes"),
                topic("Route 53", "dns/route-53.md"), topic("Amazon Route 53", "dns/route-53.md", "amazon-route-53")]
    pairs = same_subject(headings, lambda page: {"s3": ["s3", "S3"], "ec2": ["ec2", "EC2"]}.get(page.split("/")[0], []))
    found = {(t.title, o.title) for t, others in pairs.items() for o in others}
    assert ("Pre-Signed URLs", "S3 Pre-Signed URLs") in found
    assert ("Systems Manager", "AWS Systems Manager (SSM)") in found
    assert not any("Storage Classes" in a for a, _ in found)            # EFS's are not S3's
    assert not any("Route 53" in a for a, _ in found)                   # a page and its own section
    assert subject_key("S3 Pre-Signed URLs", ["s3"]) == subject_key("Pre-Signed URLs") == "pre signed url"


# --- the glossary (pure) ------------------------------------------------------------------------

def small_index() -> TermIndex:
    return TermIndex.build([
        PageSource("vpc/nacl.md", "# Network Access Control List (NACL)\n\n* A NACL is stateless\n"),
        PageSource("vpc/sg.md", "# Security Groups\n\n* Unlike a NACL, stateful\n")])


def test_glossary_entry_is_compact_and_says_where_in_topic_and_page():
    soup = BeautifulSoup(str(glossary_html(small_index(), lambda page: f"/{page}", {"vpc/nacl.md": "VPC"})),
                         "html.parser")
    entry = soup.select_one("#term-nacl")
    assert entry.select_one("p > strong").get_text() == "NACL"
    assert entry.select_one(".glossary-expansion").get_text() == "Network Access Control List"
    assert entry.select_one(".glossary-where").get_text() == "defined in VPC › Network Access Control List (NACL)"
    used = entry.select_one("details.glossary-used")
    assert used.has_attr("data-search-exclude") and not used.has_attr("open")
    assert [a["href"] for a in used.select("a")] == ["/vpc/nacl.md", "/vpc/sg.md"]
    assert entry.select(".glossary-standard") == []


# --- the built site -----------------------------------------------------------------------------

def footer_of(site, url):
    return site.article(url).select_one(".knowledge-footer")


@functools.cache
def body_text(site, url) -> str:
    """The words of the page's own content, once a session: a page is the source of many backlinks."""
    return " ".join(site.body(url).get_text().split())


def test_every_backlink_shows_a_sentence_of_the_page_it_is_on_with_the_mention(site):
    checked = 0
    for path in site.html_files():
        url = site.url_of(path)
        footer = footer_of(site, url)
        for entry in footer.select("ul.backlinks > li") if footer else []:
            source = site_path(url, entry.a["href"]).split("#")[0]
            excerpt = entry.select_one(".backlink-excerpt")
            assert excerpt is not None, f"{url}: the entry for {source} has no sentence"
            mention = excerpt.strong.get_text()
            assert len(excerpt.get_text()) <= EXCERPT_CHARS + 10, excerpt
            # the mention is a cross-link here from that page, and the sentence is that page's text
            linked = [a.get_text() for a in site.article(source).select("a.autolink")
                      if site_path(source, a["href"]).split("#")[0] == url]
            assert " ".join(mention.split()) in [" ".join(text.split()) for text in linked], (url, source, mention)
            text = body_text(site, source)
            excerpt = copy.copy(excerpt)  # the parsed page is shared: cut the lead from a copy
            lead = excerpt.select_one(".backlink-lead")
            pieces = [lead.extract().get_text()] if lead else []
            for piece in pieces + excerpt.get_text().split("…"):
                piece = " ".join(piece.split()).removeprefix(": ")
                assert not piece or piece in text, f"{url}: '{piece}' is not on {source}"
            checked += 1
    assert checked > 300


def test_hub_footers_are_capped_by_topic_and_fold_the_rest(site):
    capped = 0
    for path in site.html_files():
        url = site.url_of(path)
        footer = footer_of(site, url)
        if not footer:
            continue
        entries = footer.select("ul.backlinks > li")
        shown = [li for li in entries if li.find_parent("details") is None]
        assert len(shown) <= SHOWN, url
        for group in footer.select("section.backlinks-group"):
            assert len([li for li in group.select("ul.backlinks > li")
                        if li.find_parent("details") is None]) <= PER_TOPIC, url
        folded = len(entries) - len(shown)
        counted = sum(int(re.match(r"and (\d+) more", s.get_text()).group(1))
                      for s in footer.select("details.backlinks-more > summary"))
        assert counted == folded, f"{url}: 'and N more' counts {counted}, {folded} folded"
        capped += folded > 0
    assert capped >= 3, "no hub page has a folded footer: the caps are never exercised"


def topic_folders() -> list[Path]:
    return [folder for folder in sorted(DOCS.iterdir()) if (folder / "index.md").exists()]


def test_a_topic_index_does_not_repeat_its_own_pages_in_its_footer(site):
    checked = 0
    for folder in topic_folders():
        url = f"{folder.name}/"
        own = {site_path(url, a["href"]) for a in site.article(url).select(".topic-pages a")}
        assert own, f"{url} lists no pages"
        footer = footer_of(site, url)
        listed = {site_path(url, li.a["href"]) for li in footer.select("ul.backlinks > li")} if footer else set()
        assert not own & listed, url
        checked += bool(listed)
    assert checked >= 5


def title_key(title: str) -> str:
    """A page title's subject, read from docs/ independently of the build's code: vendor, acronym
    in brackets, punctuation, case, plural and a leading topic word aside."""
    title = re.sub(r"\s*\(([A-Z0-9]+)\)\s*$", "", title)
    words = re.findall(r"[a-z0-9]+", title.lower())
    while words and words[0] in ("aws", "amazon"):
        words = words[1:]
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words)


def pages_by_subject() -> dict[str, list[str]]:
    """Page URL by subject, for each page of docs/, a leading word naming its topic dropped."""
    by_key: dict[str, list[str]] = {}
    for folder in topic_folders():
        pages_file = folder / ".pages"
        topic = (yaml.safe_load(pages_file.read_text()) or {}).get("title", folder.name) if pages_file.exists() \
            else folder.name
        for page in sorted(folder.glob("*.md")):
            if page.name == "index.md":
                continue
            title = next(line[2:].strip() for line in page.read_text().splitlines() if line.startswith("# "))
            key = title_key(title)
            first, _, rest = key.partition(" ")
            if rest and first in (folder.name.lower(), title_key(topic)):
                key = rest
            by_key.setdefault(key, []).append(f"{folder.name}/{page.stem}/")
    return by_key


def see_also_links(site, url) -> list:
    footer = footer_of(site, url)
    heading = footer.find("h2", id="see-also") if footer else None
    return heading.find_next("ul").select("a") if heading else []


def test_pages_of_one_subject_see_each_other_with_labels_that_tell_them_apart(site):
    groups = [urls for urls in pages_by_subject().values() if len(urls) > 1]
    print("\nsame-subject pages: " + "; ".join(" & ".join(urls) for urls in groups))
    assert groups, "docs/ has no two pages of one subject: nothing to check"
    for urls in groups:
        for here in urls:
            links = see_also_links(site, here)
            targets = [site_path(here, a["href"]).split("#")[0] for a in links]
            for there in urls:
                if there != here:
                    assert there in targets, f"{here} does not see {there}"
    # named examples, checked to exist first
    pair = ("s3/pre-signed-urls/", "s3/s3-pre-signed-urls/")
    if not all((site.dir / url / "index.html").exists() for url in pair):
        pytest.skip("the two S3 Pre-Signed URLs pages are no longer both in the notes")
    assert any(set(pair) == set(urls) for urls in groups)


def test_see_also_labels_name_topic_and_page_and_never_repeat_themselves(site):
    checked = 0
    for path in site.html_files():
        url = site.url_of(path)
        links = see_also_links(site, url)
        labels = [a.get_text() for a in links]
        assert len(set(labels)) == len(labels), f"{url}: two See also links read the same: {labels}"
        for link in links:
            text = link.get_text()
            target = site_path(url, link["href"]).split("#")[0]
            topic, _, rest = text.partition(" › ")
            assert rest, f"{url}: '{text}' names no topic"
            nav_topic = site.soup(target).select_one("nav.md-nav--primary .md-nav__item--active > label, "
                                                     "nav.md-nav--primary .md-nav__item--active > div > a")
            assert nav_topic is None or topic in nav_topic.get_text(" ", strip=True), (url, text)
            assert not re.search(r"^(.+): also in \1$", link.parent.get_text()), link.parent
            checked += 1
    assert checked >= 6


def test_glossary_entries_say_defined_in_topic_and_page_and_fold_their_uses(site):
    glossary = site.article("glossary/")
    entries = glossary.select("ul.glossary-terms > li")
    assert entries
    for entry in entries:
        if entry.select(".glossary-standard"):  # the notes never spell it out: defined nowhere in them
            continue
        where = entry.select(".glossary-where")
        assert where and all(w.get_text().startswith("defined in ") and " › " in w.get_text() for w in where), entry
        used = entry.select_one("details.glossary-used")
        if used is not None:
            count = int(re.search(r"(\d+) pages?", used.summary.get_text()).group(1))
            assert count == len(used.select("a")) and used.has_attr("data-search-exclude")
    assert len(glossary.select(".glossary-letters a")) == len(glossary.select("h2"))


def test_glossary_marks_the_expansions_that_are_not_from_the_notes(site):
    import yaml

    from sitebuild import ROOT
    vocabulary = yaml.safe_load((ROOT / "hooks" / "vocabulary.yml").read_text(encoding="utf-8"))
    reviewed = set(vocabulary["standard"]) | set(vocabulary.get("senses") or {})  # expansions from the file
    entries = site.article("glossary/").select("ul.glossary-terms > li")
    marked = {entry.select_one("strong").get_text() for entry in entries if entry.select(".glossary-standard")}
    assert marked, "no glossary entry is marked 'standard expansion, not from the notes'"
    assert marked <= reviewed, marked - reviewed
