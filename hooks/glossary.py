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

import html
from collections.abc import Callable
from itertools import groupby

from markupsafe import Markup

from acronyms import Meaning, Term
from markup import joined, markup
from sources import Place
from term_index import TermIndex

GLOSSARY_URI = "glossary.md"
GLOSSARY_MARKDOWN = "# Glossary\n"  # the page's source; its body comes from glossary_html
STANDARD = "standard expansion, not from the notes"
SPAN_TITLES = {"glossary-standard": Markup(' title="The notes use this acronym without spelling it out"')}
MEANINGS_NOTE = "each page's tooltip shows the one that page means"  # after 'ACR: N meanings'
Pieces = tuple[str | Place, ...]  # text and places, in reading order (see meaning_parts)
INTRO = ("The {} acronyms in the notes, A–Z: what each stands for, where the notes define it and the pages "
         "that use it; {} the notes define, {} they use without spelling out, marked {}" + STANDARD + "{}. "
         "Anywhere in the notes, hover an acronym to see its expansion.")


def initial(term: Term) -> str:
    return term.acronym[0].upper() if term.acronym[0].isalpha() else "#"


def place_text(place: Place, index: TermIndex, topics: dict[str, str]) -> str:
    """'Topic › Page': where a place is."""
    title = index.titles.get(place.page, place.page)
    topic = topics.get(place.page, "")
    return f"{topic} › {title}" if topic else title


def place_link(place: Place, index: TermIndex, href: Callable[[str], str], topics: dict[str, str]) -> Markup:
    """'Topic › Page', linking to the place (its section where it has one)."""
    url = href(place.page) + (f"#{place.anchor}" if place.anchor else "")
    return markup('<a href="{}">{}</a>', url, place_text(place, index, topics))


def meaning_parts(term: Term, meaning: Meaning, index: TermIndex) -> list[tuple[str, Pieces]]:
    """What an entry says of one meaning, as (class, pieces), each piece text or a place: the
    expansion, a marker where it is a standard one the notes never spell out, the notes' one-line
    definition, and where it is defined. The page (meaning_html) and search (search_sections)
    both read it."""
    parts: list[tuple[str, Pieces]] = [("glossary-expansion", (meaning.expansion,))]
    if meaning.other_spellings:
        parts.append(("glossary-spellings", (f"(also written {', '.join(meaning.other_spellings)})",)))
    topic = index.topic_of(term.acronym, meaning)
    if not meaning.from_notes:  # hooks/vocabulary.yml's reviewed expansion: the notes never spell it out
        parts.append(("glossary-standard", (STANDARD,)))
        if topic:
            parts.append(("glossary-where", ("all about it: ", topic.place)))
        return parts
    if meaning.note:
        parts.append(("glossary-note", (meaning.note,)))
    if meaning.definitions:
        where: Pieces = ("defined in ", meaning.place)
        if topic and topic.place.page != meaning.place.page:  # SQS is defined in passing on an S3 page
            where += (" · all about it: ", topic.place)
        parts.append(("glossary-where", where))
    return parts


def meaning_html(term: Term, meaning: Meaning, index: TermIndex, href: Callable[[str], str],
                 topics: dict[str, str]) -> Markup:
    """meaning_parts as spans, each on its own line of the entry, the places as links."""
    def span(css: str, pieces: Pieces) -> Markup:
        inner = joined(piece if isinstance(piece, str) else place_link(piece, index, href, topics)
                       for piece in pieces)
        return markup('<span class="{}"{}>{}</span>', css, SPAN_TITLES.get(css, Markup("")), inner)

    return joined((span(css, pieces) for css, pieces in meaning_parts(term, meaning, index)), " ")


def term_entry(term: Term, index: TermIndex, href: Callable[[str], str], topics: dict[str, str],
               page_item: Callable[[str], Markup]) -> Markup:
    acronym = markup('<strong class="glossary-acronym">{}</strong>', term.acronym)
    meanings = [meaning_html(term, meaning, index, href, topics) for meaning in term.meanings]
    if len(meanings) == 1:
        parts = [markup("<p>{} {}</p>", acronym, meanings[0])]
    else:
        items = joined(markup("<li>{}</li>", m) for m in meanings)
        parts = [markup('<p>{} <span class="glossary-expansion">{} meanings</span> <span class="glossary-note">'
                        f'{MEANINGS_NOTE}</span></p><ol class="glossary-meanings">{{}}</ol>', acronym,
                        len(meanings), items)]
    if index.usage.get(term.acronym):
        parts.append(used_in(term, index, page_item))
    return markup('<li id="term-{}">{}</li>', term.acronym.lower(), joined(parts))


