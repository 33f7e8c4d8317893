"""Fail a strict build on hand-typed syntax that would not render (see notes_syntax.py) or would
become markup (an id with quotes), and give MkDocs' own warnings about broken links the line
they are on."""

from __future__ import annotations

import logging
import re

from markdown.extensions.toc import slugify
from markdown.treeprocessors import Treeprocessor
from mkdocs.plugins import get_plugin_logger

from build_state import BuildState
from crosslinks import unmarked
from notes_syntax import check_markup, find_raw_syntax, line_of, names_from_file, pages_referring_to

log = get_plugin_logger(__name__)
# MkDocs' link warnings name the file and the link as written, never the line.
UNSAFE_ID = re.compile(r"[\"'<>&\s]")
LINK_WARNING = re.compile(r"^Doc file '(?P<file>[^']+)' contains (?:a|an unrecognized relative) link '(?P<link>[^']+)'")


def on_config(config, **kwargs):
    state = BuildState.of(config)
    # After attr_list (8) has set the ids an author wrote, before toc (5) copies them into links.
    state.add_treeprocessor(_SafeIds(state), "study_safe_ids", 6)
    pages_log = logging.getLogger("mkdocs.structure.pages")
    for old in [f for f in pages_log.filters if isinstance(f, LinkLines)]:
        pages_log.removeFilter(old)  # the last build's, under `mkdocs serve`
    pages_log.addFilter(LinkLines(state))
    return config


def on_page_markdown(markdown, page, config, files, **kwargs):
    if not markdown.strip():
        _warn_empty(page, files, BuildState.of(config))
    for problem in check_markup(markdown):
        log.warning(f"{page.file.src_path}:{problem.line + _front_matter_lines(page, config)}: {problem.message}")
    return markdown


def on_page_content(html, page, config, **kwargs):
    # The cross-links and tooltips add tags but no text: the check reads the page without them.
    for problem in find_raw_syntax(unmarked(html), page.markdown):
        log.warning(f"{page.file.src_path}:{problem.line + _front_matter_lines(page, config)}: {problem.message}")
    return html


def _warn_empty(page, files, state: BuildState) -> None:
    """A blank page is published as a blank page, and whatever linked to it loses its link."""
    names = ([page.title] if page.title else []) + names_from_file(page.file.src_uri)
    texts = {file.src_uri: state.text_of(file) for file in files.documentation_pages()}
    referring = pages_referring_to(page.file.src_uri, names, texts)
    shown = ", ".join(referring[:8]) + (f" and {len(referring) - 8} more" if len(referring) > 8 else "")
    log.warning(f"{page.file.src_path}:1: the page is empty (no title, no notes), so the site shows a blank "
                "page; " + (f"pages that link to it or name it ('{names[0]}'): {shown}; " if referring else "")
                + "write its '# Title' and notes, or delete the file and its line in .pages")


def _front_matter_lines(page, config) -> int:
    """page.markdown has its front matter cut off; count it back so line numbers match the file."""
    source = BuildState.of(config).text_of(page.file)
    body_at = source.find(page.markdown[:200]) if page.markdown else 0
    return source[:body_at].count("\n") if body_at > 0 else 0


class LinkLines(logging.Filter):
    """Puts 'file:line: ' before MkDocs' warning about a link to a missing page or anchor."""

    def __init__(self, state: BuildState):
        super().__init__()
        self.state = state

    def filter(self, record: logging.LogRecord) -> bool:
        match = LINK_WARNING.match(str(record.msg))
        page = self.state.pages.get(match.group("file")) if match else None
        if page is not None:
            lines = self.state.text_of(page.file).split("\n")
            written = f"]({match.group('link')}"
            if any(written in line for line in lines):
                record.msg = f"{page.file.src_uri}:{line_of(written, lines)}: {record.msg}"
                record.args = ()
        return True


class _SafeIds(Treeprocessor):
    """An id written with attr_list (`## Title {: #id }`) that holds a quote, '<', '>', '&' or a
    space: the theme writes ids into its table of contents unescaped, so such an id would be
    markup there. It is named as a warning and replaced by its slug."""

    def __init__(self, state: BuildState):
        super().__init__()
        self.state = state

    def run(self, root):
        for element in root.iter():
            given = element.get("id")
            if given and UNSAFE_ID.search(given):
                element.set("id", slugify(given, "-") or "section")
                page = self.state.page
                if page is not None:
                    line = line_of(given, self.state.text_of(page.file).split("\n"))
                    log.warning(f"{page.file.src_path}:{line}: the id '{given}' holds characters a link cannot "
                                f"hold (quotes, <, >, &, spaces); write it with letters, digits and hyphens, "
                                f"e.g. '{element.get('id')}'")
