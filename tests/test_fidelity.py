"""Every line of every page of docs/ reaches the page built from it.

docs/ is the source of truth: each page's Markdown, as it is now, is read line by line here, on
its own terms and independently of the hooks, and every line that carries words must show on the
page built from it (docs/ec2/ebs.md -> ec2/ebs/). Headings must be headings there, and pictures
pictures, or the placeholder for one the page lists under `missing_pictures:`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from bs4 import BeautifulSoup

from notes import Page, notes

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


@dataclass(frozen=True)
class NoteLine:
    """One thing a reader must find on a page: a line of text, a heading, or a picture."""

    number: int  # 1-based line of the page's Markdown (front matter left out)
    kind: str  # "text", "heading" or "picture"
    text: str  # normalised text (for a picture: its alt text)
    level: int = 0  # heading level
    src: str = ""  # picture address


# --- A page's Markdown, read independently -----------------------------------------------------


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


def read_lines(markdown: str) -> list[NoteLine]:
    """Everything one page says, line by line."""
    found: list[NoteLine] = []
    fence = None
    lines = markdown.split("\n")
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        fence_match = FENCE.match(raw)
        if fence_match:
            fence = None if fence == fence_match.group(1) else (fence or fence_match.group(1))
            continue
        if fence:
            found.append(NoteLine(number, "text", collapse(raw)))
            continue
        heading = HEADING.match(raw)
        if heading:
            found.append(NoteLine(number, "heading", heading.group("title"), len(heading.group("marks"))))
            continue
        picture = PICTURE.match(raw)
        admonition = ADMONITION.match(raw)
        tab = TAB.match(raw)
        if picture:
            found.append(NoteLine(number, "picture", picture.group("alt"), src=picture.group("src")))
        elif admonition:
            # Without a title, Python-Markdown titles the box with its capitalised type.
            title = admonition.group("title")
            title = admonition.group("type").capitalize() if title is None else title
            found.append(NoteLine(number, "text", collapse(title)))
        elif tab:
            found.append(NoteLine(number, "text", collapse(tab.group("title"))))
        elif TABLE_DELIMITER.match(raw):
            continue
        elif _is_table_row(raw, lines, number):
            found.extend(NoteLine(number, "text", plain_text(cell)) for cell in table_cells(raw))
        elif not QUOTE_BREAK.match(raw):
            found.append(NoteLine(number, "text", plain_text(raw)))
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


def structural_line_numbers(markdown: str) -> set[int]:
    """Lines that carry no words of their own: code fences, table delimiter rows, bare `>`."""
    return {number for number, line in enumerate(markdown.split("\n"), 1)
            if FENCE.match(line) or TABLE_DELIMITER.match(line) or QUOTE_BREAK.match(line)}


def words_bearing_lines(markdown: str) -> set[int]:
    """Every non-blank line of a page but code fences, table delimiter rows and bare `>`."""
    non_blank = {number for number, line in enumerate(markdown.split("\n"), 1) if line.strip()}
    return non_blank - structural_line_numbers(markdown)


# --- The built page ----------------------------------------------------------------------------


@dataclass
class BuiltPage:
    text: str  # the article's text, whitespace collapsed
    headings: list[tuple[str, str]]  # (tag name, text) of h1-h6, in order
    pictures: set[tuple[str, str]]  # (alt, src) of every <img>
    placeholders: list[str]  # the text of each missing-picture placeholder


def heading_text(tag) -> str:
    """A heading as the reader sees it, without the permalink sign the toc extension adds."""
    copy = tag.__copy__()
    for permalink in copy.select("a.headerlink"):
        permalink.decompose()
    return collapse(copy.get_text())


def built_page(article) -> BuiltPage:
    return BuiltPage(
        text=collapse(article.get_text()),
        headings=[(h.name, heading_text(h)) for h in article.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])],
        pictures={(img.get("alt", ""), img.get("src", "")) for img in article.find_all("img")},
        placeholders=[collapse(box.get_text()) for box in article.select(".missing-picture")],
    )


# --- What a page is missing --------------------------------------------------------------------


def missing_lines(page: Page, built: BuiltPage) -> list[str]:
    """Each text or picture line of the page that its built page does not show."""
    missing_pictures = page.meta.get("missing_pictures") or []
    return [f"{page.where(line.number)}: {line.text!r}" for line in read_lines(page.markdown)
            if line.kind != "heading" and not shows(built, line, missing_pictures)]


def shows(built: BuiltPage, line: NoteLine, missing_pictures: list[str]) -> bool:
    if line.kind == "picture":
        if (line.text, line.src) in built.pictures:
            return True
        return line.src in missing_pictures and any(line.text in box for box in built.placeholders)
    return line.text in built.text


def misplaced_headings(page: Page, built: BuiltPage) -> list[str]:
    """The page's headings, if they are not headings of the same level, in order, on its built page."""
    expected = [(f"h{line.level}", line.text) for line in read_lines(page.markdown) if line.kind == "heading"]
    if in_order(expected, built.headings):
        return []
    return [f"docs/{page.path}: expected {expected}, built {built.headings}"]


