"""Study mode: what the notes say is worth remembering, found in the notes' own Markdown.

Pure: `PageSource`s (in the notes' order) and a page -> topic function in, values out.

- tips: every `!!! tip` callout (any case), with its title, plain text and Markdown body;
- comparisons: every heading that sets things side by side with vs / VS / versus, and every tab
  group that does (see `tab_comparisons` for the rule);
- quantities: every line that states a limit, duration, size, count, percentage or price, with the
  figures that state it (tuned on tests/labels/numbers_dev.yml);
- highlights: every ==highlight== and the sentence around it.

The hook (study_pages.py) renders them into the generated Study pages; the flashcards build on
the same values.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from sources import SENTENCE_END, Heading, PageSource, Place, anchor_at, plain

TopicOf = Callable[[str], str]

ADMONITION = re.compile(r'^(?P<indent> *)!!!\+? *(?P<kind>[\w-]+)(?:\s+[\w-]+)*(?:\s+"(?P<title>[^"]*)")?\s*$')
TAB = re.compile(r'^(?P<indent> *)===!?\+? +"(?P<label>[^"]+)"\s*$')
COMPARISON = re.compile(r"\s+(?:vs\.?|versus)\s+", re.I)
HIGHLIGHT = re.compile(r"(?<!=)==(?![=\s])(.+?)(?<!\s)==(?!=)")
CODE_SPAN = re.compile(r"`[^`]*`")
LIST_MARKER = re.compile(r"^\s*(?:[*+-]|\d+[.)])\s+|^\s*>\s*")
BRACKETED = re.compile(r"\s*\([^()]*\)")
JOINED = re.compile(r"\s*(?:&|\band\b|,|/)\s*")


@dataclass(frozen=True)
class Tip:
    place: Place
    topic: str
    title: str      # the callout's "Title", '' if it has none
    text: str       # its body as plain text
    html: str       # its body rendered ('' until the hook fills it from the build)


@dataclass(frozen=True)
class Quantity:
    place: Place
    topic: str
    service: str                # the page's title (its topic's, on a topic's index page)
    sentence: str               # the line as plain text
    figures: tuple[str, ...]    # the exact substrings of `sentence` that state a quantity


@dataclass(frozen=True)
class Highlight:
    place: Place
    topic: str
    text: str       # the highlighted words
    sentence: str   # the sentence around them, as plain text


@dataclass(frozen=True)
class Comparison:
    place: Place    # the heading, or the first tab of the group
    topic: str
    title: str      # the heading as a reader sees it
    sides: tuple[str, ...]


# --- reading blocks ------------------------------------------------------------------------------

def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def block_end(lines: tuple[str, ...], opener: int) -> int:
    """Index one past the last line of the indented body under lines[opener] (0-based): trailing
    blank lines are not part of it."""
    body_indent = _indent(lines[opener]) + 4
    end = last = opener + 1
    while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) >= body_indent):
        if lines[end].strip():
            last = end + 1
        end += 1
    return last


def block_body(lines: tuple[str, ...], opener: int) -> str:
    """The Markdown under lines[opener], dedented to stand on its own."""
    body_indent = _indent(lines[opener]) + 4
    return "\n".join(line[body_indent:] for line in lines[opener + 1:block_end(lines, opener)]).strip("\n")


def plain_line(line: str) -> str:
    """A line as a reader sees it: list marker and inline Markdown dropped."""
    return plain(LIST_MARKER.sub("", line))


def page_title(page: PageSource) -> str:
    return next((h.title for h in page.headings if h.level == 1), "")


# --- tips ----------------------------------------------------------------------------------------

def tips(pages: Iterable[PageSource], topic_of: TopicOf) -> list[Tip]:
    found = []
    for page in pages:
        lines = page.lines
        for i, line in enumerate(lines):
            if "!!!" not in line or not (match := ADMONITION.match(line)) or match["kind"].lower() != "tip":
                continue
            body = [plain_line(b) for b in block_body(lines, i).split("\n")]
            found.append(Tip(Place(page.src_uri, anchor_at(page.headings, i + 1), i + 1), topic_of(page.src_uri),
                             plain(match["title"] or ""), " ".join(b for b in body if b), ""))
    return found


# --- highlights ----------------------------------------------------------------------------------

def highlights(pages: Iterable[PageSource], topic_of: TopicOf) -> list[Highlight]:
    found = []
    for page in pages:
        for i, line in enumerate(page.lines):
            if "==" not in line or TAB.match(line):
                continue
            blanked = CODE_SPAN.sub(lambda m: " " * len(m[0]), line)
            ends = [m.end() for m in SENTENCE_END.finditer(blanked)]
            for match in HIGHLIGHT.finditer(blanked):
                found.append(Highlight(Place(page.src_uri, anchor_at(page.headings, i + 1), i + 1),
                                       topic_of(page.src_uri), plain(match[1]),
                                       plain_line(line[slice(*sentence_around(blanked, ends, *match.span()))])))
    return found


AROUND = 150  # at most this many characters either side of a highlight, in a sentence that runs on


def sentence_around(line: str, ends: list[int], start: int, end: int) -> tuple[int, int]:
    """The span of the sentence holding line[start:end], given where the line's sentences end
    (sorted). A sentence that runs on is cut at a space at most AROUND characters either side, so
    that what each highlight costs does not grow with its line."""
    at = bisect.bisect_right(ends, start)
    first = ends[at - 1] if at else 0
    at = bisect.bisect_left(ends, end)  # an end inside the highlight is not the sentence's
    last = ends[at] if at < len(ends) else len(line)
    if start - first > AROUND:
        space = line.find(" ", start - AROUND, start)
        first = space + 1 if space >= 0 else start - AROUND
    if last - end > AROUND:
        space = line.rfind(" ", end, end + AROUND)
        last = space if space >= 0 else end + AROUND
    return first, last


# --- comparisons ---------------------------------------------------------------------------------

def comparisons(pages: Iterable[PageSource], topic_of: TopicOf) -> list[Comparison]:
    """Headings with vs / VS / versus, and tab groups that set services side by side. A tab group
    inside a vs section is that section's content, not a comparison of its own."""
    pages = list(pages)
    services = {_name(page_title(page)) for page in pages} - {""}
    found = []
    for page in pages:
        heads = page.headings
        for head in heads:
            if COMPARISON.search(head.title):
                found.append(Comparison(Place(page.src_uri, head.anchor if head.level > 1 else "", head.line),
                                        topic_of(page.src_uri), head.title,
                                        tuple(side.strip() for side in COMPARISON.split(head.title))))
        for first, labels in tab_groups(page.lines):
            heading = _heading_above(heads, first + 1)
            if heading is None or COMPARISON.search(heading.title):
                continue
            if is_tab_comparison(labels, heading.title, services):
                found.append(Comparison(Place(page.src_uri, anchor_at(heads, first + 1), first + 1),
                                        topic_of(page.src_uri), heading.title, tuple(plain(lb) for lb in labels)))
    return _in_page_order(found, [p.src_uri for p in pages])


