"""Every line of the original notes reaches the page it belongs to.

The notes are read here on their own terms, independently of how docs/ was split: a `##`
heading opens a topic, a `###` heading a page, and every line below belongs to that page. The
built page is found by its title (its `<h1>`) inside the topic's folder, never by a slug.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from sitebuild import NOTES

HEADING = re.compile(r"^(?P<marks>#{1,6}) +(?P<title>.+?) *$")
FENCE = re.compile(r"^ *(```|~~~)")
ADMONITION = re.compile(r'^ *!!! *(?P<type>[\w-]+)(?: +"(?P<title>[^"]*)")? *$')
TAB = re.compile(r'^ *=== +"(?P<title>[^"]+)" *$')
TABLE_DELIMITER = re.compile(r"^ *\|? *:?-+:? *(\| *:?-+:? *)+\|? *$")
PICTURE = re.compile(r"^ *!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)\) *$")
LIST_MARKER = re.compile(r"^(?:[*+-]|\d+\.) +")
QUOTE_MARKER = re.compile(r"^(?:> ?)+")
QUOTE_BREAK = re.compile(r"^ *>[> ]*$")  # a bare `>`: a paragraph break inside a quote
CODE_SPAN = re.compile(r"(`+)(.+?)\1")
IMAGE_SYNTAX = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
LINK_SYNTAX = re.compile(r"\[([^\]]*)\]\([^)]*\)")
# Paired inline marks only: a lone star ("an asterisk (*)") is text, not emphasis.
INLINE_MARKS = [re.compile(rf"{mark}(?=\S)(.+?)(?<=\S){mark}") for mark in (r"\*\*", r"\*", "==", r"\^\^")]
BACKSLASH_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|])")

HOME = None  # the topic of the lines above the first real topic: the home page


@dataclass(frozen=True)
class NoteLine:
    """One thing a reader must find on a page: a line of text, a heading, or a picture."""

    number: int  # 1-based line in the notes
    kind: str  # "text", "heading" or "picture"
    topic: str | None  # the `##` title, or HOME
    page: str | None  # the `###` title, or None for the topic's index page
    text: str  # normalised text (for a picture: its alt text)
    level: int = 0  # heading level in the notes
    src: str = ""  # picture address


# --- The notes, read independently -------------------------------------------------------------


def collapse(text: str) -> str:
    return " ".join(text.split())


def plain_text(markdown: str) -> str:
    """What a reader sees of one line of Markdown: markup stripped, code spans kept verbatim."""
    line = LIST_MARKER.sub("", QUOTE_MARKER.sub("", markdown.strip()))
    parts, last = [], 0
    for code in CODE_SPAN.finditer(line):
        parts.append(_strip_inline_markup(line[last:code.start()]))
        parts.append(code.group(2).strip())
        last = code.end()
    parts.append(_strip_inline_markup(line[last:]))
    return collapse("".join(parts))


def _strip_inline_markup(text: str) -> str:
    text = IMAGE_SYNTAX.sub(r"\1", text)
    text = LINK_SYNTAX.sub(r"\1", text)
    # Escapes are resolved last but protected first, so `\*` stays a literal star.
    escaped: list[str] = []
    text = BACKSLASH_ESCAPE.sub(lambda m: escaped.append(m.group(1)) or f"\x00{len(escaped) - 1}\x00", text)
    for mark in INLINE_MARKS:
        text = mark.sub(r"\1", text)
    return re.sub(r"\x00(\d+)\x00", lambda m: escaped[int(m.group(1))], text)


def table_cells(row: str) -> list[str]:
    return [cell for cell in row.strip().strip("|").split("|") if cell.strip()]


def read_notes(text: str) -> list[NoteLine]:
    """Everything the notes say, each with the topic and page it belongs to."""
    found: list[NoteLine] = []
    topic, page, fence = HOME, None, None
    lines = text.split("\n")
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        here = dict(number=number, topic=topic, page=page)
        fence_match = FENCE.match(raw)
        if fence_match:
            fence = None if fence == fence_match.group(1) else (fence or fence_match.group(1))
            continue
        if fence:
            found.append(NoteLine(kind="text", text=collapse(raw), **here))
            continue
        heading = HEADING.match(raw)
        if heading:
            level, title = len(heading.group("marks")), heading.group("title")
            if level == 2 and title != "Links":
                topic, page = title, None
            elif level == 3:
                page = title
            found.append(NoteLine(number, "heading", topic, page, title, level))
            continue
        picture = PICTURE.match(raw)
        admonition = ADMONITION.match(raw)
        tab = TAB.match(raw)
        if picture:
            found.append(NoteLine(kind="picture", text=picture.group("alt"), src=picture.group("src"), **here))
        elif admonition:
            # Without a title, Python-Markdown titles the box with its capitalised type.
            title = admonition.group("title")
            title = admonition.group("type").capitalize() if title is None else title
            found.append(NoteLine(kind="text", text=collapse(title), **here))
        elif tab:
            found.append(NoteLine(kind="text", text=collapse(tab.group("title")), **here))
        elif TABLE_DELIMITER.match(raw):
            continue
        elif _is_table_row(raw, lines, number):
            found.extend(NoteLine(kind="text", text=plain_text(cell), **here) for cell in table_cells(raw))
        elif not QUOTE_BREAK.match(raw):
            found.append(NoteLine(kind="text", text=plain_text(raw), **here))
    return found


def _is_table_row(raw: str, lines: list[str], number: int) -> bool:
    """A row of a pipe table: it, or the line after it (its header), sits above a delimiter row."""
    if "|" not in raw:
        return False
    for i in range(number - 1, -1, -1):  # walk up to the table's delimiter row or its header
        if not lines[i].strip() or "|" not in lines[i]:
            return False
        if TABLE_DELIMITER.match(lines[i]) or (i + 1 < len(lines) and TABLE_DELIMITER.match(lines[i + 1])):
            return True
    return False


def structural_line_numbers(text: str) -> set[int]:
    """Lines that carry no words of their own: code fences, table delimiter rows, bare `>`."""
    return {number for number, line in enumerate(text.split("\n"), 1)
            if FENCE.match(line) or TABLE_DELIMITER.match(line) or QUOTE_BREAK.match(line)}


# --- The built site ----------------------------------------------------------------------------


def heading_text(tag) -> str:
    """A heading as the reader sees it, without the permalink sign the toc extension adds."""
    copy = tag.__copy__()
    for permalink in copy.select("a.headerlink"):
        permalink.decompose()
    return collapse(copy.get_text())


def topic_folders(site) -> dict[str, str]:
    """Topic title -> folder URL, from the home page's navigation."""
    nav = site.soup("").select_one("nav.md-nav--primary > ul")
    return {collapse(a.get_text()): a["href"]
            for a in nav.select(":scope > li.md-nav__item--nested > a.md-nav__link")}


