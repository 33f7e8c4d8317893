"""The flashcard deck as an Anki package (.apkg), written with genanki.

Each note's guid is the card's id (flashcards.card_id), so importing a newer package into Anki
updates the notes it already has instead of adding them twice. Each card links to its section on
the published site (site_url + the page's URL), wherever the package was built.
"""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

import genanki

from flashcards import KINDS, Card
from markup import markup

# Fixed ids: Anki knows a deck and a note type by these, across every package this site builds.
DECK_ID = 1_734_205_901
MODEL_ID = 1_734_205_902
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold
CSS = """.card { font-family: system-ui, sans-serif; font-size: 20px; text-align: left; max-width: 40em; margin: auto; }
.card-gap { display: inline-block; min-width: 3em; border-bottom: 2px solid; text-align: center;
  font-weight: bold; color: #c33; }
.card-context { color: #666; font-size: 0.8em; }
.source { margin-top: 1.5em; font-size: 0.8em; }"""

MODEL = genanki.Model(
    MODEL_ID, "AWS Associate Notes card",
    fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Source"}, {"name": "Topic"}, {"name": "Kind"}],
    templates=[{
        "name": "Card",
        "qfmt": "{{Front}}",
        "afmt": '{{FrontSide}}<hr id="answer">{{Back}}<p class="source">{{Source}}</p>',
    }],
    css=CSS,
)


def published_url(site_url: str, page: str, anchor: str = "") -> str:
    """A page's address on the published site, which uses directory URLs: 'ec2/ebs.md' ->
    https://…/ec2/ebs/, 'ec2/index.md' -> https://…/ec2/."""
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        path = stem.removesuffix("index")
    else:
        path = stem + "/"
    return site_url.rstrip("/") + "/" + path + (f"#{anchor}" if anchor else "")


def anki_deck(cards: list[Card], deck_name: str, site_url: str, source_titles: dict[str, str],
              topics: dict[str, str]) -> genanki.Deck:
    """`source_titles`: card id -> 'Page › Section'; `topics`: topic folder -> title."""
    deck = genanki.Deck(DECK_ID, deck_name)
    for card in cards:
        link = markup('From <a href="{}">{}</a>', published_url(site_url, card.place.page, card.place.anchor),
                      source_titles.get(card.id, card.place.page))
        deck.add_note(genanki.Note(
            model=MODEL, guid=card.id,
            fields=[str(card.front), str(card.back), str(link), topics.get(card.topic, card.topic), KINDS[card.kind]],
            tags=[card.kind] + ([card.topic] if card.topic else []),
        ))
    return deck


def write_package(deck: genanki.Deck, path: Path, timestamp: float) -> Path:
    """The package at `path`, the same bytes for the same deck and timestamp: genanki dates the
    notes (Anki's "is this import newer?") and numbers them from `timestamp`, and the zip's entries
    get a fixed date instead of the temporary file's."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        written = Path(folder) / path.name
        genanki.Package(deck).write_to_file(str(written), timestamp=timestamp)
        with zipfile.ZipFile(written) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
            for entry in source.infolist():
                package.writestr(zipfile.ZipInfo(entry.filename, date_time=ZIP_DATE), source.read(entry),
                                 compress_type=zipfile.ZIP_DEFLATED)
    return path
