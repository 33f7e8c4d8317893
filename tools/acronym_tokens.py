"""Find every acronym-like token in the notes, with the build's own rule (hooks/acronyms.py:
`acronym_tokens`, the TOKEN RULE comment there).

A token is a word that starts with a capital, may be hyphenated (`SSE-KMS` is one token), has at
least 2 capitals and strictly more capitals than lower-case letters (`AZs`, `DDoS`, `IPv6`,
`NoSQL`; not `CloudHSM`, `DynamoDB`). A trailing `s` after a capital is a plural: the token's base
form drops it (`AMIs` -> `AMI`). Text that is not prose is skipped: YAML front matter, fenced code
blocks, inline code spans, URLs, link targets `](...)` and HTML tags.

    python tools/acronym_tokens.py                      # every token: count, first file:line
    python tools/acronym_tokens.py --check LABELS.yml   # every token labelled exactly once

The build checks the same thing on every build (hooks/vocabulary.yml: standard, not_acronyms);
--check keeps the labelled account (tests/labels/acronyms.yml, with the data file's two lists)
complete and its definition lines true.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))  # the build's modules, as MkDocs imports them

from acronyms import acronym_tokens as _tokens_in_lines  # noqa: E402
from sources import content_lines  # noqa: E402

DOCS = ROOT / "docs"
VOCABULARY = ROOT / "hooks" / "vocabulary.yml"


def acronym_tokens(markdown: str) -> list[tuple[str, int]]:
    """(base token, 1-based line) for every acronym-like token in a Markdown page, in order."""
    return list(_tokens_in_lines(content_lines(markdown)))


def scan(docs: Path = DOCS) -> tuple[Counter, dict[str, str]]:
    """Counts of every token over docs/ and the first file:line of each (paths sorted)."""
    counts: Counter = Counter()
    first: dict[str, str] = {}
    for path in sorted(docs.rglob("*.md")):
        page = path.relative_to(docs).as_posix()
        for token, number in acronym_tokens(path.read_text(encoding="utf-8")):
            counts[token] += 1
            first.setdefault(token, f"{page}:{number}")
    return counts, first


def check(labels_path: str) -> int:
    """Every token in docs/ labelled in exactly one list (`defined` in the labels, `standard` and
    `not_acronyms` in hooks/vocabulary.yml), and nothing labelled that is not found."""
    import yaml

    labels = yaml.safe_load(Path(labels_path).read_text(encoding="utf-8"))
    counts, first = scan()
    labelled: Counter = Counter()
    defined = set()
    for entry in labels.get("defined") or []:  # one name per acronym, however many meanings
        defined.add(entry["acronym"])
        defined.update(entry.get("variants") or [])  # spellings of the same token: DDOS for DDoS
    for name in defined:
        labelled[name] += 1
    vocabulary = yaml.safe_load(VOCABULARY.read_text(encoding="utf-8")) or {}
    for section in ("standard", "not_acronyms"):  # the build's data since they moved (see the labels' header)
        for name in (labels.get(section) or {}) | (vocabulary.get(section) or {}):
            labelled[str(name)] += 1
    problems = 0
    for token in sorted(set(counts) - set(labelled)):
        print(f"missing: {token} ({counts[token]}x, first {first[token]})")
        problems += 1
    for token in sorted(set(labelled) - set(counts)):
        print(f"extra: {token} (not found in docs/)")
        problems += 1
    for token, n in sorted(labelled.items()):
        if n > 1:
            print(f"duplicated: {token} (in {n} lists)")
            problems += 1
    for entry in labels.get("defined") or []:
        if not all(entry.get(key) for key in ("acronym", "expansion", "page", "line")):
            print(f"incomplete defined entry: {entry}")
            problems += 1
            continue
        page = DOCS / entry["page"]
        lines = page.read_text(encoding="utf-8").splitlines() if page.is_file() else []
        line = lines[entry["line"] - 1] if 0 < entry["line"] <= len(lines) else ""
        if not re.search(rf"(?<![\w-]){re.escape(entry['acronym'])}s?(?![\w-])", line):
            print(f"stale definition: {entry['acronym']} not on {entry['page']}:{entry['line']}")
            problems += 1
    print(f"{len(counts)} tokens found, {len(labelled)} labelled, {problems} problems")
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["--check"] and len(argv) == 2:
        return check(argv[1])
    if argv:
        print(__doc__)
        return 2
    counts, first = scan()
    for token in sorted(counts):
        print(f"{token}\t{counts[token]}\t{first[token]}")
    print(f"{len(counts)} distinct tokens, {sum(counts.values())} occurrences", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
