"""The site has the notes' shape: one section per `##` topic and one page per `###` heading, in the
notes' order, at lowercase slug URLs, with every internal link and anchor landing somewhere."""

from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

import pytest

from sitebuild import NOTES

ISSUE = {"topics": 20, "pages": 225}  # what the issue states: 1 home + 20 topic indexes + 204 pages

HEADING = re.compile(r"^(?P<marks>#{2,3}) +(?P<title>.+?) *$")
FENCE = re.compile(r"^ *(```|~~~)")
SLUG = re.compile(r"^(?:[a-z0-9]+(?:-[a-z0-9]+)*/)*$")


@dataclass
class Topic:
    title: str
    pages: list[str] = field(default_factory=list)


def notes_outline(text: str) -> list[Topic]:
    """The `##` topics and their `###` pages, in the notes' order ("Links" belongs to the home page)."""
    topics: list[Topic] = []
    in_code = False
    for line in text.split("\n"):
        if FENCE.match(line):
            in_code = not in_code
        heading = None if in_code else HEADING.match(line)
        if not heading:
            continue
        if len(heading.group("marks")) == 2 and heading.group("title") != "Links":
            topics.append(Topic(heading.group("title")))
        elif len(heading.group("marks")) == 3:
            topics[-1].pages.append(heading.group("title"))
    return topics


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def text_of(tag) -> str:
    """Visible text without the permalink sign of headings."""
    copy = tag.__copy__()
    for permalink in copy.select("a.headerlink"):
        permalink.decompose()
    return " ".join(copy.get_text().split())


@pytest.fixture(scope="module")
def outline() -> list[Topic]:
    return notes_outline(NOTES.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def titles(site) -> dict[str, str]:
    """URL -> the h1 of each page made from the notes: the home page and the topic folders' pages."""
    return {url: text_of(site.article(url).h1) for url in notes_urls(site)}


def notes_urls(site) -> list[str]:
    folders = tuple(href for _, href in home_nav_topics(site))
    return [url for url in map(site.url_of, site.html_files()) if url == "" or url.startswith(folders)]


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


# --- Pages and order ---------------------------------------------------------------------------


def test_there_is_one_page_per_topic_and_sub_topic_and_the_home_page(site, outline):
    expected = 1 + len(outline) + sum(len(topic.pages) for topic in outline)
    assert len(notes_urls(site)) == expected == ISSUE["pages"]
    assert len(outline) == ISSUE["topics"]


def test_the_sidebar_lists_the_topics_in_the_notes_order(site, outline):
    assert [title for title, _ in home_nav_topics(site)] == [topic.title for topic in outline]


def test_each_topic_section_lists_its_pages_in_the_notes_order(site, outline):
    topic_urls = dict(home_nav_topics(site))
    wrong = {}
    for topic in outline:
        built = [title for title, _ in section_nav_pages(site, topic_urls[topic.title])]
        if built != topic.pages:
            wrong[topic.title] = built
    assert wrong == {}


def test_every_page_is_titled_with_its_exact_heading(site, outline, titles):
    topic_urls = dict(home_nav_topics(site))
    for topic in outline:
        assert titles[topic_urls[topic.title]] == topic.title
        for title, url in section_nav_pages(site, topic_urls[topic.title]):
            assert titles[url] == title
    notes_title = NOTES.read_text(encoding="utf-8").split("\n", 1)[0].removeprefix("# ")
    assert titles[""] == notes_title
    headings = {topic.title for topic in outline} | {page for topic in outline for page in topic.pages}
    assert sorted(set(titles.values()) - headings - {notes_title}) == []


def test_urls_are_unique_lowercase_slugs_of_the_headings(site, titles):
    urls = notes_urls(site)
    assert len(set(urls)) == len(urls)
    assert [url for url in urls if not SLUG.match(url) or not url.isascii()] == []
    assert [(url, title) for url, title in titles.items() if url and url.rsplit("/", 2)[-2] != slug(title)] == []


# --- Generated lists ---------------------------------------------------------------------------


def test_topic_index_pages_list_all_their_pages_in_order(site, outline, titles):
    topic_urls = dict(home_nav_topics(site))
    for topic in outline:
        index = topic_urls[topic.title]
        links = site.article(index).select("div.topic-pages li a")
        assert [text_of(a) for a in links] == topic.pages, topic.title
        assert [titles.get(resolve(index, a["href"])) for a in links] == topic.pages, topic.title


def test_the_home_page_links_to_every_topic_and_its_pages(site, outline, titles):
    cards = site.article("").select("div.topics > ul > li")
    assert len(cards) == len(outline) == ISSUE["topics"]
    for card, topic in zip(cards, outline):
        topic_link, *page_links = card.select("a")
        assert text_of(topic_link) == topic.title
        assert titles.get(resolve("", topic_link["href"])) == topic.title
        assert [titles.get(resolve("", a["href"])) for a in page_links] == topic.pages


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


@functools.lru_cache(maxsize=None)
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
