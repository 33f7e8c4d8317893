"""The notes can change: a note-taker's edits, one after another, and the site follows each.

In a copy of the project the test does what the notes' reader does while studying, in order and
cumulatively: mention another service, define an acronym, add a page, add a topic, rename a heading
others mention, delete a page, move a page. After each edit the copy is built strictly, and the
tests below read what that build made: navigation, topic lists, glossary, tooltips, cross-links,
"Mentioned in" footers and the search index. Where an edit is really wrong (a Markdown link left
pointing at a page that is gone or moved) the build must fail naming the file and line; the
note-taker then fixes the link, as they would, and the next build must pass.

Which files are edited is chosen here: pages the hand-labelled cases in tests/labels/ do not
name, or (the renamed heading) lines whose numbers stay, so the suite still holds on the edited
copy. Titles, URLs and anchors are read from the copy's docs/ and from what the builds made.
"""

from __future__ import annotations

import functools
import os
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from notes import page_url as url_of
from sitebuild import ROOT, Build, build, search_documents, site_path

pytestmark = pytest.mark.own_builds  # a copy of the project, built after each edit, and the suite run on it

# The edits' subjects. A heading and the pages to edit are chosen; everything about them is read.
FIREHOSE = "Kinesis Data Firehose"            # a section heading several pages cross-link to
FIREHOSE_RENAMED = "Amazon Data Firehose"     # what AWS renamed it to in 2024
MENTIONING_PAGE = "security-compliance/amazon-detective.md"  # never mentions Firehose
ACRONYM, EXPANSION = "QWR", "Quantum Widget Relay"           # made up: no page defines it
DEFINING_PAGE = "machine-learning/amazon-sagemaker.md"       # defines it; deleted in step 6
USING_PAGE = "vpc/ipv6-in-vpc.md"                            # uses it
QUEUE_PAGE_AFTER = "cloud-integration-messaging/amazon-sqs.md"  # the new page goes after this one
NEW_PAGE = "cloud-integration-messaging/widget-relay-queues.md"
NEW_PAGE_TITLE, NEW_PAGE_RENAMED = "Widget Relay Queues", "Widget Relay Buffers"
TOPIC, TOPIC_TITLE = "quantum-widgets", "Quantum Widgets"
TOPIC_PAGE, TOPIC_PAGE_TITLE = "quantum-widgets/widget-relay-fleet.md", "Widget Relay Fleet"
TOPIC_ACRONYM, TOPIC_EXPANSION = "ZPG", "Zonal Packet Gateway"  # defined in the "ACR – Expansion" form
MOVED_FROM, MOVED_TO = "deploying-and-managing/aws-cli.md", "ci-cd/aws-cli.md"

# --- reading a build --------------------------------------------------------------------------


def topic_of(src: str) -> str:
    """The URL of the index page of the topic a page is in."""
    return url_of(posixpath.join(posixpath.dirname(src), "index.md"))


def text_of(element) -> str:
    return " ".join(element.get_text().replace("¶", "").split())


HREF = re.compile(r'href="([^"]*)"')
# Pages the build generates beside the notes; the navigation lists them after the topics.
GENERATED_PAGES = {"glossary/", "flashcards/", "tips/", "comparisons/", "numbers/"}


