"""The notes' Markdown dialect renders as intended: counted in the built HTML, and compared with
counts read from the original notes and with the numbers the issue states."""

from __future__ import annotations

import copy
import re
import textwrap
from collections import Counter
from dataclasses import dataclass
from urllib.parse import unquote

import pytest
from pygments import lex
from pygments.lexers import get_lexer_by_name
from pygments.token import STANDARD_TYPES

from sitebuild import NOTES

# What the issue ("The study site") says the notes contain.
ISSUE = {
    "admonitions": 99,
    "capitalised admonition types": {"Example": 2, "Note": 1, "Notes": 1},
    "admonitions with a quoted title": 1,
    "content tabs": 75,
    "tab groups": 28,
    "admonitions inside a tab": 1,
    "highlights": 37,
    "tables": 3,
    "fenced code languages": ["bash", "json"],
    "blockquote lines": 85,
    "pictures": 18,
    "remote pictures": 17,
    "missing local pictures": 1,
}

FENCE = re.compile(r"^ *(```|~~~) *(?P<lang>\w*)")
ADMONITION = re.compile(r'^(?P<indent> *)!!! *(?P<type>[\w-]+)(?: +"(?P<title>[^"]*)")? *$')
TAB = re.compile(r'^(?P<indent> *)=== +"(?P<title>[^"]+)" *$')
LIST_ITEM = re.compile(r"^(?P<indent> *)(?:> )?(?:[*+-]|\d+\.) +\S")
QUOTE = re.compile(r"^ *>")
TABLE_DELIMITER = re.compile(r"^ *\|? *:?-+:? *(\| *:?-+:? *)+\|? *$")
PICTURE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)\)")
CODE_SPAN = re.compile(r"(`+).+?\1")
HIGHLIGHT = re.compile(r"==(?=\S)(.+?)(?<=\S)==")
UNDERLINE = re.compile(r"\^\^(?=\S)(.+?)(?<=\S)\^\^")
STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
EMPHASIS = re.compile(r"(?<!\*)\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?!\*)")
LIST_MARKER = re.compile(r"^ *(?:> )?(?:[*+-]|\d+\.) +")
ESCAPED_ANGLE = re.compile(r"<(?P<inner>[^<>`]*)\\>")
LINK_WITH_EMOJI = re.compile(r"\[🔗[^\]]*\]\(")

# Text that Markdown did not understand, if it ever reaches a reader.
RAW_SYNTAX = {
    "admonition marker": re.compile(r"!!!"),
    "content tab marker": re.compile(r'=== "'),
    "highlight": HIGHLIGHT,
    "underline": UNDERLINE,
    "link syntax": re.compile(r"\]\("),
}


# --- The notes, as written ---------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """An admonition or content tab opener in the notes."""

    line: int
    kind: str  # "admonition" or "tab"
    type: str  # the admonition type as typed, or "tab"
    title: str | None
    indent: int
    inside_tab: bool


@dataclass
class Notes:
    lines: list[str]  # the notes' lines outside fenced code
    blocks: list[Block]
    tab_groups: list[list[Block]]
    list_items: int
    nested_list_items: int
    fences: list[tuple[str, str]]  # (language, code)


def read_notes(text: str) -> Notes:
    """One pass over the notes: what is outside code, the blocks and how deep each list item sits."""
    prose, blocks, fences = [], [], []
    open_blocks: list[Block] = []  # admonitions and tabs whose bodies we are in
    list_items = nested = 0
    fence_lang, code = None, []
    for number, line in enumerate(text.split("\n"), 1):
        fence = FENCE.match(line)
        if fence and fence_lang is None:
            fence_lang, code = fence.group("lang"), []
            continue
        if fence and fence_lang is not None:
            fences.append((fence_lang, "\n".join(code) + "\n"))
            fence_lang = None
            continue
        if fence_lang is not None:
            code.append(line)
            continue
        prose.append(line)
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip(" "))
        while open_blocks and indent <= open_blocks[-1].indent:
            open_blocks.pop()
        opener = ADMONITION.match(line) or TAB.match(line)
        if opener:
            is_tab = opener.re is TAB
            block = Block(number, "tab" if is_tab else "admonition",
                          "tab" if is_tab else opener.group("type"), opener.group("title"), indent,
                          any(b.kind == "tab" for b in open_blocks))
            blocks.append(block)
            open_blocks.append(block)
            continue
        item = LIST_ITEM.match(line)
        if item:
            body_indent = open_blocks[-1].indent + 4 if open_blocks else 0
            list_items += 1
            nested += indent - body_indent >= 4
    return Notes(prose, blocks, _tab_groups(blocks, text.split("\n")), list_items, nested, fences)