def _in_page_order(found: list[Comparison], order: list[str]) -> list[Comparison]:
    rank = {uri: n for n, uri in enumerate(order)}
    return sorted(found, key=lambda c: (rank[c.place.page], c.place.line))


def tab_groups(lines: tuple[str, ...]) -> list[tuple[int, tuple[str, ...]]]:
    """(index of the first tab's line, the labels) of each group of content tabs: tabs at one
    indent follow each other with nothing but their bodies between them."""
    groups: list[tuple[int, list[str]]] = []
    next_tab = -1  # where a tab continuing the current group would stand
    for i, line in enumerate(lines):
        if "===" not in line or not (match := TAB.match(line)):
            continue
        starts_new = line.lstrip().startswith("===!") or i != next_tab
        if starts_new:
            groups.append((i, []))
        groups[-1][1].append(match["label"])
        end = block_end(lines, i)
        while end < len(lines) and not lines[end].strip():
            end += 1
        next_tab = end if end < len(lines) and _indent(lines[end]) == _indent(line) else -1
    return [(first, tuple(labels)) for first, labels in groups]


def is_tab_comparison(labels: tuple[str, ...], heading: str, services: set[str]) -> bool:
    """The rule: two or more tabs, and either
    - the heading above names exactly the tabs, joined by &, and, commas or slashes ("Site to Site
      VPN & Direct Connect" over tabs "Site to Site VPN" and "Direct Connect (DX)"), or
    - every label is a page title in the notes (a service), or
    - the labels differ in one word only, and in each label that word is a page title
      ("Amazon S3 Storage" / "Amazon EFS Storage").
    A bracketed part of a label or heading ("(DX)", "($$$)") does not count. Tabs that list kinds
    of one thing (routing policies, template sections, encryption options) match none of these."""
    if len(labels) < 2:
        return False
    names = [_name(label) for label in labels]
    if sorted(names) == sorted(_name(part) for part in JOINED.split(BRACKETED.sub("", heading)) if part.strip()):
        return True
    if all(name in services for name in names):
        return True
    words = [name.split() for name in names]
    if len({len(w) for w in words}) == 1:
        differing = [k for k in range(len(words[0])) if len({w[k] for w in words}) > 1]
        return len(differing) == 1 and all(w[differing[0]] in services for w in words)
    return False