class Site:
    """One build's output, parsed on demand."""

    def __init__(self, result: Build):
        self.result = result
        self.dir = result.site_dir

    def has(self, url: str) -> bool:
        return (self.dir / url / "index.html").is_file()

    @functools.cache  # noqa: B019 - one Site per build, kept for the module
    def soup(self, url: str) -> BeautifulSoup:
        return BeautifulSoup((self.dir / url / "index.html").read_text(encoding="utf-8"), "html.parser")

    def article(self, url: str):
        return self.soup(url).select_one("article.md-content__inner")

    def body(self, url: str):
        """The page's own content, without the generated footer (a fresh parse: safe to cut)."""
        article = BeautifulSoup(str(self.article(url)), "html.parser")
        for footer in article.select(".knowledge-footer"):
            footer.extract()
        return article

    def autolinks(self, url: str) -> list[tuple[str, str]]:
        """(text, target site path) of each cross-link the build put in the page's body."""
        return [(text_of(a), site_path(url, a["href"])) for a in self.body(url).select("a.autolink")]

    def abbrs(self, url: str, acronym: str) -> list[str]:
        """The tooltips (titles) of the acronym's <abbr>s in the page's body."""
        return [abbr.get("title") for abbr in self.body(url).select("abbr") if abbr.get_text() == acronym]

    def mentioned_in(self, url: str) -> list[str]:
        """Site paths the page's "Mentioned in" footer links to (pages and their sections)."""
        return [site_path(url, a["href"]) for a in self.article(url).select(".knowledge-footer ul.backlinks a")]

    def topic_nav(self, topic_url: str) -> list[tuple[str, str]]:
        """(title, URL) of each page in the expanded sidebar section of a topic's index page."""
        section = self.soup(topic_url).select_one(
            "nav.md-nav--primary li.md-nav__item--active.md-nav__item--nested")
        return [(text_of(a), site_path(topic_url, a["href"]))
                for a in section.select("nav > ul > li > a.md-nav__link")]

    def top_nav(self) -> list[tuple[str, str]]:
        """(title, URL) of each top-level item of the home page's sidebar, topics and Glossary."""
        nav = self.soup("").select_one("nav.md-nav--primary > ul")
        return [(text_of(a), site_path("", a["href"])) for a in nav.select(":scope > li > a.md-nav__link")]

    def topic_list(self, topic_url: str) -> list[tuple[str, str]]:
        """(title, URL) of each page in the "Pages in this topic" list of a topic's index page."""
        return [(text_of(a), site_path(topic_url, a["href"]))
                for a in self.article(topic_url).select("div.topic-pages li a")]

    def home_card(self, topic_url: str) -> tuple[str, list[tuple[str, str]]]:
        """The home page's card for a topic: its '(n pages)' line and its page links."""
        for card in self.article("").select("div.topics > ul > li"):
            topic_link, *pages = card.select("a")
            if site_path("", topic_link["href"]) == topic_url:
                return text_of(card.p), [(text_of(a), site_path("", a["href"])) for a in pages]
        raise AssertionError(f"no card for {topic_url} on the home page")

    def glossary_entry(self, acronym: str):
        return self.article("glossary/").select_one(f"li#term-{acronym.lower()}")

    def glossary_meaning(self, acronym: str) -> tuple[str, list[str], list[str]]:
        """The entry's expansion, the pages its "defined in" links to, and the pages it is used in."""
        entry = self.glossary_entry(acronym)
        defined = [site_path("glossary/", a["href"]).split("#")[0] for a in entry.select(".glossary-where a")]
        used = [site_path("glossary/", a["href"]) for a in entry.select(".glossary-used a")]
        return text_of(entry.select_one(".glossary-expansion")), defined, used

    def glossary_count(self) -> int:
        return int(re.search(r"The (\d+) acronyms", text_of(self.article("glossary/"))).group(1))

    @functools.cached_property
    def search(self) -> list[dict]:
        return search_documents(self.dir)

    def search_text(self, url: str) -> str:
        """The words the search index holds for a page and its sections, tags dropped."""
        texts = [doc["title"] + " " + doc["text"] for doc in self.search if doc["location"].split("#")[0] == url]
        return " ".join(re.sub(r"<[^>]+>", " ", " ".join(texts)).split())

    def search_titles(self) -> dict[str, str]:
        return {doc["location"]: doc["title"] for doc in self.search}

    @functools.cached_property
    def all_hrefs(self) -> list[tuple[str, str]]:
        """(page URL, target site path) of every link on every page: read with a regular
        expression, since parsing three hundred pages per build would cost seconds."""
        found = []
        for path in self.dir.rglob("index.html"):
            page = path.parent.relative_to(self.dir).as_posix()
            page = "" if page == "." else page + "/"
            found += [(page, site_path(page, href)) for href in HREF.findall(path.read_text(encoding="utf-8"))]
        return found

    def links_to(self, target: str) -> list[str]:
        """Pages with a link to the site path `target` (with '#anchor' or without: then any anchor)."""
        return sorted({page for page, href in self.all_hrefs
                       if href == target or ("#" not in target and href.split("#")[0] == target)})


# --- the note-taker's edits -------------------------------------------------------------------


