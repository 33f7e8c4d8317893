"""The search worker's lunr index, built at site-build time: pure code, no MkDocs.

The worker (overrides/assets/javascripts/search-worker.js) used to build its lunr 2.3.9 index in
the browser when search was first opened: with reading the sections' word pairs, ~0.5 s before the
first result. Here the same index is built in Python with lunr.py (the PyPI package `lunr`, which
writes indexes lunr.js 2.3.9 loads with `lunr.Index.load`), so the worker only loads it.

The index must be the one the worker would build, so this module copies the worker's index side:
- `words`: its tokenizer (WORD, joined words whole and in parts, a number with its unit both ways);
- `term`: lunr.js's index pipeline for one word: its trimmer (ASCII \\W, as in JavaScript, not
  lunr.py's Unicode one), its English stop words, the Porter stemmer (lunr.py's, with lunr.js's
  step 1c: see _LunrJsStemmer; the two agree on every word of the notes);
- fields title (boost 1.5), text, page (0.5, the page's title on its sections), a document's
  boost, BM25 with lunr's defaults; lunr.py rounds scores to 3 decimals as lunr.js does.
Besides the index, each section's words as index terms in order (`sequences`), from which the
worker knows which query words stand next to each other in a section.
tests/browser/test_search_worker.py builds the index in the browser with the worker's own code
and checks this one against it, term by term and score by score.
"""

from __future__ import annotations

import re
from functools import cache

from lunr.builder import Builder
from lunr.stemmer import PorterStemmer, stemmer
from lunr.stop_word_filter import WORDS as STOP_WORDS

# The worker's constants (search-worker.js): keep them equal.
TITLE_BOOST = 1.5
PAGE_TITLE_BOOST = 0.5
FIELDS = (("title", TITLE_BOOST), ("text", 1), ("page", PAGE_TITLE_BOOST))

_ALNUM = r"[^\W_]"  # \p{L}\p{N}
WORD = re.compile(rf"{_ALNUM}+(?:[-.@_/+'’]{_ALNUM}+)*")
_PART = re.compile(rf"{_ALNUM}+")
_JOINED = re.compile(r"[-.@_/+']")
_NUMBER = re.compile(r"^[0-9]+(?:\.[0-9]+)?$")
_NUMBER_UNIT = re.compile(r"^([0-9]+(?:\.[0-9]+)?)([a-z]{1,3})$")
_UNIT = re.compile(r"^[a-z]{1,3}$")
_TAG = re.compile(r"<[^>]*>")
_ENTITY = re.compile(r"&(amp|lt|gt|quot|#39|nbsp);")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "#39": "'", "nbsp": " "}
_TRIM_START = re.compile(r"^[^A-Za-z0-9_]+")  # JavaScript's \W: ASCII only
_TRIM_END = re.compile(r"[^A-Za-z0-9_]+$")


def plain(html: str) -> str:
    return _ENTITY.sub(lambda m: _ENTITIES[m.group(1)], _TAG.sub(" ", html))


def words(text: str) -> list[tuple[str, int, int, bool]]:
    """The worker's `words`: (token, start, length, is_part) for each word of `text`."""
    out = []
    previous = None
    for match in WORD.finditer(text):
        word = match.group(0).lower().replace("’", "'")
        start = match.start()
        out.append((word, start, len(word), False))
        if _JOINED.search(word) and not _NUMBER.match(word):
            for part in _PART.finditer(word):
                out.append((part.group(0), start + part.start(), len(part.group(0)), True))
        split = _NUMBER_UNIT.match(word)
        if split:
            out.append((split.group(1), start, len(split.group(1)), True))
            out.append((split.group(2), start + len(split.group(1)), len(split.group(2)), True))
        elif (previous and _NUMBER.match(previous[0]) and _UNIT.match(word)
              and start - (previous[1] + previous[2]) <= 1):
            out.append((previous[0] + word, previous[1], start + len(word) - previous[1], True))
        previous = (word, start, len(word))
    return out


_STEP_1C = re.compile(r"^(.+?[^aeiou])y$")


class _LunrJsStemmer(PorterStemmer):
    """lunr.py's Porter stemmer with lunr.js 2.3.9's step 1c: a final y becomes i after a
    consonant that is not the first letter (sky -> ski, way stays way); lunr.py follows the
    published algorithm (y -> i after any vowel: way -> wai)."""

    def step1c(self):
        if _STEP_1C.match(self.b[self.k0:self.k + 1]):
            self.b = self.b[:self.k] + "i" + self.b[self.k + 1:]


_stemmer = _LunrJsStemmer()


@cache
def term(word: str) -> str | None:
    """lunr.js's index pipeline (trimmer, stop word filter, stemmer) for one lower-case word:
    its index term, or None for a stop word. A word of non-ASCII letters trims to "", as in lunr.js."""
    trimmed = _TRIM_END.sub("", _TRIM_START.sub("", word))
    if trimmed in STOP_WORDS:
        return None
    return _stemmer.stem(trimmed)


def _terms(text: str) -> list[str]:
    return [t for t in (term(w[0]) for w in words(text)) if t is not None]


def build_index(docs: list[dict]) -> dict:
    """{"index": lunr.js 2.3.9's serialised index, "sequences": per section, its words as term
    numbers (the index's `_index`, -1 for none) in order, stop words and parts left out}."""
    pages: dict[str, dict] = {}
    for doc in docs:
        pages.setdefault(doc["location"].split("#")[0], doc)
    builder = Builder()
    builder.ref("id")
    for name, boost in FIELDS:
        # The terms come ready (see _terms): lunr.py's tokenizer takes a list as its tokens.
        builder.field(name, boost=boost, extractor=lambda doc, name=name: _terms(doc[name]))
    builder.search_pipeline.add(stemmer)  # what lunr.js's lunr() sets; the worker's queries skip it
    for number, doc in enumerate(docs):
        location = doc["location"]
        page = plain(pages[location.split("#")[0]]["title"]) if "#" in location else ""
        builder.add({"id": number, "title": plain(doc["title"]), "text": plain(doc["text"]), "page": page},
                    {"boost": doc.get("boost") or 1})
    index = builder.build()
    numbers = {t: posting["_index"] for t, posting in index.inverted_index.items()}
    sequences = []
    for doc in docs:
        sequence = []
        for token, _, _, part in words(plain(doc["title"] + " \n " + doc["text"])):
            found = None if part else term(token)
            if found:
                sequence.append(numbers.get(found, -1))
        sequences.append(sequence)
    return {"index": index.serialize(), "sequences": sequences}

