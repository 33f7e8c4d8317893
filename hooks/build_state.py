"""One object per build: everything the hooks learn while MkDocs builds the site.

`mkdocs serve` rebuilds in the same process, so nothing a build learns may outlive it. The hooks
keep no state at module level: the first hook to ask (`BuildState.of(config)`) creates the state
for this build's config, and every event reaches it through the config MkDocs hands it. The
state travels in `config.markdown_extensions` as the one Markdown extension that registers the
hooks' tree processors, each made once per build with a reference to the state.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Section
from mkdocs.utils import get_markdown_title, get_relative_url
from mkdocs.utils.meta import get_data

from sources import PageSource

if TYPE_CHECKING:
    from mkdocs.structure.files import File
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

    from crosslinks import Link, MentionFinder
    from footers import Backlink
    from study import StudyNotes
    from term_index import TermIndex
    from topics import Topic


class BuildState:
    def __init__(self, config) -> None:
        self.docs_dir = Path(config.docs_dir)
        self.config_dir = Path(config.config_file_path).parent
        self._texts: dict[str, str] = {}         # src_uri -> the file's text, read once a build
        self.nav: Navigation | None = None
        self.pages: dict[str, Page] = {}         # src_uri -> page, in the notes' order
        self.titles: dict[str, str] = {}         # src_uri -> the page's H1 as written
        self._hrefs: dict[tuple[str, str], str] = {}  # (here, target) -> href, for these pages' URLs
        self._sources: list[PageSource] | None = None
        self.page: Page | None = None            # the page being rendered
        # The knowledge layer (hooks/knowledge.py)
        self.index: TermIndex | None = None
        self.finder: MentionFinder | None = None
        self.links: list[Link] = []              # the cross-links made on the page being rendered
        self.mentions: defaultdict[str, list[Backlink]] = defaultdict(list)  # target page -> links to it
        self.topic_titles: dict[str, str] = {}   # src_uri -> the name of its topic (its nav section), if any
        self.same_subject: dict[Topic, list[Topic]] = {}  # headings of one subject (footers.same_subject)
        # src_uri -> (anchor, title, text) per section: what search reads of a page a hook wrote whole
        self.search_sections: dict[str, list[tuple[str, str, str]]] = {}
        self.study_mode = None                   # hooks/study_mode.py's StudyMode
        self.study: StudyNotes | None = None     # study mode's tips, comparisons, numbers (study_pages.py)
        self._extension = _Processors()

    @classmethod
    def of(cls, config) -> BuildState:
        """This build's state, created on first use."""
        for extension in config.markdown_extensions:
            if isinstance(extension, _Processors) and extension.state is not None:
                return extension.state
        state = cls(config)
        state._extension.state = state
        config.markdown_extensions.append(state._extension)
        return state

    def set_nav(self, nav: Navigation) -> None:
        """Called from on_nav by each hook that needs the pages: the first call reads them."""
        if self.nav is nav:
            return
        self.nav = nav
        self.pages = {page.file.src_uri: page for page in nav.pages}
        self._hrefs, self._sources = {}, None
        # The home and index pages render first, before the pages they list have been read.
        self.titles = {uri: get_markdown_title(get_data(self.text_of(page.file))[0]) or page.file.name
                       for uri, page in self.pages.items()}
        self.topic_titles = {page.file.src_uri: html.unescape(section.title)  # nav_files.py escaped .pages titles
                             for section in nav.items if isinstance(section, Section)
                             for page in pages_in(section.children)}

    def sources(self) -> list[PageSource]:
        """The notes' pages as written, in the notes' order (generated pages left out): read once
        a build, however many hooks ask, and each page's lines and headings worked out once."""
        if self._sources is None:
            self._sources = [PageSource(uri, self.text_of(page.file)) for uri, page in self.pages.items()
                             if page.file.generated_by is None]
        return self._sources

    def href(self, here: str, target: str, anchor: str = "") -> str:
        """Page `target`'s URL relative to page `here`'s (both src_uris), as MkDocs made them: the
        offline build's are .html URLs."""
        url = self._hrefs.get((here, target))
        if url is None:  # footers and the glossary ask for the same few thousand, many times over
            url = self._hrefs[(here, target)] = get_relative_url(self.pages[target].url, self.pages[here].url or "./")
        return url + (f"#{anchor}" if anchor else "")

    def add_treeprocessor(self, processor: Treeprocessor, name: str, priority: float) -> None:
        """Register `processor` with every page's Markdown: one instance for the build, not one
        per page (each would be a reference cycle for the garbage collector to find)."""
        self._extension.treeprocessors.append((processor, name, priority))

    def begin_page(self, page: Page) -> None:
        """Called from on_page_markdown: Python-Markdown gives a tree processor no other way to
        know which page it is rendering."""
        if self.page is not page:
            self.page = page
            self.links = []

    def text_of(self, file: File) -> str:
        """A page's text, read as MkDocs reads it (UTF-8), once a build however many hooks ask.
        A file in another encoding fails the build naming its line: otherwise the first hook to
        read it stops with a bare traceback."""
        text = self._texts.get(file.src_uri)
        if text is None:
            try:
                text = self._texts[file.src_uri] = file.content_string
            except UnicodeDecodeError as error:
                data = file.content_bytes
                line = data.count(b"\n", 0, error.start) + 1
                raise PluginError(f"{file.src_path}:{line}: byte 0x{data[error.start]:02x} is not UTF-8; "
                                  "save the file as UTF-8") from None
        return text


class _Processors(Extension):
    def __init__(self) -> None:
        super().__init__()
        self.state: BuildState | None = None
        self.treeprocessors: list[tuple[Treeprocessor, str, float]] = []

    def extendMarkdown(self, md):
        for processor, name, priority in self.treeprocessors:
            processor.md = md  # this page's Markdown, for its stash of raw HTML
            md.treeprocessors.register(processor, name, priority)


def pages_in(items) -> Iterator[Page]:
    """The pages among navigation items and in their sections, in order."""
    for item in items:
        if isinstance(item, Section):
            yield from pages_in(item.children)
        elif item.is_page:
            yield item
