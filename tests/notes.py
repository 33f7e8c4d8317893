"""The notes as they are now: every page of docs/ with its Markdown, its URL and its place in the
`.pages` order. The content tests take all their expectations from here, so the person who studies
from the notes can edit, add, rename and reorder pages without touching a test.

Read independently of the hooks: the tests check what the build made against what the author
wrote, so they must not share the build's own reading of docs/.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml
from mkdocs.utils.meta import get_data

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

FENCE = re.compile(r"^ *(```|~~~)")
TITLE = re.compile(r"^# +(?P<title>.+?) *#* *$")
LINK = re.compile(r"^[a-z][a-z0-9+.-]*://")
REST = "..."  # awesome-pages: every file and folder the nav list does not name


@dataclass(frozen=True)
class Page:
    """One Markdown file of docs/."""

    path: str  # under docs/: "ec2/ebs.md"
    markdown: str  # what MkDocs renders: front matter removed
    meta: dict  # the front matter
    front_matter_lines: int  # lines above `markdown` in the file, so messages can name true lines
    nav_title: str | None = None  # a title `.pages` gives it (`- Title: file.md`)

    @property
    def url(self) -> str:
        return page_url(self.path)

    @property
    def heading(self) -> str | None:
        """The first `# ` heading outside fenced code: the page's H1."""
        return first_heading(self.markdown)

    @property
    def title(self) -> str:
        """The title the sidebar shows, as MkDocs picks it."""
        return self.nav_title or self.meta.get("title") or self.heading or name_to_title(PurePosixPath(self.path).stem)

    def line_in_file(self, number: int) -> int:
        """A 1-based line number of `markdown` as a line number of the file."""
        return number + self.front_matter_lines

    def where(self, number: int) -> str:
        return f"docs/{self.path}:{self.line_in_file(number)}"


@dataclass(frozen=True)
class Topic:
    """A folder of docs/ that the sidebar shows as a section: an index page and its pages."""

    folder: str  # "ec2"
    title: str
    index: Page | None
    pages: tuple[Page, ...]  # in the `.pages` order, the index left out

    @property
    def url(self) -> str:
        return f"{self.folder}/"


@dataclass(frozen=True)
class Notes:
    home: Page
    topics: tuple[Topic, ...]  # in the sidebar's order
    pages: tuple[Page, ...]  # every Markdown file of docs/, by path


def page_url(path: str) -> str:
    """The URL path MkDocs publishes a page at with use_directory_urls: 'ec2/ebs.md' -> 'ec2/ebs/',
    'ec2/index.md' -> 'ec2/', 'index.md' -> ''."""
    file = PurePosixPath(path)
    folder = "" if str(file.parent) == "." else f"{file.parent}/"
    return folder if file.stem in ("index", "README") else f"{folder}{file.stem}/"


def first_heading(markdown: str) -> str | None:
    fence = None
    for line in markdown.split("\n"):
        opened = FENCE.match(line)
        if opened:
            fence = None if fence == opened.group(1) else (fence or opened.group(1))
        elif not fence and (title := TITLE.match(line)):
            return title.group("title")
    return None


def name_to_title(name: str) -> str:
    """MkDocs' title for a file or folder that has none of its own: 'cost-explorer' -> 'Cost explorer'."""
    title = name.replace("-", " ").replace("_", " ")
    return title.capitalize() if title.lower() == title else title


def read_page(path: str, text: str, nav_title: str | None = None) -> Page:
    markdown, meta = get_data(text)
    return Page(path, markdown, meta, text.count("\n") - markdown.count("\n"), nav_title)


# --- Order: `.pages` files, as mkdocs-awesome-pages-plugin reads them ---------------------------


def default_order(names: list[str]) -> list[str]:
    """MkDocs' own order in a folder: the index first, then files, then folders, by name."""
    def key(name: str) -> tuple[int, str]:
        if name in ("index.md", "README.md"):
            return 0, name
        return (1 if name.endswith(".md") else 2), name
    return sorted(names, key=key)


def nav_order(pages_file: str | None, names: list[str]) -> list[tuple[str, str | None]]:
    """(name, title or None) of a folder's entries in the order of its `.pages` text, given the
    names of the folder's Markdown files and subfolders. Entries the nav names that are not there,
    and links elsewhere, are left out: the build itself fails on a missing one."""
    data = yaml.safe_load(pages_file or "") or {}
    nav = data.get("nav")
    if nav is None:
        return [(name, None) for name in default_order(names)]
    listed = {entry if isinstance(entry, str) else next(iter(entry.values())) for entry in nav}
    order: list[tuple[str, str | None]] = []
    for entry in nav:
        if entry == REST:
            order += [(name, None) for name in default_order(names) if name not in listed]
        elif isinstance(entry, str) and entry.startswith(REST):
            raise ValueError(f"tests/notes.py reads a bare '...' in .pages, not a pattern: {entry!r}")
        elif isinstance(entry, str):
            order.append((entry, None))
        elif isinstance(entry, dict) and len(entry) == 1:
            title, target = next(iter(entry.items()))
            if isinstance(target, str) and not LINK.match(target):
                order.append((target, str(title)))
    return [(name, title) for name, title in order if name in names]


def pages_title(pages_file: str | None) -> str | None:
    data = yaml.safe_load(pages_file or "") or {}
    return None if data.get("title") is None else str(data["title"])


# --- docs/ -------------------------------------------------------------------------------------


def read_notes(docs: Path = DOCS) -> Notes:
    files = {path.relative_to(docs).as_posix(): path.read_text(encoding="utf-8")
             for path in sorted(docs.rglob("*.md"))}
    pages_files = {path.parent.relative_to(docs).as_posix(): path.read_text(encoding="utf-8")
                   for path in docs.rglob(".pages")}
    return outline(files, pages_files)


def outline(files: dict[str, str], pages_files: dict[str, str]) -> Notes:
    """The notes from their files' texts ('ec2/ebs.md' -> Markdown) and `.pages` texts by folder
    ('.' for docs/ itself). A topic is a top-level folder with Markdown in it; deeper folders are
    not topics of their own and their pages belong to no topic list."""
    def entries(folder: str) -> list[tuple[str, str | None]]:
        prefix = "" if folder == "." else f"{folder}/"
        below = [path.removeprefix(prefix) for path in files if path.startswith(prefix)]
        names = sorted({name.split("/")[0] for name in below})
        return nav_order(pages_files.get(folder), names)

    titles = {f"{folder}/{name}".removeprefix("./"): title
              for folder in {"."} | {p.rsplit("/", 1)[0] for p in files if "/" in p}
              for name, title in entries(folder) if title}
    pages = {path: read_page(path, text, titles.get(path)) for path, text in files.items()}
    topics = []
    for folder, title in entries("."):
        if folder.endswith(".md"):
            continue
        in_folder = [pages[f"{folder}/{name}"] for name, _ in entries(folder) if name.endswith(".md")]
        index = next((page for page in in_folder if page.url == f"{folder}/"), None)
        topics.append(Topic(folder, title or pages_title(pages_files.get(folder)) or name_to_title(folder),
                            index, tuple(page for page in in_folder if page is not index)))
    return Notes(pages["index.md"], tuple(topics), tuple(pages.values()))


@functools.cache
def notes() -> Notes:
    """docs/ as it is now, read once per test session."""
    return read_notes()
