"""The reviewed vocabulary (hooks/vocabulary.yml): aliases, generic headings, everyday words.

Its schema is written at the top of the file itself. `load_vocabulary` checks every entry and
raises `VocabularyError` naming the file and the entry, so a typo in the file is one clear sentence
in the build log, not a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import yaml

VOCABULARY = "hooks/vocabulary.yml"  # beside mkdocs.yml: the site's own reviewed words


class VocabularyError(ValueError):
    pass


class Vocabulary(NamedTuple):
    aliases: dict[str, str | None]          # name -> exact heading title, or None: never link it
    generic_headings: frozenset[str]        # lowercase
    everyday_words: frozenset[str]          # as written


EMPTY = Vocabulary({}, frozenset(), frozenset())
KEYS = {"aliases": "a mapping of Name: Heading Title",
        "generic_headings": "a list of headings", "everyday_words": "a list of words"}


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
        expected = dict if key == "aliases" else list
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
    return Vocabulary(dict(aliases), frozenset(h.lower() for h in lists["generic_headings"]),
                      frozenset(lists["everyday_words"]))


def _kind(value: object) -> str:
    return {dict: "mapping", list: "list", str: "text"}.get(type(value), type(value).__name__)