def _name(text: str) -> str:
    return " ".join(plain(BRACKETED.sub("", text)).lower().replace("-", " ").split())


def _heading_above(heads: tuple[Heading, ...], line: int) -> Heading | None:
    above = [head for head in heads if head.line < line]
    return above[-1] if above else None


# --- quantities ----------------------------------------------------------------------------------
# A quantity is a number that measures or bounds something: a size, duration, rate, percentage,
# multiplier, price or count. The same digits also name things (S3, gp2, Route 53, Layer 7, FIPS
# 140-2, TLS 1.2, port 443, HTTP 429, 10.0.0.0/16, Option 1, 3rd): those are left out. Tuned on
# tests/labels/numbers_dev.yml only.

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
_TIME = (r"(?:ms|milliseconds?|µs|microseconds?|nanoseconds?|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?"
         r"|days?|weeks?|months?|years?|yrs?)")
_SIZE = r"(?:[KMGTPE]i?B|[KMGT]b|bytes?|[KMGT]bps|bps|IOPS|vCPUs?|cores?|AZs?)"
_UNIT = rf"(?:{_SIZE}\+?(?:/(?:s|sec|second)\b)?|{_TIME}|%|x)"
# A number, the unit after it (or "s of": "100s of TB"), as one figure; ranges stay two figures.
NUMBER = re.compile(rf"(?<![\w.\-/:#@$=])(?P<num>{_NUM}(?:\s?[-–]\s?{_NUM}(?=[ -]?{_UNIT}(?![\w/])))?)"
                    rf"(?P<tail>\+?(?:[ -]?{_UNIT}(?![\w/])|s(?= of\b))?\+?)(?P<after>[\w.\-]?)")
MONEY = re.compile(rf"\${_NUM}")
_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|sixty|hundred"
_PERIOD = "(?:second|minute|hour|day|week|month|quarter|year)s?"
# Number words count before a time unit ("one day", "two weeks"), in a rate ("one write per
# second"), or, from two up, counting a plural noun ("Three price classes"), unless they compare
# ("between two snapshots"). "One" alone is a name or an article ("One Zone", "one or more").
WORD_FIGURE = re.compile(
    rf"\b(?:{_WORDS})[ -]{_PERIOD}\b"
    rf"|\b(?:{_WORDS})(?: [\w-]+){{0,4}} per (?:second|minute|hour|day)\b"
    rf"|(?<!between )\b(?:{_WORDS.removeprefix('one|')})\b(?= (?:[\w/-]+ ){{0,2}}\w+[^s\W]s\b)", re.I)
# "a day", "at least a month", "once a quarter", "once every hour": a duration or frequency in words.
A_PERIOD = re.compile(r"(?:\b(?:at (?:least|most) |maybe |up to |within |once |once every )an? |once every )"
                      r"(?:second|minute|hour|day|week|month|quarter|year)\b"
                      r"|\((?:maybe )?an? (?:day|week|month|year)\)"
                      r"|\b(?:single|double)[- ]digits? (?:milli|micro)?seconds?\b"
                      r"|(?<!\w)/\d{1,2} (?:and|to) /\d{1,2}\b", re.I)  # a CIDR block's size limits
