"""What search reads of a page, and the files the site's search worker loads: pure code, no MkDocs.

Material's search plugin keeps only a few tags (p, li, code, …) and joins the text of every other
element to its neighbour, so tab titles run together ("Security GroupsNACL"), all of a tab set's
titles come before all of its bodies, and table cells fuse. `search_html` gives the plugin a copy
of the page's HTML in which every block ends in a space, each tab title heads its own tab's body
as a paragraph, and table rows, definition terms and <summary> titles are paragraphs: one line
each in a search result. The page itself is not changed.

`split_index` turns the plugin's search_index.json into the small file the theme fetches on every
page (settings only) and the documents the worker fetches when a student first searches.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html.parser import HTMLParser

# Elements whose end is a word boundary.
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "label",
    "li", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "ul",
})
# Elements that become a line of their own (Material keeps <p> and shows it as one).
AS_PARAGRAPH = frozenset({"tr", "dt", "dd", "summary"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})

STUB_NOTE = "documents: see search_documents.json (hooks/search_index.py)"


# What the rewriter does besides putting a space after each block: tab titles, rows, definition
# lists, <summary>, <br> and <hr>; and what a parser reads otherwise than a pattern would (script
# and style, comments and declarations, end tags in capitals or with spaces, a void element's end
# tag, a character reference without its ';'). HTML with none of them (most pages) only needs
# the spaces, which one pattern adds in C.
NEEDS_PARSING = re.compile(
    r"tabbed-|<(?:tr|dt|dd|summary|br|hr|script|style)\b|<[!?]|</?[A-Z]|</\w+\s|&#?\w+(?![\w;])|</(?:"
    + "|".join(sorted(VOID)) + r")>")
BLOCK_END = re.compile(r"</(?:" + "|".join(sorted(BLOCKS)) + r")>")
# Inline tags the search plugin drops, keeping their text: it need not parse them. Its documents
# keep the same words in the same order; where such a tag stood between spaces, a run of spaces
# can be one longer.
DROPPED_INLINE = re.compile(r"</?(?:em|span|strong)\b[^>]*>")


def search_html(html: str) -> str:
    """The page's HTML as search should read it (see the module's docstring)."""
    html = without_excluded(html)
    if NEEDS_PARSING.search(html):
        return rewritten(html)
    return DROPPED_INLINE.sub("", BLOCK_END.sub(r"\g<0> ", html))


def rewritten(html: str) -> str:
    """search_html by parsing the page: what any HTML may need."""
    rewriter = _SearchHtml()
    rewriter.feed(html)
    rewriter.close()
    return "".join(rewriter.out)


EXCLUDED = re.compile(r"<(\w+)\b[^>]*?\sdata-search-exclude\b[^>]*>")
HEADING_TAG = re.compile(r"<h[1-6]\b")


def without_excluded(html: str) -> str:
    """`html` without the elements marked data-search-exclude, which search would parse only to
    drop (the glossary's "Used in" lists). An excluded heading excludes its section, not only
    itself, and so does one inside an excluded element: those are left for the plugin."""
    out, at = [], 0
    while match := EXCLUDED.search(html, at):
        end = match.end() if match[1] in VOID else _end_of(html, match[1], match.end())
        if end < 0 or match[1] in HEADINGS or HEADING_TAG.search(html, match.end(), end):
            out.append(html[at:match.end()])
            at = match.end()
            continue
        out.append(html[at:match.start()])
        at = end
    out.append(html[at:])
    return "".join(out)


def _end_of(html: str, tag: str, start: int) -> int:
    """Where the element of `tag` opened just before `start` ends (after its closing tag); -1 if
    it does not close."""
    depth = 1
    for match in re.compile(rf"<(/?){tag}\b[^>]*>").finditer(html, start):
        depth += -1 if match[1] else 1
        if depth == 0:
            return match.end()
    return -1


class _SearchHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.stack: list[str] = []           # open tags (a div also records its role)
        self.tab_titles: list[list[str]] = []  # per open tab set: titles not yet placed
        self.title: list[str] | None = None  # the tab title being read
        self.titles_read: list[str] = []     # titles of the tab set whose labels are being read

    def _emit(self, text: str) -> None:
        (self.title if self.title is not None else self.out).append(text)

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        raw = self.get_starttag_text()
        if tag in VOID:
            self._emit(" " if tag in ("br", "hr") else raw)
            return
        role = tag
        if tag == "div" and "tabbed-set" in classes:
            role = "tabbed-set"
            self.tab_titles.append([])
        elif tag == "div" and "tabbed-labels" in classes:
            role = "tabbed-labels"
            self.titles_read = []
        elif tag == "label" and self.stack and self.stack[-1] == "tabbed-labels":
            role = "tab-title"
            self.title = []
            self.stack.append(role)
            return
        self.stack.append(role)
        self._emit("<p>" if tag in AS_PARAGRAPH else raw)
        if tag == "div" and "tabbed-block" in classes and self.tab_titles and self.tab_titles[-1]:
            self._emit(f"<p>{self.tab_titles[-1].pop(0)}</p> ")

    def handle_startendtag(self, tag, attrs):
        self._emit(" " if tag in ("br", "hr") else self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        role = self.stack.pop() if self.stack else tag
        if role == "tab-title":
            self.titles_read.append("".join(self.title or []).strip())
            self.title = None
            return
        if role == "tabbed-labels" and self.tab_titles:
            self.tab_titles[-1] = self.titles_read
        if role == "tabbed-set" and self.tab_titles:
            leftover = self.tab_titles.pop()
            self._emit("".join(f"<p>{title}</p> " for title in leftover))  # never lose a title
        self._emit("</p>" if tag in AS_PARAGRAPH else f"</{tag}>")
        if tag in BLOCKS:
            self._emit(" ")

    def handle_data(self, data):
        self._emit(data)

    def handle_entityref(self, name):
        self._emit(f"&{name};")

    def handle_charref(self, name):
        self._emit(f"&#{name};")

    def handle_comment(self, data):
        self._emit(f"<!--{data}-->")

    def handle_decl(self, decl):
        self._emit(f"<!{decl}>")

    def handle_pi(self, data):
        self._emit(f"<?{data}>")

    def unknown_decl(self, data):
        self._emit(f"<![{data}]>")


def glossary_pairs(terms: dict) -> dict[str, list[str]]:
    """Acronym -> its expansions as the notes write them (RAM has two), for the worker to match
    'KMS' with 'Key Management Service' and back. `terms` is TermIndex.terms."""
    pairs: dict[str, list[str]] = {}
    for acronym, term in terms.items():
        expansions = []
        for meaning in term.meanings:
            for expansion in [meaning.expansion, *meaning.other_spellings]:
                if expansion and expansion not in expansions:
                    expansions.append(expansion)
        if expansions:
            pairs[acronym] = expansions
    return pairs


# The glossary page repeats every acronym with its expansion: it would come first for every
# acronym, above the page that explains it. Material's document boost keeps it below.
GLOSSARY_BOOST = 0.3


def split_index(index_json: str, glossary: dict[str, list[str]], glossary_url: str = "",
                built: Callable[[list[dict]], dict] | None = None) -> tuple[str, str]:
    """(what the theme fetches on every page, what the worker fetches on the first search).
    `built(docs)`: the worker's lunr index of the documents (search_lunr.build_index), kept
    beside them."""
    index = json.loads(index_json)
    if glossary_url:
        for doc in index["docs"]:
            if doc["location"].split("#")[0] == glossary_url:
                doc["boost"] = GLOSSARY_BOOST
    stub = {"config": index["config"], "docs": [], "note": STUB_NOTE}
    documents = {"docs": index["docs"], "glossary": glossary}
    if built is not None:
        documents.update(built(index["docs"]))
    dump = {"separators": (",", ":"), "ensure_ascii": False}
    return json.dumps(stub, **dump), json.dumps(documents, **dump)
