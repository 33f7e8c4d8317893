"""Pictures: remote ones load lazily; a local one that does not exist becomes a visible placeholder.

A missing picture is a warning (so `--strict` fails) unless the page lists it under
`missing_pictures:` in its front matter: the author has seen it and accepts the placeholder,
and the build still names it at info level.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from mkdocs.plugins import get_plugin_logger

from notes_syntax import line_of, page_text

log = get_plugin_logger(__name__)

_page = None  # the page being rendered; Python-Markdown gives a Treeprocessor no other way to know it
_docs_dir: Path | None = None


def on_config(config, **kwargs):
    global _page, _docs_dir
    _page, _docs_dir = None, Path(config.docs_dir)
    config.markdown_extensions.append(_PicturesExtension())
    return config


def on_page_markdown(markdown, page, **kwargs):
    global _page
    _page = page
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
    def run(self, root):
        parents = {child: parent for parent in root.iter() for child in parent}
        for img in list(root.iter("img")):
            src = img.get("src", "")
            if not is_local(src):
                img.set("loading", "lazy")
            elif _page is not None and not self._exists(src):
                self._replace(img, parents[img], src)

    def _exists(self, src: str) -> bool:
        relative = posixpath.join(posixpath.dirname(_page.file.src_uri), unquote(urlsplit(src).path))
        return (_docs_dir / posixpath.normpath(relative)).is_file()

    def _replace(self, img, parent, src):
        box = placeholder(img.get("alt", ""), src)
        box.tail = img.tail
        parent[list(parent).index(img)] = box
        line = line_of(f"]({src}", page_text(_page.file).split("\n"))
        where = f"{_page.file.src_path}:{line}"
        if src in (_page.meta.get("missing_pictures") or []):
            log.info(f"{where}: picture '{unquote(src)}' does not exist (listed in missing_pictures); "
                     "showing a placeholder")
        else:
            log.warning(f"{where}: picture '{unquote(src)}' does not exist; add the file, fix the path, "
                        "or list it under missing_pictures in the page's front matter")


class _PicturesExtension(Extension):
    def extendMarkdown(self, md):
        # Before MkDocs' own link check ("relpath", priority 0), which would warn about the file.
        md.treeprocessors.register(_PicturesTreeprocessor(md), "study_pictures", 1)