# What stands right before a number that names something rather than measuring it.
NAMING_WORD = re.compile(r"(?:\b(?:(?-i:[A-Z])[\w-]*|v|version|port|ports|bucket|step|option|class|type|level|"
                         r"layer|tier|gen|generation|code|status|error|region|rule|priority|phase|number|no\.?)"
                         r"|(?:HTTP|TLS|SSL|IPv))[\"':]* ?$", re.I)
LIMIT_WORD = re.compile(r"\b(?:these|those|the|all|with|has|have|are|is|in|by|on|takes?|costs?|needs?|"
                        r"max(?:imum)?|min(?:imum)?|up to|upto|limit(?:ed)?|default|only|over|about|around|within|"
                        r"every|last|least|most|than|from|between|of|to|and|or|per|at|for|after|each|first)\s*$", re.I)
DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,3}(?:\.\d{1,3}){3}(?:/\d{1,2})?")
STATUS_AFTER = re.compile(r"^\s*(?:[*\"“(]*\s*)(?:[A-Z][a-z]+[A-Z]|Not |Forbidden|Too Many|Service |Bad |Internal |"
                          r"Gateway|Unauthorized|OK\b)")
ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th)\b")


NUMBER_WORD = re.compile(rf"\b(?:{_WORDS})\b", re.I)
PERIOD_WORD = re.compile(r"\b(?:second|minute|hour|day|week|month|quarter|year|digits?)\b|/\d", re.I)
# Most lines state nothing: a quick look (on the lowercased line, much faster than re.I) first.
MAY_STATE = re.compile(rf"\d|\b(?:{_WORDS})\b|\b(?:an?|every) (?:second|minute|hour|day|week|month|quarter|year)\b|"
                       r"\bsingle[- ]digit")


def quantity_spans(sentence: str) -> list[tuple[int, int]]:
    """Where `sentence` (plain text, code spans blanked) states a quantity."""
    masked = DATE.sub(lambda m: " " * len(m[0]), sentence)
    spans: list[tuple[int, int]] = []
    for match in MONEY.finditer(masked):
        spans.append(match.span())
    for match in NUMBER.finditer(masked):
        num, tail, after = match["num"], match["tail"], match["after"]
        start = match.start("num")
        before = masked[:start]
        if tail.strip(" -+") == "":
            # A bare number: a count, unless it is part of a name or an identifier.
            if after and after not in ".-" or ORDINAL_AFTER.match(masked[match.end("num"):]):
                continue
            if after == "-" and not re.match(r"-\d", masked[match.end("num"):]):
                continue  # 1000-Base-LX
            if after == "." and re.match(r"\.\w", masked[match.end("num"):]) or "." in num:
                continue  # 802.1Q, a version (IIS 8.5)
            if re.match(r":|\s?(?:AM|PM|am|pm)\b", masked[match.end("num"):]):
                continue  # "5: generation", a time of day
            if NAMING_WORD.search(before[-40:]) and not LIMIT_WORD.search(before[-40:]):
                continue
            if re.fullmatch(r"[1-5]\d\d", num) and STATUS_AFTER.match(masked[match.end("num"):]):
                continue  # HTTP 304 Not Modified
        elif after and after not in ".-":
            continue
        spans.append((start, match.end("tail")))
    # The word patterns are slow to try at every position: only where a number word or a period is.
    if NUMBER_WORD.search(masked):
        spans += [m.span() for m in WORD_FIGURE.finditer(masked)]
    if PERIOD_WORD.search(masked):
        spans += [m.span() for m in A_PERIOD.finditer(masked)]
    return _merged(spans)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def sentence_of(line: str) -> tuple[str, str]:
    """A line's plain text, and the same text with its code spans blanked (commands, names)."""
    sentence = plain_line(line)
    masked = sentence
    for code in CODE_SPAN.findall(line):
        inner = plain(code)
        at = masked.find(inner)
        if inner and at >= 0:
            masked = masked[:at] + " " * len(inner) + masked[at + len(inner):]
    return sentence, masked


def is_content_line(line: str) -> bool:
    """Lines that say something: not headings, admonition openers, tab titles, pictures alone,
    or a table's rule row."""
    text = line.strip()
    return bool(text) and not (text.startswith(("#", "!!!", "???", "===")) or PICTURE_ONLY.match(text)
                               or TABLE_RULE.match(text))


