"""The term index: acronyms the notes define and the topics (services, concepts) they cover.

Built once per build from every page's Markdown, by pure functions that take strings and return
values (unit-tested without MkDocs). Later steps only read it: tooltips (`tooltips_for`),
cross-links (`link_targets`), the glossary page, backlinks and "see also".
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import accumulate, groupby
from typing import Iterable, NamedTuple

from markdown.extensions.toc import slugify, unique

from notes_syntax import in_fenced_code

# Headings that name a part of a page, not a thing a reader would look up.
GENERIC_HEADINGS = {
    "access control", "achievable rpos", "achievable rtos", "advantages", "api & cli",
    "basics", "benefits", "best practices", "compatibility", "components", "concepts",
    "custom endpoints", "data volumes", "deployment options for updates", "endpoint types",
    "extensions", "features", "how to publish", "integration types", "key types",
    "limits(per region)", "match statement", "monitoring", "node types", "overview",
    "primary components", "primary keys", "retention periods", "rule action", "security",
    "summary", "types of endpoints", "use case", "use cases", "useful apis", "usage process",
    # Title Case, but a part of one service that other services have too.
    "additional scaling settings", "consuming messages", "custom metrics", "default encryption",
    "deployment configuration", "deployment stages", "environment variables", "federated query",
    "load balancer integrations", "maintenance windows", "objects encryption",
    "producing messages", "scaling strategies", "service deployment", "snapshots & dr",
}
# Service names that are also everyday words: "AWS Backup" is a topic, "backup" alone is not.
EVERYDAY_WORDS = {
    "Backup", "Batch", "Comprehend", "Connect", "Detective", "Forecast", "Inspector",
    "Personalize", "Shield", "Status", "Transcribe", "Translate", "Abuse", "Outposts",
}
VENDOR = re.compile(r"^(?:AWS|Amazon)\s+")
ACRONYM = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Za-z0-9]{1,9}$")
HEADING = re.compile(r"^(#{1,6}) +(.+?) *#*$")
MARKUP = re.compile(r"\*+|==|\^\^|`|\\(?=[^\w\s])|!?\[([^\]]*)\]\([^)]*\)")
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
DASHED = re.compile(r"\s+[–-]\s+")
ONE_WORD = re.compile(r"[A-Z][a-z]+")
COMPARISON = re.compile(r"\bvs\.?\b|\bversus\b", re.I)
TITLE_WORD = re.compile(r"\w[\w@/.'’-]*")
BRACKETS_AT_END = re.compile(r"\s*\(([^()]*)\)\s*$")


# Records are NamedTuples, not dataclasses: the same fields and immutability, and a tenth of
# the cost to define (a dataclass compiles its methods when the module loads: 5 ms a build).
class Place(NamedTuple):
    """Where something stands in the notes: a page (src_uri), a heading anchor ('' = top), a line."""
    page: str
    anchor: str
    line: int


class PageSource(NamedTuple):
    src_uri: str    # "ec2/ebs.md"
    markdown: str   # the file as written, front matter included (line numbers stay true)


class Heading(NamedTuple):
    level: int
    title: str
    anchor: str
    line: int
    size: int       # non-blank lines of body under it, up to the next heading of its level or higher


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


class Topic(NamedTuple):
    title: str
    place: Place
    size: int
    names: frozenset[str]

    @property
    def page(self) -> str:
        return self.place.page


# --- reading a page ---------------------------------------------------------------------------

def plain(text: str) -> str:
    """Inline Markdown to the words a reader sees."""
    return " ".join(MARKUP.sub(_markup_text, text).split())  # spaces collapsed, ends stripped


def _markup_text(match: re.Match) -> str:
    return match.group(1) or ""


def trie_pattern(names: Iterable[str]) -> str:
    """A regex that matches any of `names`, shaped as a trie of their characters: the engine
    scans a text once, in C, where an alternation of hundreds of names would try each at every
    position. Greedy, so at one place the longest name wins."""
    def branch(group: list[str], depth: int) -> str:
        """`group`: sorted names that share their first `depth` characters."""
        if len(group) == 1:  # most branches: one name's last characters, written out in one go
            return re.escape(group[0][depth:])
        ends_here = len(group[0]) == depth  # sorted, so a name ending here comes first
        alternatives = [(char if char.isalnum() else re.escape(char)) + branch(list(names), depth + 1)
                        for char, names in groupby(group[ends_here:], key=lambda name: name[depth])]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
        return f"(?:{body})?" if ends_here else body

    names = sorted(set(names))
    return f"(?:{branch(names, 0)})" if names else "(?!)"  # (?!): matches nothing


def acronyms_in(text: str, acronyms: re.Pattern) -> set[str]:
    """The acronyms `text` uses as whole words ('RAM', not 'PARAM' or 'RAMs'). `acronyms` is
    `acronym_pattern(...)`; the left edge is checked here, since a look-behind in the pattern
    would cost the engine its fast scan for a first letter."""
    return {match.group(0) for match in acronyms.finditer(text)
            if not match.start() or not text[match.start() - 1].isalnum()}


def acronym_pattern(acronyms: Iterable[str]) -> re.Pattern:
    return re.compile(trie_pattern(acronyms) + r"(?![A-Za-z0-9])")


@functools.lru_cache(maxsize=1024)  # each page is read by several steps of one build
def content_lines(markdown: str) -> tuple[str, ...]:
    """The page's lines, line n at index n - 1, with front matter and fenced code blanked: line
    numbers stay true, and nothing in them reads as notes text."""
    lines = markdown.split("\n")
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), 0)
        lines[:end + 1] = [""] * (end + 1)
    if "```" in markdown or "~~~" in markdown:
        lines = ["" if fenced else line for line, fenced in zip(lines, in_fenced_code(lines))]
    return tuple(lines)


@functools.lru_cache(maxsize=1024)
def headings(markdown: str) -> tuple[Heading, ...]:
    """Headings with the ids Python-Markdown's toc gives them (same slugify, same de-duplication)."""
    lines = content_lines(markdown)
    found = [(i, len(m.group(1)), plain(m.group(2))) for i, line in enumerate(lines)
             if line.startswith("#") and (m := HEADING.match(line))]
    nonblank_before = list(accumulate(map(bool, map(str.strip, lines)), initial=0))  # [n]: in lines[:n]
    used: set[str] = set()
    result = []
    for k, (i, level, title) in enumerate(found):
        end = next((j for j, lvl, _ in found[k + 1:] if lvl <= level), len(lines))
        size = nonblank_before[end] - nonblank_before[i + 1]
        result.append(Heading(level, title, unique(slugify(title, "-"), used), i + 1, size))
    return tuple(result)


