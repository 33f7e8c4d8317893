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

from sources import HEADING, SENTENCE_END, PageSource, Place, anchor_at, plain, trie_pattern

# THE TOKEN RULE, one for the build and tools/acronym_tokens.py (and the account in
# tests/labels/acronyms.yml): a word that starts with a capital, may be hyphenated ("SSE-KMS" is one
# token), and has at least 2 capitals and strictly more capitals than lower-case letters ("AZs",
# "DDoS", "IPv6", "NoSQL"; not "CloudHSM", "PaaS", "S3"). A trailing "s" after a capital is a plural.
TOKEN = re.compile(r"(?<![\w-])([A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)(?![\w-])")
# The same words, less those with one capital ('The', 'Amazon'): most words, passed over in C.
# Its left edge is checked after the first capital (`(?<![\w-].)`): a pattern that opens with a
# look-behind has no first character for the engine to look for, so it tries every position.
TOKEN_CANDIDATE = re.compile(r"([A-Z](?<![\w-].)(?=[A-Za-z0-9-]*[A-Z])[A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)(?![\w-])")
# Not prose, blanked before looking for tokens: code spans, link targets, URLs, HTML tags; each
# with what a text must hold for it to match (most pages hold no URL, and the URL pattern, having
# no first character to look for, is the slow one).
NOT_PROSE = ((re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)"), ("`",)),
             (re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"), ("](",)),
             (re.compile(r"<?\b(?:https?://|ftp://|www\.)[^\s<>()\[\]]*>?"), ("://", "www.")),
             (re.compile(r"<!--.*?-->|</?[A-Za-z][^<>]*>"), ("<",)))
TOKEN_SHAPE = re.compile(r"[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*")  # is_acronym counts the capitals
ACRONYM = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Za-z0-9]{1,9}$")  # a name's part that may be one (topics.py)
_ACR = r"[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*"  # a token's shape (hyphenated: "SSE-KMS", "EFS-IA")
# The same, starting a word: its left edge checked after its capital, as in TOKEN_CANDIDATE.
_ACR_WORD = r"[A-Z](?<![\w-].)[A-Za-z0-9]*(?:-[A-Za-z0-9]+)*"
VENDOR_WORD = r"(?:(?:AWS|Amazon)\s+)?"
# "(ACR)", "(ACRs)", "(AWS SAM)", "(PCI DSS)": the first acronym is the one the words before define.
PAREN_AFTER = re.compile(rf"\(\s*{VENDOR_WORD}({_ACR})(?:\s+[A-Z][A-Z0-9]+)?\s*\)")
# "ACR – Expansion" anywhere in a line ("It's OLAP – online analytical processing"), and
# "(ACR – Expansion)" inside brackets; "AWS KMS – …" is found at "KMS".
DASH_FORM = re.compile(rf"({_ACR_WORD})\s+[–-]\s+(.+)$")
DASH_AFTER = re.compile(rf"^(.+?)\s+[–-]\s+({_ACR})$")
QUOTE_FORM = re.compile(rf"^>\s*({_ACR}):\s+(.+)$")
# "ACR stands for ...", "ACR refers to ...", "ACR = ...", "A VIF is a virtual interface".
SAYS_FORM = re.compile(rf"({_ACR_WORD})\s+(stands for|refers to|=)\s+\"?([^\"]+)")
IS_A_FORM = re.compile(rf"(?:A(?<!\wA)n?|T(?<!\wT)he)\s+({_ACR})\s+is\s+(?:a|an|the)\s+(.+)$")
REVERSED_FORM = re.compile(rf"({_ACR_WORD})\s*\(([^()]+)\)")
TAB_LABEL = re.compile(r'^\s*===!?\s+"([^"]+)"\s*$')
# A line that may hold a definition: a bracket opening on a capital (after any markup, as in
# "(**EC2**)"), a spaced dash, or one of the verbs above; or a quote or a tab label (BLOCK_OPENERS).
# Most lines hold none. Each form opens with a character the engine can look for ('is' has its
# left edge checked after its 'i', as TOKEN_CANDIDATE does).
MAY_DEFINE = re.compile(r"\([\W_]{0,6}[A-Za-z]|\s[–=-]\s|stands for|refers to|i(?<!\wi)s an? ")
BLOCK_OPENERS = (">", "===")
SMALL_WORD = re.compile(r"[a-z]{1,3}|&")
CODE_SPAN = re.compile(r"`[^`\n]*`")
LIST_MARK = re.compile(r"^\s*(?:[*+-]|\d+\.)\s+")
NOT_ALNUM = re.compile(r"[^a-z0-9]")
LETTER_DIGIT = re.compile(r"([a-z])(\d)")
TWO_LOWER = re.compile(r"[a-z]{2}")
WORD_BREAK = re.compile(r"[\s/-]+")
SPACE_OR_DASH = re.compile(r"[\s-]+")
CLAUSE_BREAK = re.compile(r"[,:;(|]| [–-] ")
PHRASE_END = re.compile(r"[,:;.()]| - | – ")
LIST_END = re.compile(r"[:;.()]| - | – ")  # a comma list ("Elasticsearch, Logstash, and Kibana") goes on
POSSESSIVE = re.compile(r"['’]s$")
NOTE_AFTER = re.compile(r"^\)?\s*(?::|[–-]|=)\s+(\S.*)$")
# A note that runs on past this many characters is cut at its first sentence's end.
NOTE_REACH = 400
NOT_A_SENTENCE = re.compile(r"\.\.\.|…|\betc\b|\be\.g\.|\s[–-]\s")
IMAGE_LINE = re.compile(r"^!\[[^\]]*\]\([^)]*\)\s*$")
LINKING_WORDS = {"and", "or", "&", "of", "for", "the", "a", "an", "with", "in", "to", "on", "by"}


def is_acronym(word: str) -> bool:
    """The token rule's count: 2 capitals or more, and more capitals than lower-case letters."""
    upper = sum(map(str.isupper, word))
    return upper >= 2 and upper > sum(map(str.islower, word)) and bool(TOKEN_SHAPE.fullmatch(word))


@functools.lru_cache(maxsize=4096)  # a page repeats its acronyms: the notes have ~3,700 uses of ~600
def base_form(word: str) -> str | None:
    """The token's base form ('AMIs' -> 'AMI'), or None when the word is not acronym-like."""
    if not is_acronym(word):
        return None
    if len(word) > 2 and word.endswith("s") and word[-2].isupper():
        return word[:-1]
    return word


def prose(text: str) -> str:
    """A text with what is not prose blanked: code spans, link targets, URLs, HTML tags."""
    for pattern, needs in NOT_PROSE:
        if any(part in text for part in needs):
            text = pattern.sub(" ", text)
    return text


def acronym_tokens(lines: Iterable[str]) -> Iterator[tuple[str, int]]:
    """(base form, 1-based line) of every acronym-like token in a page's lines, in order. `lines`
    as `PageSource.lines` gives them: front matter and fenced code already blank. The page is
    scanned as one text (nothing that is blanked spans lines): one scan in C, not one a line."""
    text = prose("\n".join(lines))
    line, counted_to = 1, 0
    for match in TOKEN_CANDIDATE.finditer(text):
        if token := base_form(match.group(1)):
            line += text.count("\n", counted_to, match.start())
            counted_to = match.start()
            yield token, line


class Definition(NamedTuple):
    acronym: str
    expansion: str
    place: Place
    note: str = ""  # a one-line definition, where the notes give one


class Meaning:
    """One meaning of an acronym, as the notes define it in one or more places, or, where they
    never spell it out, its reviewed standard expansion (`standard`; hooks/vocabulary.yml).
    Compared by identity, so it can be a cache key."""
    __slots__ = ("definitions", "_counts", "standard", "_expansion")

    def __init__(self, standard: str = "") -> None:
        self.definitions: list[Definition] = []
        self._counts: Counter[str] = Counter()  # expansion -> how often the notes write it
        self.standard = standard                # the expansion, where the notes give none
        self._expansion: str | None = None      # `expansion`, worked out once it is asked for

    @property
    def from_notes(self) -> bool:
        return bool(self.definitions)

    def add(self, definition: Definition) -> None:
        self.definitions.append(definition)
        self._counts[definition.expansion] += 1
        self._expansion = None

    @property
    def expansion(self) -> str:
        """The form the notes write most often ('Availability Zone' over 'AvailabilityZones'); of
        two written as often, the one in Title Case ('Web Application Firewall'). Every tooltip
        asks, so it is worked out once."""
        if self._expansion is None:
            counts = self._counts
            self._expansion = max(counts, key=lambda e: (counts[e], e[:1].isupper(), sum(
                w[:1].isupper() for w in e.split()), e.count(" "))) if counts else self.standard
        return self._expansion

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
    def place(self) -> Place | None:
        """Where the notes first define it; None for a standard expansion."""
        return self.definitions[0].place if self.definitions else None

    @property
    def note(self) -> str:
        return next((d.note for d in self.definitions if d.note), "")


class Term:
    __slots__ = ("acronym", "meanings")

    def __init__(self, acronym: str) -> None:
        self.acronym = acronym
        self.meanings: list[Meaning] = []



def acronym_pattern(acronyms: Iterable[str]) -> re.Pattern:
    """Finds the acronyms as whole words ('RAM' or 'RAMs', not 'PARAM'), longest first ('SSE-KMS'
    before 'SSE'), or their plurals ('AZs'); group 1 is the acronym as listed. The left edge is
    checked after an acronym's first character (`(?<!\\w.)`): a pattern that opens with a
    look-behind has no first character for the engine to look for, so it tries every position."""
    rests: dict[str, list[str]] = {}
    for acronym in acronyms:
        rests.setdefault(acronym[0], []).append(acronym[1:])
    if not rests:
        return re.compile("((?!))")  # matches nothing
    branches = "|".join(re.escape(first) + r"(?<!\w.)" + trie_pattern(rest) for first, rest in sorted(rests.items()))
    return re.compile(f"((?:{branches}))s?(?!\\w)")


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


def _initials(words: list[str]) -> list[tuple[str, int]]:
    """(letter, index of its word): each word's first letter, a CamelCase word's inner capitals
    ('MapReduce'), and the x of a word starting 'ex' ('external key store' for XKS)."""
    initials = []
    for index, word in enumerate(words):
        initials.append((word[0].lower(), index))
        if any(c.islower() for c in word):
            initials += [(c.lower(), index) for c in word[1:] if c.isupper()]
        if word[:2].lower() == "ex":
            initials.append(("x", index))
    return initials


def spells(acronym: str, expansion: str) -> bool:
    """The words' initials (see `_initials`) spell the acronym in order, missing at most one letter
    ('Systems Manager' for SSM), with at most one word left over, and the last word counts:
    'Identity and Access Management' spells IAM; 'Distributed denial of service protection
    systems' does not spell DDoS, nor 'Amazon Linux 2' AMI. A hyphenated acronym spells part by
    part (see `_spells_parts`)."""
    if "-" in acronym:
        return _spells_parts(acronym, expansion)
    if TWO_LOWER.search(acronym):  # PromQL, PaaS: letters from inside words; trust long_form
        return True
    letters = _letters(acronym)
    words = [w for w in WORD_BREAK.split(expansion) if w and w[0].isalnum()]
    initials = _initials(words)
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


def _spells_parts(acronym: str, expansion: str, loose: bool = False) -> bool:
    """A hyphenated acronym part by part, in order: a part is a word of the expansion as written
    ('KMS' in 'server-side encryption with AWS KMS', 'EFS' in 'EFS Infrequent Access') or the
    initials of words ('SSE': Server-Side Encryption). The first word starts it; strictly, at most
    one word besides vendors and linking words is left over; `loose` (a tab label's first line,
    'Server-Side Encryption with Amazon S3-Managed Keys' for SSE-S3) allows any."""
    words = [w.strip(".,") for w in WORD_BREAK.split(expansion) if w and w[0].isalnum()]
    lowered = [w.lower() for w in words]
    used: set[int] = set()
    position = 0
    for part in acronym.split("-"):
        if part.lower() in lowered[position:]:
            position = lowered.index(part.lower(), position)
            used.add(position)
            position += 1
            continue
        for letter in _letters(part):
            found = next((i for i in range(position, len(words)) if lowered[i][0] == letter), None)
            if found is None:
                return False
            used.add(found)
            position = found + 1
    if 0 not in used:
        return False
    left_over = [w for i, w in enumerate(lowered) if i not in used and w not in LINKING_WORDS
                 and w not in ("aws", "amazon")]
    return loose or len(left_over) <= 1


def _words_before(acronym: str, text: str) -> str | None:
    """The expansion that ends `text`, as in 'Cross-Site Scripting (XSS)': Schwartz & Hearst's
    long form where it spells the acronym, else the longest run of last words that does and whose
    first word gives the first letter ('external key store (XKS)', not 'KMS external key store')."""
    found = long_form(acronym, text) if "-" not in acronym else None
    if found and spells(acronym, found):
        return found
    words = text.split()
    first = _letters(acronym)[0]
    counts = range(min(len(words), len(acronym) + 2), 0, -1)
    if "-" in acronym:  # the fewest words: 'server-side encryption with AWS KMS', not 'S3 server-side…'
        counts = reversed(counts)
    for count in counts:
        candidate = " ".join(words[-count:])
        if candidate[0].isalnum() and any(letter == first for letter, _ in _initials(words[-count:][:1])) \
                and spells(acronym, candidate):
            return candidate
    for count in range(min(len(words), len(acronym) + 1), 0, -1):  # 'Cross-Site Scripting (XSS)'
        candidate = " ".join(words[-count:])
        if candidate[0].isupper() and spells(acronym, candidate):
            return candidate
    return None


def _named_before(acronym: str, clause: str) -> str | None:
    """A whole clause that is a proper name before '(ACR)', though its letters do not quite spell
    it: '=== "Direct Connect (DX)"', 'Massively Parallel Query Execution (MPP), highly available'.
    Two to six capitalised words (linking words aside), the first giving the acronym's first
    letter, and at least half the acronym's letters among the initials in order."""
    words = clause.split()
    if not 2 <= len(words) <= 6 or "-" in acronym:
        return None
    if not all(w[0].isupper() or w in LINKING_WORDS for w in words) or not words[0][0].isalpha():
        return None
    letters = _letters(acronym)
    initials = [letter for letter, _ in _initials(words)]
    if initials[0] != letters[0]:
        return None
    matched, position = 0, 0
    for letter in letters:
        if letter in initials[position:]:
            position = initials.index(letter, position) + 1
            matched += 1
    return clause if 2 * matched >= len(letters) else None


def _forward(acronym: str, text: str, strict: bool = True) -> str | None:
    """'Elastic Compute Cloud, a service' after 'EC2 – ': the most leading words that spell it."""
    text = PHRASE_END.split(text, 1)[0].strip().strip('"')
    words = text.split()
    first = _letters(acronym)[0] if _letters(acronym) else ""
    for count in range(len(words), 0, -1):
        candidate = " ".join(words[:count])
        if "-" in acronym:
            if _spells_parts(acronym, candidate, loose=not strict):
                return candidate
            continue
        found = long_form(acronym, candidate)  # the shortest tail that spells it ('Sockets Layer')
        if found is None:
            continue
        if strict:
            # The first word gives the first letter, and the words spell it: 'Secure Sockets Layer'.
            if any(letter == first for letter, _ in _initials(words[:1])) and spells(acronym, candidate):
                return candidate
        elif found == candidate:
            return candidate
    return None


def _listed(acronym: str, text: str) -> str | None:
    """'Elasticsearch, Logstash, and Kibana' after 'ELK stands for': one word per letter, in order."""
    text = LIST_END.split(text, 1)[0].strip().strip('"').rstrip(",")
    words = [w.strip(",") for w in text.split() if w.strip(",").lower() not in LINKING_WORDS]
    letters = _letters(acronym)
    if len(words) == len(letters) and all(w[:1].lower() == c for w, c in zip(words, letters, strict=True)):
        return text
    return None


def definitions_in(page: PageSource) -> list[Definition]:
    """Every acronym/expansion pair the page writes, in each form the notes use."""
    heads = page.headings
    by_line = {head.line: head for head in heads}
    found: list[Definition] = []
    lines = page.lines
    for index, raw in enumerate(lines):
        # Most lines cannot hold a definition. A substring test rules out most of those first:
        # each of MAY_DEFINE's forms needs one of these characters or words. (A regular expression
        # over the page's whole text is slower: it has no first character to look for.)
        if not (("(" in raw or "-" in raw or "–" in raw or ">" in raw or "=" in raw or " is a" in raw
                 or "stands for" in raw or "refers to" in raw)
                and (MAY_DEFINE.search(raw) or raw.lstrip().startswith(BLOCK_OPENERS))
                and TOKEN_CANDIDATE.search(raw)):  # and no definition without an acronym
            continue
        pairs = _pairs(raw, lines, index)
        if not pairs:
            continue
        number = index + 1
        head = by_line.get(number)
        place = Place(page.src_uri, head.anchor if head and head.level > 1 else anchor_at(heads, number), number)
        for acronym, expansion, note in pairs:
            acronym, expansion = _singular(acronym, POSSESSIVE.sub("", expansion).strip())
            # A heading's note is the line under it; an inline one the words after the definition.
            note = (_first_body_line(lines, index) if head else "") or note
            found.append(Definition(acronym, expansion, place, _as_note(note, acronym, expansion)))
    return found


def _pairs(raw: str, lines: tuple[str, ...], index: int) -> list[tuple[str, str, str]]:
    """(acronym, expansion, the words after it) for each definition on line `index`."""
    stripped = raw.strip()
    tab = TAB_LABEL.match(raw)
    if tab:
        label = plain(tab.group(1))
        bare = label[:-1] if label.endswith("s") and label[-2:-1].isupper() else label
        if base_form(label) and TOKEN_SHAPE.fullmatch(label):  # === "SSE-C": the body names it
            body = _first_body_line(lines, index)
            expansion = body and (_forward(bare, body, strict=False) if "-" in bare else _forward(bare, body))
            return [(label, expansion, "")] if expansion else []
        line = label
    else:
        line = plain(LIST_MARK.sub("", stripped.lstrip("#").strip()))
    if not line:
        return []
    pairs: list[tuple[str, str, str]] = []
    dashed, bracketed = "-" in line or "–" in line, "(" in line
    # Where each clause starts: a definition's words lie between the last break and "(ACR)".
    clause_starts = [m.end() for m in CLAUSE_BREAK.finditer(line)] if bracketed else []
    for match in PAREN_AFTER.finditer(line) if bracketed else ():
        acronym = match.group(1)
        starts_before = bisect_right(clause_starts, match.start())
        before = line[clause_starts[starts_before - 1] if starts_before else 0:match.start()].strip()
        bare = acronym[:-1] if acronym.endswith("s") and acronym[-2:-1].isupper() else acronym
        if is_acronym(bare) and (expansion := _words_before(bare, before) or _named_before(bare, before)):
            pairs.append((acronym, expansion, _note_after(line, match.end())))
    for match in DASH_FORM.finditer(line) if dashed else ():
        if is_acronym(match.group(1)) and (expansion := _forward(match.group(1), match.group(2))):
            pairs.append((match.group(1), expansion, _note_after(line, match.start(2) + len(expansion))))
    if stripped.startswith(">") and (match := QUOTE_FORM.match(stripped)) and is_acronym(match.group(1)):
        text = plain(match.group(2))
        if expansion := _forward(match.group(1), text):
            rest = text[len(expansion):].strip(" ,")
            pairs.append((match.group(1), expansion, rest))
    for match in SAYS_FORM.finditer(line) if ("=" in line or " s" in line or " r" in line) else ():
        acronym, verb, text = match.groups()
        if not is_acronym(acronym):
            continue
        expansion = _forward(acronym, text, strict=verb != "stands for") or (
            _listed(acronym, text) if verb == "stands for" else None)
        if expansion:
            pairs.append((acronym, expansion, ""))
    if " is a" in line and (match := IS_A_FORM.search(line)) and is_acronym(match.group(1)):
        if expansion := _forward(match.group(1), match.group(2)):
            pairs.append((match.group(1), expansion, ""))
    match = DASH_AFTER.match(line) if dashed else None  # "DynamoDB Accelerator - DAX"
    if match and is_acronym(match.group(2)) and spells(match.group(2), match.group(1)):
        pairs.append((match.group(2), match.group(1), ""))
    for match in REVERSED_FORM.finditer(line) if bracketed else ():  # "NFS (network file system)"
        acronym, inside = match.group(1), match.group(2).strip()
        if is_acronym(acronym) and len(SPACE_OR_DASH.split(inside)) > 1 and (
                expansion := _forward(acronym, inside)) and len(SPACE_OR_DASH.split(expansion)) > 1:
            pairs.append((acronym, expansion, _note_after(line, match.end())))
    seen: set[str] = set()  # one definition per acronym per line, the first form that found it
    return [pair for pair in pairs if not (pair[0] in seen or seen.add(pair[0]))]


def _note_after(line: str, at: int) -> str:
    """'EFS Infrequent Access (EFS-IA): Storage class that…' -> 'Storage class that…': the rest
    of the line from `at`, or, where that runs on past NOTE_REACH characters, its first sentence
    (a line of many definitions would otherwise give each the rest of the line)."""
    rest = line[at:at + NOTE_REACH + 1]
    if len(rest) > NOTE_REACH:
        ends = [m.end() for m in SENTENCE_END.finditer(rest)]
        rest = rest[:ends[0]] if ends else ""
    match = NOTE_AFTER.match(rest.strip())
    if not match:
        return ""
    note = match.group(1).strip()
    # A sentence, not a list of uses or examples ('compliance, lower latency access, …',
    # '.com, .us, ...', 'For loop, if etc…') nor a label and its gloss ('SNS or SQS – for …').
    words = re.sub(r"\([^)]*\)", "", note).split()
    if len(words) < 4 or "," in " ".join(words[:4]) or NOT_A_SENTENCE.search(note):
        return ""
    return note


def _as_note(note: str, acronym: str, expansion: str) -> str:
    """The notes' own one-line definition, or '' where the line says nothing more ('DMS:
    Database Migration Service' under '# DataBase Migration - DMS') or is about something else:
    a line that names the acronym must start with it ('DLM automates…', not 'High TTL – e.g.')."""
    if not note or _restates(note, acronym, expansion):
        return ""
    if acronym in note and any(base_form(m.group(1)) == acronym for m in TOKEN_CANDIDATE.finditer(note)) \
            and not note.removeprefix("AWS ").removeprefix("Amazon ").startswith(acronym):
        return ""
    if note.startswith("(") and note.endswith(")") and note.count("(") == 1:  # '(ordering of messages …)'
        note = note[1:-1].strip()
    return note[0].upper() + note[1:] if note else ""


def _restates(note: str, acronym: str, expansion: str) -> bool:
    """'DMS: Database Migration Service' under '# DataBase Migration - DMS' says nothing more."""
    return bool(note) and same_meaning(note.replace(acronym, "").strip(" :=–-"), expansion)


def _first_body_line(lines: tuple[str, ...], index: int) -> str:
    """Under a heading or tab label, its first line of text: the notes' own one-line description.
    A picture is passed over: its alt text names the picture, it does not define anything."""
    for raw in lines[index + 1:]:
        if HEADING.match(raw):
            return ""
        stripped = LIST_MARK.sub("", raw.strip().lstrip(">").strip())
        if IMAGE_LINE.match(stripped):
            continue
        text = plain(stripped)
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
    if key_a == key_b or _similar(key_a, key_b):
        return True
    shorter, longer = sorted((a.split(), b.split()), key=len)
    if len(longer) != len(shorter) + 1:
        return False
    return _letters_and_digits("".join(longer[:-1])) == _letters_and_digits("".join(shorter))


def _similar(a: str, b: str) -> bool:
    """difflib's ratio of the two is 0.85 or more. Its cheap upper bounds first: most pairs compared
    are far apart in length or letters, and the full ratio is the slow part of comparing them."""
    matcher = difflib.SequenceMatcher(None, a, b)
    return matcher.real_quick_ratio() >= 0.85 and matcher.quick_ratio() >= 0.85 and matcher.ratio() >= 0.85


def same_sense(a: str, b: str) -> bool:
    """Two expansions of one acronym that are one meaning: `same_meaning`, or one's words all among
    the other's ('server-side encryption with AWS KMS' and 'Server-Side Encryption with KMS Keys
    stored in AWS KMS'). 'Random-access Memory' and 'Resource Access Manager' stay two."""
    if same_meaning(a, b):
        return True
    words_a, words_b = _content_words(a), _content_words(b)
    return bool(words_a and words_b) and (words_a <= words_b or words_b <= words_a)


def _content_words(text: str) -> frozenset[str]:
    """'Server-Side Encryption with AWS KMS' -> {'server', 'side', 'encryption', 'kms'}."""
    return frozenset(word.removesuffix("s") for word in re.findall(r"[a-z0-9]+", text.lower())
                     if word not in LINKING_WORDS and word not in ("aws", "amazon"))


def _letters_and_digits(text: str) -> str:
    """'Organization-Unit' -> 'organizationunit': a spelling with case, spaces and marks aside."""
    return NOT_ALNUM.sub("", text.lower())


def collect_terms(pages: list[PageSource], report: list[str]) -> dict[str, Term]:
    terms: dict[str, Term] = {}
    for page in pages:
        for definition in definitions_in(page):
            term = terms.setdefault(definition.acronym, Term(definition.acronym))
            meaning = next((m for m in term.meanings if same_sense(m.expansion, definition.expansion)), None)
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


class Account(NamedTuple):
    """Every acronym-like token of the notes, accounted for (see `account_for`)."""
    terms: dict[str, Term]                      # acronym -> its meanings, from the notes or standard, A–Z
    variants: dict[str, str]                    # another case of a term -> the term ('DDOS' -> 'DDoS')
    unaccounted: list[tuple[str, int, str]]     # (page, line, token) first use of a token nobody explains
    senses: dict[tuple[str, str], Meaning | None]  # (acronym, page) -> the meaning there, or None


def account_for(terms: dict[str, Term], tokens: dict[str, list[tuple[str, int]]], standard: dict[str, str],
                not_acronyms: dict[str, str], senses: dict[str, dict[str, str | None]],
                report: list[str]) -> Account:
    """The notes' own terms (`collect_terms`) with the reviewed data: tokens listed as not
    acronyms are never terms, a standard expansion is a term where the notes use the acronym
    without defining it, a case variant ('DDOS') is its term's, and senses set the meaning per
    page (every page in `senses` is one of `tokens`, checked by the caller). `tokens`: page ->
    (token, line) as `acronym_tokens` finds them, pages in the notes' order. What no one explains
    is `unaccounted`, each token once, where it is first used."""
    first_use: dict[str, tuple[str, int]] = {}
    for page, found in tokens.items():
        for token, line in found:
            first_use.setdefault(token, (page, line))
    accounted: dict[str, Term] = {}
    for acronym, term in terms.items():
        if acronym in not_acronyms:
            report.append(f"{acronym}: the notes seem to define it ({term.meanings[0].place.page}:"
                          f"{term.meanings[0].place.line}), but hooks/vocabulary.yml lists it under not_acronyms")
        elif acronym not in first_use:  # only ever inside code ('Cassandra Query Language (CQL)'), or 'PaaS'
            report.append(f"{acronym}: defined at {term.meanings[0].place.page}:{term.meanings[0].place.line} "
                          "but never used as an acronym-like word outside code; no glossary entry")
        else:
            accounted[acronym] = term
            if acronym in standard:
                report.append(f"{acronym}: the notes define it ({term.meanings[0].place.page}:"
                              f"{term.meanings[0].place.line}); its standard entry in hooks/vocabulary.yml "
                              "is not used and can go")
    used = {token.casefold() for token in first_use}  # 'DDOS' is a use of DDoS
    for acronym, expansion in standard.items():
        if acronym not in accounted and acronym.casefold() in used:
            accounted[acronym] = Term(acronym)
            accounted[acronym].meanings.append(Meaning(expansion))
    for acronym in sorted(a for a in standard if a.casefold() not in used):
        report.append(f"{acronym}: listed under standard in hooks/vocabulary.yml but no longer in the notes")
    folded = {acronym.casefold(): acronym for acronym in accounted}
    variants = {token: folded[token.casefold()] for token in first_use
                if token not in accounted and token not in not_acronyms and token.casefold() in folded}
    resolved: dict[tuple[str, str], Meaning | None] = {}
    for acronym, pages in senses.items():
        term = accounted.setdefault(acronym, Term(acronym))
        for page, expansion in pages.items():
            meaning = None
            if expansion is not None:
                meaning = next((m for m in term.meanings if same_sense(m.expansion, expansion)), None)
                if meaning is None:
                    meaning = Meaning(expansion)
                    term.meanings.append(meaning)
            resolved[(acronym, page)] = meaning
    unaccounted = sorted(((page, line, token) for token, (page, line) in first_use.items()
                          if token not in accounted and token not in variants and token not in not_acronyms),
                         key=lambda found: (list(tokens).index(found[0]), found[1]))
    return Account(dict(sorted(accounted.items(), key=lambda item: item[0].lower())), variants, unaccounted,
                   resolved)
