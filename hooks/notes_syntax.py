"""Checks for the block syntax authors type by hand: admonitions, content tabs, marks and links.

Pure functions over strings, so they are tested without a build. A `Problem` carries the
1-based line in the page's Markdown; the hook adds the file name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

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
    """For each line, whether it is fenced code or a fence (``` or ~~~) itself."""
    inside, fence = [], None
    for line in lines:
        match = FENCE.match(line)
        if match:
            fence = None if fence == match.group(1) else (fence or match.group(1))
        inside.append(bool(match) or fence is not None)
    return inside


def check_markup(markdown: str) -> list[Problem]:
    """Problems in admonition and tab syntax, outside fenced code."""
    lines = markdown.split("\n")
    problems: list[Problem] = []
    for i, (line, fenced) in enumerate(zip(lines, in_fenced_code(lines), strict=True)):
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
