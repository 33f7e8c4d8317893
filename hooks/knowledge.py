"""The knowledge layer, as a thin adapter around term_index.py, crosslinks.py and glossary.py.

1. on_nav: read every page once, in the notes' order, into a TermIndex.
2. while each page renders, one tree processor gives the page its cross-links and tooltips
   (crosslinks.link_mentions); a second gives the links their URLs after MkDocs' own link pass.
   The Glossary page's body is written in on_page_content.
3. once every page has rendered and search has read it (on_page_context): "Mentioned in"
   backlinks and "See also".

Each page's HTML is made once, in that order. What is navigation rather than content (footers,
the glossary's "Used in" lists) carries Material's `data-search-exclude`, so search indexes a
page's words and not the pages around it. Per-build state lives in build_state.BuildState.
"""

from __future__ import annotations

from markdown.treeprocessors import Treeprocessor
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File

from build_state import BuildState
from crosslinks import MentionFinder, Tooltips, link_mentions
from footers import Backlink, Pages, block_of, footer_html, mention_excerpt, same_subject, stash_text, with_lead
from glossary import GLOSSARY_MARKDOWN, GLOSSARY_URI, glossary_html, search_sections
from term_index import TermIndex
from topics import VENDOR
from vocabulary import VOCABULARY, VocabularyError, load_vocabulary

log = get_plugin_logger(__name__)


def on_config(config, **kwargs):
    state = BuildState.of(config)
    # Marks after the inline patterns (20) have made code spans and links elements; URLs after
    # MkDocs' `relpath` (0), from the URLs MkDocs gave the pages.
    state.add_treeprocessor(_Marker(state), "knowledge_marks", 8)
    state.add_treeprocessor(_LinkFinisher(state), "knowledge_link_urls", -1)
    return config


def on_files(files, config, **kwargs):
    files.append(File.generated(config, GLOSSARY_URI, content=GLOSSARY_MARKDOWN))
    return files


def on_nav(nav, config, files, **kwargs):
    state = BuildState.of(config)
    state.set_nav(nav)
    sources = state.sources()
    try:
        vocabulary = load_vocabulary(state.config_dir / VOCABULARY)
        index = TermIndex.build(sources, vocabulary)
    except VocabularyError as error:
        message = str(error)
        raise PluginError(message if message.startswith(VOCABULARY) else f"{VOCABULARY}: {message}") from None
    for line in index.report:
        log.info(f"ambiguity: {line}")
    if vocabulary.accounts_for_acronyms:  # a site without the reviewed lists has nothing to check against
        for page, line, token in index.unaccounted:
            log.warning(f"{page}:{line}: '{token}' looks like an acronym, but the notes never spell it out "
                        f"and {VOCABULARY} does not list it: define it in the notes ('Expansion ({token})'), "
                        f"or add '{token}: Expansion' under standard: or '{token}: why it is not one' under "
                        f"not_acronyms: in {VOCABULARY}")
    log.info(f"{len(index.terms)} terms, {len(index.topics)} topics, {len(index.link_targets)} linkable names")
    state.index, state.finder = index, MentionFinder(index.names_to_find())
    # Headings of one subject are "See also" to each other even where no name of theirs links
    # ('Pre-Signed URLs' and 'S3 Pre-Signed URLs'); the index pairs those a name links.
    state.same_subject = same_subject(index.topics, lambda page: (
        page.split("/")[0], VENDOR.sub("", state.topic_titles.get(page, ""))))
    for topic, others in state.same_subject.items():
        if all(_where(topic) < _where(other) for other in others):  # once per subject
            log.info(f"same subject, See also between them: {', '.join(map(_where, [topic, *others]))}")
    return nav


def on_page_markdown(markdown, page, config, **kwargs):
    BuildState.of(config).begin_page(page)
    return markdown