class Notes:
    """The copy's docs/, edited as a person edits them: whole lines, by hand."""

    def __init__(self, project: Path):
        self.project = project
        self.docs = project / "docs"

    def read(self, src: str) -> str:
        return (self.docs / src).read_text(encoding="utf-8")

    def write(self, src: str, text: str) -> None:
        (self.docs / src).parent.mkdir(parents=True, exist_ok=True)
        (self.docs / src).write_text(text, encoding="utf-8")

    def append(self, src: str, paragraph: str) -> None:
        """A new paragraph at the end of the page (after a blank line: it ends any list or box)."""
        self.write(src, self.read(src).rstrip("\n") + "\n\n" + paragraph + "\n")

    def replace(self, src: str, old: str, new: str) -> None:
        text = self.read(src)
        assert old in text, f"{src} does not hold {old!r}"
        self.write(src, text.replace(old, new))

    def title(self, src: str) -> str:
        """The page's '# Title', as its file says."""
        return next(line[2:].strip() for line in self.read(src).splitlines() if line.startswith("# "))

    def heading_page(self, title: str) -> str:
        """The one page with a section heading (`## title`) of this exact wording."""
        pattern = re.compile(rf"^##+ +{re.escape(title)} *$", re.M)
        found = [p.relative_to(self.docs).as_posix() for p in sorted(self.docs.rglob("*.md"))
                 if pattern.search(p.read_text(encoding="utf-8"))]
        assert len(found) == 1, f"'{title}' heads a section on {found}, expected one page"
        return found[0]

    def line_of(self, src: str, text: str) -> int:
        return next(n for n, line in enumerate(self.read(src).splitlines(), 1) if text in line)

    def pages_nav(self, folder: str, change) -> None:
        """Edit a folder's `.pages` nav list: `change` gets and returns its lines."""
        path = self.docs / folder / ".pages"
        path.write_text("\n".join(change(path.read_text(encoding="utf-8").split("\n"))), encoding="utf-8")


def relative(src: str, target: str) -> str:
    """A Markdown link from page src to page target, as a note-taker writes it."""
    return posixpath.relpath(target, posixpath.dirname(src) or ".")


def nav_entry(name: str) -> str:
    return f"  - {name}"


def add_mention(notes: Notes) -> None:
    """1. On a page of another topic, a sentence that names a service covered elsewhere."""
    notes.append(MENTIONING_PAGE, f"Findings can be shipped to {FIREHOSE} for long-term storage.")


def define_acronym(notes: Notes) -> None:
    """2. A new acronym, defined in the notes' commonest form on one page and used on another."""
    notes.append(DEFINING_PAGE, f"Endpoints can sit behind a {EXPANSION} ({ACRONYM}) that forwards widgets.")
    notes.append(USING_PAGE, f"Each IPv6 subnet gets its own {ACRONYM}.")


def add_page(notes: Notes) -> None:
    """3. A new page in a topic, listed in its folder's `.pages` after a page it relates to; it
    uses the new acronym, names another service and links two pages by Markdown links."""
    sqs = notes.title(QUEUE_PAGE_AFTER)
    notes.write(NEW_PAGE, (
        f"# {NEW_PAGE_TITLE}\n\n"
        f"Widgets wait in a queue until the {ACRONYM} forwards them.\n\n"
        f"* Bursts are buffered in {sqs} before they reach the relay\n"
        f"* Routing models are trained as in [{notes.title(DEFINING_PAGE)}]({relative(NEW_PAGE, DEFINING_PAGE)})\n"
        f"* Relays are set up from the command line: [{notes.title(MOVED_FROM)}]({relative(NEW_PAGE, MOVED_FROM)})\n"))
    after = nav_entry(posixpath.basename(QUEUE_PAGE_AFTER))
    notes.pages_nav(posixpath.dirname(NEW_PAGE), lambda lines: (
        lines[:lines.index(after) + 1] + [nav_entry(posixpath.basename(NEW_PAGE))] + lines[lines.index(after) + 1:]))


def add_topic(notes: Notes) -> None:
    """4. A new topic: a folder with its index.md, a page and a `.pages`, listed in docs/.pages
    before its catch-all `...` (which brings in the Glossary last)."""
    notes.write(f"{TOPIC}/index.md", (
        f"# {TOPIC_TITLE}\n\nWidgets that travel between Regions, and what carries them.\n\n"
        f"* {TOPIC_ACRONYM} – {TOPIC_EXPANSION}, where widgets enter a zone\n"))
    notes.write(TOPIC_PAGE, (
        f"# {TOPIC_PAGE_TITLE}\n\n"
        f"* One {ACRONYM} per zone, behind the {TOPIC_ACRONYM}\n"
        f"* Widgets that must wait are kept in {NEW_PAGE_TITLE}\n"))
    notes.write(f"{TOPIC}/.pages", (
        f'title: "{TOPIC_TITLE}"\nnav:\n  - index.md\n  - {posixpath.basename(TOPIC_PAGE)}\n'))
    notes.pages_nav(".", lambda lines: (
        lines[:lines.index(nav_entry("..."))] + [nav_entry(TOPIC)] + lines[lines.index(nav_entry("...")):]))


