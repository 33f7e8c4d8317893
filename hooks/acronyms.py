"""Acronyms the notes define: every form of definition the notes use, read line by line, and the
meanings they add up to.

Pure: a `PageSource` in, `Definition`s out; `collect_terms` merges them into `Term`s, A–Z.
"""

from __future__ import annotations

import difflib
import functools
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from sources import HEADING, PageSource, Place, anchor_at, plain, trie_pattern

# THE TOKEN RULE, one for the build and tools/acronym_tokens.py (and the account in
# tests/labels/acronyms.yml): a word that starts with a capital, may be hyphenated ("SSE-KMS" is one
# token), and has at least 2 capitals and strictly more capitals than lower-case letters ("AZs",
# "DDoS", "IPv6", "NoSQL"; not "CloudHSM", "PaaS", "S3"). A trailing "s" after a capital is a plural.
TOKEN = re.compile(r"(?<![\w-])([A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)(?![\w-])")
# Not prose, blanked before looking for tokens: code spans, link targets, URLs, HTML tags.
NOT_PROSE = (re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)"),
             re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"),
             re.compile(r"<?\b(?:https?://|ftp://|www\.)[^\s<>()\[\]]*>?"),
             re.compile(r"<!--.*?-->|</?[A-Za-z][^<>]*>"))
TOKEN_SHAPE = re.compile(r"[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*")  # is_acronym counts the capitals
ACRONYM = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Za-z0-9]{1,9}$")  # a name's part that may be one (topics.py)
PAREN_AFTER = re.compile(r"\(\s*([A-Z][A-Za-z0-9]{1,9})\s*\)")
DASH_FORM = re.compile(r"^(?:(?:AWS|Amazon)\s+)?([A-Z][A-Za-z0-9]{1,9})\s+[–-]\s+(.+)$")
DASH_AFTER = re.compile(r"^(.+?)\s+[–-]\s+([A-Z][A-Za-z0-9]{1,9})$")
QUOTE_FORM = re.compile(r"^>\s*([A-Z][A-Za-z0-9]{1,9}):\s+(.+)$")
STANDS_FOR = re.compile(r"\b([A-Z][A-Za-z0-9]{1,9}) stands for \"?([^\"(]+)")
REVERSED_FORM = re.compile(r"\b([A-Z][A-Za-z0-9]{1,9})\s*\(([A-Z][^()]+)\)")
# A line that may hold a definition: a bracket opening on a capital (after any markup, as in
# "(**EC2**)"), a spaced dash, a quote, or "stands for". Most lines hold none.
MAY_DEFINE = re.compile(r"\([\W_]{0,6}[A-Z]|\s[–-]\s|^\s*>|stands for")
SMALL_WORD = re.compile(r"[a-z]{1,3}|&")
CODE_SPAN = re.compile(r"`[^`\n]*`")
LIST_MARK = re.compile(r"^\s*(?:[*+-]|\d+\.)\s+")
NOT_ALNUM = re.compile(r"[^a-z0-9]")
LETTER_DIGIT = re.compile(r"([a-z])(\d)")
TWO_LOWER = re.compile(r"[a-z]{2}")
WORD_BREAK = re.compile(r"[\s/-]+")
SPACE_OR_DASH = re.compile(r"[\s-]+")
CLAUSE_BREAK = re.compile(r"[,:;(|]| [–-] ")
PHRASE_END = re.compile(r"[,:;.(]| - | – ")


def is_acronym(word: str) -> bool:
    """The token rule's count: 2 capitals or more, and more capitals than lower-case letters."""
    upper = sum(c.isupper() for c in word)
    return upper >= 2 and upper > sum(c.islower() for c in word) and bool(TOKEN_SHAPE.fullmatch(word))


def base_form(word: str) -> str | None:
    """The token's base form ('AMIs' -> 'AMI'), or None when the word is not acronym-like."""
    if not is_acronym(word):
        return None
    if len(word) > 2 and word.endswith("s") and word[-2].isupper():
        return word[:-1]
    return word


def prose(line: str) -> str:
    """A line with what is not prose blanked: code spans, link targets, URLs, HTML tags."""
    for pattern in NOT_PROSE:
        if pattern.search(line):
            line = pattern.sub(" ", line)
    return line