def _anchor_at(heads: tuple[Heading, ...], line: int) -> str:
    """The anchor of the section a line belongs to ('' before the first h2)."""
    anchor = ""
    for head in heads:
        if head.line > line:
            break
        anchor = head.anchor if head.level > 1 else ""
    return anchor


# --- acronym definitions ----------------------------------------------------------------------

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
    heads = headings(page.markdown)
    by_line = {head.line: head for head in heads}
    found: list[Definition] = []
    lines = content_lines(page.markdown)
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
        for match in PAREN_AFTER.finditer(line) if bracketed else ():
            acronym = match.group(1)
            before = CLAUSE_BREAK.split(line[:match.start()])[-1]
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
        place = Place(page.src_uri, head.anchor if head and head.level > 1 else _anchor_at(heads, number), number)
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


# --- topics ---------------------------------------------------------------------------------

def is_generic(title: str) -> bool:
    """A heading that is not a link target: generic words, comparisons, questions, plain words."""
    words = title.split()
    return (title.lower() in GENERIC_HEADINGS or title.endswith("?")
            or COMPARISON.search(title) is not None
            or (len(words) == 1 and ONE_WORD.fullmatch(title) is not None))


def is_concept_heading(title: str) -> bool:
    """A section heading that names a thing: a service or acronym, or a short Title-Case name
    ('Dead Letter Queue'), not a sentence ('Stopping EC2 instances')."""
    if is_generic(title):
        return False
    words = TITLE_WORD.findall(title)
    if any(VENDOR.match(w + " ") for w in words[:1]) or any(ACRONYM.match(w) for w in words):
        return all(w[0].isupper() or w[0].isdigit() or w.lower() in ("for", "of", "and", "to", "in")
                   for w in words)
    if len(words) == 1:
        return ONE_WORD.fullmatch(words[0]) is None  # StackSets, Lambda@Edge, CloudHSM
    return len(words) <= 5 and all(w[0].isupper() or w[0].isdigit() for w in words)


