"""Pictures: remote ones load lazily; a local one that does not exist becomes a visible placeholder.

A missing picture is a warning (so `--strict` fails) unless the page lists it under
`missing_pictures:` in its front matter: the author has seen it and accepts the placeholder,
and the build still names it at info level.
"""

from __future__ import annotations

import html
import posixpath
import re
import xml.etree.ElementTree as etree
from urllib.parse import unquote, urlsplit

from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE
from mkdocs.plugins import get_plugin_logger

from build_state import BuildState
from notes_syntax import line_of

log = get_plugin_logger(__name__)
TAGS = re.compile(r"<[^>]*>")


def on_config(config, **kwargs):
    state = BuildState.of(config)
    # Before MkDocs' own link check ("relpath", priority 0), which would warn about the file.
    state.add_treeprocessor(_PicturesTreeprocessor(state), "study_pictures", 1)
    return config


def on_page_markdown(markdown, page, config, **kwargs):
    state = BuildState.of(config)
    state.begin_page(page)
    accepted_missing(page, state.text_of(page.file))  # named now if malformed, used or not
    return markdown


def plain_alt(alt: str, stash: list[str]) -> str:
    """A picture's alt text as text. pymdownx.inlinehilite leaves a code span in an alt as a
    placeholder for raw HTML, which Python-Markdown pastes back after the attribute is escaped:
    `code" onmouseover="..."` in an alt would become an attribute. The code's text goes in instead."""
    def text_of(match: re.Match) -> str:
        index = int(match.group(1))
        return html.unescape(TAGS.sub("", stash[index])) if index < len(stash) else ""
    return HTML_PLACEHOLDER_RE.sub(text_of, alt)


def accepted_missing(page, text: str, warn: bool = True) -> list[str]:
    """The page's `missing_pictures:` list; anything else is ignored, and named as a warning."""
    listed = page.meta.get("missing_pictures")
    if listed is None or (isinstance(listed, list) and all(isinstance(src, str) for src in listed)):
        return listed or []
    if not warn:
        return []
    line = line_of("missing_pictures", text.split("\n"))
    log.warning(f"{page.file.src_path}:{line}: missing_pictures must be a list of picture paths "
                f"(a line '  - ../imgs/name.png' each), not {listed!r}")
    return []


def is_local(src: str) -> bool:
    parts = urlsplit(src)
    return not (parts.scheme or parts.netloc or src.startswith("/"))


def placeholder(alt: str, src: str) -> etree.Element:
    """What the reader sees instead of a broken-image icon."""
    box = etree.Element("span", {"class": "missing-picture", "role": "img",
                                 "aria-label": f"Picture not available: {alt}"})
    title = etree.SubElement(box, "strong")
    title.text = f"Picture not available: {alt}"
    path = etree.SubElement(box, "small")
    path.text = f"The notes refer to {unquote(src)}, which is not in the site."
    return box


class _PicturesTreeprocessor(Treeprocessor):
    def __init__(self, state: BuildState):
        super().__init__()
        self.state = state

    def run(self, root):
        page = self.state.page
        parents = {child: parent for parent in root.iter() for child in parent}
        for img in list(root.iter("img")):
            if "\x02" in img.get("alt", ""):
                img.set("alt", plain_alt(img.get("alt"), self.md.htmlStash.rawHtmlBlocks))
            src = img.get("src", "")
            if not is_local(src):
                img.set("loading", "lazy")
            elif page is not None and not self._exists(page, src):
                self._replace(page, img, parents[img], src)

    def _exists(self, page, src: str) -> bool:
        relative = posixpath.join(posixpath.dirname(page.file.src_uri), unquote(urlsplit(src).path))
        return (self.state.docs_dir / posixpath.normpath(relative)).is_file()

    def _replace(self, page, img, parent, src):
        box = placeholder(img.get("alt", ""), src)
        box.tail = img.tail
        parent[list(parent).index(img)] = box
        text = self.state.text_of(page.file)
        line = line_of(f"]({src}", text.split("\n"))
        where = f"{page.file.src_path}:{line}"
        if src in accepted_missing(page, text, warn=False):  # named in on_page_markdown
            log.info(f"{where}: picture '{unquote(src)}' does not exist (listed in missing_pictures); "
                     "showing a placeholder")
        else:
            log.warning(f"{where}: picture '{unquote(src)}' does not exist; add the file, fix the path, "
                        "or list it under missing_pictures in the page's front matter")
