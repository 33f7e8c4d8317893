"""Split the original single-file notes into docs/: the one-time step that made this site.

It is kept to show how docs/ was first produced, and to redo that split if ever needed into a
fresh folder. It is not part of the build or the tests: docs/ is now the source of truth, edited
page by page, and the tests read docs/ as it is.

The split: the lines above the first topic are the home page (index.md); each `##` heading
becomes a folder named by its slug, its introduction that folder's index.md; each `###` heading
a page of that folder, titled exactly as the heading. Headings move up so each page starts at
`#`. `.pages` files (mkdocs-awesome-pages-plugin) keep the notes' order and the exact topic titles.
A `## Links` heading above the first topic stays on the home page.

    python tools/split_notes.py [NOTES_FILE] [OUTPUT_FOLDER]

NOTES_FILE defaults to ../shared/source/aws-associate-notes.md beside the repository, and
OUTPUT_FOLDER to a new folder in /tmp (never docs/, which would overwrite the edited notes).
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_NOTES = ROOT / ".." / "shared" / "source" / "aws-associate-notes.md"

HEADING = re.compile(r"^(?P<marks>#{1,6}) +(?P<title>.+?) *$")
FENCE = re.compile(r"^ *(```|~~~)")
HOME_HEADINGS = {"Links"}  # `##` headings that belong to the home page, not topics


@dataclass
class Part:
    """A page in the making: its title and its lines, headings already moved up."""

    title: str
    lines: list[str] = field(default_factory=list)


@dataclass
class Topic:
    title: str
    intro: Part
    pages: list[Part] = field(default_factory=list)


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def split(text: str) -> tuple[Part, list[Topic]]:
    """The home page and the topics, in the notes' order."""
    home = Part("home")
    topics: list[Topic] = []
    current = home
    fence = None
    for line in text.split("\n"):
        opened = FENCE.match(line)
        if opened:
            fence = None if fence == opened.group(1) else (fence or opened.group(1))
        heading = None if fence or opened else HEADING.match(line)
        level = len(heading.group("marks")) if heading else 0
        if level == 2 and heading.group("title") not in HOME_HEADINGS:
            topics.append(Topic(heading.group("title"), Part(heading.group("title"), [f"# {heading.group('title')}"])))
            current = topics[-1].intro
        elif level == 3 and topics:
            topics[-1].pages.append(Part(heading.group("title"), [f"# {heading.group('title')}"]))
            current = topics[-1].pages[-1]
        elif level > 3 and current is not home:
            current.lines.append(f"{'#' * (level - 2)} {heading.group('title')}")
        else:
            current.lines.append(line)
    return home, topics


def page_text(part: Part) -> str:
    """A page's Markdown: no blank lines at its ends, one newline at the end."""
    return "\n".join(part.lines).strip("\n") + "\n"


def pages_file(title: str | None, entries: list[str]) -> str:
    head = f"title: {json.dumps(title, ensure_ascii=False)}\n" if title is not None else ""
    return head + "nav:\n" + "".join(f"  - {entry}\n" for entry in entries)


def write_docs(text: str, out: Path) -> list[Path]:
    """Write the split notes into out; return the files written."""
    home, topics = split(text)
    files = {"index.md": page_text(home),
             ".pages": pages_file(None, ["Home: index.md"] + [slug(topic.title) for topic in topics])}
    for topic in topics:
        folder = slug(topic.title)
        files[f"{folder}/index.md"] = page_text(topic.intro)
        names = [f"{slug(page.title)}.md" for page in topic.pages]
        if len(set(names)) != len(names):
            raise SystemExit(f"two pages of '{topic.title}' have the same slug: {sorted(names)}")
        files.update({f"{folder}/{name}": page_text(page) for name, page in zip(names, topic.pages, strict=True)})
        files[f"{folder}/.pages"] = pages_file(topic.title, ["index.md"] + names)
    for name, content in files.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(content, encoding="utf-8")
    return [out / name for name in files]


def main(argv: list[str]) -> None:
    notes = Path(argv[1]) if len(argv) > 1 else DEFAULT_NOTES
    out = Path(argv[2]) if len(argv) > 2 else Path(tempfile.mkdtemp(prefix="split-notes-"))
    written = write_docs(notes.read_text(encoding="utf-8"), out)
    print(f"{len(written)} files written to {out}")


if __name__ == "__main__":
    main(sys.argv)