def pages_by_title(site, folder: str) -> dict[str, str]:
    """Page title (its h1) -> URL, for every page in a topic folder, the index included."""
    titles: dict[str, list[str]] = {}
    for path in site.html_files():
        url = site.url_of(path)
        if url.startswith(folder):
            titles.setdefault(heading_text(site.article(url).h1), []).append(url)
    duplicates = {title: urls for title, urls in titles.items() if len(urls) > 1}
    assert not duplicates, f"pages in {folder} share a title, so the notes cannot be matched: {duplicates}"
    return {title: urls[0] for title, urls in titles.items()}


@dataclass
class BuiltPage:
    url: str
    text: str  # the article's text, whitespace collapsed
    headings: list[tuple[str, str]]  # (tag name, text) of h1-h3, in order
    pictures: set[tuple[str, str]]  # (alt, src) of every <img>
    placeholders: list[str]  # the text of each missing-picture placeholder


def built_page(site, url: str) -> BuiltPage:
    article = site.article(url)
    return BuiltPage(
        url=url,
        text=collapse(article.get_text()),
        headings=[(h.name, heading_text(h)) for h in article.find_all(["h1", "h2", "h3"])],
        pictures={(img.get("alt", ""), img.get("src", "")) for img in article.find_all("img")},
        placeholders=[collapse(box.get_text()) for box in article.select(".missing-picture")],
    )


class PageFinder:
    """The built page a line of the notes belongs to, by topic title and page title."""

    def __init__(self, site):
        self.site = site
        self.folders = topic_folders(site)
        self.titles: dict[str, dict[str, str]] = {}
        self.pages: dict[str, BuiltPage] = {}

    def url(self, topic: str | None, page: str | None) -> str | None:
        if topic is HOME:
            return ""
        if topic not in self.folders:
            return None
        folder = self.folders[topic]
        if folder not in self.titles:
            self.titles[folder] = pages_by_title(self.site, folder)
        return self.titles[folder].get(topic if page is None else page)

    def page(self, line: NoteLine) -> BuiltPage | None:
        url = self.url(line.topic, line.page)
        return None if url is None else self.built(url)

    def built(self, url: str) -> BuiltPage:
        if url not in self.pages:
            self.pages[url] = built_page(self.site, url)
        return self.pages[url]


