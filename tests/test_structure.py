"""The site has the shape docs/ gives it: one sidebar section per topic folder and one page per
Markdown file, in the `.pages` order, titled by their headings (or `.pages`), at lowercase slug
URLs, with every internal link and anchor landing somewhere. Every expectation is read from docs/
as it is now (tests/notes.py), so adding, renaming or reordering pages needs no test edit.
"""

from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from notes import Notes, notes, outline

SLUG = re.compile(r"^(?:[a-z0-9]+(?:-[a-z0-9]+)*/)*$")


def text_of(tag) -> str:
    """Visible text without the permalink sign of headings."""
    copy = tag.__copy__()
    for permalink in copy.select("a.headerlink"):
        permalink.decompose()
    return " ".join(copy.get_text().split())


def home_nav_topics(site) -> list[tuple[str, str]]:
    """(title, href) of each topic section in the home page's sidebar."""
    nav = site.soup("").select_one("nav.md-nav--primary > ul")
    return [(text_of(a), a["href"]) for a in nav.select(":scope > li.md-nav__item--nested > a.md-nav__link")]


def section_nav_pages(site, topic_url: str) -> list[tuple[str, str]]:
    """(title, URL) of each page in the expanded sidebar section of a topic's index page."""
    section = site.soup(topic_url).select_one("nav.md-nav--primary li.md-nav__item--active.md-nav__item--nested")
    return [(text_of(a), resolve(topic_url, a["href"])) for a in section.select("nav > ul > li > a.md-nav__link")]


def resolve(page_url: str, href: str) -> str:
    """A relative href on page_url, as a URL path from the site root ('ec2/ebs/')."""
    path = urlsplit(href).path
    if not path:
        return page_url
    joined = posixpath.normpath(posixpath.join(page_url or ".", unquote(path)))
    return "" if joined == "." else joined + ("/" if path.endswith("/") else "")


def h1(site, url: str) -> str | None:
    heading = site.article(url).h1
    return None if heading is None else text_of(heading)


# --- Pages and order ---------------------------------------------------------------------------


def test_every_page_of_docs_is_built_and_every_built_page_in_a_topic_comes_from_docs(site):
    expected = {page.url for page in notes().pages}
    folders = tuple(topic.url for topic in notes().topics)
    built = {url for url in map(site.url_of, site.html_files()) if url == "" or url.startswith(folders)}
    assert len(expected) == len(notes().pages) > 0
    assert sorted(expected - built) == [], "pages of docs/ that were not built"
    assert sorted(built - expected) == [], "built pages in a topic folder that no file of docs/ makes"


def test_the_sidebar_lists_the_topics_in_the_pages_order(site):
    assert len(notes().topics) > 0
    topics = [(topic.title, topic.url) for topic in notes().topics]
    sections = home_nav_topics(site)
    assert sections[:len(topics)] == topics
    # After the topics, the section of pages the build makes from them (hooks/study_pages.py).
    assert [title for title, _ in sections[len(topics):]] == ["Study"]


def sidebar_problems(site, outline: Notes) -> dict[str, list]:
    """Topic -> its sidebar section as built, for each section that differs from `.pages`."""
    wrong = {}
    for topic in outline.topics:
        expected = [(page.title, page.url) for page in topic.pages]
        built = section_nav_pages(site, topic.index.url if topic.index else topic.url)
        if built != expected:
            wrong[topic.title] = built
    return wrong


def test_each_topic_section_lists_its_pages_in_the_pages_order(site):
    assert sum(len(topic.pages) for topic in notes().topics) > 0
    assert sidebar_problems(site, notes()) == {}


def title_problems(site, outline: Notes) -> list[str]:
    """Each page whose H1 is not its first `# ` heading (or, without one, the title it has in the nav)."""
    return [f"docs/{page.path}: expected {page.heading or page.title!r}, built {h1(site, page.url)!r}"
            for page in outline.pages if h1(site, page.url) != (page.heading or page.title)]


def test_every_page_is_titled_with_its_heading(site):
    assert title_problems(site, notes()) == []


def test_urls_are_unique_lowercase_slugs(site):
    urls = [page.url for page in notes().pages]
    assert len(set(urls)) == len(urls)
    assert [url for url in urls if not SLUG.match(url) or not url.isascii()] == []


# --- Generated lists ---------------------------------------------------------------------------


def topic_list_problems(article, outline: Notes) -> list[str]:
    """Each topic index page whose list of pages differs from its `.pages` order; article(url) is
    the built page's article."""
    wrong = []
    for topic in outline.topics:
        if topic.index is None:
            continue
        links = article(topic.index.url).select("div.topic-pages li a")
        built = [(text_of(a), resolve(topic.index.url, a["href"])) for a in links]
        expected = [(page.heading or page.title, page.url) for page in topic.pages]
        if built != expected:
            wrong.append(f"{topic.url}: expected {expected}, built {built}")
    return wrong


def test_topic_index_pages_list_all_their_pages_in_order(site):
    assert any(topic.index and topic.pages for topic in notes().topics)
    assert topic_list_problems(site.article, notes()) == []