def rename_heading(notes: Notes) -> None:
    """5. Rename a section heading other pages cross-link to (its anchor changes), and the title of
    the page added in step 3 (its nav entry changes); the note-taker's own sentences that named
    them follow the new names."""
    notes.replace(notes.heading_page(FIREHOSE), f"## {FIREHOSE}\n", f"## {FIREHOSE_RENAMED}\n")
    notes.replace(MENTIONING_PAGE, FIREHOSE, FIREHOSE_RENAMED)
    notes.replace(NEW_PAGE, f"# {NEW_PAGE_TITLE}\n", f"# {NEW_PAGE_RENAMED}\n")
    notes.replace(TOPIC_PAGE, NEW_PAGE_TITLE, NEW_PAGE_RENAMED)


def alias_old_name(notes: Notes) -> None:
    """5b. The old name still stands in other pages' notes: the README's way to keep it linking is
    an alias in hooks/vocabulary.yml."""
    vocabulary = notes.project / "hooks" / "vocabulary.yml"
    text = vocabulary.read_text(encoding="utf-8")
    assert "\naliases:\n" in text
    vocabulary.write_text(text.replace("\naliases:\n", f"\naliases:\n  {FIREHOSE}: {FIREHOSE_RENAMED}\n", 1),
                          encoding="utf-8")


def delete_page(notes: Notes) -> None:
    """6. Delete a page and its `.pages` line. The page added in step 3 still links to it by a
    Markdown link: the build must fail naming that file and line."""
    (notes.docs / DEFINING_PAGE).unlink()
    notes.pages_nav(posixpath.dirname(DEFINING_PAGE),
                    lambda lines: [line for line in lines if line != nav_entry(posixpath.basename(DEFINING_PAGE))])


def unlink_deleted_page(notes: Notes) -> None:
    """6b. The note-taker reads the failures: turns the dead link into plain words, and spells
    out the acronym, whose only definition went with the page, where it is still used."""
    link = re.compile(rf"\[([^\]]*)\]\({re.escape(relative(NEW_PAGE, DEFINING_PAGE))}\)")
    assert link.search(notes.read(NEW_PAGE))
    text = link.sub(r"\1", notes.read(NEW_PAGE))
    notes.write(NEW_PAGE, text.replace(f"the {ACRONYM} forwards", f"the {EXPANSION} ({ACRONYM}) forwards", 1))


def move_page(notes: Notes) -> None:
    """7. Move a page to another topic: the file, and its line from one `.pages` to the other's end.
    The page added in step 3 links to it by its old relative path: the build must fail there."""
    (notes.docs / MOVED_TO).write_bytes((notes.docs / MOVED_FROM).read_bytes())
    (notes.docs / MOVED_FROM).unlink()
    name = nav_entry(posixpath.basename(MOVED_FROM))
    notes.pages_nav(posixpath.dirname(MOVED_FROM), lambda lines: [line for line in lines if line != name])
    notes.pages_nav(posixpath.dirname(MOVED_TO), lambda lines: [*[line for line in lines if line.strip()], name, ""])


def fix_links_to_moved_page(notes: Notes) -> None:
    """7b. The note-taker points the link at the page's new place."""
    notes.replace(NEW_PAGE, f"]({relative(NEW_PAGE, MOVED_FROM)})", f"]({relative(NEW_PAGE, MOVED_TO)})")


STEPS = [add_mention, define_acronym, add_page, add_topic, rename_heading, alias_old_name,
         delete_page, unlink_deleted_page, move_page, fix_links_to_moved_page]


class Edits:
    """The copy, what its notes said before the edits, and the build made after each step (by
    step name; "baseline" before any)."""

    def __init__(self, project: Path, notes: Notes):
        self.project, self.notes = project, notes
        self.builds: dict[str, Site] = {}
        # Read before any edit: the pages some steps delete, move or rename.
        self.firehose_page = notes.heading_page(FIREHOSE)
        self.titles = {src: notes.title(src) for src in (MENTIONING_PAGE, DEFINING_PAGE, USING_PAGE,
                                                         QUEUE_PAGE_AFTER, MOVED_FROM, self.firehose_page)}

    def __getitem__(self, step: str) -> Site:
        return self.builds[step]


