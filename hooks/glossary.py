"""The Glossary page from the term index: A–Z with a letter jump bar; each acronym with its
expansion(s), the notes' one-line definition where they give one, where it is defined and the
pages that use it.

Written as HTML, not Markdown: a thousand links on one page cost Python-Markdown a tenth of a
second, a tenth of the whole build. Made with markupsafe: every piece of notes text is escaped
unless it is already Markup.

The "Used in" lists are navigation, not content, and two thirds of the page: they carry
`data-search-exclude`, so a search for a page's title finds that page, not the glossary's
letter sections.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby

from markupsafe import Markup, escape

from acronyms import Term
from sources import Place
from term_index import TermIndex

GLOSSARY_URI = "glossary.md"
GLOSSARY_MARKDOWN = "# Glossary\n"  # the page's source; its body comes from glossary_html


def initial(term: Term) -> str:
    return term.acronym[0].upper() if term.acronym[0].isalpha() else "#"


def place_link(place: Place, index: TermIndex, href: Callable[[str], str]) -> Markup:
    title = index.titles.get(place.page, place.page)
    section = index.sections.get((place.page, place.anchor))
    text = f"{title} › {section}" if section else title
    url = href(place.page) + (f"#{place.anchor}" if place.anchor else "")
    return Markup('<a href="{}">{}</a>').format(url, text)


def term_entry(term: Term, index: TermIndex, href: Callable[[str], str]) -> Markup:
    meanings = []
    for meaning in term.meanings:
        text = escape(meaning.expansion)
        if not meaning.from_notes:  # hooks/vocabulary.yml's reviewed expansion: the notes never spell it out
            entry = text + Markup(' <span class="glossary-standard">standard expansion, not from the notes</span>')
            topic = index.topic_of(term.acronym, meaning)
            if topic:
                entry += Markup("; all about it: {}").format(place_link(topic.place, index, href))
            meanings.append(entry)
            continue
        if meaning.other_spellings:
            text += Markup(" (also written {})").format(", ".join(meaning.other_spellings))
        if meaning.note:
            text += Markup(": {}").format(meaning.note)
        entry = Markup("{} — defined in {}").format(text, place_link(meaning.place, index, href))
        topic = index.topic_of(term.acronym, meaning)
        if topic and topic.place.page != meaning.place.page:  # SQS is defined in passing on an S3 page
            entry += Markup("; all about it: {}").format(place_link(topic.place, index, href))
        meanings.append(entry)
    acronym = Markup("<strong>{}</strong>").format(term.acronym)
    if len(meanings) == 1:
        parts = [Markup("<p>{}: {}</p>").format(acronym, meanings[0])]
    else:
        items = Markup("").join(Markup("<li>{}</li>").format(m) for m in meanings)
        parts = [Markup("<p>{} has {} meanings; each page's tooltip shows the one that page means:</p>"
                        "<ol>{}</ol>").format(acronym, len(meanings), items)]
    if index.usage.get(term.acronym):
        parts.append(used_in(term, index, href))
    return Markup('<li id="term-{}">{}</li>').format(term.acronym.lower(), Markup("").join(parts))


def used_in(term: Term, index: TermIndex, href: Callable[[str], str]) -> Markup:
    links = Markup(", ").join(Markup('<a href="{}">{}</a>').format(href(page), index.titles.get(page, page))
                              for page in index.usage.get(term.acronym, []))
    return Markup('<p class="glossary-used" data-search-exclude>Used in: {}</p>').format(links)


def glossary_html(index: TermIndex, href: Callable[[str], str]) -> Markup:
    """The page body below its title. `href(page)` is a page's URL relative to the glossary."""
    terms = list(index.terms.values())  # A–Z already
    letters = [key for key, _ in groupby(terms, key=initial)]
    defined = sum(any(m.from_notes for m in term.meanings) for term in terms)
    parts = [
        Markup("<p>The {} acronyms in the notes, A–Z: what each stands for, where the notes define "
               "it and the pages that use it; {} the notes define, {} they use without spelling out, "
               "marked <em>standard expansion, not from the notes</em>. Anywhere in the notes, hover "
               "an acronym to see its expansion.</p>").format(len(terms), defined, len(terms) - defined),
        Markup('<nav class="glossary-letters" aria-label="Letters"><p>{}</p></nav>').format(
            Markup(" ").join(Markup('<a href="#{}">{}</a>').format(c.lower(), c) for c in letters)),
    ]
    for key, group in groupby(terms, key=initial):
        parts.append(Markup('<h2 id="{0}">{1}<a class="headerlink" href="#{0}" title="Permanent link">'
                            '&para;</a></h2>').format(key.lower(), key))
        parts.append(Markup("<ul>{}</ul>").format(Markup("").join(term_entry(term, index, href) for term in group)))
    return Markup("\n").join(parts)
