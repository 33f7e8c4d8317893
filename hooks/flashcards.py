"""The flashcard deck: cards made from what the build already knows about the notes, and the
Flashcards page that shows them.

Pure: the study module's tips, quantities and highlights (study.StudyNotes), and the term index
where the knowledge layer built one, in; `Card`s and HTML out. Four kinds of card, one per thing a reader can be asked:

- term:      an acronym the notes define -> what it stands for, and the notes' one-line definition
- number:    a sentence with a figure in it, the figure hidden (cloze)
- highlight: a sentence the notes highlight (==text==), the highlighted words hidden (cloze)
- tip:       an exam tip's title -> the tip

A card's id is a hash of where it comes from (page and section) and what it asks and answers, so
a rebuild keeps every id, and the reader's schedule with it, until the card itself changes.
Every piece of notes text is escaped by markupsafe unless it is already Markup.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

from markup import joined, markup
from sources import Place, plain
from study import StudyNotes
from term_index import TermIndex

FLASHCARDS_URI = "flashcards.md"
# The page's source; its body comes from flashcards_html. Generated, so not searched.
FLASHCARDS_MARKDOWN = "---\nsearch:\n  exclude: true\n---\n# Flashcards\n"
ANKI_FILE = "aws-associate-notes.apkg"

KINDS = {  # kind -> how the page names its cards, in the order the deck holds them
    "term": "Acronyms",
    "number": "Numbers",
    "highlight": "Highlights",
    "tip": "Tips",
}
# A blank, drawn by CSS; not "[…]", which before a "(" reads as a raw link.
GAP = Markup('<span class="card-gap">…</span>')
WORD = re.compile(r"\w+")
HIGHLIGHT_MARKS = re.compile(r"==(.+?)==")


@dataclass(frozen=True)
class Card:
    id: str
    kind: str       # a key of KINDS
    topic: str      # the topic folder of the page it comes from ('ec2'; '' for the home page)
    place: Place    # its source: page and section
    front: Markup   # the question, as HTML
    back: Markup    # the answer, as HTML


def card_id(kind: str, place: Place, *content: str) -> str:
    """Stable across builds: the source (page and section, not the line, which moves whenever a
    line above it is added) and the notes text the card is made of (not its HTML, so a change to
    how cards look keeps every reader's schedule)."""
    key = "\x1f".join((kind, place.page, place.anchor, *content))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def topic_folder(page: str) -> str:
    return page.split("/")[0] if "/" in page else ""


def make_card(kind: str, place: Place, content: tuple[str, ...], front: Markup, back: Markup) -> Card:
    """`content`: the notes text the card is made of, which its id is a hash of."""
    return Card(card_id(kind, place, *content), kind, topic_folder(place.page), place, front, back)


def term_cards(index: TermIndex) -> list[Card]:
    """One card per acronym, A–Z: its expansion(s) and the notes' definition, where they give one."""
    cards = []
    for term in index.terms.values():
        meanings = []
        for meaning in term.meanings:
            text = markup("<strong>{}</strong>", meaning.expansion)
            if not meaning.from_notes:
                text += Markup(' <span class="card-standard">(standard expansion, not from the notes)</span>')
            if meaning.note:
                text += markup(": {}", meaning.note)
            meanings.append(text)
        if len(meanings) == 1:
            back = markup("<p>{}</p>", meanings[0])
        else:
            back = markup("<ol>{}</ol>", joined(markup("<li>{}</li>", m) for m in meanings))
        front = markup('<p>What does <strong class="card-term">{}</strong> stand for?</p>', term.acronym)
        content = (term.acronym, *(f"{m.expansion}: {m.note}" for m in term.meanings))
        # An acronym the notes never spell out links back to the first topic page that uses it.
        place = next((m.place for m in term.meanings if m.from_notes), None)
        used = [page for page in index.usage.get(term.acronym, []) if "/" in page]
        if place is None and used:
            place = Place(used[0], "", 0)
        if place is not None:
            cards.append(make_card("term", place, content, front, back))
    return cards


def cloze(sentence: str, hidden: Iterable[str]) -> tuple[Markup, Markup]:
    """(the sentence with each of `hidden` replaced by a gap, the sentence with them marked)."""
    words = sorted({w for w in hidden if w}, key=len, reverse=True)  # longest first: '10 GB' before '10'
    if not words:
        return escape(sentence), escape(sentence)
    pattern = re.compile("|".join(re.escape(w) for w in words))
    front, back, at = [], [], 0
    for match in pattern.finditer(sentence):
        before = escape(sentence[at:match.start()])
        front += [before, GAP]
        back += [before, markup("<mark>{}</mark>", match.group(0))]
        at = match.end()
    front.append(escape(sentence[at:]))
    back.append(escape(sentence[at:]))
    return joined(front), joined(back)


def number_cards(quantities) -> list[Card]:
    """One card per sentence with figures (study.Quantity): the figures hidden."""
    cards = []
    for quantity in quantities:
        sentence = plain(quantity.sentence)
        front, back = cloze(sentence, quantity.figures)
        if front == back:  # the figure is not in the sentence as written: nothing to hide
            continue
        service = markup('<p class="card-context">{}</p>', quantity.service) if quantity.service else ""
        cards.append(make_card("number", quantity.place, (sentence, *quantity.figures),
                               markup("{}<p>{}</p>", service, front),
                               markup("<p>{}</p>", back)))
    return cards


def highlight_cards(highlights) -> list[Card]:
    """One card per highlighted phrase (study.Highlight): the phrase hidden in its sentence."""
    cards = []
    for highlight in highlights:
        text = plain(highlight.text)
        sentence = plain(HIGHLIGHT_MARKS.sub(r"\1", highlight.sentence))
        front, back = cloze(sentence, [text])
        if front == back or len(WORD.findall(sentence.replace(text, ""))) < 2:
            # The highlight is (nearly) the whole sentence: nothing around it to ask from.
            front = Markup("<p>What do the notes highlight here?</p>")
            back = markup("<p><mark>{}</mark></p>", text)
        else:
            front, back = markup("<p>{}</p>", front), markup("<p>{}</p>", back)
        cards.append(make_card("highlight", highlight.place, (sentence, text), front, back))
    return cards


def tip_cards(tips, notes: StudyNotes) -> list[Card]:
    """One card per exam tip (study.Tip): its title (or, untitled, its section) asks, its text
    answers."""
    cards = []
    for tip in tips:
        title = tip.title or f"A tip on {source_title(tip.place, notes)}"
        front = markup('<p class="card-context">Exam tip</p><p>{}</p>', title)
        back = Markup(tip.html) if tip.html else markup("<p>{}</p>", tip.text)
        cards.append(make_card("tip", tip.place, (tip.title, tip.text), front, back))
    return cards


def deck(notes: StudyNotes, index: TermIndex | None = None) -> list[Card]:
    """The whole deck, kind by kind; term cards where there is a term index (the knowledge layer
    builds it). Two cards alike in source and content would share an id: the second is the same
    question again, and is left out."""
    cards, seen = [], set()
    terms = term_cards(index) if index is not None else []
    for card in terms + number_cards(notes.quantities) + highlight_cards(notes.highlights) + tip_cards(notes.tips,
                                                                                                         notes):
        if card.id not in seen:
            seen.add(card.id)
            cards.append(card)
    return cards


def counts(cards: list[Card]) -> Counter[str]:
    return Counter(card.kind for card in cards)


# --- The Flashcards page ------------------------------------------------------------------------


def source_title(place: Place, notes: StudyNotes) -> str:
    title = notes.titles.get(place.page, place.page)
    section = notes.sections.get((place.page, place.anchor))
    return f"{plain(title)} › {section}" if section else plain(title)


def flashcards_html(cards: list[Card], notes: StudyNotes, topics: dict[str, str],
                    href: Callable[[str], str], anki_href: str) -> Markup:
    """The page body below its title: the review panel (study.js drives it) and every card, each
    with a link to its source. `topics`: topic folder -> title, in the notes' order; `href(page)`
    is a page's URL relative to this one."""
    by_kind = counts(cards)
    summary = joined((markup("{} {}", by_kind[kind], name.lower()) for kind, name in KINDS.items() if by_kind[kind]),
                     ", ")
    used = [folder for folder in topics if any(card.topic == folder for card in cards)]
    options = joined(markup('<option value="{}">{}</option>', folder, topics[folder]) for folder in used)
    kinds = joined(markup('<option value="{}">{}</option>', kind, name)
                   for kind, name in KINDS.items() if by_kind[kind])
    intro = markup('<p>{} cards made from the notes at build time: {}. Each is scheduled with FSRS, a spaced-'
                   'repetition algorithm, and your progress stays in this browser. '
                   '<a href="{}" download>Download the deck for Anki</a> (.apkg).</p>', len(cards), summary, anki_href)
    review = markup('<section class="study-review" data-study-review hidden aria-label="Review">'
                    '<div class="study-review__filters">'
                    '<label>Topic <select data-study-topic><option value="">All topics</option>{}</select></label>'
                    '<label>Cards <select data-study-kind><option value="">All kinds</option>{}</select></label>'
                    '</div>'
                    '<p class="study-review__status" data-study-status aria-live="polite"></p>'
                    '<div class="study-card" data-study-card tabindex="-1">'
                    '<div class="study-card__front" data-study-front></div>'
                    '<div class="study-card__back" data-study-back hidden></div>'
                    '<p class="study-card__source" data-study-source hidden></p>'
                    '</div>'
                    '<div class="study-review__actions">'
                    '<button type="button" class="md-button md-button--primary" data-study-flip>'
                    'Show answer <kbd>Space</kbd></button>'
                    '<div class="study-review__grades" data-study-grades hidden role="group" '
                    'aria-label="How well did you know it?">'
                    '<button type="button" class="md-button" data-grade="1">Again <kbd>1</kbd></button>'
                    '<button type="button" class="md-button" data-grade="2">Hard <kbd>2</kbd></button>'
                    '<button type="button" class="md-button" data-grade="3">Good <kbd>3</kbd></button>'
                    '<button type="button" class="md-button" data-grade="4">Easy <kbd>4</kbd></button>'
                    '</div></div>'
                    '<p class="study-review__keys">Keyboard: <kbd>Space</kbd> shows the answer, '
                    '<kbd>1</kbd>–<kbd>4</kbd> grade it (Again, Hard, Good, Easy).</p>'
                    '</section>', options, kinds)
    items = joined(card_item(card, notes, href) for card in cards)
    listing = markup('<details class="study-deck"><summary>All {} cards</summary><ol>{}</ol></details>',
                     len(cards), items)
    return joined([intro, review, listing], "\n")


def card_item(card: Card, notes: StudyNotes, href: Callable[[str], str]) -> Markup:
    url = href(card.place.page) + (f"#{card.place.anchor}" if card.place.anchor else "")
    return markup('<li class="study-deck__card" data-card="{}" data-topic="{}" data-kind="{}">'
                  '<div class="study-deck__front">{}</div><div class="study-deck__back">{}</div>'
                  '<p class="study-deck__source">From <a href="{}">{}</a></p></li>',
                  card.id, card.topic, card.kind, card.front, card.back, url, source_title(card.place, notes))