def shows(page: BuiltPage, line: NoteLine) -> bool:
    if line.kind == "picture":
        if (line.text, line.src) in page.pictures:
            return True
        return any(line.text in box for box in page.placeholders)
    return line.text in page.text


# Where a heading of the notes stands on its page: `##` and `###` are page titles, deeper ones
# moved up two levels. The home page keeps the notes' own levels (`#` title, `## Links`).
HEADING_TAG = {1: "h1", 2: "h1", 3: "h1", 4: "h2", 5: "h3"}
HOME_HEADING_TAG = {1: "h1", 2: "h2"}


def heading_tag(line: NoteLine) -> str:
    return (HOME_HEADING_TAG if line.topic is HOME else HEADING_TAG)[line.level]


def where(line: NoteLine) -> str:
    page = line.page or ("(home)" if line.topic is HOME else "(index)")
    return f"line {line.number} [{line.topic or 'home'} > {page}]"


# --- Tests -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def notes_text() -> str:
    return NOTES.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def notes(notes_text) -> list[NoteLine]:
    return read_notes(notes_text)


@pytest.fixture(scope="module")
def finder(site) -> PageFinder:
    return PageFinder(site)


def test_every_topic_and_page_of_the_notes_has_a_built_page(notes, finder):
    missing = sorted({(line.topic, line.page) for line in notes if finder.url(line.topic, line.page) is None},
                     key=str)
    assert not missing, f"{len(missing)} topics/pages of the notes have no built page: {missing}"


def test_every_line_of_the_notes_is_on_its_page(notes, notes_text, finder):
    content = [line for line in notes if line.kind != "heading"]
    missing = [f"{where(line)}: {line.text!r}" for line in content
               if (page := finder.page(line)) is None or not shows(page, line)]
    print(f"\nfidelity: checked {len(notes)} lines of the notes "
          f"({len(content)} text and picture lines, {len(notes) - len(content)} headings)")
    assert len(notes) >= len(words_bearing_lines(notes_text))
    assert not missing, f"{len(missing)} lines of the notes are not on their page:\n" + "\n".join(missing)


def test_every_heading_of_the_notes_is_a_title_or_section_on_its_page(notes, finder):
    expected_by_url: dict[str, list[tuple[str, str]]] = {}
    for line in notes:
        if line.kind == "heading" and (url := finder.url(line.topic, line.page)) is not None:
            expected_by_url.setdefault(url, []).append((heading_tag(line), line.text))
    wrong = [f"{url or '(home)'}: expected {expected}, built {finder.built(url).headings}"
             for url, expected in expected_by_url.items() if not _in_order(expected, finder.built(url).headings)]
    assert len(expected_by_url) == len({(line.topic, line.page) for line in notes})
    assert not wrong, "headings of the notes missing or out of order:\n" + "\n".join(wrong)


def _in_order(expected: list, built: list) -> bool:
    """expected is a subsequence of built: generated sections (topic lists) may sit between."""
    remaining = iter(built)
    return all(any(item == candidate for candidate in remaining) for item in expected)


def words_bearing_lines(notes_text: str) -> set[int]:
    """Every non-blank line of the notes but code fences, table delimiter rows and bare `>`."""
    non_blank = {number for number, line in enumerate(notes_text.split("\n"), 1) if line.strip()}
    return non_blank - structural_line_numbers(notes_text)


def test_the_reader_of_the_notes_skips_no_line(notes, notes_text):
    assert sorted(words_bearing_lines(notes_text) - {line.number for line in notes}) == []


def test_reading_the_notes_strips_markup_but_keeps_code_verbatim():
    assert plain_text("* **Groups** only contain ==users==, *not* `s3:*` groups  ") == \
        "Groups only contain users, not s3:* groups"
    assert plain_text("    > IAM: [🔗AWS Document](https://docs.aws.amazon.com/x#y)") == "IAM: 🔗AWS Document"
    assert plain_text(r"* Fixed hostname (XXX.<region\>.elb) \+ pay `C:\Users\x`") == \
        r"Fixed hostname (XXX.<region>.elb) + pay C:\Users\x"
    assert plain_text("1. By default, all requests are *^^denied^^*") == "By default, all requests are denied"
    assert plain_text("* The last rule is an asterisk (*) and denies") == "The last rule is an asterisk (*) and denies"
    assert plain_text("* a certain prefix (example: s3://mybucket/mp3/*)") == "a certain prefix (example: s3://mybucket/mp3/*)"
    assert table_cells("Geographic match        | Inspects the request's country") == \
        ["Geographic match        ", " Inspects the request's country"]