def on_page_content(html, page, config, **kwargs):
    state = BuildState.of(config)
    if state.index is None:
        return html
    if page.file.src_uri == GLOSSARY_URI:
        state.search_sections[GLOSSARY_URI] = search_sections(state.index, state.topic_titles)
        return html + str(glossary_html(state.index, lambda src_uri: state.href(GLOSSARY_URI, src_uri),
                                       state.topic_titles))
    # MkDocs checks that each link's anchor exists once every page has rendered; the cross-links
    # bypassed its link processing (see _LinkFinisher), so they are handed to that check here.
    if page.links_to_anchors is not None:
        for link in state.links:
            if link.target.anchor:
                links = page.links_to_anchors.setdefault(state.pages[link.target.page].file, {})
                links.setdefault(link.target.anchor, link.element.get("href"))
    return html


@event_priority(-10)  # after the search plugin (0) has read the page: search has no need to parse the footer
def on_page_context(context, page, config, **kwargs):
    """Every page has rendered by now, so every page's links to this one are known. The footer
    also carries data-search-exclude, which keeps it out of search whatever the order."""
    state = BuildState.of(config)
    if state.index is not None and page.file.src_uri != GLOSSARY_URI:
        page.content += str(page_footer(state, page.file.src_uri))
    return context


def page_footer(state: BuildState, here: str) -> str:
    """"See also" (the index's pairs and same_subject's) and "Mentioned in" for page `here`."""
    index = state.index
    see_also = [other.place for _, other in index.see_also_on(here)]
    see_also += [other.place for topic, others in state.same_subject.items() if topic.page == here
                 for other in others]
    pages = Pages(index.titles, index.sections, state.topic_titles, index.page_order,
                  lambda page, anchor: state.href(here, page, anchor))
    return footer_html(here, see_also, state.mentions.get(here, []), pages)


def _where(topic) -> str:
    return f"{topic.place.page}#{topic.place.anchor}" if topic.place.anchor else topic.place.page


class _Marker(Treeprocessor):
    """Cross-links and tooltips (see crosslinks.py). The links hold "#" until _LinkFinisher."""

    def __init__(self, state: BuildState):
        super().__init__()
        self.state = state

    def run(self, root):
        state = self.state
        index, page = state.index, state.page.file.src_uri if state.page else None
        if index is None or page is None or page == GLOSSARY_URI:
            return
        targets, excluded = index.link_targets, index.names_not_linked_on(page)

        def target_of(name):
            """Where a mention of `name` links: the topic's place (page and anchor)."""
            topic = targets.get(name)
            if topic is None or topic.page == page or name in excluded:
                return None
            return topic.place

        tooltips = Tooltips(index.acronyms, lambda acronym: index.expansion_on(index.variants.get(acronym, acronym),
                                                                               page))
        state.links = link_mentions(root, state.finder, target_of, lambda target: "#", tooltips)


class _LinkFinisher(Treeprocessor):
    """After MkDocs' `relpath` (0): give each cross-link its URL, made from the URLs MkDocs gave
    the pages, and note the section it sits in (`toc` (5) has given headings their ids). Before
    relpath a link holds "#", which relpath passes by: resolving a link as written in Markdown
    costs it some 20 µs, 909 times a build. MkDocs still checks the anchors (on_page_content)."""

    def __init__(self, state: BuildState):
        super().__init__()
        self.state = state

    def run(self, root):
        state = self.state
        if state.index is None or state.page is None or not state.links:
            return
        page = state.page.file.src_uri
        title = state.index.titles.get(page, "")
        parents = {child: parent for parent in root.iter() for child in parent}
        stash = self.md.htmlStash.rawHtmlBlocks

        def stashed(number: int) -> str:
            return stash_text(stash[number]) if number < len(stash) else ""

        quoted = set()  # a footer quotes the first link from each page: the others need no sentence
        for link in state.links:
            target = link.target.page
            link.element.set("href", state.href(page, target, link.target.anchor))
            heading = link.heading
            at = heading.get("id", "") if heading is not None and heading.tag != "h1" else ""
            section = state.index.sections.get((page, at), title)
            excerpt = None
            if target not in quoted:
                quoted.add(target)
                block = block_of(link.element, parents)
                excerpt = with_lead(mention_excerpt(block, link.element, stashed), block, parents, stashed)
            state.mentions[target].append(Backlink(page, at, section, excerpt))