def home_page_problems(home, outline: Notes) -> list[str]:
    """Where the home page's topic cards differ from the topics and their pages."""
    cards = home.select("div.topics > ul > li")
    if len(cards) != len(outline.topics):
        return [f"{len(cards)} topic cards for {len(outline.topics)} topics"]
    wrong = []
    for card, topic in zip(cards, outline.topics, strict=True):
        topic_link, *page_links = card.select("a")
        built = [(text_of(topic_link), resolve("", topic_link["href"]))] + \
            [(text_of(a), resolve("", a["href"])) for a in page_links]
        expected = [(topic.title, topic.url)] + [(page.heading or page.title, page.url) for page in topic.pages]
        if built != expected:
            wrong.append(f"{topic.url}: expected {expected}, built {built}")
    return wrong


def test_the_home_page_links_to_every_topic_and_its_pages(site):
    assert len(notes().topics) > 0
    assert home_page_problems(site.article(""), notes()) == []


def small_notes() -> Notes:
    """A topic whose `.pages` puts b before a, and gives the topic its own title."""
    return outline({"index.md": "# Home\n", "t/index.md": "# T\n", "t/a.md": "# A\n", "t/b.md": "# B\n"},
                   {"t": "title: Topic\nnav:\n  - index.md\n  - b.md\n  - a.md\n"})


def test_the_small_notes_are_read_in_the_pages_order():
    small = small_notes()
    assert [(topic.title, topic.index.url, [page.url for page in topic.pages]) for topic in small.topics] == \
        [("Topic", "t/", ["t/b/", "t/a/"])]


def test_the_topic_list_check_would_see_a_misordered_list():
    page = ('<article><div class="topic-pages"><ol><li><a href="{}/">{}</a></li>'
            '<li><a href="{}/">{}</a></li></ol></div></article>')
    right = BeautifulSoup(page.format("b", "B", "a", "A"), "html.parser").article
    wrong = BeautifulSoup(page.format("a", "A", "b", "B"), "html.parser").article
    assert topic_list_problems(lambda url: right, small_notes()) == []
    assert topic_list_problems(lambda url: wrong, small_notes()) != []


def test_the_home_page_check_would_see_a_missing_or_misordered_page():
    small = small_notes()
    card = '<div class="topics"><ul><li><a href="t/">Topic</a>{}</li></ul></div>'
    right = BeautifulSoup(card.format('<a href="t/b/">B</a><a href="t/a/">A</a>'), "html.parser")
    wrong_order = BeautifulSoup(card.format('<a href="t/a/">A</a><a href="t/b/">B</a>'), "html.parser")
    missing = BeautifulSoup(card.format('<a href="t/b/">B</a>'), "html.parser")
    assert home_page_problems(right, small) == []
    assert home_page_problems(wrong_order, small) != []
    assert home_page_problems(missing, small) != []


# --- Links and anchors -------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    page: str
    href: str


def internal_links(site) -> list[Link]:
    """Every href and src of every page that points into the site."""
    links = []
    for path in site.html_files():
        url = site.url_of(path)
        for tag in site.soup(url).find_all(href=True):
            links.append(Link(url, tag["href"]))
        for tag in site.soup(url).find_all(["img", "script"], src=True):
            links.append(Link(url, tag["src"]))
    return [link for link in links if not urlsplit(link.href).scheme and not link.href.startswith("//")]


def broken(site, link: Link) -> str | None:
    """Why a link lands nowhere, or None."""
    target = resolve(link.page, link.href)
    if target.startswith(".."):
        return "leaves the site"
    is_page = target == "" or target.endswith("/")
    if not (site.dir / target / "index.html" if is_page else site.dir / target).is_file():
        return f"no file {target or '/'}"
    anchor = unquote(urlsplit(link.href).fragment)
    if anchor and is_page and anchor not in anchors_on(site, target):
        return f"no element #{anchor} on {target or '/'}"
    return None


@functools.cache
def anchors_on(site, url: str) -> frozenset[str]:
    """What a #fragment can land on in a page: element ids and named anchors."""
    page = site.soup(url)
    return frozenset(tag["id"] for tag in page.find_all(id=True)) | \
        frozenset(tag["name"] for tag in page.find_all("a", attrs={"name": True}))


def test_every_internal_link_and_anchor_resolves(site):
    links = internal_links(site)
    problems = sorted({f"{link.page or '/'} -> {link.href}: {why}" for link in links if (why := broken(site, link))})
    assert len(links) > len(site.html_files())  # every page links somewhere
    assert problems == [], f"{len(problems)} broken links:\n" + "\n".join(problems[:50])


def test_the_link_check_would_see_a_broken_link(site):
    assert broken(site, Link("ec2/", "no-such-page/")) == "no file ec2/no-such-page/"
    assert broken(site, Link("ec2/", "#no-such-anchor")).startswith("no element #no-such-anchor")
    assert broken(site, Link("", "ec2/")) is None