def names_of(title: str) -> set[str]:
    """The names a reader uses for a heading's subject, derived from its wording:
    'AWS STS – Security Token Service' -> AWS STS, STS, Security Token Service;
    'Network Access Control List(NACL)' -> Network Access Control List, NACL."""
    names = set()
    base = title.strip()
    inside = BRACKETS_AT_END.search(base)
    if inside:
        base, content = base[:inside.start()].strip(), inside.group(1).strip()
        last = base.split()[-1] if base.split() else ""
        wholes = {base, VENDOR.sub("", base)} | {VENDOR.sub("", p) for p in DASHED.split(base)}
        if ACRONYM.match(content) and long_form(content, base) in wholes:
            names.add(content)                      # "Expansion (ACR)", not "DynamoDB Time to Live (TTL)"
        elif ACRONYM.match(last) and VENDOR.sub("", base) == last and long_form(last, content) == content:
            names.add(content)                      # "AWS KMS (Key Management Service)"
    parts = DASHED.split(base)
    acronym_part = next((VENDOR.sub("", p) for p in parts if ACRONYM.match(VENDOR.sub("", p))), None)
    if len(parts) == 2 and acronym_part and any(spells(acronym_part, p) for p in parts):
        names.update(parts)                         # "ENI - Elastic Network Interface"
    else:
        names.add(base)
    names = {name for name in names if not is_generic(name)}
    # "Amazon SQS" is also "SQS"; "AWS Backup" is not "Backup", an everyday word.
    short = {VENDOR.sub("", name) for name in names} - names
    names |= {name for name in short if name not in EVERYDAY_WORDS and name.lower() not in GENERIC_HEADINGS}
    return names


# --- the index --------------------------------------------------------------------------------

