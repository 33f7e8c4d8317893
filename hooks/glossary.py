"""The Glossary page, as Markdown, from the term index: A–Z with a letter jump bar; each acronym
with its expansion(s), the notes' one-line definition where they give one, where it is defined
and the pages that use it."""

from __future__ import annotations

import re
from itertools import groupby

from terms import Place, Term, TermIndex

GLOSSARY_URI = "glossary.md"  # at the top of docs/, so page paths are its relative links


def md_text(text: str) -> str:
    """Notes text as literal Markdown: no accidental emphasis, links or HTML."""
    return re.sub(r"([\\`*_\[\]#|])", r"\\\1", text).replace("<", "&lt;")


def place_link(place: Place, index: TermIndex) -> str:
    title = index.titles.get(place.page, place.page)
    section = index.sections.get((place.page, place.anchor))
    text = f"{title} › {section}" if section else title
    return f"[{md_text(text)}]({place.page}{'#' + place.anchor if place.anchor else ''})"


def initial(term: Term) -> str:
    return term.acronym[0].upper() if term.acronym[0].isalpha() else "#"


def term_entry(term: Term, index: TermIndex) -> list[str]:
    meanings = []
    for meaning in term.meanings:
        text = md_text(meaning.expansion)
        if meaning.other_spellings:
            text += " (also written " + ", ".join(md_text(o) for o in meaning.other_spellings) + ")"
        if meaning.note:
            text += f": {md_text(meaning.note)}"
        meanings.append(f"{text} — defined in {place_link(meaning.place, index)}")
    if len(meanings) == 1:
        lines = [f"- **{md_text(term.acronym)}**: {meanings[0]}"]
    else:
        lines = [f"- **{md_text(term.acronym)}** has {len(meanings)} meanings; each page's tooltip "
                 "shows the one that page means:", ""]
        lines += [f"    {number}. {text}" for number, text in enumerate(meanings, 1)]
    used = index.usage.get(term.acronym, [])
    if used:
        links = ", ".join(f"[{md_text(index.titles.get(page, page))}]({page})" for page in used)
        lines += ["", f"    Used in: {links}"]
    return lines + [""]


def glossary_markdown(index: TermIndex) -> str:
    terms = sorted(index.terms.values(), key=lambda t: t.acronym.lower())
    letters = [key for key, _ in groupby(terms, key=initial)]
    lines = [
        "# Glossary",
        "",
        f"The {len(terms)} acronyms the notes define, A–Z: what each stands for, where the notes "
        "define it and the pages that use it. Anywhere in the notes, hover an acronym to see "
        "its expansion.",
        "",
        '<nav class="glossary-letters" aria-label="Letters" markdown>'
        + " ".join(f"[{c}](#{c.lower()})" for c in letters) + "</nav>",
        "",
    ]
    for key, group in groupby(terms, key=initial):
        lines += [f"## {key}", ""]
        for term in group:
            lines += term_entry(term, index)
    return "\n".join(lines)
