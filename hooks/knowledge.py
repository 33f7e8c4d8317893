"""The knowledge layer, as a thin adapter around terms.py, crosslinks.py and glossary.py:

1. on_nav: read every page once, in the notes' order, into a TermIndex (and hand MkDocs the
   same text when it reads the page); on_page_content then writes the Glossary page's body.
2. while each page renders: tooltips (the `abbr` extension's glossary, set per page to its
   folder's acronyms if the page uses any, in the meaning this page means) and cross-links (tree
   processors: one links mentions, one gives the links their URLs after MkDocs' own link pass).
3. after every page has rendered (on_page_context): "Mentioned in" backlinks and "See also".

Links and tooltips change no word of a page. So the syntax check (on_page_content) and the
search plugin (which keeps a link's or tooltip's text and drops its tag) read each page, and the
glossary, without them: the same words and the same index, with less HTML to parse. The page gets
them back in on_page_context, which runs after the search plugin's.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from pathlib import Path

import yaml
from markdown import Extension
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from crosslinks import AUTOLINK_CLASS, Link, MentionFinder, link_mentions
from glossary import GLOSSARY_MARKDOWN, GLOSSARY_URI, glossary_html, text_only, with_used_in
from notes_syntax import page_text
from terms import PageSource, TermIndex

log = get_plugin_logger(__name__)
ALIASES = "hooks/aliases.yml"  # beside mkdocs.yml: the site's reviewed names for its headings

# Build state, reset in on_config: `mkdocs serve` rebuilds in the same process.
_index: TermIndex | None = None
_finder: MentionFinder | None = None
_pages: dict[str, Page] = {}     # src_uri -> the page, its File and the URL MkDocs gave it
_page: str | None = None          # src_uri of the page being rendered
_links: list[Link] = []           # the cross-links made on that page
_mentions: dict[str, list[tuple[str, str, str]]] = {}  # target page -> [(source page, anchor, section)]
_rendered: dict[str, tuple[str, str]] = {}  # src_uri -> (HTML, HTML without links and tooltips)

# The markup this layer adds to a page's text, with the text it marks as group 1 or 2: exactly as
# Python-Markdown writes a cross-link and an abbr (attributes A–Z, escaped).
KNOWLEDGE_MARKUP = re.compile(rf'<a class="{AUTOLINK_CLASS}" href="[^"]*">([^<]*)</a>'
                              r'|<abbr title="[^"]*">([^<]*)</abbr>')


def on_config(config, **kwargs):
    global _index, _finder, _page
    _index, _finder, _page = None, None, None
    _pages.clear()
    _links.clear()
    _mentions.clear()
    _rendered.clear()
    if "abbr" not in config.markdown_extensions:
        raise PluginError("hooks/knowledge.py needs the 'abbr' Markdown extension for tooltips")
    config.markdown_extensions.append(_KnowledgeExtension())
    return config


def on_files(files, config, **kwargs):
    files.append(File.generated(config, GLOSSARY_URI, content=GLOSSARY_MARKDOWN))
    return files


def on_nav(nav, config, files, **kwargs):
    global _index, _finder
    pages = [page for page in nav.pages if page.file.src_uri != GLOSSARY_URI]
    _pages.update({page.file.src_uri: page for page in nav.pages})
    sources = [PageSource(p.file.src_uri, page_text(p.file)) for p in pages]
    alias_file = Path(config.config_file_path).parent / ALIASES
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, 10x quicker, where there
        aliases = yaml.load(alias_file.read_text(encoding="utf-8"), Loader=loader) \
            if alias_file.is_file() else {}
        _index = TermIndex.build(sources, aliases)
    except ValueError as error:
        raise PluginError(f"{ALIASES}: {error}") from error
    for line in _index.report:
        log.info(f"ambiguity: {line}")
    log.info(f"{len(_index.terms)} terms, {len(_index.topics)} topics, "
             f"{len(_index.link_targets)} linkable names")
    _finder = MentionFinder(_index.names_to_find())
    return nav


def on_page_read_source(page, **kwargs):
    """The text on_nav read (page_text keeps it for the build), so MkDocs does not read the file
    again."""
    return page_text(page.file)


def on_page_markdown(markdown, page, config, **kwargs):
    global _page
    _page = page.file.src_uri
    _links.clear()
    # Python-Markdown builds a fresh abbr extension for each page from mdx_configs.
    glossary = {} if _page == GLOSSARY_URI or _index is None else _index.tooltips_for(_page)
    config.mdx_configs["abbr"] = {**config.mdx_configs.get("abbr", {}), "glossary": glossary}
    return markdown


def on_page_content(html, page, **kwargs):
    if _index is None:
        return html
    if page.file.src_uri == GLOSSARY_URI:
        body = glossary_html(_index, _from_glossary)
        _rendered[GLOSSARY_URI] = (html + body, html + text_only(body))
        return _rendered[GLOSSARY_URI][1]
    # MkDocs checks that each link's anchor exists once every page has rendered; the cross-links
    # bypassed its link processing (see _LinkFinisher), so they are handed to that check here.
    if page.links_to_anchors is not None:
        for link in _links:
            if link.target.anchor:
                links = page.links_to_anchors.setdefault(_pages[link.target.page].file, {})
                links.setdefault(link.target.anchor, link.element.get("href"))
    return html


def on_page_context(context, page, **kwargs):
    """Every page has rendered by now, so every page's links to this one are known. The search
    plugin has indexed the page too: what is added here is navigation, kept out of search."""
    if _index is None:
        return context
    if page.file.src_uri == GLOSSARY_URI:
        page.content = with_used_in(_with_markup(page), _index, _from_glossary)
    else:
        page.content = _with_markup(page) + footer_html(page)
    return context


def _with_markup(page) -> str:
    """The page's HTML with its links and tooltips back (see _TextOnly), and what hooks appended
    to it in on_page_content. A hook that changed it otherwise would lose them: fail loudly."""
    html, text_only = _rendered.pop(page.file.src_uri, (page.content, page.content))
    if not page.content.startswith(text_only):
        raise PluginError(f"{page.file.src_uri}: a hook rewrote the page's HTML in on_page_content, where "
                          "hooks/knowledge.py only lets hooks append to it; rewrite it in on_page_context "
                          "after hooks/knowledge.py, or in a Markdown extension")
    return html + page.content[len(text_only):]


def footer_html(page) -> str:
    here = page.file.src_uri
    parts = []
    see_also = _index.see_also_on(here)
    if see_also:
        items = "".join(
            f'<li>{html.escape(topic.title)}: also in <a href="{_url(here, other.page, other.place.anchor)}">'
            f"{html.escape(_index.titles.get(other.page, other.page))}</a></li>" for topic, other in see_also)
        parts.append(f'<h2 id="see-also">See also</h2><ul>{items}</ul>')
    sources = defaultdict(list)
    for source, anchor, section in _mentions.get(here, []):
        if (anchor, section) not in sources[source]:
            sources[source].append((anchor, section))
    if sources:
        items = []
        for source in sorted(sources, key=_index.page_order.__getitem__):
            url = _url(here, source, "")
            sections = ", ".join(f'<a href="{url}#{anchor}">{html.escape(section)}</a>'
                                 for anchor, section in sources[source] if anchor)
            title = html.escape(_index.titles.get(source, source))
            items.append(f'<li><a href="{url}">{title}</a>'
                         + (f" — {sections}" if sections else "") + "</li>")
        parts.append(f'<h2 id="mentioned-in">Mentioned in</h2><ul>{"".join(items)}</ul>')
    return f'<aside class="knowledge-footer">{"".join(parts)}</aside>' if parts else ""


def _url(here: str, src_uri: str, anchor: str) -> str:
    """Page src_uri's URL relative to page `here`'s, as MkDocs made them (the offline build's are
    .html URLs)."""
    url = get_relative_url(_pages[src_uri].url, _pages[here].url or "./")
    return url + (f"#{anchor}" if anchor else "")


def _from_glossary(src_uri: str) -> str:
    """A page's URL relative to the glossary's."""
    return _url(GLOSSARY_URI, src_uri, "")


class _CrossLinker(Treeprocessor):
    """Before `abbr` (7): link mentions, and make non-body text atomic so abbr skips it. The links
    get their URLs from _LinkFinisher."""

    def run(self, root):
        if _index is None or _page is None or _page == GLOSSARY_URI:
            return
        targets, excluded = _index.link_targets, _index.names_not_linked_on(_page)

        def target_of(name):
            """Where a mention of `name` links: the topic's place (page and anchor)."""
            topic = targets.get(name)
            if topic is None or topic.page == _page or name in excluded:
                return None
            return topic.place

        _links[:] = link_mentions(root, _finder, target_of, lambda target: "#", _index.acronyms)