def acronym_tokens(lines: Iterable[str]) -> Iterator[tuple[str, int]]:
    """(base form, 1-based line) of every acronym-like token in a page's lines, in order. `lines`
    as `PageSource.lines` gives them: front matter and fenced code already blank."""
    for number, line in enumerate(lines, 1):
        if line:
            for match in TOKEN.finditer(prose(line)):
                if token := base_form(match.group(1)):
                    yield token, number


class Definition(NamedTuple):
    acronym: str
    expansion: str
    place: Place
    note: str = ""  # a one-line definition, where the notes give one


class Meaning:
    """One meaning of an acronym, as the notes define it in one or more places. Compared by
    identity, so it can be a cache key."""
    __slots__ = ("definitions", "_counts")

    def __init__(self) -> None:
        self.definitions: list[Definition] = []
        self._counts: Counter[str] = Counter()  # expansion -> how often the notes write it

    def add(self, definition: Definition) -> None:
        self.definitions.append(definition)
        self._counts[definition.expansion] += 1

    @property
    def expansion(self) -> str:
        """The form the notes write most often ('Availability Zone' over 'AvailabilityZones')."""
        counts = self._counts
        return max(counts, key=lambda e: (counts[e], e[:1].isupper(), e.count(" ")))

    @property
    def other_spellings(self) -> list[str]:
        """Other ways the notes write it ('organizational unit' beside 'Organization Unit'),
        case and plural aside."""
        def key(text):
            return _letters_and_digits(text).removesuffix("s")
        seen = {key(self.expansion)}
        others = []
        for definition in self.definitions:
            if key(definition.expansion) not in seen:
                seen.add(key(definition.expansion))
                others.append(definition.expansion)
        return others

    @property
    def place(self) -> Place:
        return self.definitions[0].place

    @property
    def note(self) -> str:
        return next((d.note for d in self.definitions if d.note), "")


class Term:
    __slots__ = ("acronym", "meanings")

    def __init__(self, acronym: str) -> None:
        self.acronym = acronym
        self.meanings: list[Meaning] = []



def acronym_pattern(acronyms: Iterable[str]) -> re.Pattern:
    """Finds the acronyms, longest first, up to a word's end; see `acronym_matches`."""
    return re.compile(trie_pattern(acronyms) + r"(?!\w)")


def acronym_matches(text: str, acronyms: re.Pattern) -> Iterator[re.Match]:
    """The acronyms `text` uses as whole words ('RAM', not 'PARAM' or 'RAMs'). `acronyms` is
    `acronym_pattern(...)`; the left edge is checked here, since a look-behind in the pattern
    would cost the engine its fast scan for a first letter."""
    for match in acronyms.finditer(text):
        start = match.start()
        if not start or not (text[start - 1].isalnum() or text[start - 1] == "_"):
            yield match


@functools.lru_cache(maxsize=1024)
def _letters(acronym: str) -> tuple[str, ...]:
    """The letters an expansion must spell. A digit repeats the letter before it: EC2 is
    E, C, C (Elastic Compute Cloud), S3 is S, S, S."""
    spelled = LETTER_DIGIT.sub(lambda m: m.group(1) * int(m.group(2)), acronym.lower())
    return tuple(c for c in spelled if c.isalpha())


def long_form(short: str, text: str) -> str | None:
    """Schwartz & Hearst (2003): the shortest tail of `text` whose letters spell `short` in order,
    the first letter starting a word. None when the words do not spell the acronym."""
    letters = _letters(short)
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter that lowers to two ('İ'), which no letter matches
        lowered = "".join(c.lower() if len(c.lower()) == 1 else "\x00" for c in text)
    t = len(text) - 1
    for s in range(len(letters) - 1, -1, -1):
        while True:  # back to the letter (str.rfind, in C); the first must start a word
            t = lowered.rfind(letters[s], 0, t + 1)
            if t < 0:
                return None
            if s or not t or not text[t - 1].isalnum():
                break
            t -= 1
        t -= 1
    start = t + 1  # the first letter, which starts a word
    found = text[start:].strip()
    words = found.split()
    if not words or len(words) > min(len(letters) + 5, 2 * len(letters)):
        return None
    return found


def _singular(acronym: str, expansion: str) -> tuple[str, str]:
    """'ACLs' -> 'ACL', 'Access control lists' -> 'Access control list'."""
    if acronym.endswith("s") and len(acronym) > 2 and acronym[-2].isupper():
        acronym = acronym[:-1]
        if expansion.endswith("ies"):
            expansion = expansion[:-3] + "y"
        elif expansion.endswith("s") and not expansion.endswith("ss"):
            expansion = expansion[:-1]
    return acronym, expansion


