"""Fail a strict build on hand-typed syntax that would not render: see notes_syntax.py."""

from mkdocs.plugins import get_plugin_logger

from build_state import BuildState
from notes_syntax import check_markup, find_raw_syntax

log = get_plugin_logger(__name__)


def on_page_markdown(markdown, page, config, **kwargs):
    for problem in check_markup(markdown):
        log.warning(f"{page.file.src_path}:{problem.line + _front_matter_lines(page, config)}: {problem.message}")
    return markdown


def on_page_content(html, page, config, **kwargs):
    for problem in find_raw_syntax(html, page.markdown):
        log.warning(f"{page.file.src_path}:{problem.line + _front_matter_lines(page, config)}: {problem.message}")
    return html


def _front_matter_lines(page, config) -> int:
    """page.markdown has its front matter cut off; count it back so line numbers match the file."""
    source = BuildState.of(config).text_of(page.file)
    body_at = source.find(page.markdown[:200]) if page.markdown else 0
    return source[:body_at].count("\n") if body_at > 0 else 0