@dataclass(eq=False)
class TermIndex:
    terms: dict[str, Term]                  # acronym -> term, A–Z
    topics: list[Topic]
    link_targets: dict[str, Topic]          # name as written -> the topic a mention links to
    see_also: dict[Topic, list[Topic]]      # a topic covered in several places -> the others
    usage: dict[str, list[str]]             # acronym -> pages whose text uses it, in notes order
    report: list[str]                       # ambiguities found and how each was resolved
    page_order: dict[str, int]              # page -> its place in the notes' order
    titles: dict[str, str]                  # page -> its title (its H1)
    sections: dict[tuple[str, str], str]    # (page, anchor) -> heading text
    acronyms: re.Pattern                    # finds the terms in a text: see acronyms_in
    # names_not_linked_on's answers, per page or folder, filled as pages ask
    _not_linked: dict[str, frozenset[str]] = field(default_factory=dict, init=False, repr=False)

    @classmethod
    def build(cls, pages: list[PageSource], aliases: dict[str, str] | None = None) -> "TermIndex":
        """`pages` in the notes' order; `aliases` maps a name to a page or section title, or to
        None for a name that must never link."""
        report: list[str] = []
        terms = _collect_terms(pages, report)
        topics, by_title = _collect_topics(pages)
        link_targets, see_also = _resolve_names(topics, by_title, terms, aliases or {}, report)
        acronyms = acronym_pattern(terms)
        usage = _usage(pages, acronyms)
        titles, sections = {}, {}
        for page in pages:
            for head in headings(page.markdown):
                if head.level == 1:
                    titles.setdefault(page.src_uri, head.title)
                else:
                    sections[(page.src_uri, head.anchor)] = head.title
        # The pages' lines and headings were cached for the steps above only: keeping them for
        # the rest of the build makes Python's garbage collector walk them again and again.
        content_lines.cache_clear()
        headings.cache_clear()
        return cls(terms, topics, link_targets, see_also, {a: usage.get(a, []) for a in terms}, report,
                   {p.src_uri: number for number, p in enumerate(pages)}, titles, sections, acronyms)

    def meaning_for(self, acronym: str, page: str) -> Meaning:
        """Which meaning a page means: its own definition, else one from its topic folder, else
        the meaning defined most often, else the first defined."""
        meanings = self.terms[acronym].meanings
        folder = _folder(page)
        for test in (lambda m: any(d.place.page == page for d in m.definitions),
                     lambda m: any(_folder(d.place.page) == folder for d in m.definitions)):
            chosen = [m for m in meanings if test(m)]
            if chosen:
                return chosen[0]
        return max(meanings, key=lambda m: len(m.definitions))

    def tooltips_for(self, page: str) -> dict[str, str]:
        """acronym -> expansion, as the abbr extension's glossary for one page: none if the
        page's text uses no acronym (see `usage`), so abbr skips it altogether; else the
        acronyms its topic folder uses. So abbr's regex stays small, and the pages of a folder
        share one (abbr compiles one per page, and compiling costs more than a few more words
        to look for)."""
        if page not in self._pages_using_acronyms:
            return {}
        return {acronym: self._expansions.get(acronym) or self.meaning_for(acronym, page).expansion
                for acronym in self._folder_acronyms.get(_folder(page), ())}

    @functools.cached_property
    def _pages_using_acronyms(self) -> set[str]:
        return {page for pages in self.usage.values() for page in pages}

    @functools.cached_property
    def _expansions(self) -> dict[str, str]:
        """acronym -> expansion, for the acronyms with one meaning (nearly all)."""
        return {acronym: term.meanings[0].expansion for acronym, term in self.terms.items()
                if len(term.meanings) == 1}

    @functools.cached_property
    def _folder_acronyms(self) -> dict[str, list[str]]:
        """folder -> the acronyms its pages use, A–Z."""
        folders: dict[str, list[str]] = defaultdict(list)
        for acronym, pages in sorted(self.usage.items()):
            for folder in dict.fromkeys(map(_folder, pages)):
                folders[folder].append(acronym)
        return folders

    def names_to_find(self) -> list[str]:
        """The link targets' names to look for in text, less 'Amazon SQS' where 'SQS' links to the
        same place: the finder joins a vendor written before a name to its mention anyway, and
        a fifth fewer names make its regular expressions that much quicker to compile."""
        ambiguous = {term.acronym for term in self.ambiguous()}
        return [name for name, topic in self.link_targets.items()
                if not ((bare := VENDOR.sub("", name)) != name and self.link_targets.get(bare) is topic
                        and bare not in ambiguous)]

    def link_targets_for(self, page: str) -> dict[str, Topic]:
        """Names a mention on `page` may link (see `names_not_linked_on`)."""
        excluded = self.names_not_linked_on(page)
        return {name: topic for name, topic in self.link_targets.items() if name not in excluded}

    def names_not_linked_on(self, page: str) -> frozenset[str]:
        """Acronyms that mean something else on `page` than the topic they name ('RAM' on an
        EC2 page is memory, not Resource Access Manager)."""
        # What a page means depends on its folder, unless it defines an ambiguous acronym itself.
        key = page if page in self._pages_defining_ambiguous else _folder(page)
        if key not in self._not_linked:
            self._not_linked[key] = frozenset(
                term.acronym for term in self.ambiguous()
                if (topic := self.link_targets.get(term.acronym))
                and not self._means(self.meaning_for(term.acronym, page), topic))
        return self._not_linked[key]

    @functools.cached_property
    def _pages_defining_ambiguous(self) -> set[str]:
        return {d.place.page for term in self.ambiguous() for m in term.meanings for d in m.definitions}

    def topic_of(self, acronym: str, meaning: Meaning) -> Topic | None:
        """The page or section about what the acronym means, where the notes have one."""
        topic = self.link_targets.get(acronym)
        if topic and (len(self.terms[acronym].meanings) == 1 or self._means(meaning, topic)):
            return topic
        return None

    @functools.lru_cache(maxsize=None)
    def _means(self, meaning: Meaning, topic: Topic) -> bool:
        return any(same_meaning(meaning.expansion, name) for name in topic.names)

    @functools.cached_property
    def _ambiguous(self) -> list[Term]:
        return [term for term in self.terms.values() if len(term.meanings) > 1]

    def see_also_on(self, page: str) -> list[tuple[Topic, Topic]]:
        """(topic on `page`, the same subject elsewhere), for the page's "See also"."""
        return self._see_also_by_page.get(page, [])

    @functools.cached_property
    def _see_also_by_page(self) -> dict[str, list[tuple[Topic, Topic]]]:
        by_page: dict[str, list[tuple[Topic, Topic]]] = defaultdict(list)
        for topic, others in self.see_also.items():
            by_page[topic.page] += [(topic, other) for other in others]
        return by_page

    def ambiguous(self) -> list[Term]:
        return self._ambiguous