@pytest.fixture(scope="module")
def edits(tmp_path_factory) -> Edits:
    base = tmp_path_factory.mktemp("editing")
    project = base / "project"
    shutil.copytree(ROOT, project, symlinks=True, ignore=shutil.ignore_patterns(
        ".git", ".venv", "site", "build", ".pytest_cache", "__pycache__"))
    edits = Edits(project, Notes(project))
    edits.builds["baseline"] = Site(build(project / "mkdocs.yml", base / "site-baseline"))
    for step in STEPS:
        step(edits.notes)
        edits.builds[step.__name__] = Site(build(project / "mkdocs.yml", base / f"site-{step.__name__}"))
    return edits


def assert_built(site: Site) -> None:
    assert site.result.returncode == 0, site.result.log[-3000:]
    assert site.result.warnings == [], "\n".join(site.result.warnings)


def heading_id(site: Site, url: str, title: str) -> str | None:
    """The id the build gave the page's section heading with this text, None if it has none."""
    return next((h["id"] for h in site.article(url).select("h2, h3, h4") if text_of(h) == title), None)


def section_of(site: Site, url: str, link_text: str) -> str:
    """The site path of the section (page#heading id) a cross-link with this text sits in."""
    link = next(a for a in site.body(url).select("a.autolink") if text_of(a) == link_text)
    heading = link.find_previous(["h2", "h3", "h4", "h5", "h6"])
    return url + (f"#{heading['id']}" if heading is not None else "")


# --- after each step --------------------------------------------------------------------------


def test_the_copy_builds_before_any_edit(edits):
    assert_built(edits["baseline"])


def test_1_a_mention_of_another_service_links_to_it_and_shows_in_its_footer(edits):
    before, site = edits["baseline"], edits["add_mention"]
    assert_built(site)
    source, target_page = url_of(MENTIONING_PAGE), url_of(edits.firehose_page)
    target = f"{target_page}#{heading_id(before, target_page, FIREHOSE)}"
    # Before: the page did not link there, and the target's footer did not list it.
    assert target not in [href for _, href in before.autolinks(source)]
    assert not [p for p in before.mentioned_in(target_page) if p.startswith(source)]

    assert (FIREHOSE, target) in site.autolinks(source)
    assert section_of(site, source, FIREHOSE) in site.mentioned_in(target_page)
    assert source in site.mentioned_in(target_page)
    # The link changes no word: search finds the sentence on its page.
    assert f"shipped to {FIREHOSE} for long-term storage" in site.search_text(source)


def test_2_a_new_acronym_is_in_the_glossary_with_a_tooltip_where_it_is_used(edits):
    before, site = edits["add_mention"], edits["define_acronym"]
    assert_built(site)
    defining, using = url_of(DEFINING_PAGE), url_of(USING_PAGE)
    assert before.glossary_entry(ACRONYM) is None and before.abbrs(using, ACRONYM) == []

    entry = site.glossary_entry(ACRONYM)
    assert entry is not None, f"no glossary entry for {ACRONYM}"
    expansion, defined_in, used_in = site.glossary_meaning(ACRONYM)
    assert expansion == EXPANSION and defined_in == [defining]
    assert using in used_in
    assert site.glossary_count() == before.glossary_count() + 1
    assert entry.find_previous("h2")["id"] == ACRONYM[0].lower(), "not under its letter"

    assert site.abbrs(using, ACRONYM) == [EXPANSION]
    assert EXPANSION in site.abbrs(defining, ACRONYM)
    # Search: the glossary's words hold the new term; the using page's text holds the acronym.
    assert EXPANSION not in before.search_text("glossary/")
    assert re.search(rf"\b{ACRONYM}\W{{1,3}}{EXPANSION}\b", site.search_text("glossary/"))
    assert f"own {ACRONYM}" in site.search_text(using)