class _LinkFinisher(Treeprocessor):
    """After MkDocs' `relpath` (0): give each cross-link its URL, made from the URLs MkDocs gave
    the pages, and note the section it sits in (`toc` (5) has given headings their ids). Before
    relpath a link holds "#", which relpath passes by: resolving a link as written in Markdown
    costs it some 20 µs, 909 times a build. MkDocs still checks the anchors (on_page_content)."""

    def run(self, root):
        if _index is None or _page is None:
            return
        title = _index.titles.get(_page, "")
        for link in _links:
            link.element.set("href", _url(_page, link.target.page, link.target.anchor))
            heading = link.heading
            at = heading.get("id", "") if heading is not None and heading.tag != "h1" else ""
            section = _index.sections.get((_page, at), title)
            _mentions.setdefault(link.target.page, []).append((_page, at, section))


class _TextOnly(Postprocessor):
    """Last: keep the page's HTML aside and give MkDocs it without links and tooltips (see top)."""

    def run(self, text):
        if _index is None or _page is None or _page == GLOSSARY_URI:
            return text
        stripped = text_only(text, KNOWLEDGE_MARKUP)
        if stripped != text:
            _rendered[_page] = (text, stripped)
        return stripped


class _KnowledgeExtension(Extension):
    """Registers the same processors with each page's Markdown: they keep no state of their own
    (the module does), and new ones holding `md` would be 225 more reference cycles a build for
    the garbage collector to find."""

    PROCESSORS = _CrossLinker(), _LinkFinisher(), _TextOnly()

    def extendMarkdown(self, md):
        linker, finisher, text_only = self.PROCESSORS
        md.treeprocessors.register(linker, "knowledge_crosslinks", 8)
        md.treeprocessors.register(finisher, "knowledge_link_urls", -1)
        md.postprocessors.register(text_only, "knowledge_text_only", -100)