def used_in(term: Term, index: TermIndex, page_item: Callable[[str], Markup]) -> Markup:
    """The pages that use the acronym, folded: most entries have many, and the list is for
    looking up, not for reading down the page. `page_item(page)`: a page's list item."""
    pages = index.usage.get(term.acronym, [])
    links = joined(page_item(page) for page in pages)
    return markup('<details class="glossary-used" data-search-exclude><summary>Used in: {} {}</summary>'
                  "<ul>{}</ul></details>", len(pages), "page" if len(pages) == 1 else "pages", links)


def _overview(index: TermIndex) -> tuple[list[Term], list[str], int]:
    """The terms A–Z, their initials, and how many of them the notes define."""
    terms = list(index.terms.values())  # A–Z already
    return terms, [key for key, _ in groupby(terms, key=initial)], sum(
        any(m.from_notes for m in term.meanings) for term in terms)


def glossary_html(index: TermIndex, href: Callable[[str], str], topics: dict[str, str] | None = None) -> Markup:
    """The page body below its title. `href(page)` is a page's URL relative to the glossary;
    `topics` names each page's topic (its navigation section)."""
    topics = topics or {}
    terms, letters, defined = _overview(index)
    parts = [
        markup(f"<p>{INTRO}</p>", len(terms), defined, len(terms) - defined, Markup("<em>"), Markup("</em>")),
        markup('<nav class="glossary-letters" aria-label="Letters"><ul>{}</ul></nav>',
               joined(markup('<li><a href="#{}">{}</a></li>', c.lower(), c) for c in letters)),
    ]
    items: dict[str, Markup] = {}  # page -> its "Used in" item: a page is used by many acronyms

    def page_item(page: str) -> Markup:
        if page not in items:
            items[page] = markup('<li><a href="{}">{}</a></li>', href(page), index.titles.get(page, page))
        return items[page]

    for key, group in groupby(terms, key=initial):
        parts.append(markup('<h2 id="{0}">{1}<a class="headerlink" href="#{0}" title="Permanent link">'
                            '&para;</a></h2>', key.lower(), key))
        parts.append(markup('<ul class="glossary-terms">{}</ul>',
                            joined(term_entry(term, index, href, topics, page_item) for term in group)))
    return joined(parts, "\n")


# --- what search reads of the page ------------------------------------------------------------

def search_sections(index: TermIndex, topics: dict[str, str] | None = None) -> list[tuple[str, str, str]]:
    """The page as the search plugin reads glossary_html (after search_text.search_html): one
    (anchor, title, text) per section, the text with the tags search keeps (p, ul, ol, li) and
    without the "Used in" lists. Written from the index, not parsed from the page: the page is a
    fifth of all the HTML search would parse. tests/test_search_text.py checks the two agree."""
    topics = topics or {}
    terms, letters, defined = _overview(index)
    intro = _text(INTRO.format(len(terms), defined, len(terms) - defined, "", ""))
    sections = [("", "Glossary", f"<p>{intro}</p> <ul>" + "".join(f"<li>{c}</li> " for c in letters) + "</ul>")]
    for key, group in groupby(terms, key=initial):
        entries = "".join(_search_entry(term, index, topics) + " " for term in group)
        sections.append((key.lower(), key, f"<ul>{entries}</ul>"))
    return sections


def _search_entry(term: Term, index: TermIndex, topics: dict[str, str]) -> str:
    meanings = [_search_meaning(term, meaning, index, topics) for meaning in term.meanings]
    if len(meanings) == 1:
        return f"<li><p>{_text(term.acronym)} {meanings[0]}</p> </li>"
    items = "".join(f"<li>{meaning}</li> " for meaning in meanings)
    return f"<li><p>{_text(term.acronym)} {len(meanings)} meanings {MEANINGS_NOTE}</p> <ol>{items}</ol> </li>"


def _search_meaning(term: Term, meaning: Meaning, index: TermIndex, topics: dict[str, str]) -> str:
    """meaning_parts as search reads meaning_html: its words, the places as their link text."""
    return _text(" ".join("".join(piece if isinstance(piece, str) else place_text(piece, index, topics)
                                  for piece in pieces) for _, pieces in meaning_parts(term, meaning, index)))


def _text(text: str) -> str:
    """Text as the search plugin writes it: &, < and > escaped, line breaks as spaces."""
    return html.escape(text, quote=False).replace("\n", " ")
