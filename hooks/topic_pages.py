"""Lists generated from the nav, so they never drift from the pages: a topic's pages on its
index page, and an overview of all topics on the home page."""

from __future__ import annotations

import re

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_markdown_title, get_relative_url
from mkdocs.utils.meta import get_data

from build_state import BuildState

log = get_plugin_logger(__name__)


def on_nav(nav, config, **kwargs):
    # The home and index pages render first, before the pages they list have been read.
    state = BuildState.of(config)
    state.nav = nav
    state.titles = {page.file.src_uri: get_markdown_title(get_data(state.text_of(page.file))[0])
                    or page.file.name for page in nav.pages}
    return nav


def on_page_markdown(markdown, page, config, **kwargs):
    state = BuildState.of(config)
    if page.is_homepage:
        topics = [item for item in (state.nav.items if state.nav else []) if isinstance(item, Section)]
        return markdown.rstrip("\n") + "\n\n" + topics_overview(page, topics, state.titles) + "\n"
    if page.is_index and page.parent is not None:
        pages = [child for child in page.parent.children if isinstance(child, Page) and child is not page]
        return markdown.rstrip("\n") + "\n\n" + topic_page_list(page, pages, state.titles) + "\n"
    return markdown


def link(title: str, target: Page, here: Page) -> str:
    """A Markdown link from page `here` to page `target`, with the title's Markdown escaped."""
    href = get_relative_url(target.file.src_uri, here.file.src_uri)
    text = re.sub(r"([\\`*_\[\]<>])", r"\\\1", title)
    return f"[{text}]({href.replace(' ', '%20')})"


def topic_page_list(index: Page, pages: list[Page], titles: dict[str, str]) -> str:
    items = "\n".join(f"1. {link(titles[page.file.src_uri], page, index)}" for page in pages)
    return ('## Pages in this topic { data-search-exclude }\n\n'
            f'<div class="topic-pages" markdown>\n\n{items}\n\n</div>')


def topics_overview(home: Page, topics: list[Section], titles: dict[str, str]) -> str:
    cards = []
    for topic in topics:
        index = next((child for child in topic.children if isinstance(child, Page) and child.is_index), None)
        pages = [child for child in topic.children if isinstance(child, Page) and child is not index]
        links = " · ".join(link(titles[page.file.src_uri], page, home) for page in pages)
        if index is None:  # a topic folder needs an index.md for its introduction and page list
            log.warning(f"topic '{topic.title}' has no index.md: add one (its title and introduction)")
            name = re.sub(r"([\\`*_\[\]<>])", r"\\\1", topic.title)
        else:
            name = link(topic.title, index, home)
        cards.append(f"-   **{name}** ({len(pages)} pages)\n\n    {links}")
    return ('## Topics { data-search-exclude }\n\n<div class="grid cards topics" markdown>\n\n'
            + "\n\n".join(cards) + "\n\n</div>")