def spells(acronym: str, expansion: str) -> bool:
    """The words' initials (and a CamelCase word's inner capitals: 'MapReduce') spell the acronym
    in order, missing at most one letter ('Systems Manager' for SSM), with at most one word left
    over, and the last word counts: 'Identity and Access Management' spells IAM; 'Distributed
    denial of service protection systems' does not spell DDoS, nor 'Amazon Linux 2' AMI."""
    if TWO_LOWER.search(acronym):  # PromQL, PaaS: letters from inside words; trust long_form
        return True
    letters = _letters(acronym)
    words = [w for w in WORD_BREAK.split(expansion) if w and w[0].isalnum()]
    initials = []  # (letter, index of its word)
    for index, word in enumerate(words):
        initials.append((word[0].lower(), index))
        if any(c.islower() for c in word):
            initials += [(c.lower(), index) for c in word[1:] if c.isupper()]
    position, used_words, missed = 0, set(), 0
    for letter in letters:
        found = next((p for p in range(position, len(initials)) if initials[p][0] == letter), None)
        if found is None:
            missed += 1
            continue
        used_words.add(initials[found][1])
        position = found + 1
    # Small linking words ('for', 'of', 'and') need not contribute a letter.
    left_over = [w for i, w in enumerate(words) if i not in used_words and not SMALL_WORD.fullmatch(w)]
    return missed <= (len(letters) >= 3) and len(left_over) <= 1 and len(words) - 1 in used_words


def _words_before(acronym: str, text: str) -> str | None:
    """The expansion that ends `text`, as in 'Cross-Site Scripting (XSS)': Schwartz & Hearst's
    long form where it spells the acronym, else the longest run of last words that does."""
    found = long_form(acronym, text)
    if found and spells(acronym, found):
        return found
    words = text.split()
    for count in range(min(len(words), len(acronym) + 1), 0, -1):
        candidate = " ".join(words[-count:])
        if candidate[0].isupper() and spells(acronym, candidate):
            return candidate
    return None


def _forward(acronym: str, text: str, strict: bool = True) -> str | None:
    """'Elastic Compute Cloud, a service' after 'EC2 – ': the most leading words that spell it."""
    text = PHRASE_END.split(text, 1)[0].strip().strip('"')
    words = text.split()
    for count in range(len(words), 0, -1):
        candidate = " ".join(words[:count])
        if long_form(acronym, candidate) == candidate and (not strict or spells(acronym, candidate)):
            return candidate
    return None