def _tab_groups(blocks: list[Block], lines: list[str]) -> list[list[Block]]:
    """Tabs belong to one group while only blank lines and their bodies stand between them."""
    groups: list[list[Block]] = []
    for tab in (b for b in blocks if b.kind == "tab"):
        previous = groups[-1][-1] if groups else None
        if previous and previous.indent == tab.indent and all(
                not line.strip() or len(line) - len(line.lstrip(" ")) > tab.indent
                for line in lines[previous.line:tab.line - 1]):
            groups[-1].append(tab)
        else:
            groups.append([tab])
    return groups


def outside_code_spans(line: str) -> str:
    return CODE_SPAN.sub("", line)


@pytest.fixture(scope="module")
def notes() -> Notes:
    return read_notes(NOTES.read_text(encoding="utf-8"))


# --- The built site ----------------------------------------------------------------------------


# What the hooks add to the notes' pages (lists of pages and topics, the knowledge layer's
# "See also" / "Mentioned in"): not the notes' own markup, so not counted against them.
GENERATED = "div.topic-pages, div.topics, aside.knowledge-footer"


def notes_urls(site) -> list[str]:
    """The home page and every page in a topic folder: the pages made from the notes."""
    nav = site.soup("").select_one("nav.md-nav--primary > ul")
    folders = tuple(a["href"] for a in nav.select(":scope > li.md-nav__item--nested > a.md-nav__link"))
    return [url for url in map(site.url_of, site.html_files()) if url == "" or url.startswith(folders)]


@pytest.fixture(scope="module")
def articles(site) -> dict[str, object]:
    """URL -> the article of each page made from the notes, less what the hooks generated."""
    notes_articles = {}
    for url in notes_urls(site):
        article = copy.copy(site.article(url))
        for generated in article.select(GENERATED):
            generated.decompose()
        notes_articles[url] = article
    return notes_articles


@pytest.fixture(scope="module")
def all_articles(site) -> dict[str, object]:
    return {site.url_of(path): site.article(site.url_of(path)) for path in site.html_files()}


def select_all(articles, css: str) -> list:
    return [element for article in articles.values() for element in article.select(css)]


def visible_text(element) -> str:
    """Text a reader sees, less code, which may legitimately show `!!!` or `](`."""
    text_only = copy.copy(element)
    for code in text_only.find_all(["code", "pre", "script", "style"]):
        code.decompose()
    return text_only.get_text()


# --- Admonitions -------------------------------------------------------------------------------


def admonition_class(div) -> str:
    return " ".join(c for c in div["class"] if c != "admonition")


def test_admonitions_render_by_type(notes, articles):
    typed = [b.type for b in notes.blocks if b.kind == "admonition"]
    built = Counter(admonition_class(div) for div in select_all(articles, "div.admonition"))
    assert built == Counter(t.lower() for t in typed)
    assert sum(built.values()) == len(typed) == ISSUE["admonitions"]
    assert set(built) >= {"note", "tip", "example", "info", "danger"}


def test_capitalised_admonition_types_render_like_lower_case_ones(notes, articles):
    admonitions = [b for b in notes.blocks if b.kind == "admonition"]
    capitalised = Counter(b.type for b in admonitions if b.type[0].isupper())
    assert capitalised == ISSUE["capitalised admonition types"]
    for typed in capitalised:  # "!!! Example" is an example box titled "Example", like "!!! example"
        untitled = [b for b in admonitions if b.type.lower() == typed.lower() and b.title is None]
        built = [div for div in select_all(articles, "div.admonition")
                 if admonition_class(div) == typed.lower() and admonition_title(div) == typed.capitalize()]
        assert len(built) == len(untitled) >= capitalised[typed]


def admonition_title(div) -> str:
    return div.select_one(".admonition-title").get_text(strip=True)


def test_an_admonition_with_a_quoted_title_shows_that_title(notes, articles):
    titled = [b.title for b in notes.blocks if b.kind == "admonition" and b.title]
    assert len(titled) == ISSUE["admonitions with a quoted title"]
    shown = [admonition_title(div) for div in select_all(articles, "div.admonition")]
    for title in titled:
        assert title in shown
    assert not any('"' in title for title in shown)


