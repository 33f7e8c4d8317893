"""The term index: acronyms the notes define and the topics (services, concepts) they cover,
built once per build from every page (see acronyms.py, topics.py). Later steps only read it:
tooltips (`expansion_on`), cross-links (`link_targets`), the glossary page, backlinks and
"see also".
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field

from acronyms import (
    CODE_SPAN,
    Meaning,
    Term,
    account_for,
    acronym_pattern,
    acronym_tokens,
    collect_terms,
    same_meaning,
)
from sources import PageSource
from topics import VENDOR, Topic, collect_topics, resolve_names
from vocabulary import EMPTY, Vocabulary, VocabularyError


@dataclass(eq=False)
class TermIndex:
    terms: dict[str, Term]                  # acronym -> term, A–Z: the notes' and the standard ones
    topics: list[Topic]
    link_targets: dict[str, Topic]          # name as written -> the topic a mention links to
    see_also: dict[Topic, list[Topic]]      # a topic covered in several places -> the others
    usage: dict[str, list[str]]             # acronym -> pages whose text uses it, in notes order
    report: list[str]                       # ambiguities found and how each was resolved
    page_order: dict[str, int]              # page -> its place in the notes' order
    titles: dict[str, str]                  # page -> its title (its H1)
    sections: dict[tuple[str, str], str]    # (page, anchor) -> heading text
    acronyms: re.Pattern                    # finds the terms in a text: see acronym_pattern
    variants: dict[str, str]                # another case of a term -> the term ('DDOS' -> 'DDoS')
    unaccounted: list[tuple[str, int, str]]  # (page, line, token) no definition or list explains
    senses: dict[tuple[str, str], Meaning | None]  # (acronym, page) -> the meaning there (vocabulary.yml)
    # names_not_linked_on's answers, per page or folder, filled as pages ask
    _not_linked: dict[str, frozenset[str]] = field(default_factory=dict, init=False, repr=False)

    @classmethod
    def build(cls, pages: list[PageSource], vocabulary: Vocabulary = EMPTY) -> TermIndex:
        """`pages` in the notes' order. Raises VocabularyError for an alias that names no heading."""
        report: list[str] = []
        notes_terms = collect_terms(pages, report)
        tokens = {page.src_uri: list(acronym_tokens(page.lines)) for page in pages}
        for acronym, senses in vocabulary.senses.items():
            for page in senses:
                if page not in tokens:
                    raise VocabularyError(f"senses: {acronym}: '{page}' is no page of the notes; write its "
                                          "path under docs/ (topic/page.md), or remove the entry")
        account = account_for(notes_terms, tokens, vocabulary.standard, vocabulary.not_acronyms,
                              vocabulary.senses, report)
        terms = account.terms
        # Links come from what the notes themselves define, as before the standard list existed.
        topics, by_title = collect_topics(pages, vocabulary)
        link_targets, see_also = resolve_names(topics, by_title, {a: t for a, t in terms.items() if a in notes_terms},
                                               vocabulary.aliases, report)
        acronyms = acronym_pattern([*terms, *account.variants])
        usage = _usage(pages, acronyms, account.variants)
        titles, sections = {}, {}
        for page in pages:
            for head in page.headings:
                if head.level == 1:
                    titles.setdefault(page.src_uri, head.title)
                else:
                    sections[(page.src_uri, head.anchor)] = head.title
        return cls(terms, topics, link_targets, see_also, {a: usage.get(a, []) for a in terms}, report,
                   {p.src_uri: number for number, p in enumerate(pages)}, titles, sections, acronyms,
                   account.variants, account.unaccounted, account.senses)

    def term_of(self, written: str) -> str | None:
        """The term a match of `acronyms` names: 'AZs' -> 'AZ', 'DDOS' -> 'DDoS'."""
        for name in (written, written[:-1] if written.endswith("s") else None):
            if name in self.terms:
                return name
            if name in self.variants:
                return self.variants[name]
        return None

    def meaning_for(self, acronym: str, page: str) -> Meaning:
        """Which meaning a page means: its own definition, else one from its topic folder, else
        the meaning defined most often, else the first defined."""
        if (acronym, page) in self.senses and self.senses[(acronym, page)] is not None:
            return self.senses[(acronym, page)]
        meanings = [m for m in self.terms[acronym].meanings if m.from_notes] or self.terms[acronym].meanings
        folder = _folder(page)
        for test in (lambda m: any(d.place.page == page for d in m.definitions),
                     lambda m: any(_folder(d.place.page) == folder for d in m.definitions)):
            chosen = [m for m in meanings if test(m)]
            if chosen:
                return chosen[0]
        return max(meanings, key=lambda m: len(m.definitions))

    def expansion_on(self, acronym: str, page: str) -> str | None:
        """The tooltip of `acronym` on `page`: the expansion of the meaning the page means; None
        where hooks/vocabulary.yml's senses say the page means none of them."""
        if (acronym, page) in self.senses:
            meaning = self.senses[(acronym, page)]
            return meaning.expansion if meaning else None
        term = self.terms[acronym]
        if len(term.meanings) == 1:
            return term.meanings[0].expansion
        return self.meaning_for(acronym, page).expansion

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



def _folder(page: str) -> str:
    """A page's topic folder ('ec2' for 'ec2/ebs.md')."""
    return page.split("/")[0]


def _usage(pages: list[PageSource], acronyms: re.Pattern, variants: dict[str, str]) -> dict[str, list[str]]:
    """acronym -> the pages whose text (not code) uses it, in the notes' order ('AZs' and 'DDOS'
    are uses of AZ and DDoS)."""
    usage: dict[str, list[str]] = {}
    for page in pages:
        text = CODE_SPAN.sub("", "\n".join(page.lines))
        for acronym in {variants.get(match.group(1), match.group(1)) for match in acronyms.finditer(text)}:
            usage.setdefault(acronym, []).append(page.src_uri)
    return usage
