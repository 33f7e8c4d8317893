"""What the knowledge tests expect, read from docs/ as it is now with a few plain regular
expressions of the tests' own: the acronyms the notes spell out as "Long Name (ACR)", where each
is used, and subjects covered in two topics. Pages come from notes.py, the one reader of docs/.

Deliberately simpler than the hooks (and sharing no code with them): the knowledge tests take
their expectations from here, so an edit to the notes moves the expectations with it, and a
test never computes what it expects with the code it is testing.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from notes import DOCS, notes

HEADING_LINE = re.compile(r"^\s*#{1,6} ")
FENCE = re.compile(r"^\s*(```|~~~)")
CODE_SPAN = re.compile(r"`[^`\n]*`")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
EMPHASIS = re.compile(r"\*+|==|\^\^")
# The clearest form of definition: capitalised words, then the acronym in brackets:
# "Network Access Control List(NACL)", "Random-access Memory (RAM)".
LONG_NAME_THEN_ACRONYM = re.compile(r"((?:[A-Za-z][\w-]*[ \t]+)*[A-Z][\w-]*)[ \t]*\(([A-Z]{2,6})\)")
LINKING_WORDS = {"and", "of", "for", "the", "to", "in", "on", "a"}
VENDOR = re.compile(r"^(?:AWS|Amazon)\s+")
ACRONYM_IN_BRACKETS = re.compile(r"\s*\(\s*[A-Z][A-Za-z0-9]{1,9}\s*\)\s*$")


@dataclass(frozen=True)
class Definition:
    acronym: str
    long_name: str
    url: str        # the page that writes it
    line: int       # 1-based


@dataclass(frozen=True)
class NotePage:
    path: Path
    url: str        # 'vpc/nat-gateway/', 'vpc/', ''
    title: str      # the first '# ' heading, as written
    text: str = field(repr=False)  # the Markdown, fenced code blanked (lines keep their numbers)

    @property
    def topic(self) -> str:
        return self.url.split("/")[0]

    @property
    def is_index(self) -> bool:
        return self.path.name == "index.md"

    def body_lines(self) -> list[tuple[int, str]]:
        """(line number, words a reader sees) for each line of text that is not a heading."""
        return [(number, reader_text(line)) for number, line in enumerate(self.text.split("\n"), 1)
                if not HEADING_LINE.match(line)]


def reader_text(line: str) -> str:
    """A line without code spans, link targets and emphasis marks."""
    return EMPHASIS.sub("", LINK.sub(r"\1", CODE_SPAN.sub(" ", line)))


def _without_fenced_code(markdown: str) -> str:
    lines, fenced = [], False
    for line in markdown.split("\n"):
        if FENCE.match(line):
            fenced = not fenced
            lines.append("")
        else:
            lines.append("" if fenced else line)
    return "\n".join(lines)


@functools.cache
def pages() -> dict[str, NotePage]:
    """url -> page, for every Markdown page in docs/."""
    found = {}
    for page in notes().pages:
        # Front matter blanked, not dropped, so line numbers are the file's.
        text = "\n" * page.front_matter_lines + _without_fenced_code(page.markdown)
        found[page.url] = NotePage(DOCS / page.path, page.url, page.heading or "", text)
    return found


def spells(acronym: str, long_name: str) -> str | None:
    """The last words of `long_name` whose initials spell `acronym` (linking words such as 'of'
    may sit between them), as written; else None."""
    pieces = re.split(r"([ \t-]+)", long_name.strip())  # words at even places, separators between
    letters = list(acronym.lower())
    start = len(pieces)
    for place in range(len(pieces) - 1, -1, -2):
        if not letters:
            break
        word = pieces[place]
        if word[:1].lower() == letters[-1]:
            letters.pop()
        elif not (word.lower() in LINKING_WORDS and start < len(pieces)):
            return None
        start = place
    if letters or not pieces[start][:1].isupper():
        return None
    return "".join(pieces[start:])


@functools.cache
def definitions() -> list[Definition]:
    """Every 'Long Name (ACR)' in the notes whose initials spell the acronym, in page order."""
    found = []
    for page in pages().values():
        for number, line in enumerate(page.text.split("\n"), 1):
            for match in LONG_NAME_THEN_ACRONYM.finditer(reader_text(line.lstrip("# "))):
                long_name = spells(match.group(2), match.group(1))
                if long_name:
                    found.append(Definition(match.group(2), long_name, page.url, number))
    return found


def words_key(text: str) -> str:
    """'Random-access Memory' -> 'randomaccessmemory': a spelling, case and marks aside."""
    return re.sub(r"[^a-z0-9]", "", text.lower()).removesuffix("s")


def same_meaning(a: str, b: str) -> bool:
    """Two spellings of one meaning share at least half their words (by their first five
    letters: 'Organization Unit' and 'organizational unit')."""
    def stems(text):
        return {w[:5] for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in LINKING_WORDS}
    a_stems, b_stems = stems(a), stems(b)
    return len(a_stems & b_stems) * 2 > max(len(a_stems), len(b_stems))


@functools.cache
def meanings() -> dict[str, list[list[Definition]]]:
    """acronym -> its meanings, each the definitions that spell it the same way."""
    by_acronym: dict[str, list[list[Definition]]] = defaultdict(list)
    for definition in definitions():
        groups = by_acronym[definition.acronym]
        group = next((g for g in groups if same_meaning(g[0].long_name, definition.long_name)), None)
        if group is None:
            groups.append([definition])
        else:
            group.append(definition)
    return dict(by_acronym)


def uses(acronym: str, text: str) -> list[re.Match]:
    """The acronym as a whole word, or its plural ('SCP', 'SCPs'; not 'PARAM')."""
    return list(re.finditer(rf"(?<!\w){re.escape(acronym)}s?(?!\w)", text))


def subject(title: str) -> str:
    """A title with a vendor prefix and an acronym in brackets set aside:
    'AWS Systems Manager (SSM)' and 'AWS Systems Manager' are one subject."""
    return VENDOR.sub("", ACRONYM_IN_BRACKETS.sub("", title)).strip().lower()


def subjects_in_two_topics() -> list[tuple[NotePage, NotePage]]:
    """Pairs of pages in different topic folders about one subject (same title, vendor prefix
    and bracketed acronym aside), each pair both ways round."""
    by_subject: dict[str, list[NotePage]] = defaultdict(list)
    for page in pages().values():
        if page.title and not page.is_index:
            by_subject[subject(page.title)].append(page)
    return [(here, there) for group in by_subject.values() for here in group for there in group
            if here.topic != there.topic]


def source_of(page: NotePage) -> str:
    """'vpc/nat-gateway.md': the page's path as the build names it."""
    return page.path.relative_to(DOCS).as_posix()
