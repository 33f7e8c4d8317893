"""Topics: the services and concepts the notes' headings name, the names readers use for each,
and which place a mention of a name links to.

Pure: headings and the reviewed vocabulary in, `Topic`s and a name -> topic map out.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import NamedTuple

from acronyms import ACRONYM, Term, long_form, spells
from sources import PageSource, Place
from vocabulary import Vocabulary, VocabularyError

VENDOR = re.compile(r"^(?:AWS|Amazon)\s+")
DASHED = re.compile(r"\s+[–-]\s+")
ONE_WORD = re.compile(r"[A-Z][a-z]+")
COMPARISON = re.compile(r"\bvs\.?\b|\bversus\b", re.I)
TITLE_WORD = re.compile(r"\w[\w@/.'’-]*")
BRACKETS_AT_END = re.compile(r"\s*\(([^()]*)\)\s*$")


class Topic(NamedTuple):
    title: str
    place: Place
    size: int
    names: frozenset[str]

    @property
    def page(self) -> str:
        return self.place.page



def is_generic(title: str, generic: frozenset[str] = frozenset()) -> bool:
    """A heading that is not a link target: `generic` headings (lowercase), comparisons, questions,
    plain words."""
    words = title.split()
    return (title.lower() in generic or title.endswith("?")
            or COMPARISON.search(title) is not None
            or (len(words) == 1 and ONE_WORD.fullmatch(title) is not None))


def is_concept_heading(title: str, generic: frozenset[str] = frozenset()) -> bool:
    """A section heading that names a thing: a service or acronym, or a short Title-Case name
    ('Dead Letter Queue'), not a sentence ('Stopping EC2 instances')."""
    if is_generic(title, generic):
        return False
    words = TITLE_WORD.findall(title)
    if any(VENDOR.match(w + " ") for w in words[:1]) or any(ACRONYM.match(w) for w in words):
        return all(w[0].isupper() or w[0].isdigit() or w.lower() in ("for", "of", "and", "to", "in")
                   for w in words)
    if len(words) == 1:
        return ONE_WORD.fullmatch(words[0]) is None  # StackSets, Lambda@Edge, CloudHSM
    return len(words) <= 5 and all(w[0].isupper() or w[0].isdigit() for w in words)


def names_of(title: str, vocabulary: Vocabulary) -> set[str]:
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
    generic = vocabulary.generic_headings
    names = {name for name in names if not is_generic(name, generic)}
    # "Amazon SQS" is also "SQS"; "AWS Backup" is not "Backup", an everyday word.
    short = {VENDOR.sub("", name) for name in names} - names
    names |= {name for name in short if name not in vocabulary.everyday_words and name.lower() not in generic}
    return names



def collect_topics(pages: list[PageSource], vocabulary: Vocabulary) -> tuple[list[Topic], dict[str, list[Topic]]]:
    """The topics, and every heading by its title (an alias may name any heading)."""
    topics, by_title = [], defaultdict(list)
    generic = vocabulary.generic_headings
    for page in pages:
        for head in page.headings:
            if page.src_uri == "index.md":
                continue
            place = Place(page.src_uri, head.anchor if head.level > 1 else "", head.line)
            names = names_of(head.title, vocabulary)
            topic = Topic(head.title, place, head.size, frozenset(names))
            by_title[head.title].append(topic)
            if names and (is_concept_heading(head.title, generic) if head.level > 1
                          else not is_generic(head.title, generic)):
                topics.append(topic)
    return topics, by_title


def resolve_names(topics: list[Topic], by_title: dict[str, list[Topic]], terms: dict[str, Term],
                  aliases: dict[str, str | None],
                  report: list[str]) -> tuple[dict[str, Topic], dict[Topic, list[Topic]]]:
    """name -> the topic a mention links to, and each topic covered in several places -> the
    others. Ambiguities go into `report`."""
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
            raise VocabularyError(f"aliases: '{alias}' names '{title}', which is no page or section heading; "
                                  "write the heading exactly as the notes do, or remove the alias")
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


def _where(place: Place) -> str:
    return f"{place.page}#{place.anchor}" if place.anchor else place.page
