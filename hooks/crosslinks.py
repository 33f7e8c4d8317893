"""Cross-links: the first mention of another topic in each section of body text becomes a link.

Works on Python-Markdown's element tree, so code, links, headings, picture alt text and
admonition or tab titles are never touched. Pure apart from the tree it is given: unit tests
render a snippet with Python-Markdown and call `link_mentions` on it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from typing import Callable

from markdown.util import AtomicString

from terms import trie_pattern

AUTOLINK_CLASS = "autolink"
VENDOR_BEFORE = re.compile(r"(?<![\w@/-])(?:Amazon|AWS) $")
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Where a mention is not body text: never linked, and (being atomic) never given a tooltip.
NOT_BODY_TAGS = HEADINGS | {"a", "code", "pre", "kbd", "abbr", "label", "summary", "script", "style"}
NOT_BODY_CLASSES = frozenset({"admonition-title", "tabbed-labels", "missing-picture"})


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    name: str


class MentionFinder:
    """Finds names in text, longest first, on word boundaries. A name of three words or more
    matches in any case ('dead letter queue'); shorter ones only as written ('Config', not
    'config'), since short everyday words would otherwise match prose.

    Each kind of name is one regular expression shaped as a trie (see `trie_pattern`), so a text
    costs a scan in C; this runs on every text node of every page. Any-case names are matched in
    Title Case against the text in Title Case: the engine then tries a match only where a word
    starts, where re.IGNORECASE or a lowercased text would have it try at almost every letter."""

    NAME_END = r"(?![\w@]|-\w)"

    def __init__(self, names: list[str]):
        names = {name for name in names if re.match(r"\w", name)}
        any_case = {name for name in names if len(name.split()) >= 3}
        self._any_case_names = {name.title(): name for name in sorted(any_case)}
        self._as_written = re.compile(trie_pattern(names - any_case) + self.NAME_END)
        self._any_case = re.compile(trie_pattern(self._any_case_names) + self.NAME_END)

    def find(self, text: str) -> list[Mention]:
        # An any-case name has two spaces or more. A letter can grow in Title Case ('ß' -> 'Ss'),
        # which would shift offsets: such a text matches names as written only.
        titled = text.title() if text.count(" ") >= 2 else ""
        if len(titled) != len(text):
            titled = ""
        mentions, position = [], 0
        while True:
            as_written = self._as_written.search(text, position)
            any_case = self._any_case.search(titled, position) if titled else None
            if as_written is None and any_case is None:
                return mentions
            # The earliest, and at one start the longest, of the two.
            if as_written is None or (any_case is not None and (any_case.start(), -any_case.end())
                                      < (as_written.start(), -as_written.end())):
                start, end, name = any_case.start(), any_case.end(), self._any_case_names[any_case.group(0)]
            else:
                start, end, name = as_written.start(), as_written.end(), as_written.group(0)
            if start and (text[start - 1].isalnum() or text[start - 1] in "_@/-"):
                position = start + 1  # inside a word, or joined to one ('Lambda@Edge', 'CI/CD')
                continue
            # "Amazon RDS" is one mention of RDS: the vendor goes into the link text.
            vendor = VENDOR_BEFORE.search(text, max(0, start - 7), start)
            mentions.append(Mention(vendor.start() if vendor else start, end, name))
            position = end


@dataclass(frozen=True)
class Link:
    """A link the build inserted: which name, to which target key."""
    name: str
    target: str


def is_body(element: etree.Element) -> bool:
    if element.tag in NOT_BODY_TAGS:
        return False
    classes = element.get("class")
    return not classes or not NOT_BODY_CLASSES.intersection(classes.split())


def protect(element: etree.Element, words: re.Pattern | None = None) -> None:
    """Make text under a non-body element atomic, so later tree processors (abbr) skip it. With
    `words`, only text where it matches: an AtomicString costs the garbage collector, a str not."""
    for inner in element.iter():
        text = inner.text
        if text and not isinstance(text, AtomicString) and (words is None or words.search(text)):
            inner.text = AtomicString(text)
        tail = inner.tail
        if inner is not element and tail and not isinstance(tail, AtomicString) \
                and (words is None or words.search(tail)):
            inner.tail = AtomicString(tail)


def link_mentions(root: etree.Element, finder: MentionFinder, target_of: Callable[[str], str | None],
                  href_of: Callable[[str], str], tooltip_words: re.Pattern | None = None) -> list[Link]:
    """Link the first mention of each target in each section (a section starts at a heading),
    and protect everything that is not body text (see `protect`).

    `target_of(name)` gives the target key for a name, or None where this page must not link it
    (the page itself); `href_of(target)` the href to write; `tooltip_words` finds what abbr
    could change (None: protect all non-body text). Returns the links made, in order."""
    linker = _Linker(finder, target_of, href_of, tooltip_words)
    linker.visit(root)
    return linker.made


class _Linker:
    """One page's pass. A class rather than closures: a recursive closure is a reference cycle,
    and the garbage collector would have to free each page's."""

    def __init__(self, finder: MentionFinder, target_of: Callable[[str], str | None],
                 href_of: Callable[[str], str], tooltip_words: re.Pattern | None):
        self.finder, self.target_of, self.href_of = finder, target_of, href_of
        self.tooltip_words = tooltip_words
        self.linked: set[str] = set()  # targets linked in this section
        self.made: list[Link] = []

    def visit(self, element: etree.Element) -> None:
        if not is_body(element):
            if element.tag in HEADINGS:
                self.linked.clear()
            protect(element, self.tooltip_words)
            return
        children = list(element)
        text = element.text
        if text and not isinstance(text, AtomicString) and (pieces := self.link_in(text)):
            element.text = pieces[0]
            _insert_after(element, -1, pieces[1:])
        for child in children:
            self.visit(child)
            tail = child.tail
            if tail and not isinstance(tail, AtomicString) and (pieces := self.link_in(tail)):
                child.tail = pieces[0]
                _insert_after(element, list(element).index(child), pieces[1:])

    def link_in(self, text: str) -> list[str | etree.Element] | None:
        """Text split into strings and new <a> elements; None where nothing changes."""
        pieces: list[str | etree.Element] = []
        position = 0
        for mention in self.finder.find(text):
            target = self.target_of(mention.name)
            if target is None or target in self.linked:
                continue
            self.linked.add(target)
            self.made.append(Link(mention.name, target))
            anchor = etree.Element("a", {"href": self.href_of(target), "class": AUTOLINK_CLASS})
            anchor.text = AtomicString(text[mention.start:mention.end])
            pieces += [text[position:mention.start], anchor]
            position = mention.end
        if not pieces:
            return None
        pieces.append(text[position:])
        return pieces


def _insert_after(parent: etree.Element, index: int, pieces: list) -> None:
    """Insert [a, text, a, text, ...] after child `index` (-1: at the start) of parent."""
    for offset in range(0, len(pieces), 2):
        anchor, tail = pieces[offset], pieces[offset + 1]
        anchor.tail = tail
        index += 1
        parent.insert(index, anchor)
