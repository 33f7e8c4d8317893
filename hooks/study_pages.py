"""Study mode's pages, as a thin adapter around study.py: Tips, Comparisons and Numbers to
remember, generated at build time from the notes, in a "Study" section of the navigation after
the topics, and linked from the home page.

1. on_files: each page's source, a title and `search: exclude`: search lands on the notes a
   study page quotes, never on the copy.
2. on_nav (this hook is listed right after nav_files.py, so it runs after awesome-pages has built
   the nav and before the other hooks read it): the Study section; then every page is read once
   (study.StudyNotes, kept in BuildState.study) and each excerpt (a tip's body, a compared
   section) is rendered once with the site's own Markdown extensions.
3. on_page_markdown: the home page's list of the study pages.
4. on_page_content: each study page's body, written as HTML with markupsafe (notes text is
   escaped, never formatted into markup), its table of contents, and its links back handed to
   MkDocs' anchor check, so a strict build fails on a link back to a section that is gone.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from itertools import groupby
from urllib.parse import unquote, urlsplit

import markdown
from markdown.extensions.toc import slugify, unique
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.structure.nav import Section, _add_previous_and_next_links
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url

from build_state import BuildState, pages_in
from markup import joined, markup
from sources import PageSource, Place, plain
from study import Comparison, Quantity, StudyNotes, Tip

# The study pages, in the order of the Study section. All sit at the site's root: an excerpt's
# links are made relative to that once, and serve every one of them.
STUDY_PAGES = {"tips.md": "Tips", "comparisons.md": "Comparisons", "numbers.md": "Numbers to remember"}
STUDY_SECTION = "Study"
SOURCE = "---\nsearch:\n  exclude: true\n---\n# {}\n"
HEADING_SHIFT = 2  # an excerpt's `##` becomes h4, under the page's h2 (topic) and h3 (comparison)


def on_files(files, config, **kwargs):
    for uri, title in STUDY_PAGES.items():
        files.append(File.generated(config, uri, content=SOURCE.format(title)))
    return files


def on_nav(nav, config, files, **kwargs):
    state = BuildState.of(config)
    _study_section(nav)
    state.set_nav(nav)
    topics = state.topic_titles
    render = _excerpt_renderer(config, state, files)
    state.study = StudyNotes.build(state.sources(), lambda uri: topics.get(uri) or plain(state.titles.get(uri, uri)),
                                   render)
    return nav


@event_priority(-10)  # after topic_pages.py's "Topics": the study pages come after the topics
def on_page_markdown(markdown_text, page, config, **kwargs):
    state = BuildState.of(config)
    if not page.is_homepage or state.study is None:
        return markdown_text
    return f"{markdown_text.rstrip()}\n\n## Study {{ data-search-exclude }}\n\n{home_links(state)}\n"


def on_page_content(html_text, page, config, **kwargs):
    state = BuildState.of(config)
    uri = page.file.src_uri
    if uri not in STUDY_PAGES or state.study is None:
        return html_text
    links = Links(state, uri)
    body, toc = {"tips.md": tips_html, "comparisons.md": comparisons_html, "numbers.md": numbers_html}[uri](
        state.study, links)
    if page.toc.items:  # under the page's h1, as toc would have nested them
        page.toc.items[0].children = toc
    if page.links_to_anchors is not None:
        for target, anchor, href in links.made:
            page.links_to_anchors.setdefault(state.pages[target].file, {}).setdefault(anchor, href)
    return html_text + str(body)


# --- the Study section and the home page ---------------------------------------------------------

def _study_section(nav) -> None:
    """Move the study pages (awesome-pages put them among the root's other files) into one
    section right after the last topic."""
    study = sorted((item for item in nav.items if isinstance(item, Page) and item.file.src_uri in STUDY_PAGES),
                   key=lambda page: list(STUDY_PAGES).index(page.file.src_uri))
    if not study:
        return
    items = [item for item in nav.items if item not in study]
    after = max((k for k, item in enumerate(items) if isinstance(item, Section)), default=len(items) - 1)
    section = Section(STUDY_SECTION, study)
    for page in study:
        page.parent = section
    items.insert(after + 1, section)
    nav.items = items
    nav.pages = list(pages_in(items))
    _add_previous_and_next_links(nav.pages)


def home_links(state: BuildState) -> Markup:
    study = state.study
    counts = {"tips.md": markup("every tip callout in the notes ({}), by topic", len(study.tips)),
              "comparisons.md": markup("what the notes set side by side ({})", len(study.comparisons)),
              "numbers.md": markup("limits, durations, sizes and prices ({} lines), by service",
                                   len(study.quantities))}
    items = joined((markup('<li><a href="{}">{}</a>: {}</li>', state.href("index.md", uri), title, counts[uri])
                    for uri, title in STUDY_PAGES.items() if uri in state.pages), "\n")
    return markup('<ul class="study-links">\n{}\n</ul>', items)


# --- excerpts ------------------------------------------------------------------------------------

def _excerpt_renderer(config, state: BuildState, files) -> Callable[[PageSource, str], str]:
    """Render a piece of a page with the site's Markdown extensions (not the hooks' own tree
    processors: an excerpt is not a page, its mentions are not cross-links of a page)."""
    md = markdown.Markdown(extensions=[e for e in config.markdown_extensions if isinstance(e, str)],
                           extension_configs=config.mdx_configs)
    excerpt = _Excerpt(md)
    md.treeprocessors.register(excerpt, "study_excerpt", -100)  # after toc, tabs and attr_list
    here = next(iter(STUDY_PAGES))
    count = iter(range(1, 1 << 30))

    def rebase(source: str, url: str) -> str:
        """A link as written on page `source`, as seen from the study pages."""
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or url.startswith("/"):
            return url
        target = posixpath.normpath(posixpath.join(posixpath.dirname(source), unquote(parts.path))) \
            if parts.path else source
        if target in state.pages:
            return state.href(here, target, parts.fragment)
        file = files.get_file_from_path(target)
        return get_relative_url(file.url, state.pages[here].url) if file is not None else url

    def render(page: PageSource, text: str) -> str:
        excerpt.prefix = f"x{next(count)}-"
        excerpt.rebase = lambda url: rebase(page.src_uri, url)
        md.reset()
        return md.convert(text)

    return render


class _Excerpt(Treeprocessor):
    """Let an excerpt stand on another page: its ids get a prefix of their own (two excerpts'
    tabs must not share ids), its permalinks go, its headings sit below the page's own, and its
    relative links lead where they led from the page they came from."""

    def __init__(self, md):
        super().__init__(md)
        self.prefix = ""
        self.rebase: Callable[[str], str] = lambda url: url

    def run(self, root):
        for parent in list(root.iter()):
            for child in list(parent):
                if child.tag == "a" and "headerlink" in child.get("class", ""):
                    parent.remove(child)
        for element in root.iter():
            if len(element.tag) == 2 and element.tag[0] == "h" and element.tag[1].isdigit():
                element.tag = f"h{min(6, int(element.tag[1]) + HEADING_SHIFT)}"
                element.attrib.pop("id", None)
            for name in ("id", "for"):
                if element.get(name):
                    element.set(name, self.prefix + element.get(name))
            if element.tag == "input" and element.get("name", "").startswith("__tabbed"):
                element.set("name", self.prefix + element.get("name"))
            for name in ("href", "src"):
                if element.get(name) is not None and element.tag in ("a", "img"):
                    element.set(name, self.rebase(element.get(name)))
            if element.tag == "img":
                element.set("loading", "lazy")  # as on the notes' pages: a long page of pictures


# --- the pages -----------------------------------------------------------------------------------

class Links:
    """Links from a study page back to the notes, remembered for MkDocs' anchor check."""

    def __init__(self, state: BuildState, here: str):
        self.state, self.here = state, here
        self.made: list[tuple[str, str, str]] = []   # (target page, anchor, href)
        self.ids: set[str] = set()                   # ids used on this page

    def back(self, place: Place, text: str) -> Markup:
        href = self.state.href(self.here, place.page, place.anchor)
        if place.anchor:
            self.made.append((place.page, place.anchor, href))
        return markup('<a href="{}">{}</a>', href, text)

    def where(self, notes: StudyNotes, place: Place, title_too: bool = True) -> str:
        """"Page › Section" (or the one that applies) for a place in the notes."""
        title, section = notes.titles.get(place.page, place.page), notes.sections.get((place.page, place.anchor))
        if not section:
            return title
        return f"{title} › {section}" if title_too else section

    def heading(self, level: int, text: str, toc: list[AnchorLink], parent: AnchorLink | None = None) -> Markup:
        anchor = unique(slugify(text, "-") or "section", self.ids)
        link = AnchorLink(str(Markup.escape(text)), anchor, level)
        (parent.children if parent is not None else toc).append(link)
        self.last = link
        return markup('<h{0} id="{1}">{2}<a class="headerlink" href="#{1}" title="Permanent link">&para;</a>'
                      '</h{0}>', level, anchor, text)