PICTURE_ONLY = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")
TABLE_RULE = re.compile(r"^\|?[\s:|-]+\|?$")


def line_quantity(line: str) -> tuple[str, tuple[str, ...]]:
    """A content line's plain sentence and the figures it states (none: it states no quantity)."""
    if not is_content_line(line) or not MAY_STATE.search(line.lower()):
        return "", ()
    sentence, masked = sentence_of(line)
    return sentence, tuple(sentence[a:b].strip() for a, b in quantity_spans(masked) if sentence[a:b].strip())


def quantities(pages: Iterable[PageSource], topic_of: TopicOf) -> list[Quantity]:
    found = []
    for page in pages:
        topic = topic_of(page.src_uri)
        service = topic if page.src_uri.endswith("index.md") else (page_title(page) or topic)
        for i, line in enumerate(page.lines):
            sentence, figures = line_quantity(line)
            if figures:
                found.append(Quantity(Place(page.src_uri, anchor_at(page.headings, i + 1), i + 1), topic, service,
                                      sentence, figures))
    return found


# --- excerpts: the Markdown a generated page shows ------------------------------------------------

def comparison_markdown(page: PageSource, comparison: Comparison) -> str:
    """What a comparison covers, as Markdown that stands on its own: a heading's section (the whole
    page under a page title), or the tab group."""
    lines, start = page.lines, comparison.place.line  # the heading's or the first tab's line (1-based)
    head = next((h for h in page.headings if h.line == start), None)
    if head is None:  # a tab group: its tabs, dedented to their indent
        labels = next(labels for first, labels in tab_groups(lines) if first == start - 1)
        end = start - 1
        for _ in labels:
            end = block_end(lines, end)  # past this tab's body, then on to the next tab
            while end < len(lines) and not lines[end].strip():
                end += 1
        indent = _indent(lines[start - 1])
        return "\n".join(line[indent:] for line in lines[start - 1:end]).strip("\n")
    end = next((h.line - 1 for h in page.headings if h.line > start and h.level <= head.level), len(lines))
    return "\n".join(lines[start:end]).strip("\n")


def tip_markdown(page: PageSource, tip: Tip) -> str:
    return block_body(page.lines, tip.place.line - 1)


# --- one build's study notes ---------------------------------------------------------------------

@dataclass(frozen=True)
class StudyNotes:
    """Everything study mode found in one build's notes (BuildState.study), in the notes' order."""
    tips: tuple[Tip, ...]
    comparisons: tuple[Comparison, ...]
    quantities: tuple[Quantity, ...]
    highlights: tuple[Highlight, ...]
    titles: dict[str, str] = field(default_factory=dict)                # page -> its title, plain
    sections: dict[tuple[str, str], str] = field(default_factory=dict)  # (page, anchor) -> heading
    excerpts: dict[Place, str] = field(default_factory=dict)            # tip / comparison -> its HTML

    @classmethod
    def build(cls, pages: Iterable[PageSource], topic_of: TopicOf,
              render: Callable[[PageSource, str], str] | None = None) -> StudyNotes:
        """`render(page, markdown)`: an excerpt of `page` as HTML; tips get it as their `html`."""
        pages = list(pages)
        found_tips, found_comparisons = tips(pages, topic_of), comparisons(pages, topic_of)
        excerpts: dict[Place, str] = {}
        if render is not None:
            by_uri = {page.src_uri: page for page in pages}
            for comparison in found_comparisons:
                page = by_uri[comparison.place.page]
                excerpts[comparison.place] = render(page, comparison_markdown(page, comparison))
            found_tips = [replace(tip, html=render(by_uri[tip.place.page], tip_markdown(by_uri[tip.place.page], tip)))
                          for tip in found_tips]
            excerpts.update((tip.place, tip.html) for tip in found_tips)
        return cls(tuple(found_tips), tuple(found_comparisons), tuple(quantities(pages, topic_of)),
                   tuple(highlights(pages, topic_of)),
                   {page.src_uri: page_title(page) for page in pages},
                   {(page.src_uri, head.anchor): head.title for page in pages for head in page.headings
                    if head.level > 1},
                   excerpts)