def test_3_a_new_page_is_in_its_topics_nav_list_home_card_and_search(edits):
    before, site = edits["define_acronym"], edits["add_page"]
    assert_built(site)
    page, topic = url_of(NEW_PAGE), topic_of(NEW_PAGE)
    after = url_of(QUEUE_PAGE_AFTER)
    assert not before.has(page)

    entry = (NEW_PAGE_TITLE, page)
    for listing in (site.topic_nav(topic), site.topic_list(topic)):
        assert entry in listing
        assert listing[listing.index(entry) - 1][1] == after, "not where .pages put it: right after"
    count_before, pages_before = before.home_card(topic)
    count, pages = site.home_card(topic)
    assert pages == [*pages_before[:pages.index(entry)], entry, *pages_before[pages.index(entry):]]
    assert f"({len(pages_before) + 1} pages)" in count and f"({len(pages_before)} pages)" in count_before
    assert site.search_titles().get(page) == NEW_PAGE_TITLE
    assert "Widgets wait in a queue" in site.search_text(page)

    # Its body gets what every page gets: a tooltip, a cross-link, and its Markdown links work.
    assert site.abbrs(page, ACRONYM) == [EXPANSION]
    sqs = edits.titles[QUEUE_PAGE_AFTER]
    assert (sqs, url_of(QUEUE_PAGE_AFTER)) in site.autolinks(page)
    assert page in site.mentioned_in(url_of(QUEUE_PAGE_AFTER))
    written = {site_path(page, a["href"]) for a in site.body(page).select("a:not(.autolink):not(.headerlink)")}
    assert {url_of(DEFINING_PAGE), url_of(MOVED_FROM)} <= written


def test_4_a_new_topic_is_in_the_nav_home_page_its_index_glossary_and_search(edits):
    before, site = edits["add_page"], edits["add_topic"]
    assert_built(site)
    topic, page = url_of(f"{TOPIC}/index.md"), url_of(TOPIC_PAGE)

    top_before, top = before.top_nav(), site.top_nav()
    assert (TOPIC_TITLE, topic) not in top_before
    # After the last topic of the notes, before the generated sections (Study, Glossary) that follow.
    last = max(i for i, (_, url) in enumerate(top_before) if url and (edits.notes.docs / url / "index.md").is_file())
    assert top == [*top_before[:last + 1], (TOPIC_TITLE, topic), *top_before[last + 1:]], \
        f"the topic is not after {top_before[last]}"
    assert site.topic_nav(topic) == [(TOPIC_PAGE_TITLE, page)]
    assert site.topic_list(topic) == [(TOPIC_PAGE_TITLE, page)]
    count, pages = site.home_card(topic)
    assert "(1 pages)" in count and pages == [(TOPIC_PAGE_TITLE, page)]
    titles = site.search_titles()
    assert titles.get(topic) == TOPIC_TITLE and titles.get(page) == TOPIC_PAGE_TITLE

    # The topic's acronym is in the glossary, defined on its index page; the page's acronyms have
    # tooltips, and its mention of the page added in step 3 links there and shows in that footer.
    entry = site.glossary_entry(TOPIC_ACRONYM)
    assert entry is not None
    assert site.glossary_meaning(TOPIC_ACRONYM)[:2] == (TOPIC_EXPANSION, [topic])
    assert site.abbrs(page, TOPIC_ACRONYM) == [TOPIC_EXPANSION]
    assert site.abbrs(page, ACRONYM) == [EXPANSION]
    assert (NEW_PAGE_TITLE, url_of(NEW_PAGE)) in site.autolinks(page)
    assert page in site.mentioned_in(url_of(NEW_PAGE))


def test_5_a_renamed_heading_moves_its_anchor_and_nothing_points_at_the_old_one(edits):
    baseline, before, site = edits["baseline"], edits["add_topic"], edits["rename_heading"]
    assert_built(site)
    target_page, source = url_of(edits.firehose_page), url_of(MENTIONING_PAGE)
    old, new = heading_id(before, target_page, FIREHOSE), heading_id(site, target_page, FIREHOSE_RENAMED)
    assert old and new and old != new
    assert heading_id(site, target_page, FIREHOSE) is None
    assert [id_ for id_ in (h.get("id") for h in site.article(target_page).select("[id]")) if id_ == old] == []
    # Other pages linked to the old anchor; no page does now (the strict build checks anchors too).
    assert len(baseline.links_to(f"{target_page}#{old}")) >= 2
    assert site.links_to(f"{target_page}#{old}") == []
    # The page's table of contents and the search index carry the new name.
    toc = [text_of(a) for a in site.soup(target_page).select("nav.md-nav--secondary a")]
    assert FIREHOSE_RENAMED in toc and FIREHOSE not in toc
    titles = site.search_titles()
    assert titles.get(f"{target_page}#{new}") == FIREHOSE_RENAMED and f"{target_page}#{old}" not in titles
    # The sentence the note-taker updated links to the new anchor, and the footer lists it.
    assert (FIREHOSE_RENAMED, f"{target_page}#{new}") in site.autolinks(source)
    assert section_of(site, source, FIREHOSE_RENAMED) in site.mentioned_in(target_page)


