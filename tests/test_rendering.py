"""The notes' Markdown dialect renders as intended: each construct is counted page by page in
docs/ as it is now (tests/notes.py) and in the HTML built from that page. Where docs/ no longer
uses a construct, its test is skipped and says so; where it does, the test checks every use.
"""


from __future__ import annotations

import copy
import re
import textwrap
from collections import Counter
from dataclasses import dataclass
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup, CData, NavigableString, Tag
from pygments import lex
from pygments.lexers import get_lexer_by_name
from pygments.token import STANDARD_TYPES

from notes import notes

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
    missing_pictures: list[str]  # the page's front matter: pictures it knows are not there


def read_notes(text: str, missing_pictures: list[str] | None = None) -> Notes:
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
    return Notes(prose, blocks, _tab_groups(blocks, text.split("\n")), list_items, nested, fences,
                 missing_pictures or [])


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


@dataclass
class Case:
    """One page of docs/: what its Markdown says and the article built from it."""

    where: str  # "docs/ec2/ebs.md"
    notes: Notes
    article: object


def cases_with(cases: list[Case], what: str, count) -> list[Case]:
    """The pages where count(notes) > 0; the test is skipped if docs/ has none at all."""
    found = [case for case in cases if count(case.notes)]
    if not found:
        pytest.skip(f"docs/ has no {what} now: nothing to check")
    return found


def differences(cases: list[Case], typed, built) -> list[str]:
    """Pages where typed(notes) != built(article)."""
    return [f"{case.where}: docs has {typed(case.notes)!r}, built {built(case.article)!r}"
            for case in cases if typed(case.notes) != built(case.article)]


# --- The built site ----------------------------------------------------------------------------


# What the hooks add to the notes' pages (lists of pages and topics, the study dashboard and the
# study pages on the home page, "Mark as studied", the knowledge layer's "See also" / "Mentioned
# in"): not the notes' own markup, so not counted against them.
GENERATED = ("div.topic-pages, div.topics, ul.study-links, aside.knowledge-footer, div.study-dashboard, "
             "div.study-mark")


def notes_article(article):
    """A built article less what the hooks generated."""
    article = copy.copy(article)
    for generated in article.select(GENERATED):
        generated.decompose()
    return article


@pytest.fixture(scope="module")
def cases(site) -> list[Case]:
    """Every page of docs/ with its built article."""
    return [Case(f"docs/{page.path}", read_notes(page.markdown, page.meta.get("missing_pictures")),
                 notes_article(site.article(page.url)))
            for page in notes().pages]


@pytest.fixture(scope="module")
def all_articles(site) -> dict[str, object]:
    return {site.url_of(path): site.article(site.url_of(path)) for path in site.html_files()}


NOT_VISIBLE = {"code", "pre", "script", "style"}


def visible_text(element) -> str:
    """Text a reader sees, less code, which may legitimately show `!!!` or `](`: what get_text()
    gives once those elements are cut out, read without copying the page to cut them from."""
    def strings(tag):
        for child in tag.children:
            if isinstance(child, Tag):
                if child.name not in NOT_VISIBLE:
                    yield from strings(child)
            elif type(child) in (NavigableString, CData):  # get_text()'s own choice: no comments
                yield child
    return "".join(strings(element))


# --- Admonitions -------------------------------------------------------------------------------


def admonition_class(div) -> str:
    return " ".join(c for c in div["class"] if c != "admonition")


def admonition_title(div) -> str | None:
    title = div.select_one(".admonition-title")
    return None if title is None else title.get_text(strip=True)


def admonitions(notes: Notes) -> list[Block]:
    return [b for b in notes.blocks if b.kind == "admonition"]


def typed_admonition_types(notes: Notes) -> Counter:
    return Counter(b.type.lower() for b in admonitions(notes))


def built_admonition_types(article) -> Counter:
    return Counter(admonition_class(div) for div in article.select("div.admonition"))


def typed_admonition_titles(notes: Notes) -> Counter:
    """(class, title) of each box: without a quoted title, Python-Markdown titles it with its
    capitalised type ("!!! Example" and "!!! example" both show "Example"); `""` means no title."""
    return Counter((b.type.lower(), b.type.capitalize() if b.title is None else (b.title or None))
                   for b in admonitions(notes))


def built_admonition_titles(article) -> Counter:
    return Counter((admonition_class(div), admonition_title(div)) for div in article.select("div.admonition"))


def test_admonitions_render_by_type(cases):
    checked = cases_with(cases, "admonitions", admonitions)
    assert differences(checked, typed_admonition_types, built_admonition_types) == []


def test_capitalised_admonition_types_render_like_lower_case_ones(cases):
    checked = cases_with(cases, "admonitions with a capitalised type",
                         lambda notes: [b for b in admonitions(notes) if b.type[0].isupper()])
    assert differences(checked, typed_admonition_titles, built_admonition_titles) == []