def in_order(expected: list, built: list) -> bool:
    """expected is a subsequence of built: generated sections (topic lists) may sit between."""
    remaining = iter(built)
    return all(any(item == candidate for candidate in remaining) for item in expected)


def skipped_lines(page: Page) -> list[str]:
    """Lines with words that the reader above passes over, so no test would look for them."""
    read = {line.number for line in read_lines(page.markdown)}
    return [page.where(number) for number in sorted(words_bearing_lines(page.markdown) - read)]


# --- Tests -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(site) -> dict[str, BuiltPage]:
    """URL -> what the reader sees of each page made from docs/."""
    return {page.url: built_page(site.article(page.url)) for page in notes().pages}


def test_every_page_of_docs_has_a_built_page(site):
    missing = [f"docs/{page.path} -> {page.url}" for page in notes().pages
               if not (site.dir / page.url / "index.html").is_file()]
    assert len(notes().pages) > 0
    assert missing == [], "pages of docs/ with no built page:\n" + "\n".join(missing)


def test_every_line_of_every_page_is_on_its_built_page(built):
    pages = notes().pages
    checked = sum(1 for page in pages for line in read_lines(page.markdown) if line.kind != "heading")
    missing = [problem for page in pages for problem in missing_lines(page, built[page.url])]
    print(f"\nfidelity: checked {checked} text and picture lines of {len(pages)} pages")
    assert checked > 0
    assert missing == [], f"{len(missing)} lines of docs/ are not on their page:\n" + "\n".join(missing)


def test_every_heading_is_a_heading_of_its_level_on_its_page(built):
    pages = [page for page in notes().pages if page.heading is not None]
    wrong = [problem for page in pages for problem in misplaced_headings(page, built[page.url])]
    assert len(pages) > 0
    assert wrong == [], "headings missing, of another level or out of order:\n" + "\n".join(wrong)


def test_the_reader_skips_no_line_with_words():
    assert [where for page in notes().pages for where in skipped_lines(page)] == []


# --- The checks can fail -----------------------------------------------------------------------


def small_page(markdown: str) -> Page:
    return Page("topic/small.md", markdown, {}, 0)


def built_from(html: str) -> BuiltPage:
    return built_page(BeautifulSoup(f"<article>{html}</article>", "html.parser").article)


def test_the_line_check_would_see_a_missing_line_or_picture():
    page = small_page("# Small\n\n* one **fact**\n* another fact\n\n![A diagram](https://example.com/a.png)\n")
    assert missing_lines(page, built_from(
        '<h1>Small</h1><ul><li>one <strong>fact</strong></li><li>another fact</li></ul>'
        '<p><img alt="A diagram" src="https://example.com/a.png"></p>')) == []
    assert missing_lines(page, built_from(
        '<h1>Small</h1><ul><li>one <strong>fact</strong></li></ul><p><img alt="A diagram" src="other.png"></p>')) == \
        ["docs/topic/small.md:4: 'another fact'", "docs/topic/small.md:6: 'A diagram'"]


def test_a_placeholder_stands_in_only_for_a_picture_the_page_lists_as_missing():
    markdown = "![A diagram](../imgs/a.png)\n"
    placeholder = built_from('<span class="missing-picture"><strong>Picture not available: A diagram</strong></span>')
    assert missing_lines(small_page(markdown), placeholder) == ["docs/topic/small.md:1: 'A diagram'"]
    listed = Page("topic/small.md", markdown, {"missing_pictures": ["../imgs/a.png"]}, 3)
    assert missing_lines(listed, placeholder) == []


def test_the_heading_check_would_see_a_heading_that_is_text_or_of_another_level():
    page = small_page("# Small\n\n## Part\n\ntext\n")
    assert misplaced_headings(page, built_from("<h1>Small</h1><h2>Part</h2><p>text</p>")) == []
    assert misplaced_headings(page, built_from("<h1>Small</h1><p>Part</p><p>text</p>")) != []
    assert misplaced_headings(page, built_from("<h1>Small</h1><h3>Part</h3><p>text</p>")) != []


def test_line_numbers_count_the_front_matter():
    page = Page("topic/small.md", "text\n", {"missing_pictures": []}, 4)
    assert page.where(1) == "docs/topic/small.md:5"


def test_the_skip_check_would_see_a_line_the_reader_passes_over():
    assert skipped_lines(small_page("# Small\n\n```\ncode\n```\n| a | b |\n|---|---|\n> quote\n>\n")) == []
    assert words_bearing_lines("a\n\n```\n|--|--|\n>\n") == {1}


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