def tips_html(notes: StudyNotes, links: Links) -> tuple[Markup, list[AnchorLink]]:
    toc: list[AnchorLink] = []
    parts = [markup('<p class="study-intro">Every tip in the notes ({}), by topic in the notes\' order; each '
                    'links back to its section.</p>', len(notes.tips))]
    for topic, group in groupby(notes.tips, key=lambda tip: tip.topic):
        parts.append(links.heading(2, topic, toc))
        parts.extend(tip_card(tip, notes, links) for tip in group)
    return _page(parts, "study-tips"), toc


def tip_card(tip: Tip, notes: StudyNotes, links: Links) -> Markup:
    return markup('<div class="admonition tip study-tip"><p class="admonition-title">{}</p>{}'
                  '<p class="study-source">{}</p></div>',
                  tip.title or "Tip", Markup(tip.html), links.back(tip.place, links.where(notes, tip.place)))


def comparisons_html(notes: StudyNotes, links: Links) -> tuple[Markup, list[AnchorLink]]:
    toc: list[AnchorLink] = []
    sections, rows = [], []
    for topic, group in groupby(notes.comparisons, key=lambda comparison: comparison.topic):
        sections.append(links.heading(2, topic, toc))
        topic_link = links.last
        for comparison in group:
            sections.append(comparison_html(comparison, notes, links, toc, topic_link))
            rows.append(markup('<tr><td><a href="#{}">{}</a></td><td>{}</td></tr>',
                               links.last.id, " vs ".join(comparison.sides),
                               links.back(comparison.place, links.where(notes, comparison.place))))
    index = markup('<table><thead><tr><th scope="col">Compared</th>'
                   '<th scope="col">Where in the notes</th></tr></thead><tbody>{}</tbody></table>',
                   joined(rows))
    intro = markup('<p class="study-intro">Everything the notes set side by side ({}): headings with '
                   '<em>vs</em> or <em>versus</em>, and tabs that compare services.</p>', len(rows))
    return _page([intro, index, *sections], "study-comparisons"), toc


