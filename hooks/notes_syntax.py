"""Checks for the block syntax authors type by hand: admonitions, content tabs, marks and links.

Pure functions over strings, so they are tested without a build. A `Problem` carries the
1-based line in the page's Markdown; the hook adds the file name.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote

ADMONITION = re.compile(r"^(?P<indent> *)!!!(?P<rest>.*)$")
ADMONITION_WELL_FORMED = re.compile(r'^ ?[\w-]+(?: +[\w-]+)*(?: +"[^"]*")? *$')
TAB = re.compile(r"^(?P<indent> *)===(?P<rest>.*)$")
TAB_WELL_FORMED = re.compile(r'^!? +"[^"]+" *$')
FENCE = re.compile(r"^ *(```|~~~)")

# What must never survive rendering: block or inline syntax that Markdown did not understand.
RAW_SYNTAX = {
    "admonition marker '!!!'": re.compile(r"!!!"),
    "content tab marker '=== \"'": re.compile(r'=== "'),
    "highlight '==text=='": re.compile(r"==[^=\s](?:[^=]*[^=\s])?=="),
    "underline '^^text^^'": re.compile(r"\^\^[^^\s](?:[^^]*[^^\s])?\^\^"),
    "link syntax ']('": re.compile(r"\]\("),
}


@dataclass(frozen=True)
class Problem:
    line: int
    message: str


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _next_content_line(lines: list[str], start: int) -> int | None:
    for i in range(start, len(lines)):
        if lines[i].strip():
            return i
    return None


def _check_block(lines: list[str], i: int, kind: str, opener: str) -> Problem | None:
    """An admonition or tab opener at line i needs a body indented deeper than itself."""
    body = _next_content_line(lines, i + 1)
    indent = _indent(lines[i])
    if body is not None and _indent(lines[body]) > indent:
        if _indent(lines[body]) < indent + 4:
            return Problem(body + 1, f"{kind} body under '{opener}' is indented by "
                                     f"{_indent(lines[body]) - indent} spaces; it needs 4")
        return None
    if body is None or ADMONITION.match(lines[body]) or TAB.match(lines[body]) \
            or lines[body].lstrip().startswith("#"):
        return Problem(i + 1, f"empty {kind} '{opener}': it has no indented body")
    return Problem(body + 1, f"{kind} body under '{opener}' (line {i + 1}) is not indented; "
                             "indent it by 4 spaces")


def in_fenced_code(lines: list[str]) -> list[bool]:
    """For each line, whether it is fenced code or a fence (``` or ~~~) itself. A fence that is
    never closed is no fence: the page renders it, and all below it, as text."""
    return _fences(lines)[0]


def _fences(lines: list[str]) -> tuple[list[bool], int | None]:
    """in_fenced_code's answer, and the index of an opening fence that is never closed."""
    inside, fence, opened = [], None, None
    for index, line in enumerate(lines):
        match = FENCE.match(line)
        if match:
            if fence == match.group(1):
                fence = None
            elif fence is None:
                fence, opened = match.group(1), index
        inside.append(bool(match) or fence is not None)
    if fence is None:
        return inside, None
    return inside[:opened] + [False] * (len(lines) - opened), opened


def check_markup(markdown: str) -> list[Problem]:
    """Problems in admonition and tab syntax, outside fenced code."""
    lines = markdown.split("\n")
    problems: list[Problem] = []
    fenced_lines, unclosed = _fences(lines)
    if unclosed is not None:
        fence = lines[unclosed].strip()
        problems.append(Problem(unclosed + 1, f"code fence '{fence}' is never closed, so the page shows it as "
                                              f"text: close the code with {fence[:3]} on a line of its own"))
    for i, (line, fenced) in enumerate(zip(lines, fenced_lines, strict=True)):
        if fenced:
            continue
        for kind, pattern, well_formed in (("admonition", ADMONITION, ADMONITION_WELL_FORMED),
                                           ("content tab", TAB, TAB_WELL_FORMED)):
            match = pattern.match(line)
            if not match:
                continue
            opener = line.strip()
            if not well_formed.match(match.group("rest")):
                example = '!!! note "Title"' if kind == "admonition" else '=== "Tab title"'
                problems.append(Problem(i + 1, f"malformed {kind} '{opener}': write it as '{example}'"))
            else:
                problem = _check_block(lines, i, kind, opener)
                if problem:
                    problems.append(problem)
    return problems


class _VisibleText(HTMLParser):
    """Text a reader sees, less code: code may legitimately show `==`, `](` or `!!!`."""

    SKIP = {"code", "pre", "script", "style"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def find_raw_syntax(html: str, markdown: str) -> list[Problem]:
    """Markup that rendering left as text, located on the Markdown line it came from."""
    text = visible_text(html)
    lines = markdown.split("\n")
    problems = []
    for what, pattern in RAW_SYNTAX.items():
        for match in pattern.finditer(text):
            snippet = text[max(0, match.start() - 20): match.end() + 20].strip()
            problems.append(Problem(line_of(match.group(0), lines),
                                    f"raw {what} left in the rendered page near '{snippet}'"))
    return problems


def line_of(fragment: str, lines: list[str]) -> int:
    """The 1-based number of the first line holding `fragment` (1 if none does)."""
    for number, line in enumerate(lines, 1):
        if fragment in line:
            return number
    return 1


MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>#]+)")


def pages_referring_to(target: str, names: list[str], texts: dict[str, str]) -> list[str]:
    """The pages (src_uris, in the order of `texts`) that link to page `target` by hand, or
    mention one of `names` as whole words, in any case: who is left with nothing to read when
    `target` is empty."""
    words = re.compile(r"\b(?:" + "|".join(re.escape(name) for name in names) + r")\b", re.I) if names else None
    folder = posixpath.dirname(target)
    found = []
    for src_uri, text in texts.items():
        if src_uri == target:
            continue
        here = posixpath.dirname(src_uri)
        links = (posixpath.normpath(posixpath.join(here, unquote(link))) for link in MARKDOWN_LINK.findall(text))
        if target in links or (words is not None and words.search(text)) or (
                target.endswith("/index.md") and folder in links):
            found.append(src_uri)
    return found


def names_from_file(src_uri: str) -> list[str]:
    """What an empty page was probably about, from its file name: 'net/amazon-sqs.md' -> 'amazon
    sqs' and 'sqs' (the vendor aside)."""
    stem = posixpath.splitext(posixpath.basename(src_uri))[0]
    if stem == "index":
        stem = posixpath.basename(posixpath.dirname(src_uri))
    name = stem.replace("-", " ").replace("_", " ").strip()
    bare = re.sub(r"^(?:aws|amazon) ", "", name)
    return [n for n in dict.fromkeys([name, bare]) if len(n) >= 3]
