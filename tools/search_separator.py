"""Write the search plugin's `separator` in mkdocs.yml from a named stop-word list.

Material's search splits the text it indexes, and the words a reader types, at this regular
expression. Two parts:
- punctuation, so "List(NACL)" indexes "nacl" (a "." only where no digit follows: "2.5" stays);
- the English stop words of lunr.js 2.3.9 (`lunr.stopWordFilter`), as separators: Material adds
  a wildcard to every query word, so a question's "a" or "in" would otherwise match every word
  that starts with it ("aws", "instance"). Longest first, so "an" is not cut out of "and".

Run `python tools/search_separator.py` after changing either; tests/test_search_separator.py
fails while mkdocs.yml holds anything else.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

MKDOCS_YML = Path(__file__).resolve().parent.parent / "mkdocs.yml"
PUNCTUATION = r'[\s\-,:;!?=\[\]()"/@]+|\.(?!\d)|&(?:[lg]t|amp|quot);'
LUNR_STOP_WORDS = """
    a able about across after all almost also am among an and any are as at be because been but
    by can cannot could dear did do does either else ever every for from get got had has have he
    her hers him his how however i if in into is it its just least let like likely may me might
    most must my neither no nor not of off often on only or other our own rather said say says
    she should since so some than that the their them then there these they this tis to too twas
    us wants was we were what when where which while who whom why will with would yet you your
""".split()
SEPARATOR_LINE = re.compile(r"^(\s*separator: ).*$", re.M)


def separator(stop_words: list[str] = LUNR_STOP_WORDS) -> str:
    words = sorted(set(stop_words), key=lambda word: (-len(word), word))
    alternatives = "|".join(f"[{word[0].upper()}{word[0]}]{word[1:]}" for word in words)
    return rf"{PUNCTUATION}|\b(?:{alternatives})\b"


def configured_separator(mkdocs_yml: str) -> str:
    """The separator mkdocs.yml sets, as its YAML single-quoted string."""
    match = SEPARATOR_LINE.search(mkdocs_yml)
    if match is None:
        raise ValueError("mkdocs.yml sets no search separator")
    return match.group(0)[len(match.group(1)):]


def quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


if __name__ == "__main__":
    text = MKDOCS_YML.read_text(encoding="utf-8")
    new = SEPARATOR_LINE.sub(lambda m: m.group(1) + quoted(separator()), text, count=1)
    MKDOCS_YML.write_text(new, encoding="utf-8")
    sys.stdout.write("mkdocs.yml: separator " + ("unchanged\n" if new == text else "written\n"))