def test_every_admonition_has_a_body(articles):
    empty = [div for div in select_all(articles, "div.admonition")
             if not div.get_text(strip=True).removeprefix(admonition_title(div))]
    assert empty == []


# --- Content tabs ------------------------------------------------------------------------------


def test_content_tabs_render_in_their_groups(notes, articles):
    groups = select_all(articles, "div.tabbed-set")
    built = [[label.get_text(strip=True) for label in group.select(":scope > div.tabbed-labels > label")]
             for group in groups]
    typed = [[tab.title for tab in group] for group in notes.tab_groups]
    assert sorted(built) == sorted(typed)
    assert sum(map(len, built)) == ISSUE["content tabs"]
    assert len(built) == ISSUE["tab groups"]


def test_content_tabs_use_the_alternate_style_with_one_body_per_label(articles):
    for group in select_all(articles, "div.tabbed-set"):
        assert "tabbed-alternate" in group["class"]
        labels = group.select(":scope > div.tabbed-labels > label")
        bodies = group.select(":scope > div.tabbed-content > div.tabbed-block")
        assert len(labels) == len(bodies) > 0
        assert all(body.get_text(strip=True) for body in bodies)


def test_an_admonition_nested_in_a_tab_renders_inside_the_tab(notes, articles):
    typed = [b for b in notes.blocks if b.kind == "admonition" and b.inside_tab]
    built = select_all(articles, "div.tabbed-block div.admonition")
    assert len(built) == len(typed) == ISSUE["admonitions inside a tab"]


# --- Inline markup -----------------------------------------------------------------------------


def test_highlights_render_as_marks(notes, articles):
    typed = [m.group(1) for line in notes.lines for m in HIGHLIGHT.finditer(outside_code_spans(line))]
    built = [mark.get_text() for mark in select_all(articles, "mark")]
    assert len(built) == len(typed) == ISSUE["highlights"]
    assert Counter(built) == Counter(re.sub(r"\*+", "", text) for text in typed)


def test_underlines_render_as_ins(notes, articles):
    typed = [m.group(1) for line in notes.lines for m in UNDERLINE.finditer(outside_code_spans(line))]
    assert typed, "the notes underline with ^^text^^"
    assert len(select_all(articles, "ins")) == len(typed)


def test_bold_and_italic_render_as_strong_and_em(notes, articles):
    inline = [LIST_MARKER.sub("", outside_code_spans(line)) for line in notes.lines]
    bold = [m.group(1) for line in inline for m in STRONG.finditer(line)]
    italic = [m.group(1) for line in inline for m in EMPHASIS.finditer(STRONG.sub(r"\1", line))]
    built_bold = [b for b in select_all(articles, "strong") if not b.find_parent(class_="missing-picture")]
    assert len(built_bold) == len(bold) > 0
    assert len(select_all(articles, "em")) == len(italic) > 0


def test_escaped_angle_brackets_show_as_literal_text(notes, articles):
    escaped = [f"<{m.group('inner')}>" for line in notes.lines for m in ESCAPED_ANGLE.finditer(outside_code_spans(line))]
    assert "<region>" in escaped
    text = " ".join(visible_text(article) for article in articles.values())
    assert [shown for shown in escaped if shown not in text] == []
    assert "\\>" not in text
    assert "XXX.<region>.elb.amazonaws.com" in text


def test_link_texts_keep_their_emoji(notes, articles):
    typed = sum(len(LINK_WITH_EMOJI.findall(line)) for line in notes.lines)
    built = [a for a in select_all(articles, "a") if a.get_text().startswith("🔗")]
    assert typed > 0
    assert len(built) == typed
    assert all(a["href"].startswith("http") for a in built)


def test_lists_nested_by_four_spaces_render_as_nested_lists(notes, articles):
    items = select_all(articles, "li")
    nested = [li for li in items if li.find_parent("li")]
    assert len(items) == notes.list_items
    assert len(nested) == notes.nested_list_items > 0
    assert all(li.parent.name in ("ul", "ol") and li.parent.parent.name == "li" for li in nested)


# --- Blocks ------------------------------------------------------------------------------------


