"""Study mode, as a thin adapter around flashcards.py, anki_package.py and progress.py.

1. on_files: the Flashcards page and the topic list for study.js, both generated.
2. on_nav (listed after knowledge.py, which builds the term index, and study_pages.py, which reads
   the tips, numbers and highlights into BuildState.study): the topics and their notes pages, and
   the deck.
3. while pages render: the home page's study dashboard above the notes' opening section, the
   Flashcards page's body, and a "Mark as studied" button at the foot of every notes page.
4. on_post_build: the same deck as an Anki package beside the site's pages.

Everything the reader does (marks, the review schedule) lives in the browser: study.js.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.structure.nav import Section
from mkdocs.utils import get_relative_url

from anki_package import anki_deck, write_package
from build_state import BuildState, pages_in
from flashcards import ANKI_FILE, FLASHCARDS_MARKDOWN, FLASHCARDS_URI, Card, counts, deck, flashcards_html, source_title
from progress import STUDY_DATA_URI, STUDY_PAGES, StudyTopic, dashboard_html, mark_button, progress_tools, study_data_js
from study import StudyNotes

log = get_plugin_logger(__name__)
H1 = re.compile(r"^# .*$", re.MULTILINE)


@dataclass
class StudyMode:
    """What this build's study mode knows: one per build, on BuildState."""
    data_file: File
    topics: list[StudyTopic] = field(default_factory=list)
    topic_of_page: dict[str, str] = field(default_factory=dict)   # notes page -> topic folder
    cards: list[Card] = field(default_factory=list)

    @property
    def topic_titles(self) -> dict[str, str]:
        """Topic folder -> its title, in the notes' order."""
        return {topic.folder: topic.title for topic in self.topics}


def on_files(files, config, **kwargs):
    state = BuildState.of(config)
    files.append(File.generated(config, FLASHCARDS_URI, content=FLASHCARDS_MARKDOWN))
    data_file = File.generated(config, STUDY_DATA_URI, content="")  # written in on_nav
    files.append(data_file)
    state.study_mode = StudyMode(data_file)
    return files


def on_nav(nav, config, files, **kwargs):
    state = BuildState.of(config)
    state.set_nav(nav)
    mode = state.study_mode
    mode.topics = [topic for item in nav.items if isinstance(item, Section) and (topic := study_topic(item))]
    mode.topic_of_page = {page: topic.folder for topic in mode.topics for page in topic.pages}
    mode.data_file.content_string = study_data_js(mode.topics)
    # Without knowledge.py in the hooks there is no term index: a deck without term cards.
    mode.cards = deck(state.study or study_notes(state, mode), state.index)
    log.info("flashcards: " + ", ".join(f"{n} {kind}" for kind, n in counts(mode.cards).items()))
    return nav


def study_notes(state: BuildState, mode: StudyMode) -> StudyNotes:
    """Tips, numbers and highlights, read here only if the study pages' hook has not read them."""
    titles = mode.topic_titles
    state.study = StudyNotes.build(state.sources(), lambda page: titles.get(mode.topic_of_page.get(page, ""), ""))
    return state.study


def study_topic(section: Section) -> StudyTopic | None:
    pages = [page for page in pages_in(section.children) if not page.file.generated_by]
    index = next((page for page in pages if page.is_index), None)
    if not pages or index is None:
        return None
    folder = index.file.src_uri.split("/")[0]
    # nav_files.py has escaped the title for the theme; the study pages escape it themselves.
    return StudyTopic(folder, html.unescape(section.title), index.file.src_uri, index.url,
                      tuple(page.file.src_uri for page in pages))


def on_page_markdown(markdown, page, config, **kwargs):
    if not page.is_homepage:
        return markdown
    state = BuildState.of(config)
    mode = state.study_mode
    here = page.file.src_uri
    targets = [topic.index for topic in mode.topics] + [FLASHCARDS_URI, "glossary.md", *STUDY_PAGES]
    href = {uri: state.href(here, uri) for uri in targets if uri in state.pages}
    study_pages = {uri: state.titles[uri] for uri in STUDY_PAGES if uri in state.pages}
    dashboard = dashboard_html(mode.topics, href, study_pages, len(mode.cards))
    block = f"\n\n## Study dashboard {{ #study-dashboard data-search-exclude }}\n\n{dashboard}\n\n"
    title = H1.search(markdown)
    if title is None:
        return block + markdown
    return markdown[:title.end()] + block + markdown[title.end():].lstrip("\n")


def on_page_content(html, page, config, **kwargs):
    state = BuildState.of(config)
    mode = state.study_mode
    uri = page.file.src_uri
    if uri == FLASHCARDS_URI:
        anki = get_relative_url(ANKI_FILE, page.url or "./")
        body = flashcards_html(mode.cards, state.study, mode.topic_titles, lambda target: state.href(uri, target), anki)
        return html + str(body) + str(progress_tools())
    topic = mode.topic_of_page.get(uri)
    if topic is not None:
        return html + str(mark_button(uri, topic))
    return html


def notes_timestamp(state: BuildState) -> float:
    """When the notes last changed: SOURCE_DATE_EPOCH if the builder sets it (reproducible builds),
    else the newest page's modification time. The same notes give the same package, and edited
    notes a newer one, which Anki takes over the notes it already has."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return float(epoch)
    return max((Path(page.file.abs_src_path).stat().st_mtime for page in state.pages.values()
                if page.file.abs_src_path), default=0.0)


def on_post_build(config, **kwargs):
    state = BuildState.of(config)
    mode = state.study_mode
    if not mode.cards:
        return
    titles = {card.id: source_title(card.place, state.study) for card in mode.cards}
    path = write_package(anki_deck(mode.cards, config.site_name, config.site_url or "", titles, mode.topic_titles),
                         Path(config.site_dir) / ANKI_FILE, notes_timestamp(state))
    log.info(f"flashcards: {len(mode.cards)} cards in {path.name} ({path.stat().st_size // 1024} KB)")