def test_5_a_renamed_page_title_is_its_new_name_in_nav_lists_links_and_search(edits):
    before, site = edits["add_topic"], edits["rename_heading"]
    assert_built(site)
    page, topic = url_of(NEW_PAGE), topic_of(NEW_PAGE)
    assert (NEW_PAGE_TITLE, page) in before.topic_nav(topic)
    assert (NEW_PAGE_RENAMED, page) in site.topic_nav(topic)
    assert (NEW_PAGE_RENAMED, page) in site.topic_list(topic)
    assert (NEW_PAGE_RENAMED, page) in site.home_card(topic)[1]
    assert text_of(site.article(page).h1) == NEW_PAGE_RENAMED
    assert site.search_titles().get(page) == NEW_PAGE_RENAMED
    # The topic page's updated mention links to it; its footer and the glossary's lists say the
    # new name; the old title is nowhere in the site.
    assert (NEW_PAGE_RENAMED, page) in site.autolinks(url_of(TOPIC_PAGE))
    assert url_of(TOPIC_PAGE) in site.mentioned_in(page)
    used_in = site.glossary_entry(ACRONYM).select(".glossary-used a")
    assert NEW_PAGE_RENAMED in [text_of(a) for a in used_in]
    stale = [p.relative_to(site.dir).as_posix() for p in site.dir.rglob("*.html")
             if NEW_PAGE_TITLE in p.read_text(encoding="utf-8")]
    assert stale == []
    assert NEW_PAGE_TITLE not in (site.dir / "search" / "search_documents.json").read_text(encoding="utf-8")


def test_5b_an_alias_keeps_the_old_name_linking_to_the_renamed_heading(edits):
    baseline, renamed, site = edits["baseline"], edits["rename_heading"], edits["alias_old_name"]
    assert_built(site)
    target_page = url_of(edits.firehose_page)
    old = f"{target_page}#{heading_id(baseline, target_page, FIREHOSE)}"
    new = f"{target_page}#{heading_id(site, target_page, FIREHOSE_RENAMED)}"

    def old_name_links(build: Site, page: str) -> list[str]:
        """Where the page's mention of the old name ('AWS Kinesis Data Firehose' too) links."""
        return [href for text, href in build.autolinks(page) if text.endswith(FIREHOSE)]

    pages = [p for p in baseline.links_to(old) if old in old_name_links(baseline, p)]
    assert len(pages) >= 2, "too few pages name the heading: nothing to check"
    # Renamed, the heading no longer answers to its old name: those pages' mentions lose their
    # link as a whole (a shorter name inside them may still link: 'Data Firehose').
    for page in pages:
        assert old_name_links(renamed, page) == [], page
    # With the alias the whole old name links again, to the new anchor.
    for page in pages:
        assert old_name_links(site, page) == [new], page
    assert site.links_to(old) == []


def assert_fails_at_link(site: Site, notes: Notes, near: str, target: str, what: str) -> None:
    """The strict build failed, naming the new page's line that holds `near` and its link to `target`."""
    assert site.result.returncode != 0, f"the build passed with a link to {what}"
    line = notes.line_of(NEW_PAGE, near)
    link = relative(NEW_PAGE, target)
    assert re.search(rf"{re.escape(NEW_PAGE)}:{line}: .*'{re.escape(link)}'", site.result.log), site.result.log[-3000:]


def test_6_deleting_a_page_that_a_markdown_link_names_fails_the_build_at_that_line(edits):
    site = edits["delete_page"]
    assert_fails_at_link(site, edits.notes, "Routing models are trained", DEFINING_PAGE, "a deleted page")
    # The page held the acronym's only definition: a page still using it is named, with its line.
    named = [f"{using}:{number}: '{ACRONYM}' looks like an acronym" in site.result.log
             for using in (USING_PAGE, NEW_PAGE, TOPIC_PAGE)
             for number, text in enumerate(edits.notes.read(using).split("\n"), 1) if ACRONYM in text]
    assert any(named), site.result.log[-3000:]


