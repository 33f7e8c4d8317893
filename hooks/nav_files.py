"""`.pages` files: each names files that exist and is valid YAML, and the titles it gives are text.

awesome-pages stops the build with a 40-line traceback on a missing file or bad YAML. This check
runs first (on_files comes before the nav is built) and stops it with one sentence naming the
`.pages` file, the line and the fix. The theme prints nav titles as HTML, as MkDocs' own nav
titles are; the notes' titles are text ("Latency < 10 ms"), so on_nav escapes them once, as
MkDocs escapes a title it takes from a page's heading.
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Section

URL = re.compile(r"^[a-z][a-z0-9+.-]*://|^/")


def on_files(files, config, **kwargs):
    docs = Path(config.docs_dir)
    names = {file.src_uri for file in files} | {posixpath.dirname(file.src_uri) for file in files}
    problems = []
    for pages_file in sorted(docs.rglob(".pages")):
        folder = pages_file.parent.relative_to(docs).as_posix()
        where = pages_file.relative_to(docs).as_posix()
        problems += [f"{where}:{line}: {message}"
                     for line, message in nav_problems(pages_file.read_text(encoding="utf-8"), folder, names)]
    if problems:
        raise PluginError("\n".join(problems))
    return files


def on_nav(nav, **kwargs):
    for item in _walk(nav.items):
        if isinstance(item, Section) or "title" in vars(item):  # a title .pages gave, not a heading's
            item.title = html.escape(item.title, quote=False)
    return nav


def _walk(items):
    for item in items:
        yield item
        yield from _walk(item.children or []) if isinstance(item, Section) else ()


def nav_problems(text: str, folder: str, names: set[str]) -> list[tuple[int, str]]:
    """(line, message) for each entry of a `.pages` file's `nav:` that names no file or folder.
    `names` holds every file's and folder's path under docs/."""
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return [((mark.line + 1) if mark else 1, f"not valid YAML ({getattr(error, 'problem', error)})")]
    if not isinstance(data, dict):
        return [(1, "expected 'title:' and 'nav:' keys, found a list or text")]
    lines = text.split("\n")
    problems = []
    for entry in _targets(data.get("nav") or []):
        if entry.startswith("...") or URL.match(entry):
            continue  # the rest of the folder, a pattern, or a link elsewhere
        path = posixpath.normpath(posixpath.join(folder, entry)) if folder != "." else entry
        if path not in names:
            first_word = entry.split()[0] if entry.split() else entry  # YAML may have joined lines
            line = next((n for n, raw in enumerate(lines, 1) if first_word in raw), 1)
            problems.append((line, f"'{entry}' names no file or folder in {folder if folder != '.' else 'docs'}/: "
                                   "create it, correct the name, or remove the line"))
    return problems


def _targets(nav: list) -> list[str]:
    """The file and folder names a nav list points at: `- file.md`, `- Title: file.md`, and those
    in nested sections (`- Title: [...]`)."""
    targets = []
    for item in nav if isinstance(nav, list) else []:
        if isinstance(item, str):
            targets.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                targets += [value] if isinstance(value, str) else _targets(value)
    return targets