def _collect_terms(pages: list[PageSource], report: list[str]) -> dict[str, Term]:
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


def _collect_topics(pages: list[PageSource]) -> tuple[list[Topic], dict[str, list[Topic]]]:
    """The topics, and every heading by its title (an alias may name any heading)."""
    topics, by_title = [], defaultdict(list)
    for page in pages:
        for head in headings(page.markdown):
            if page.src_uri == "index.md":
                continue
            place = Place(page.src_uri, head.anchor if head.level > 1 else "", head.line)
            names = names_of(head.title)
            topic = Topic(head.title, place, head.size, frozenset(names))
            by_title[head.title].append(topic)
            if names and (is_concept_heading(head.title) if head.level > 1 else not is_generic(head.title)):
                topics.append(topic)
    return topics, by_title


def _resolve_names(topics: list[Topic], by_title: dict[str, list[Topic]], terms: dict[str, Term],
                   aliases: dict[str, str], report: list[str]) -> tuple[dict[str, Topic], dict[Topic, list[Topic]]]:
    claims: dict[str, list[Topic]] = defaultdict(list)
    # One subject in several places answers to all of its names: 'SSM' finds both Systems Managers.
    by_subject: dict[str, list[Topic]] = defaultdict(list)
    for topic in topics:
        by_subject[subject(topic.title)].append(topic)
    for topic in topics:
        for name in frozenset().union(*(t.names for t in by_subject[subject(topic.title)])):
            claims[name].append(topic)
    # An acronym whose expansion names a topic is a name of that topic: "NACL", "ASG".
    for term in terms.values():
        if len(term.meanings) == 1 and term.acronym not in claims:
            for topic in claims.get(term.meanings[0].expansion, []):
                claims[term.acronym].append(topic)
    for alias, title in aliases.items():
        if title is None:           # a reviewed "never link this name"
            claims.pop(alias, None)
            continue
        if title not in by_title:
            raise ValueError(f"alias '{alias}' names '{title}', which is no page or section heading")
        claims[alias] = by_title[title]

    targets: dict[str, Topic] = {}
    see_also: dict[Topic, list[Topic]] = defaultdict(list)
    for name, claimants in sorted(claims.items()):
        claimants = list(dict.fromkeys(claimants))
        if len(claimants) == 1:
            targets[name] = claimants[0]
            continue
        places = ", ".join(_where(t.place) for t in claimants)
        if len({subject(t.title) for t in claimants}) > 1:
            report.append(f"'{name}' names different things ({places}); it is not linked")
            continue
        fullest = max(claimants, key=lambda t: (t.place.anchor == "", t.size))
        targets[name] = fullest
        if fullest not in see_also:  # once per subject, not once per name
            report.append(f"'{fullest.title}' is covered in {len(claimants)} places ({places}); "
                          f"links go to the fullest, {_where(fullest.place)}")
        for topic in claimants:
            see_also[topic] = list(dict.fromkeys(
                see_also.get(topic, []) + [t for t in claimants if t.page != topic.page]))
    return targets, dict(see_also)


def subject(title: str) -> str:
    """What a heading is about, whatever the vendor prefix or acronym in brackets:
    'AWS Systems Manager (SSM)' and 'AWS Systems Manager' are one subject."""
    title = BRACKETS_AT_END.sub(lambda m: "" if ACRONYM.match(m.group(1)) else m.group(0), title)
    return VENDOR.sub("", title).lower()


def _folder(page: str) -> str:
    """A page's topic folder ('ec2' for 'ec2/ebs.md')."""
    return page.split("/")[0]


def _where(place: Place) -> str:
    return f"{place.page}#{place.anchor}" if place.anchor else place.page


def _usage(pages: list[PageSource], acronyms: re.Pattern) -> dict[str, list[str]]:
    """acronym -> the pages whose text (not code) uses it, in the notes' order."""
    usage: dict[str, list[str]] = {}
    for page in pages:
        text = CODE_SPAN.sub("", "\n".join(content_lines(page.markdown)))
        for acronym in acronyms_in(text, acronyms):
            usage.setdefault(acronym, []).append(page.src_uri)
    return usage