def test_an_admonition_with_a_quoted_title_shows_that_title(cases):
    checked = cases_with(cases, "admonitions with a quoted title",
                         lambda notes: [b for b in admonitions(notes) if b.title])
    assert differences(checked, typed_admonition_titles, built_admonition_titles) == []
    shown = [admonition_title(div) or "" for case in checked for div in case.article.select("div.admonition")]
    assert not any('"' in title for title in shown)


def test_every_admonition_has_a_body(cases):
    checked = cases_with(cases, "admonitions", admonitions)
    empty = [case.where for case in checked for div in case.article.select("div.admonition")
             if not div.get_text(strip=True).removeprefix(admonition_title(div) or "")]
    assert empty == []


# --- Content tabs ------------------------------------------------------------------------------


def typed_tab_groups(notes: Notes) -> list[list[str]]:
    return sorted([tab.title for tab in group] for group in notes.tab_groups)


def built_tab_groups(article) -> list[list[str]]:
    return sorted([label.get_text(strip=True) for label in group.select(":scope > div.tabbed-labels > label")]
                  for group in article.select("div.tabbed-set"))


def test_content_tabs_render_in_their_groups(cases):
    checked = cases_with(cases, "content tabs", lambda notes: notes.tab_groups)
    assert differences(checked, typed_tab_groups, built_tab_groups) == []


def test_content_tabs_use_the_alternate_style_with_one_body_per_label(cases):
    checked = cases_with(cases, "content tabs", lambda notes: notes.tab_groups)
    for group in (group for case in checked for group in case.article.select("div.tabbed-set")):
        assert "tabbed-alternate" in group["class"]
        labels = group.select(":scope > div.tabbed-labels > label")
        bodies = group.select(":scope > div.tabbed-content > div.tabbed-block")
        assert len(labels) == len(bodies) > 0
        assert all(body.get_text(strip=True) for body in bodies)


def test_an_admonition_nested_in_a_tab_renders_inside_the_tab(cases):
    def inside_tab(notes):
        return [b for b in admonitions(notes) if b.inside_tab]
    assert differences(cases, lambda notes: len(inside_tab(notes)),
                       lambda article: len(article.select("div.tabbed-block div.admonition"))) == []
    cases_with(cases, "admonitions inside a content tab", inside_tab)


# --- Inline markup -----------------------------------------------------------------------------


def marks_in(pattern: re.Pattern, notes: Notes) -> list[str]:
    return [m.group(1) for line in notes.lines for m in pattern.finditer(outside_code_spans(line))]


def test_highlights_render_as_marks(cases):
    checked = cases_with(cases, "highlights (==text==)", lambda notes: marks_in(HIGHLIGHT, notes))
    assert differences(checked, lambda notes: Counter(re.sub(r"\*+", "", text) for text in marks_in(HIGHLIGHT, notes)),
                       lambda article: Counter(mark.get_text() for mark in article.select("mark"))) == []


def test_underlines_render_as_ins(cases):
    checked = cases_with(cases, "underlines (^^text^^)", lambda notes: marks_in(UNDERLINE, notes))
    assert differences(checked, lambda notes: len(marks_in(UNDERLINE, notes)),
                       lambda article: len(article.select("ins"))) == []


def bold_and_italic(notes: Notes) -> tuple[int, int]:
    inline = [LIST_MARKER.sub("", outside_code_spans(line)) for line in notes.lines]
    bold = [m.group(1) for line in inline for m in STRONG.finditer(line)]
    italic = [m.group(1) for line in inline for m in EMPHASIS.finditer(STRONG.sub(r"\1", line))]
    return len(bold), len(italic)


def built_bold_and_italic(article) -> tuple[int, int]:
    bold = [b for b in article.select("strong") if not b.find_parent(class_="missing-picture")]
    return len(bold), len(article.select("em"))


def test_bold_and_italic_render_as_strong_and_em(cases):
    checked = cases_with(cases, "bold or italic text", lambda notes: any(bold_and_italic(notes)))
    assert differences(checked, bold_and_italic, built_bold_and_italic) == []


def escaped_angles(notes: Notes) -> list[str]:
    return [f"<{m.group('inner')}>" for line in notes.lines for m in ESCAPED_ANGLE.finditer(outside_code_spans(line))]


def unshown_angles(case: Case) -> list[str]:
    text = visible_text(case.article)
    return [f"{case.where}: {shown}" for shown in escaped_angles(case.notes) if shown not in text] + \
        ([f"{case.where}: a raw \\>"] if "\\>" in text else [])