def test_6_a_deleted_page_is_gone_from_nav_search_glossary_footers_and_links(edits):
    before, site = edits["alias_old_name"], edits["unlink_deleted_page"]
    assert_built(site)
    page, topic = url_of(DEFINING_PAGE), topic_of(DEFINING_PAGE)
    title = edits.titles[DEFINING_PAGE]
    # Before: listed, searchable, defining the acronym, linked to from other pages.
    assert (title, page) in before.topic_nav(topic) and before.search_titles().get(page) == title
    assert len(before.links_to(page)) >= 3, "too few links to it before: nothing to check after"

    assert not site.has(page)
    assert (title, page) not in site.topic_nav(topic) and (title, page) not in site.topic_list(topic)
    assert (title, page) not in site.home_card(topic)[1]
    assert not [loc for loc in site.search_titles() if loc.split("#")[0] == page]
    assert site.links_to(page) == []  # no cross-link, footer, glossary or nav entry points there
    # It held the acronym's definition, which now stands on the new page: the glossary says so, and
    # the tooltips stay.
    assert site.glossary_meaning(ACRONYM)[:2] == (EXPANSION, [url_of(NEW_PAGE)])
    assert before.glossary_meaning(ACRONYM)[1] == [page]
    assert site.glossary_count() == before.glossary_count()
    for using in (USING_PAGE, TOPIC_PAGE):
        assert site.abbrs(url_of(using), ACRONYM) == [EXPANSION], using


def test_7_moving_a_page_a_markdown_link_names_fails_the_build_at_that_line(edits):
    site = edits["move_page"]
    assert_fails_at_link(site, edits.notes, "Relays are set up from the command line", MOVED_FROM,
                         "a page's old place")


def test_7_a_moved_page_has_its_new_url_everywhere_and_the_old_one_nowhere(edits):
    before, site = edits["unlink_deleted_page"], edits["fix_links_to_moved_page"]
    assert_built(site)
    old, new = url_of(MOVED_FROM), url_of(MOVED_TO)
    old_topic, new_topic = topic_of(MOVED_FROM), topic_of(MOVED_TO)
    title = edits.titles[MOVED_FROM]
    # The pages that cross-link to it, as its footer lists them (their sections aside).
    linking = sorted({p.split("#")[0] for p in before.mentioned_in(old)})
    assert len(linking) >= 3, "too few pages link to it: nothing to check after the move"

    assert not site.has(old) and site.has(new)
    assert site.links_to(old) == [] and not [loc for loc in site.search_titles() if loc.split("#")[0] == old]
    assert (title, old) not in site.topic_nav(old_topic) and (title, old) not in site.topic_list(old_topic)
    assert site.topic_nav(new_topic)[-1] == (title, new) and site.topic_list(new_topic)[-1] == (title, new)
    assert (title, new) in site.home_card(new_topic)[1] and (title, new) not in site.home_card(old_topic)[1]
    assert site.search_titles().get(new) == title
    # Every page that linked to it links to its new URL; it is mentioned by the same pages; its
    # own cross-links (now relative to a new place) still reach the same targets.
    for page in linking:
        assert new in [href for _, href in site.autolinks(page.replace(old, new))], page
    assert sorted(site.mentioned_in(new)) == sorted(p.replace(old, new) for p in before.mentioned_in(old))
    assert sorted(site.autolinks(new)) == sorted(before.autolinks(old))
    assert (title, new) in [(text_of(a), site_path(url_of(NEW_PAGE), a["href"]))
                            for a in site.body(url_of(NEW_PAGE)).select("a:not(.autolink)")]


# --- and the suite, unchanged, on the edited copy ---------------------------------------------


def test_the_suite_passes_on_the_edited_notes(edits):
    """Every test that reads the notes reads them as they now are: none may depend on them staying
    as they were. That is the non-browser suite less the own_builds tests, which build sites of
    their own from fixtures (or the real notes again and again, for memory and repeatability) and
    read nothing of docs/ that the suite's one build does not; they run once, on the real notes.
    The measures run here too (more than make check does): their labels must survive the edits."""
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not browser and not own_builds"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(command, cwd=edits.project, capture_output=True, text=True, env=env)
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    assert " passed" in result.stdout and " deselected" in result.stdout, result.stdout[-2000:]
