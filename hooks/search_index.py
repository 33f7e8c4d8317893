"""Search: what Material's search plugin reads of each page, and the files the site's own search
worker (overrides/assets/javascripts/search-worker.js) loads. A thin adapter around search_text.py.

1. on_config: the search plugin reads a search-friendly copy of each page (search_text.search_html:
   every block a word boundary, each tab title with its tab; without the cross-links' and
   tooltips' tags, crosslinks.unmarked, and the elements search leaves out); the page itself is
   unchanged. A page whose hook gave its sections (BuildState.search_sections: the Glossary's)
   goes to the plugin's entries as they are, unparsed.
2. on_post_build, after the search plugin wrote search/search_index.json and before the offline
   plugin (priority -100) inlines it: that file keeps the settings only, so no page downloads the
   index before search is opened; the documents and the glossary's acronym pairs go to
   search/search_documents.json, with the lunr index built from them (search_lunr.py), which the
   worker fetches when search is first opened (and, in the offline build, to
   search/search_documents.js, which it loads as a script from file://).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority, get_plugin_logger

from build_state import BuildState
from crosslinks import unmarked
from glossary import GLOSSARY_URI
from search_lunr import build_index
from search_text import glossary_pairs, search_html, split_index

log = get_plugin_logger(__name__)

DOCUMENTS = "search_documents"


def on_config(config, **kwargs):
    search = config.plugins.get("material/search")
    if search is None or not search.config.enabled:
        return config
    # The search plugin makes a new SearchIndex in its own on_config, which runs before this one.
    read = search.search_index.add_entry_from_context
    state = BuildState.of(config)

    def read_for_search(page):
        if (page.meta.get("search") or {}).get("exclude"):  # the plugin skips it: nothing to rewrite
            return
        sections = state.search_sections.get(page.file.src_uri)
        if sections is not None:  # the hook that wrote the page says what search reads of it
            search.search_index.entries += [{"location": page.url + (f"#{anchor}" if anchor else ""),
                                             "title": title, "text": text} for anchor, title, text in sections]
            return
        rendered = page.content
        page.content = search_html(unmarked(rendered))
        try:
            read(page)
        finally:
            page.content = rendered

    search.search_index.add_entry_from_context = read_for_search
    return config


@event_priority(-50)  # after the search plugin (0) writes the index, before offline (-100) inlines it
def on_post_build(config, **kwargs):
    folder = Path(config.site_dir) / "search"
    index_file = folder / "search_index.json"
    if not index_file.is_file():
        return
    state = BuildState.of(config)
    glossary = glossary_pairs(state.index.terms) if state.index else {}
    glossary_url = state.pages[GLOSSARY_URI].url if GLOSSARY_URI in state.pages else ""
    stub, documents = split_index(index_file.read_text(encoding="utf-8"), glossary, glossary_url, build_index)
    index_file.write_text(stub, encoding="utf-8")
    (folder / f"{DOCUMENTS}.json").write_text(documents, encoding="utf-8")
    offline = config.plugins.get("material/offline")
    if offline is not None and offline.config.enabled:
        # file:// has no fetch: the worker loads the documents as a script instead.
        (folder / f"{DOCUMENTS}.js").write_text(f"self.searchDocuments = {documents};\n", encoding="utf-8")