def test_escaped_angle_brackets_show_as_literal_text(cases):
    checked = cases_with(cases, r"escaped angle brackets (<name\>)", escaped_angles)
    assert [problem for case in checked for problem in unshown_angles(case)] == []


def test_link_texts_keep_their_emoji(cases):
    checked = cases_with(cases, "links whose text starts with 🔗",
                         lambda notes: sum(len(LINK_WITH_EMOJI.findall(line)) for line in notes.lines))
    links = [a for case in checked for a in case.article.select("a") if a.get_text().startswith("🔗")]
    assert differences(checked, lambda notes: sum(len(LINK_WITH_EMOJI.findall(line)) for line in notes.lines),
                       lambda article: len([a for a in article.select("a") if a.get_text().startswith("🔗")])) == []
    assert all(a["href"].startswith("http") for a in links)


def built_list_items(article) -> tuple[int, int]:
    items = article.select("li")
    nested = [li for li in items if li.find_parent("li")]
    assert all(li.parent.name in ("ul", "ol") and li.parent.parent.name == "li" for li in nested)
    return len(items), len(nested)


def test_lists_nested_by_four_spaces_render_as_nested_lists(cases):
    checked = cases_with(cases, "nested list items", lambda notes: notes.nested_list_items)
    assert differences(cases, lambda notes: (notes.list_items, notes.nested_list_items), built_list_items) == []
    assert len(checked) > 0


# --- Blocks ------------------------------------------------------------------------------------


def table_rows(notes: Notes) -> list[int]:
    """Rows of each table: the header above the delimiter, body rows below it until a line without |."""
    rows = []
    for at in (i for i, line in enumerate(notes.lines) if TABLE_DELIMITER.match(line)):
        body = 0
        while at + 1 + body < len(notes.lines) and "|" in notes.lines[at + 1 + body]:
            body += 1
        rows.append(1 + body)
    return sorted(rows)


def built_table_rows(article) -> list[int]:
    return sorted(len(table.find_all("tr")) for table in article.select("table"))


def test_tables_render_with_every_row(cases):
    checked = cases_with(cases, "tables", table_rows)
    assert differences(checked, table_rows, built_table_rows) == []


def code_problems(case: Case) -> list[str]:
    """Each fence of the page that is not rendered exactly once, highlighted in its language."""
    blocks = case.article.select("div.highlight")
    problems = [f"{case.where}: {len(case.notes.fences)} fences, {len(blocks)} highlighted blocks"] \
        if len(blocks) != len(case.notes.fences) else []
    for lang, code in case.notes.fences:
        built = [b for b in blocks if _same_code(b, code)]
        if len(built) != sum(code == other for _, other in case.notes.fences):
            problems.append(f"{case.where}: the {lang or 'plain'} block is rendered {len(built)} times")
        elif lang and {c for span in built[0].select("code span[class]") for c in span["class"]} != \
                token_classes(lang, code):
            problems.append(f"{case.where}: the {lang} block is not highlighted as {lang}")
    return problems


def test_fenced_code_is_highlighted_in_its_language(cases):
    checked = cases_with(cases, "fenced code", lambda notes: notes.fences)
    assert [problem for case in checked for problem in code_problems(case)] == []


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


def quote_lines_with_words(notes: Notes) -> int:
    return len([line for line in notes.lines if QUOTE.match(line) and line.strip().lstrip(">").strip()])


def built_quote_lines(article) -> int:
    return len([line for quote in article.select("blockquote") for line in quote.get_text().split("\n")
                if line.strip()])


def test_blockquote_lines_render_inside_blockquotes(cases):
    checked = cases_with(cases, "blockquotes", quote_lines_with_words)
    assert differences(checked, quote_lines_with_words, built_quote_lines) == []


# --- Pictures ----------------------------------------------------------------------------------


def pictures(notes: Notes) -> list[tuple[str, str]]:
    return [(m.group("alt"), m.group("src")) for line in notes.lines for m in PICTURE.finditer(line)]


def is_remote(src: str) -> bool:
    return src.startswith(("http://", "https://"))


def shown_pictures(notes: Notes) -> list[tuple[str, str]]:
    """(alt, src) of each picture that must be an <img>: all but those the page lists as missing."""
    return sorted(p for p in pictures(notes) if p[1] not in notes.missing_pictures)


def built_pictures(article) -> list[tuple[str, str]]:
    return sorted((img.get("alt"), img.get("src")) for img in article.select("img"))


def test_pictures_render_and_remote_ones_load_lazily_with_their_alt_text(cases):
    checked = cases_with(cases, "remote pictures", lambda notes: [p for p in pictures(notes) if is_remote(p[1])])
    assert differences(cases, shown_pictures, built_pictures) == []
    remote = [img for case in checked for img in case.article.select("img") if is_remote(img.get("src", ""))]
    assert remote and all(img.get("loading") == "lazy" and img.get("alt") for img in remote)


