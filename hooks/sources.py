"""Reading the notes: a page's lines and headings, its text as a reader sees it, and the trie
pattern every name and acronym search is built on.

Pure: strings in, values out. `PageSource` works out a page's lines and headings once, however
many steps of the term index ask for them, and is dropped with the index's inputs.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from itertools import accumulate, groupby
from typing import NamedTuple

from markdown.extensions.toc import slugify, unique

from notes_syntax import in_fenced_code

HEADING = re.compile(r"^(#{1,6}) +(.+?) *#*$")
# A heading's attribute list (attr_list): `## Title {: #id .class }`; its id, if it sets one.
ATTR_LIST = re.compile(r"\s*\{:?([^}]*)\}\s*$")
ATTR_ID = re.compile(r"""(?:^|\s)(?:#([^\s}]+)|id=(?:"([^"]*)"|'([^']*)'|([^\s}]+)))""")
HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
# Where a sentence ends: a full stop, question or exclamation mark, then a space and what starts a
# sentence: a capital, a digit, a quote or bracket, or the Markdown that may open one (not "e.g. a",
# "1.5", "S3.Bucket").
SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z0-9(\"'`*_=\[])")
MARKUP = re.compile(r"\*+|==|\^\^|`|\\(?=[^\w\s])|!?\[([^\]]*)\]\([^)]*\)")


class Place(NamedTuple):
    """Where something stands in the notes: a page (src_uri), a heading anchor ('' = top), a line."""
    page: str
    anchor: str
    line: int


class Heading(NamedTuple):
    level: int
    title: str
    anchor: str
    line: int
    size: int       # non-blank lines of body under it, up to the next heading of its level or higher


class PageSource:
    """One page as written (front matter included, so line numbers stay true)."""
    __slots__ = ("src_uri", "markdown", "_lines", "_headings")

    def __init__(self, src_uri: str, markdown: str) -> None:
        self.src_uri = src_uri      # "ec2/ebs.md"
        self.markdown = markdown
        self._lines: tuple[str, ...] | None = None
        self._headings: tuple[Heading, ...] | None = None

    @property
    def lines(self) -> tuple[str, ...]:
        if self._lines is None:
            self._lines = content_lines(self.markdown)
        return self._lines

    @property
    def headings(self) -> tuple[Heading, ...]:
        if self._headings is None:
            self._headings = headings_of(self.lines)
        return self._headings


@functools.lru_cache(maxsize=1024)  # study mode and flashcards ask for one line's words per figure on it
def plain(text: str) -> str:
    """Inline Markdown to the words a reader sees."""
    return " ".join(MARKUP.sub(_markup_text, text).split())  # spaces collapsed, ends stripped


def _markup_text(match: re.Match) -> str:
    return match.group(1) or ""


def content_lines(markdown: str) -> tuple[str, ...]:
    """The page's lines, line n at index n - 1, with front matter and fenced code blanked: line
    numbers stay true, and nothing in them reads as notes text."""
    lines = markdown.split("\n")
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), 0)
        lines[:end + 1] = [""] * (end + 1)
    if "```" in markdown or "~~~" in markdown:
        lines = ["" if fenced else line for line, fenced in zip(lines, in_fenced_code(lines), strict=True)]
    return tuple(lines)


def headings(markdown: str) -> tuple[Heading, ...]:
    return headings_of(content_lines(markdown))


def headings_of(lines: tuple[str, ...]) -> tuple[Heading, ...]:
    """Headings with the ids Python-Markdown's toc gives them (same slugify, same de-duplication)."""
    found = [(i, len(m.group(1)), m.group(2)) for i, line in enumerate(lines)
             if line.startswith("#") and (m := HEADING.match(line))]
    nonblank_before = list(accumulate(map(bool, map(str.strip, lines)), initial=0))  # [n]: in lines[:n]
    used: set[str] = set()
    result = []
    for k, (i, level, written) in enumerate(found):
        end = next((j for j, lvl, _ in found[k + 1:] if lvl <= level), len(lines))
        size = nonblank_before[end] - nonblank_before[i + 1]
        title, given_id = _without_attributes(written)
        # toc slugs the heading's rendered text: raw HTML tags typed in it are not part of it.
        anchor = unique(given_id or slugify(HTML_TAG.sub("", title), "-"), used)
        result.append(Heading(level, title, anchor, i + 1, size))
    return tuple(result)


def _without_attributes(heading: str) -> tuple[str, str]:
    """A heading's text without its attribute list, and the id that list sets ('' if none)."""
    attributes = ATTR_LIST.search(heading) if heading.endswith("}") else None
    if attributes is None:
        return plain(heading), ""
    given = ATTR_ID.search(attributes.group(1))
    return plain(heading[:attributes.start()]), next((g for g in given.groups() if g), "") if given else ""


def anchor_at(heads: tuple[Heading, ...], line: int) -> str:
    """The anchor of the section a line belongs to ('' before the first h2)."""
    anchor = ""
    for head in heads:
        if head.line > line:
            break
        anchor = head.anchor if head.level > 1 else ""
    return anchor


def trie_pattern(names: Iterable[str]) -> str:
    """A regex that matches any of `names`, shaped as a trie of their characters: the engine
    scans a text once, in C, where an alternation of hundreds of names would try each at every
    position. Greedy, so at one place the longest name wins."""
    def branch(group: list[str], depth: int) -> str:
        """`group`: sorted names that share their first `depth` characters."""
        if len(group) == 1:  # most branches: one name's last characters, written out in one go
            return re.escape(group[0][depth:])
        ends_here = len(group[0]) == depth  # sorted, so a name ending here comes first
        alternatives = [(char if char.isalnum() else re.escape(char)) + branch(list(names), depth + 1)
                        for char, names in groupby(group[ends_here:], key=lambda name: name[depth])]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
        return f"(?:{body})?" if ends_here else body

    names = sorted(set(names))
    return f"(?:{branch(names, 0)})" if names else "(?!)"  # (?!): matches nothing
