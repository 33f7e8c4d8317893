"""The reviewed vocabulary (hooks/vocabulary.yml): aliases, generic headings, everyday words, and
the acronyms the notes use without spelling out (standard expansions, tokens that are not
acronyms, senses other than the one the notes define).

Its schema is written at the top of the file itself. `load_vocabulary` checks every entry and
raises `VocabularyError` naming the file and the entry, so a typo in the file is one clear sentence
in the build log, not a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import yaml

from acronyms import base_form

VOCABULARY = "hooks/vocabulary.yml"  # beside mkdocs.yml: the site's own reviewed words


class VocabularyError(ValueError):
    pass


class Vocabulary(NamedTuple):
    aliases: dict[str, str | None]          # name -> exact heading title, or None: never link it
    generic_headings: frozenset[str]        # lowercase
    everyday_words: frozenset[str]          # as written
    standard: dict[str, str] = {}           # acronym -> its standard expansion (never spelled out)
    not_acronyms: dict[str, str] = {}       # token -> why it is not an acronym
    senses: dict[str, dict[str, str | None]] = {}  # acronym -> {page: expansion there, or None}

    @property
    def accounts_for_acronyms(self) -> bool:
        """Whether this site keeps the account the build checks every token against."""
        return bool(self.standard or self.not_acronyms)


EMPTY = Vocabulary({}, frozenset(), frozenset())
KEYS = {"aliases": "a mapping of Name: Heading Title",
        "generic_headings": "a list of headings", "everyday_words": "a list of words",
        "standard": "a mapping of ACRONYM: Standard Expansion", "not_acronyms": "a mapping of TOKEN: reason",
        "senses": "a mapping of ACRONYM: {page.md: Expansion or null}"}
MAPPINGS = {"aliases", "standard", "not_acronyms", "senses"}


def load_vocabulary(path: Path) -> Vocabulary:
    """The vocabulary in `path`; an empty one where the site has no such file."""
    if not path.is_file():
        return EMPTY
    where = VOCABULARY
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, 10x quicker, where there
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise VocabularyError(f"{where}{line}: not valid YAML ({problem}); see the schema at the "
                              "top of the file") from None
    return parse_vocabulary(data or {}, where)


def parse_vocabulary(data: object, where: str = VOCABULARY) -> Vocabulary:
    if not isinstance(data, dict):
        raise VocabularyError(f"{where}: expected the keys {', '.join(KEYS)}, found a {_kind(data)}")
    for key, value in data.items():
        if key not in KEYS:
            raise VocabularyError(f"{where}: unknown key '{key}'; the keys are {', '.join(KEYS)}")
        expected = dict if key in MAPPINGS else list
        if value is not None and not isinstance(value, expected):
            raise VocabularyError(f"{where}: '{key}' must be {KEYS[key]}, not a {_kind(value)}")
    aliases = data.get("aliases") or {}
    for name, title in aliases.items():
        if not isinstance(name, str) or not (title is None or isinstance(title, str)):
            raise VocabularyError(f"{where}: aliases: entry '{name}: {title}' must be "
                                  "'Name: Exact Heading Title' or 'Name: null'")
    lists = {}
    for key in ("generic_headings", "everyday_words"):
        entries = data.get(key) or []
        for entry in entries:
            if not isinstance(entry, str) or not entry.strip():
                raise VocabularyError(f"{where}: {key}: entry {entry!r} must be a non-empty text")
        lists[key] = entries
    standard = _acronym_texts(data, "standard", "ACRONYM: Standard Expansion", where)
    not_acronyms = _acronym_texts(data, "not_acronyms", "TOKEN: why it is not an acronym", where)
    for token in standard.keys() & not_acronyms.keys():
        raise VocabularyError(f"{where}: '{token}' is in both standard and not_acronyms; keep it in one")
    senses: dict[str, dict[str, str | None]] = {}
    for acronym, pages in (data.get("senses") or {}).items():
        _check_token(acronym, "senses", where)
        if not isinstance(pages, dict) or not pages:
            raise VocabularyError(f"{where}: senses: {acronym} must map pages to expansions "
                                  f"('{acronym}: {{topic/page.md: Expansion}}'), not a {_kind(pages)}")
        for page, expansion in pages.items():
            if not (isinstance(page, str) and page.endswith(".md")) or not (
                    expansion is None or (isinstance(expansion, str) and expansion.strip())):
                raise VocabularyError(f"{where}: senses: {acronym}: entry '{page}: {expansion}' must be "
                                      "'topic/page.md: Expansion' or 'topic/page.md: null'")
        senses[acronym] = dict(pages)
    return Vocabulary(dict(aliases), frozenset(h.lower() for h in lists["generic_headings"]),
                      frozenset(lists["everyday_words"]), standard, not_acronyms, senses)


def _check_token(token: object, key: str, where: str) -> None:
    if not isinstance(token, str) or base_form(token) != token:
        raise VocabularyError(
            f"{where}: {key}: entry {token!r} is not an acronym-like token as the build finds them "
            "(a word starting with a capital, more capitals than lower-case letters, no plural 's'; "
            "quote words YAML reads otherwise, as \"NO\" or \"ON\")")


def _acronym_texts(data: dict, key: str, shape: str, where: str) -> dict[str, str]:
    entries = data.get(key) or {}
    for token, text in entries.items():
        _check_token(token, key, where)
        if not isinstance(text, str) or not text.strip():
            raise VocabularyError(f"{where}: {key}: entry '{token}: {text}' must be '{shape}'")
    return dict(entries)


def _kind(value: object) -> str:
    return {dict: "mapping", list: "list", str: "text"}.get(type(value), type(value).__name__)