def placeholder_problems(case: Case) -> list[str]:
    """A listed missing picture must be a placeholder naming it, never a broken <img>."""
    listed = [(alt, src) for alt, src in pictures(case.notes) if src in case.notes.missing_pictures]
    boxes = case.article.select(".missing-picture")
    if len(boxes) != len(listed):
        return [f"{case.where}: {len(listed)} missing pictures, {len(boxes)} placeholders"]
    problems = []
    for (alt, src), box in zip(listed, boxes, strict=True):
        if alt not in box.get_text() or box.get("role") != "img" or alt not in box.get("aria-label", ""):
            problems.append(f"{case.where}: the placeholder for {src} does not name {alt!r}")
        file_name = unquote(src).rsplit("/", 1)[-1]
        if any(file_name in unquote(img.get("src", "")) for img in case.article.select("img")):
            problems.append(f"{case.where}: {src} is a broken <img>")
    return problems


def test_a_missing_local_picture_is_a_placeholder_not_a_broken_image(cases):
    checked = cases_with(cases, "pictures listed under missing_pictures", lambda notes: notes.missing_pictures)
    assert [problem for case in checked for problem in placeholder_problems(case)] == []


# --- Nothing raw -------------------------------------------------------------------------------


def test_no_page_shows_raw_markup(all_articles):
    raw = [f"{url or '(home)'}: {what} {m.group(0)!r}"
           for url, article in all_articles.items()
           for what, pattern in RAW_SYNTAX.items()
           for m in pattern.finditer(visible_text(article))]
    assert raw == []


def test_the_raw_markup_check_would_see_raw_markup():
    page = BeautifulSoup('<article><p>!!! note and ==this== and ^^that^^ [a](b)</p>'
                         '<pre><code>=== "fine in code"</code></pre></article>', "html.parser")
    found = {what for what, pattern in RAW_SYNTAX.items() if pattern.search(visible_text(page))}
    assert found == {"admonition marker", "highlight", "underline", "link syntax"}


# --- The checks can fail -----------------------------------------------------------------------


def small_case(markdown: str, html: str, missing_pictures: list[str] | None = None) -> Case:
    article = BeautifulSoup(f"<article>{html}</article>", "html.parser").article
    return Case("docs/small.md", read_notes(markdown, missing_pictures), article)


def test_the_block_checks_would_see_a_box_tab_or_table_that_did_not_render():
    markdown = ('!!! tip\n    Body\n\n=== "One"\n    a\n=== "Two"\n    b\n\n'
                "| h | h |\n|---|---|\n| a | b |\n")
    raw = small_case(markdown, "<p>!!! tip Body</p><p>=== One</p><table><tr><td>h</td></tr></table>")
    assert differences([raw], typed_admonition_types, built_admonition_types) != []
    assert differences([raw], typed_admonition_titles, built_admonition_titles) != []
    assert differences([raw], typed_tab_groups, built_tab_groups) != []
    assert differences([raw], table_rows, built_table_rows) != []


def test_the_inline_checks_would_see_unrendered_marks_and_lists():
    case = small_case("* **bold** and *it* ==hi==\n    * nested <b\\>\n", "<p>**bold** and *it* ==hi== &lt;b\\&gt;</p>")
    assert differences([case], bold_and_italic, built_bold_and_italic) != []
    assert differences([case], lambda notes: (notes.list_items, notes.nested_list_items), built_list_items) != []
    assert unshown_angles(case) != []


def test_the_code_and_quote_checks_would_see_plain_code_and_a_lost_quote():
    markdown = '```json\n{"a": 1}\n```\n\n> quoted\n'
    case = small_case(markdown, '<div class="highlight"><pre><code>{"a": 1}</code></pre></div><p>quoted</p>')
    assert code_problems(case) == [f"{case.where}: the json block is not highlighted as json"]
    assert differences([case], quote_lines_with_words, built_quote_lines) != []


def test_the_picture_checks_would_see_a_broken_image():
    markdown = "![Far](https://example.com/a.png)\n\n![Near](../imgs/b.png)\n"
    broken = small_case(markdown, '<img alt="Far" src="https://example.com/a.png"><img alt="Near" src="../imgs/b.png">',
                        ["../imgs/b.png"])
    assert differences([broken], shown_pictures, built_pictures) != []
    assert placeholder_problems(broken) != []
    fine = small_case(markdown, '<img alt="Far" src="https://example.com/a.png">'
                      '<span class="missing-picture" role="img" aria-label="Picture not available: Near">'
                      "<strong>Picture not available: Near</strong></span>", ["../imgs/b.png"])
    assert differences([fine], shown_pictures, built_pictures) == []
    assert placeholder_problems(fine) == []
