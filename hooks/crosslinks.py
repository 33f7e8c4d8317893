"""Cross-links and tooltips, in one pass over a page's element tree: the first mention of another
topic in each section of body text becomes a link, and the first use of each acronym in each
section an <abbr> with its expansion (Material's `content.tooltips` styles it). Once a section is
enough: a reader still gets any acronym's expansion without leaving the section, and the text is
not a wall of underlines.

Works on Python-Markdown's element tree, so code, links, headings, picture alt text and
admonition or tab titles are never touched. Pure apart from the tree it is given: unit tests
render a snippet with Python-Markdown and call `link_mentions` on it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Hashable
from typing import NamedTuple

from markdown.util import AtomicString

from sources import trie_pattern

AUTOLINK_CLASS = "autolink"
VENDOR_BEFORE = re.compile(r"(?<![\w@/-])(?:Amazon|AWS) $")
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Where a mention is not body text: never linked, never given a tooltip.
NOT_BODY_TAGS = HEADINGS | {"a", "code", "pre", "kbd", "abbr", "label", "summary", "script", "style"}
NOT_BODY_CLASSES = frozenset({"admonition-title", "tabbed-labels", "missing-picture"})
# The marks as Python-Markdown writes them (attributes in name order), around a text of their own
# (an AtomicString: no markup inside).
MARKS = re.compile(r'<a class="autolink" href="[^"]*">([^<]*)</a>|<abbr tabindex="0" title="[^"]*">([^<]*)</abbr>')


def unmarked(html: str) -> str:
    """A page's HTML without the cross-links and tooltips this module made: the words are the
    same, and a reader of the words (search) has fewer tags to parse."""
    return MARKS.sub(r"\1\2", html)  # a group that did not match adds nothing


class Mention(NamedTuple):
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

    def find_all(self, texts: list[str]) -> dict[int, list[Mention]]:
        """The mentions in `texts`, by the index of the text they are in (offsets within it).
        The texts are scanned as one string, joined by a character no name holds: one scan per
        page rather than per text."""
        joined = "\x00".join(texts)
        titled = joined.title()  # "\x00" starts a word, as the start of a text does
        if len(titled) != len(joined):
            # A letter grew in Title Case ('ß' -> 'Ss'), which would shift offsets: such a
            # text is blanked in the Title Case copy and matches names as written only.
            titled = "\x00".join(title if len(title := text.title()) == len(text) else " " * len(text)
                                  for text in texts)
        found: dict[int, list[Mention]] = {}
        text, counted_to = 0, 0  # the index of the text at `counted_to`
        position = 0
        as_written = self._as_written.search(joined)
        any_case = self._any_case.search(titled)
        while True:
            # Search again only past a match already used or passed over: a page is long.
            if as_written is not None and as_written.start() < position:
                as_written = self._as_written.search(joined, position)
            if any_case is not None and any_case.start() < position:
                any_case = self._any_case.search(titled, position)
            if as_written is None and any_case is None:
                return found
            # The earliest, and at one start the longest, of the two.
            if as_written is None or (any_case is not None and (any_case.start(), -any_case.end())
                                      < (as_written.start(), -as_written.end())):
                start, end, name = any_case.start(), any_case.end(), self._any_case_names[any_case.group(0)]
            else:
                start, end, name = as_written.start(), as_written.end(), as_written.group(0)
            if start and (joined[start - 1].isalnum() or joined[start - 1] in "_@/-"):
                position = start + 1  # inside a word, or joined to one ('Lambda@Edge', 'CI/CD')
                continue
            # "Amazon RDS" is one mention of RDS: the vendor goes into the link text.
            vendor = VENDOR_BEFORE.search(joined, max(0, start - 7), start)
            text += joined.count("\x00", counted_to, start)
            counted_to = start
            offset = joined.rfind("\x00", 0, start) + 1  # where the text starts
            found.setdefault(text, []).append(Mention((vendor.start() if vendor else start) - offset,
                                                      end - offset, name))
            position = end


class Tooltips(NamedTuple):
    """What a page's tooltips need: `acronyms` finds them (see acronyms.acronym_pattern), and
    `title_of(acronym)` gives the expansion this page means, or None for no tooltip."""
    acronyms: re.Pattern
    title_of: Callable[[str], str | None]


def acronyms_by_text(texts_joined: str, acronyms: re.Pattern) -> dict[int, list[Mention]]:
    """The acronyms in "\x00"-joined texts, by the index of the text they are in. A mention's
    name is the acronym as listed ('AZ' for 'AZs'); its span covers the word as written."""
    found: dict[int, list[Mention]] = {}
    text, counted_to, offset = 0, 0, 0
    for match in acronyms.finditer(texts_joined):
        start = match.start()
        if gaps := texts_joined.count("\x00", counted_to, start):
            text += gaps
            offset = texts_joined.rfind("\x00", 0, start) + 1
        counted_to = start
        found.setdefault(text, []).append(Mention(start - offset, match.end() - offset, match.group(1)))
    return found


class Link(NamedTuple):
    """A link the build inserted: which name, to which target (whatever `target_of` gave); its
    <a> element, and the heading that opens its section (None before the first heading)."""
    name: str
    target: Hashable
    element: etree.Element
    heading: etree.Element | None


def is_body(element: etree.Element) -> bool:
    if element.tag in NOT_BODY_TAGS:
        return False
    classes = element.get("class")
    return not classes or not NOT_BODY_CLASSES.intersection(classes.split())


def link_mentions(root: etree.Element, finder: MentionFinder,
                  target_of: Callable[[str], Hashable | None], href_of: Callable[[Hashable], str],
                  tooltips: Tooltips | None = None) -> list[Link]:
    """Link the first mention of each target in each section (a section starts at a heading),
    and give the first use of each acronym in each section, outside those links, its tooltip.

    `target_of(name)` gives the target key for a name, or None where this page must not link it
    (the page itself); `href_of(target)` the href to write. Returns the links made, in order."""
    linker = _Linker(finder, target_of, href_of, tooltips)
    linker.run(root)
    return linker.made


class _Linker:
    """One page's pass: gather the body texts in document order, find the mentions and acronyms
    in all of them at once, then mark them. A class rather than closures: a recursive closure
    is a reference cycle, and the garbage collector would have to free each page's."""

    def __init__(self, finder: MentionFinder, target_of: Callable[[str], Hashable | None],
                 href_of: Callable[[Hashable], str], tooltips: Tooltips | None):
        self.finder, self.target_of, self.href_of, self.tooltips = finder, target_of, href_of, tooltips
        # In document order, the body texts as (parent, child, text): parent's text where child
        # is None, else child's tail; and the headings, each of which starts a section.
        self.slots: list[tuple[etree.Element, etree.Element | None, str] | etree.Element] = []
        self.made: list[Link] = []

    def run(self, root: etree.Element) -> None:
        self.gather(root)
        texts = [slot[2] for slot in self.slots if type(slot) is tuple]
        found = self.finder.find_all(texts)
        acronyms = acronyms_by_text("\x00".join(texts), self.tooltips.acronyms) if self.tooltips else {}
        heading, linked, explained = None, set(), set()  # targets linked, tooltips given in this section
        text = -1  # the index of the text in `slot`
        for slot in self.slots:
            if type(slot) is not tuple:
                heading, linked, explained = slot, set(), set()
                continue
            text += 1
            if text in found or text in acronyms:
                self.mark(*slot, found.get(text, ()), acronyms.get(text, ()), heading, linked, explained)

    def gather(self, element: etree.Element) -> None:
        """Gather the texts of `element`, a body element, and of all under it. Over half the texts
        in a tree are the "\\n" Python-Markdown puts between blocks: nothing to look for there."""
        slots = self.slots
        text = element.text
        if text and text != "\n" and not isinstance(text, AtomicString):
            slots.append((element, None, text))
        for child in element:
            if not is_body(child):
                if child.tag in HEADINGS:
                    slots.append(child)
            elif len(child):
                self.gather(child)
            elif (text := child.text) and text != "\n" and not isinstance(text, AtomicString):
                slots.append((child, None, text))  # a leaf: no call
            tail = child.tail
            if tail and tail != "\n" and not isinstance(tail, AtomicString):
                slots.append((element, child, tail))

    def mark(self, parent: etree.Element, child: etree.Element | None, text: str,
             mentions: list[Mention], acronyms: list[Mention], heading: etree.Element | None,
             linked: set[str], explained: set[str]) -> None:
        """Split the text into strings and new elements: <a> for the first mention of each
        target, <abbr> for the first use of each acronym outside those (`explained`: the
        expansions this section has shown)."""
        marks: list[tuple[int, int, etree.Element]] = []
        for mention in mentions:
            target = self.target_of(mention.name)
            if target is None or target in linked:
                continue
            linked.add(target)
            anchor = etree.Element("a", {"href": self.href_of(target), "class": AUTOLINK_CLASS})
            anchor.text = AtomicString(text[mention.start:mention.end])
            self.made.append(Link(mention.name, target, anchor, heading))
            marks.append((mention.start, mention.end, anchor))
        if acronyms:
            links = marks[:]
            for acronym in acronyms:
                if links and any(start < acronym.end and acronym.start < end for start, end, _ in links):
                    continue
                title = self.tooltips.title_of(acronym.name)
                if title is None or title in explained:
                    continue
                explained.add(title)
                # A tab stop: Material shows the tooltip of a focused element too, so a keyboard
                # reader gets what a mouse reader gets (once a section: ~5 stops a page).
                abbr = etree.Element("abbr", {"title": title, "tabindex": "0"})
                abbr.text = AtomicString(text[acronym.start:acronym.end])
                marks.append((acronym.start, acronym.end, abbr))
            marks.sort(key=lambda mark: mark[0])
        if not marks:
            return
        pieces: list[str | etree.Element] = []
        position = 0
        for start, end, element in marks:
            pieces += [text[position:start], element]
            position = end
        pieces.append(text[position:])
        if child is None:
            parent.text = pieces[0]
            _insert_after(parent, -1, pieces[1:])
        else:
            child.tail = pieces[0]
            _insert_after(parent, list(parent).index(child), pieces[1:])


def _insert_after(parent: etree.Element, index: int, pieces: list) -> None:
    """Insert [element, text, element, text, ...] after child `index` (-1: at the start) of parent."""
    for offset in range(0, len(pieces), 2):
        element, tail = pieces[offset], pieces[offset + 1]
        element.tail = tail
        index += 1
        parent.insert(index, element)
