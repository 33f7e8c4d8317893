"""Pictures: remote ones load lazily; a local one that does not exist becomes a visible placeholder.

A missing picture is a warning (so `--strict` fails) unless the page lists it under
`missing_pictures:` in its front matter: the author has seen it and accepts the placeholder,
and the build still names it at info level.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree
from urllib.parse import unquote, urlsplit

from markdown.treeprocessors import Treeprocessor
from mkdocs.plugins import get_plugin_logger

from build_state import BuildState
from notes_syntax import line_of

log = get_plugin_logger(__name__)


def on_config(config, **kwargs):
    state = BuildState.of(config)
    # Before MkDocs' own link check ("relpath", priority 0), which would warn about the file.
    state.add_treeprocessor(_PicturesTreeprocessor(state), "study_pictures", 1)
    return config


def on_page_markdown(markdown, page, config, **kwargs):
    BuildState.of(config).begin_page(page)
    return markdown


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
        line = line_of(f"]({src}", self.state.text_of(page.file).split("\n"))
        where = f"{page.file.src_path}:{line}"
        if src in (page.meta.get("missing_pictures") or []):
            log.info(f"{where}: picture '{unquote(src)}' does not exist (listed in missing_pictures); "
                     "showing a placeholder")
        else:
            log.warning(f"{where}: picture '{unquote(src)}' does not exist; add the file, fix the path, "
                        "or list it under missing_pictures in the page's front matter")
