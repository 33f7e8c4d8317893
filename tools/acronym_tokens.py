"""Find every acronym-like token in the notes, one rule for the labels and the build.

A token is a word that starts with a capital, may be hyphenated (`SSE-KMS` is one token), has at
least 2 capitals and strictly more capitals than lower-case letters (`AZs`, `DDoS`, `IPv6`,
`NoSQL`; not `CloudHSM`, `DynamoDB`). A trailing `s` after a capital is a plural: the token's base
form drops it (`AMIs` -> `AMI`). Text that is not prose is skipped: YAML front matter, fenced code
blocks, inline code spans, URLs, link targets `](...)` and HTML tags.

    python tools/acronym_tokens.py                      # every token: count, first file:line
    python tools/acronym_tokens.py --check LABELS.yml   # every token labelled exactly once
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"

TOKEN = re.compile(r"(?<![\w-])([A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)(?![\w-])")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
URL = re.compile(r"<?\b(?:https?://|ftp://|www\.)[^\s<>()\[\]]*>?")
HTML_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][^<>]*>")


def prose_lines(markdown: str):
    """Yield (1-based line number, text) for the lines that are prose, non-prose blanked out."""
    lines = markdown.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":  # YAML front matter
        for i in range(1, len(lines)):
            if lines[i].strip() in ("---", "..."):
                start = i + 1
                break
    fence = None  # the opening run of the open fenced block, if any
    for number, line in enumerate(lines[start:], start + 1):
        opened = FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence) \
                    and not line.strip()[len(opened.group(1)):].strip():
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        for pattern in (CODE_SPAN, LINK_TARGET, URL, HTML_TAG):
            line = pattern.sub(" ", line)
        yield number, line


def base_form(word: str) -> str | None:
    """The token's base form, or None when the word is not acronym-like."""
    upper = sum(c.isupper() for c in word)
    lower = sum(c.islower() for c in word)
    if upper < 2 or upper <= lower:
        return None
    if len(word) > 2 and word.endswith("s") and word[-2].isupper():
        return word[:-1]  # plural: AZs -> AZ
    return word


def acronym_tokens(markdown: str) -> list[tuple[str, int]]:
    """(base token, 1-based line) for every acronym-like token in a Markdown page, in order."""
    found = []
    for number, line in prose_lines(markdown):
        for match in TOKEN.finditer(line):
            token = base_form(match.group(1))
            if token:
                found.append((token, number))
    return found


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
    """Every token in docs/ labelled in exactly one list, and nothing labelled that is not found."""
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
    for section in ("standard", "not_acronyms"):
        for name in labels.get(section) or {}:
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
