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

AUTOLINK_CLASS = "autolink"
VENDOR_BEFORE = re.compile(r"(?<![\w@/-])(?:Amazon|AWS) $")
WORDS = re.compile(r"[A-Za-z0-9]+")
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Where a mention is not body text: never linked, and (being atomic) never given a tooltip.
NOT_BODY_TAGS = HEADINGS | {"a", "code", "pre", "kbd", "abbr", "label", "summary", "script", "style"}
NOT_BODY_CLASSES = frozenset({"admonition-title", "tabbed-labels", "missing-picture"})


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str


class MentionFinder:
    """Finds names in text, longest first, on word boundaries. A name of three words or more
    matches in any case ('dead letter queue'); shorter ones only as written ('Config', not
    'config'), since short everyday words would otherwise match prose.

    Indexed by each name's first word, so a text costs one dictionary look-up per word rather
    than one regex over hundreds of alternatives (this runs on every text node of every page)."""

    WORD = re.compile(r"\w+")
    NAME_END = re.compile(r"(?![\w@]|-\w)")

    def __init__(self, names: list[str]):
        self.by_first_word: dict[str, list[tuple[str, bool]]] = {}
        self._memo: dict[str, list[tuple[str, bool]]] = {}
        for name in sorted(set(names), key=len, reverse=True):
            any_case = len(name.split()) >= 3
            first = re.match(r"\w+", name)
            if first is None:
                continue
            key = first.group(0).lower() if any_case else first.group(0)
            self.by_first_word.setdefault(key, []).append((name, any_case))
        # The first words as they may be written, for a cheap "nothing here" test on each text.
        self.first_words = set(self.by_first_word)
        self.first_words |= {w.title() for w in self.by_first_word} | {w.upper() for w in self.by_first_word}

    def _candidates(self, word: str) -> list[tuple[str, bool]]:
        """Names that may start at this word, longest first (memoised: words repeat a lot)."""
        if word not in self._memo:
            found = self.by_first_word.get(word, [])
            if word.lower() != word:
                found = sorted(found + self.by_first_word.get(word.lower(), []), key=lambda c: -len(c[0]))
            self._memo[word] = found
        return self._memo[word]

    def find(self, text: str, words: list[str] | None = None) -> list[Mention]:
        """`words`: the text's WORDS, where the caller has them already."""
        if self.first_words.isdisjoint(WORDS.findall(text) if words is None else words):
            return []  # most text nodes: no word that starts a name
        mentions, position, memo = [], 0, self._memo
        for word in self.WORD.finditer(text):
            candidates = memo.get(word.group(0))
            if candidates is None:
                candidates = self._candidates(word.group(0))
            start = word.start()
            if not candidates or start < position or (start and text[start - 1] in "@/-"):
                continue
            for name, any_case in candidates:
                end = start + len(name)
                written = text[start:end]
                if (written == name or (any_case and written.lower() == name.lower())) \
                        and self.NAME_END.match(text, end):
                    # "Amazon RDS" is one mention of RDS: the vendor goes into the link text.
                    vendor = VENDOR_BEFORE.search(text, max(0, start - 7), start)
                    mentions.append(Mention(vendor.start() if vendor else start, end, name))
                    position = end
                    break
        return mentions


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


def protect(element: etree.Element) -> None:
    """Make all text under a non-body element atomic, so later tree processors (abbr) skip it."""
    for inner in element.iter():
        if inner.text and not isinstance(inner.text, AtomicString):
            inner.text = AtomicString(inner.text)
        if inner is not element and inner.tail and not isinstance(inner.tail, AtomicString):
            inner.tail = AtomicString(inner.tail)


def link_mentions(root: etree.Element, finder: MentionFinder, target_of: Callable[[str], str | None],
                  href_of: Callable[[str], str], tooltip_words: frozenset[str] = frozenset()) -> list[Link]:
    """Link the first mention of each target in each section (a section starts at a heading),
    and protect everything that is not body text (see `protect`).

    `target_of(name)` gives the target key for a name, or None where this page must not link it
    (the page itself); `href_of(target)` the href to write. Body text with none of
    `tooltip_words` (the acronyms abbr explains) is made atomic too: abbr's 100-way regex then
    runs only where it can match. Returns the links made, in order."""
    linked: set[str] = set()
    made: list[Link] = []

    def link_in(text: str) -> list[str | etree.Element] | None:
        """Text split into strings and new <a> elements; None where nothing changes."""
        words = WORDS.findall(text)
        quiet = tooltip_words.isdisjoint(words)
        pieces: list[str | etree.Element] = []
        position = 0
        for mention in finder.find(text, words):
            target = target_of(mention.name)
            if target is None or target in linked:
                continue
            linked.add(target)
            made.append(Link(mention.name, target))
            anchor = etree.Element("a", {"href": href_of(target), "class": AUTOLINK_CLASS})
            anchor.text = AtomicString(text[mention.start:mention.end])
            pieces += [text[position:mention.start], anchor]
            position = mention.end
        if not pieces:
            return [AtomicString(text)] if quiet else None
        pieces.append(text[position:])
        return [AtomicString(p) if quiet and isinstance(p, str) else p for p in pieces]

    def visit(element: etree.Element) -> None:
        if not is_body(element):
            if element.tag in HEADINGS:
                linked.clear()
            protect(element)
            return
        children = list(element)
        text = element.text
        if text and not isinstance(text, AtomicString) and (pieces := link_in(text)):
            element.text = pieces[0]
            _insert_after(element, -1, pieces[1:])
        for child in children:
            visit(child)
            tail = child.tail
            if tail and not isinstance(tail, AtomicString) and (pieces := link_in(tail)):
                child.tail = pieces[0]
                _insert_after(element, list(element).index(child), pieces[1:])

    visit(root)
    return made


def _insert_after(parent: etree.Element, index: int, pieces: list) -> None:
    """Insert [a, text, a, text, ...] after child `index` (-1: at the start) of parent."""
    for offset in range(0, len(pieces), 2):
        anchor, tail = pieces[offset], pieces[offset + 1]
        anchor.tail = tail
        index += 1
        parent.insert(index, anchor)
