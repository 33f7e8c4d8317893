"""The Glossary page from the term index: A–Z with a letter jump bar; each acronym with its
expansion(s), the notes' one-line definition where they give one, where it is defined and the
pages that use it.

Written as HTML, not Markdown: a thousand links on one page cost Python-Markdown a tenth of a
second, a tenth of the whole build. Every piece of notes text is escaped here.

The "Used in" lists are navigation, not content, and two thirds of the page: they carry
`data-search-exclude`, so a search for a page's title finds that page, not the glossary's
letter sections.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from itertools import groupby

from acronyms import Term
from sources import Place
from term_index import TermIndex

GLOSSARY_URI = "glossary.md"
GLOSSARY_MARKDOWN = "# Glossary\n"  # the page's source; its body comes from glossary_html


def initial(term: Term) -> str:
    return term.acronym[0].upper() if term.acronym[0].isalpha() else "#"


def place_link(place: Place, index: TermIndex, href: Callable[[str], str]) -> str:
    title = index.titles.get(place.page, place.page)
    section = index.sections.get((place.page, place.anchor))
    text = f"{title} › {section}" if section else title
    url = href(place.page) + (f"#{place.anchor}" if place.anchor else "")
    return f'<a href="{escape(url)}">{escape(text)}</a>'


def term_entry(term: Term, index: TermIndex, href: Callable[[str], str]) -> str:
    meanings = []
    for meaning in term.meanings:
        text = escape(meaning.expansion)
        if meaning.other_spellings:
            text += " (also written " + ", ".join(escape(o) for o in meaning.other_spellings) + ")"
        if meaning.note:
            text += f": {escape(meaning.note)}"
        entry = f"{text} — defined in {place_link(meaning.place, index, href)}"
        topic = index.topic_of(term.acronym, meaning)
        if topic and topic.place.page != meaning.place.page:  # SQS is defined in passing on an S3 page
            entry += f"; all about it: {place_link(topic.place, index, href)}"
        meanings.append(entry)
    acronym = f"<strong>{escape(term.acronym)}</strong>"
    if len(meanings) == 1:
        parts = [f"<p>{acronym}: {meanings[0]}</p>"]
    else:
        items = "".join(f"<li>{m}</li>" for m in meanings)
        parts = [f"<p>{acronym} has {len(meanings)} meanings; each page's tooltip shows the one "
                 f"that page means:</p><ol>{items}</ol>"]
    if index.usage.get(term.acronym):
        parts.append(used_in(term, index, href))
    return f'<li id="term-{escape(term.acronym.lower())}">{"".join(parts)}</li>'


def used_in(term: Term, index: TermIndex, href: Callable[[str], str]) -> str:
    links = ", ".join(f'<a href="{escape(href(page))}">{escape(index.titles.get(page, page))}</a>'
                      for page in index.usage.get(term.acronym, []))
    return f'<p class="glossary-used" data-search-exclude>Used in: {links}</p>'


def glossary_html(index: TermIndex, href: Callable[[str], str]) -> str:
    """The page body below its title. `href(page)` is a page's URL relative to the glossary."""
    terms = list(index.terms.values())  # A–Z already
    letters = [key for key, _ in groupby(terms, key=initial)]
    parts = [
        f"<p>The {len(terms)} acronyms the notes define, A–Z: what each stands for, where the "
        "notes define it and the pages that use it. Anywhere in the notes, hover an acronym to "
        "see its expansion.</p>",
        '<nav class="glossary-letters" aria-label="Letters"><p>'
        + " ".join(f'<a href="#{c.lower()}">{c}</a>' for c in letters) + "</p></nav>",
    ]
    for key, group in groupby(terms, key=initial):
        anchor = key.lower()
        parts.append(f'<h2 id="{anchor}">{key}<a class="headerlink" href="#{anchor}" '
                     f'title="Permanent link">&para;</a></h2>')
        parts.append("<ul>" + "".join(term_entry(term, index, href) for term in group) + "</ul>")
    return "\n".join(parts)
