"""Lists generated from the nav, so they never drift from the pages: a topic's pages on its
index page, and an overview of all topics on the home page.

Each list is an HTML block under a Markdown heading (so the heading is in the page's table of
contents), made with markupsafe: a title such as "Latency < 10 ms" is text, never markup.
"""

from __future__ import annotations

from markupsafe import Markup
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page

from build_state import BuildState
from markup import joined, markup
from sources import plain

log = get_plugin_logger(__name__)


def on_nav(nav, config, **kwargs):
    BuildState.of(config).set_nav(nav)
    return nav


def on_page_markdown(markdown, page, config, **kwargs):
    state = BuildState.of(config)
    if page.is_homepage:
        topics = [item for item in state.nav.items if isinstance(item, Section) and not _generated_only(item)]
        return f"{markdown.rstrip()}\n\n## Topics {{ data-search-exclude }}\n\n{topics_overview(state, page, topics)}\n"
    if page.is_index and page.parent is not None:
        pages = [child for child in page.parent.children if isinstance(child, Page) and child is not page]
        return (f"{markdown.rstrip()}\n\n## Pages in this topic {{ data-search-exclude }}\n\n"
                f"{topic_page_list(state, page, pages)}\n")
    return markdown


def _generated_only(section: Section) -> bool:
    """A section made only of pages the build generates (Study) is not a topic of the notes."""
    pages = [child for child in section.children if isinstance(child, Page)]
    return bool(pages) and len(pages) == len(section.children) and all(page.file.generated_by for page in pages)


def link(state: BuildState, here: Page, target: Page, title: str) -> Markup:
    return markup('<a href="{}">{}</a>', state.href(here.file.src_uri, target.file.src_uri), title)


def page_title(state: BuildState, page: Page) -> str:
    """The page's H1 as a reader sees it (inline Markdown dropped)."""
    return plain(state.titles[page.file.src_uri])


def topic_page_list(state: BuildState, index: Page, pages: list[Page]) -> Markup:
    items = joined((markup("<li>{}</li>", link(state, index, page, page_title(state, page))) for page in pages),
                   "\n")
    return markup('<div class="topic-pages">\n<ol>\n{}\n</ol>\n</div>', items)


def topics_overview(state: BuildState, home: Page, topics: list[Section]) -> Markup:
    cards = []
    for topic in topics:
        index = next((child for child in topic.children if isinstance(child, Page) and child.is_index), None)
        pages = [child for child in topic.children if isinstance(child, Page) and child is not index]
        if index is None:  # a topic folder needs an index.md for its introduction and page list
            log.warning(f"topic '{topic.title}' has no index.md: add one (its title and introduction)")
            name = Markup(topic.title)  # escaped once already (nav_files.py)
        else:
            name = link(state, home, index, Markup(topic.title))
        links = joined((link(state, home, page, page_title(state, page)) for page in pages), " · ")
        cards.append(markup("<li>\n<p><strong>{}</strong> ({} pages)</p>\n<p>{}</p>\n</li>",
                            name, len(pages), links))
    return markup('<div class="grid cards topics">\n<ul>\n{}\n</ul>\n</div>', joined(cards, "\n"))