def definitions_in(page: PageSource) -> list[Definition]:
    """Every acronym/expansion pair the page writes, in each form the notes use."""
    heads = page.headings
    by_line = {head.line: head for head in heads}
    found: list[Definition] = []
    lines = page.lines
    for index, raw in enumerate(lines):
        # Most lines cannot hold a definition. A substring test rules out most of those first:
        # each of MAY_DEFINE's forms needs one of these characters. (A regular expression over
        # the page's whole text is slower: it has no first character to look for.)
        if not (("(" in raw or "-" in raw or "–" in raw or ">" in raw or "stands for" in raw)
                and MAY_DEFINE.search(raw)):
            continue
        stripped = raw.strip()
        line = plain(LIST_MARK.sub("", stripped.lstrip("#").strip()))
        if not line:
            continue
        pairs: list[tuple[str, str]] = []
        dashed, bracketed = "-" in line or "–" in line, "(" in line
        # Where each clause starts: a definition's words lie between the last break and "(ACR)".
        clause_starts = [m.end() for m in CLAUSE_BREAK.finditer(line)] if bracketed else []
        for match in PAREN_AFTER.finditer(line) if bracketed else ():
            acronym = match.group(1)
            starts_before = bisect_right(clause_starts, match.start())
            before = line[clause_starts[starts_before - 1] if starts_before else 0:match.start()]
            bare = acronym[:-1] if acronym.endswith("s") and acronym[-2:-1].isupper() else acronym
            if ACRONYM.match(bare) and (expansion := _words_before(bare, before.strip())):
                pairs.append((acronym, expansion))
        quote_note = ""
        for pattern, match in ((DASH_FORM, DASH_FORM.match(line) if dashed else None),
                               (QUOTE_FORM, QUOTE_FORM.match(stripped) if stripped.startswith(">") else None),
                               (STANDS_FOR, STANDS_FOR.search(stripped) if "stands for" in stripped else None)):
            if match and ACRONYM.match(match.group(1)):
                expansion = _forward(match.group(1), plain(match.group(2)), strict=pattern is not STANDS_FOR)
                if expansion:
                    pairs.append((match.group(1), expansion))
                    if pattern is QUOTE_FORM:
                        rest = plain(match.group(2))[len(expansion):].strip(" ,")
                        quote_note = rest[0].upper() + rest[1:] if rest else ""
        match = DASH_AFTER.match(line) if dashed else None  # "DynamoDB Accelerator - DAX"
        if match and ACRONYM.match(match.group(2)) and spells(match.group(2), match.group(1)):
            pairs.append((match.group(2), match.group(1)))
        for match in REVERSED_FORM.finditer(line) if bracketed else ():
            inside = match.group(2).strip()
            if ACRONYM.match(match.group(1)) and len(SPACE_OR_DASH.split(inside)) > 1 \
                    and long_form(match.group(1), inside) == inside and spells(match.group(1), inside):
                pairs.append((match.group(1), inside))
        if not pairs:
            continue
        number = index + 1
        head = by_line.get(number)
        place = Place(page.src_uri, head.anchor if head and head.level > 1 else anchor_at(heads, number), number)
        # A heading's note is the line under it; a quote's ("> ACR: Expansion, what it is") its rest.
        note = (_first_body_line(lines, index) if head else "") or quote_note
        for acronym, expansion in pairs:
            acronym, expansion = _singular(acronym, expansion)
            found.append(Definition(acronym, expansion, place, "" if _restates(note, acronym, expansion) else note))
    return found


def _restates(note: str, acronym: str, expansion: str) -> bool:
    """'DMS: Database Migration Service' under '# DataBase Migration - DMS' says nothing more."""
    return bool(note) and same_meaning(note.replace(acronym, "").strip(" :=–-"), expansion)


def _first_body_line(lines: tuple[str, ...], index: int) -> str:
    """Under a heading, its first line of text: the notes' own one-line description."""
    for raw in lines[index + 1:]:
        if HEADING.match(raw):
            return ""
        text = plain(LIST_MARK.sub("", raw.strip().lstrip(">").strip()))
        if text and not text.startswith(("!!!", "===", "|")) and not set(text) <= set("-|: "):
            return "" if text.endswith(":") else text  # "Features:" introduces a list, defines nothing
    return ""


def same_meaning(a: str, b: str) -> bool:
    """'Elastic Load Balancer' and 'Elastic Load Balancing', 'Organization Unit' and
    'organizational unit', 'DataBase Migration' and 'Database Migration Service' (a last word
    left off): one meaning written two ways, not two meanings."""
    if a == b:
        return True
    key_a, key_b = _letters_and_digits(a), _letters_and_digits(b)
    if key_a == key_b or difflib.SequenceMatcher(None, key_a, key_b).ratio() >= 0.85:
        return True
    shorter, longer = sorted((a.split(), b.split()), key=len)
    if len(longer) != len(shorter) + 1:
        return False
    return _letters_and_digits("".join(longer[:-1])) == _letters_and_digits("".join(shorter))


def _letters_and_digits(text: str) -> str:
    """'Organization-Unit' -> 'organizationunit': a spelling with case, spaces and marks aside."""
    return NOT_ALNUM.sub("", text.lower())


def collect_terms(pages: list[PageSource], report: list[str]) -> dict[str, Term]:
    terms: dict[str, Term] = {}
    for page in pages:
        for definition in definitions_in(page):
            term = terms.setdefault(definition.acronym, Term(definition.acronym))
            meaning = next((m for m in term.meanings if same_meaning(m.expansion, definition.expansion)), None)
            if meaning is None:
                meaning = Meaning()
                term.meanings.append(meaning)
            meaning.add(definition)
    for term in terms.values():
        if len(term.meanings) > 1:
            where = "; ".join(f"'{m.expansion}' ({m.place.page}:{m.place.line})" for m in term.meanings)
            report.append(f"{term.acronym} has {len(term.meanings)} meanings: {where}; each page "
                          "shows the one defined on it or in its topic, else the most defined one")
    return dict(sorted(terms.items(), key=lambda item: item[0].lower()))