def comparison_html(comparison: Comparison, notes: StudyNotes, links: Links, toc: list[AnchorLink],
                    topic: AnchorLink) -> Markup:
    heading = links.heading(3, comparison.title, toc, topic)
    return markup('{}<div class="study-excerpt">{}</div><p class="study-source">From {}</p>',
                  heading, Markup(notes.excerpts.get(comparison.place, "")),
                  links.back(comparison.place, links.where(notes, comparison.place)))


def numbers_html(notes: StudyNotes, links: Links) -> tuple[Markup, list[AnchorLink]]:
    toc: list[AnchorLink] = []
    parts = [markup('<p class="study-intro">The {} lines of the notes that state a limit, a duration, a size, '
                    'a count, a percentage or a price, by service; the figures are marked.</p>',
                    len(notes.quantities))]
    for topic, by_topic in groupby(notes.quantities, key=lambda quantity: quantity.topic):
        parts.append(links.heading(2, topic, toc))
        topic_link = links.last
        for service, group in groupby(by_topic, key=lambda quantity: quantity.service):
            if service != topic:
                parts.append(links.heading(3, service, toc, topic_link))
            parts.append(markup('<ul class="study-numbers">{}</ul>',
                                joined(number_line(quantity, notes, links) for quantity in group)))
    return _page(parts, "study-numbers-page"), toc


def number_line(quantity: Quantity, notes: StudyNotes, links: Links) -> Markup:
    return markup('<li>{} <span class="study-source">({})</span></li>',
                  marked(quantity.sentence, quantity.figures),
                  links.back(quantity.place, links.where(notes, quantity.place, title_too=False)))


def marked(sentence: str, figures: tuple[str, ...]) -> Markup:
    """The sentence with each figure in <mark>, in order, escaped."""
    parts, at = [], 0
    for figure in figures:
        found = sentence.find(figure, at)
        if found < 0:
            continue
        parts.append(markup("{}<mark>{}</mark>", sentence[at:found], figure))
        at = found + len(figure)
    parts.append(Markup.escape(sentence[at:]))
    return joined(parts)


def _page(parts: list[Markup], kind: str) -> Markup:
    return markup('<div class="study-page {}">\n{}\n</div>', kind, joined(parts, "\n"))