def test_tables_render_with_every_row(notes, articles):
    delimiters = [i for i, line in enumerate(notes.lines) if TABLE_DELIMITER.match(line)]
    typed_rows = []
    for at in delimiters:  # header row above the delimiter, body rows below it until a blank line
        body = 0
        while at + 1 + body < len(notes.lines) and "|" in notes.lines[at + 1 + body]:
            body += 1
        typed_rows.append(1 + body)
    built_rows = [len(table.find_all("tr")) for table in select_all(articles, "table")]
    assert sorted(built_rows) == sorted(typed_rows)
    assert len(built_rows) == ISSUE["tables"]


def test_fenced_code_is_highlighted_in_its_language(notes, articles):
    blocks = select_all(articles, "div.highlight")
    assert sorted(lang for lang, _ in notes.fences) == ISSUE["fenced code languages"]
    assert len(blocks) == len(notes.fences)
    for lang, code in notes.fences:
        expected = token_classes(lang, code)
        built = [b for b in blocks if _same_code(b, code)]
        assert len(built) == 1, f"the {lang} block is not rendered exactly once"
        assert {c for span in built[0].select("code span[class]") for c in span["class"]} == expected


def token_classes(lang: str, code: str) -> set[str]:
    """The CSS classes Pygments gives this code, computed here from the notes' own fence."""
    classes = set()
    for token, _ in lex(textwrap.dedent(code), get_lexer_by_name(lang)):
        while token not in STANDARD_TYPES:
            token = token.parent
        if STANDARD_TYPES[token]:
            classes.add(STANDARD_TYPES[token])
    return classes


def _same_code(block, code: str) -> bool:
    return " ".join(block.select_one("code").get_text().split()) == " ".join(code.split())


def test_blockquote_lines_render_inside_blockquotes(notes, articles):
    typed = [line for line in notes.lines if QUOTE.match(line)]
    with_words = [line for line in typed if line.strip().lstrip(">").strip()]
    built = [line for quote in select_all(articles, "blockquote")
             for line in quote.get_text().split("\n") if line.strip()]
    assert len(typed) == ISSUE["blockquote lines"]
    assert len(built) == len(with_words)


# --- Pictures ----------------------------------------------------------------------------------


def test_remote_pictures_load_lazily_with_their_alt_text(notes, articles):
    typed = [m for line in notes.lines for m in PICTURE.finditer(line)]
    remote = [(m.group("alt"), m.group("src")) for m in typed if m.group("src").startswith(("http://", "https://"))]
    built = select_all(articles, "img")
    assert len(typed) == ISSUE["pictures"]
    assert len(remote) == ISSUE["remote pictures"]
    assert sorted((img.get("alt"), img.get("src")) for img in built) == sorted(remote)
    assert all(img.get("loading") == "lazy" and img.get("alt") for img in built)


def test_the_missing_local_picture_is_a_placeholder_not_a_broken_image(notes, site, articles):
    local = [(m.group("alt"), m.group("src")) for line in notes.lines for m in PICTURE.finditer(line)
             if not m.group("src").startswith(("http://", "https://"))]
    placeholders = select_all(articles, ".missing-picture")
    assert len(local) == len(placeholders) == ISSUE["missing local pictures"]
    for (alt, src), box in zip(local, placeholders):
        assert alt in box.get_text()
        assert box.get("role") == "img" and alt in box.get("aria-label", "")
        file_name = unquote(src).rsplit("/", 1)[-1]
        broken = [site.url_of(path) for path in site.html_files()
                  for img in site.soup(site.url_of(path)).find_all("img") if file_name in unquote(img.get("src", ""))]
        assert broken == []


# --- Nothing raw -------------------------------------------------------------------------------


def test_no_page_shows_raw_markup(all_articles):
    raw = [f"{url or '(home)'}: {what} {m.group(0)!r}"
           for url, article in all_articles.items()
           for what, pattern in RAW_SYNTAX.items()
           for m in pattern.finditer(visible_text(article))]
    assert raw == []


def test_the_raw_markup_check_would_see_raw_markup():
    from bs4 import BeautifulSoup
    page = BeautifulSoup('<article><p>!!! note and ==this== and ^^that^^ [a](b)</p>'
                         '<pre><code>=== "fine in code"</code></pre></article>', "html.parser")
    found = {what for what, pattern in RAW_SYNTAX.items() if pattern.search(visible_text(page))}
    assert found == {"admonition marker", "highlight", "underline", "link syntax"}
