"""The foot of a page: "See also" (the same subject covered elsewhere) and "Mentioned in" (the
sentence on each other page that links here, grouped by topic, capped so a hub page's footer
stays short; the rest folds into <details>, so nothing is lost).

Pure: element trees, strings and small records in, markupsafe Markup out. Every piece of notes
text (titles, sections, sentences) is escaped by markup.markup.
"""

from __future__ import annotations

import html
import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable
from typing import NamedTuple

from markupsafe import Markup

from markup import joined, markup
from sources import SENTENCE_END, Place
from topics import Topic, subject

EXCERPT_CHARS = 160   # about two lines of the footer: enough for a sentence of the notes
PER_TOPIC = 5         # entries shown per topic before "and N more"
SHOWN = 15            # entries shown in all before the rest fold away

# The element a mention's sentence is read from, and the ones inside it that are other blocks
# (a list nested in a list item is not part of the item's sentence).
BLOCKS = frozenset({"p", "li", "td", "th", "dd", "dt", "blockquote", "summary"})
NESTED_BLOCKS = frozenset({"ul", "ol", "p", "div", "table", "pre", "blockquote", "details", "dl"})
SPACES = re.compile(r"\s+")
TAG = re.compile(r"<[^>]*>")
STASHED = re.compile("\x02wzxhzdk:([0-9]+)\x03")  # Python-Markdown's placeholder for raw HTML


class Excerpt(NamedTuple):
    """The sentence a mention stands in, cut around it: before + mention + after; and the lead
    line of its list where the sentence is little more than the mention."""
    before: str
    mention: str
    after: str
    lead: str = ""


class Backlink(NamedTuple):
    """One link another page makes to this one: where it is, and the sentence it stands in."""
    page: str       # src_uri of the page the link is on
    anchor: str     # the id of the heading over it ('' above the first)
    section: str    # that heading's text (the page title above the first)
    excerpt: Excerpt | None


# --- the sentence around a mention ------------------------------------------------------------

def mention_excerpt(block: etree.Element, anchor: etree.Element,
                    stashed: Callable[[int], str] = lambda number: "",
                    limit: int = EXCERPT_CHARS) -> Excerpt | None:
    """The sentence of `block` that holds the link `anchor`, trimmed to about `limit` characters
    around it. `stashed(n)` is the text of raw HTML Python-Markdown stashed as placeholder n."""
    pieces: list[str] = []
    found = _block_texts(block, anchor, pieces)
    if found is None:
        return None

    def text(parts):
        return STASHED.sub(lambda m: stashed(int(m.group(1))), "".join(parts))

    return sentence_around(text(pieces[:found]), text(pieces[found:found + 1]), text(pieces[found + 1:]), limit)


def _block_texts(element: etree.Element, anchor: etree.Element | None, pieces: list[str]) -> int | None:
    """Append the texts of `element` to `pieces`, in reading order, skipping nested blocks; the
    anchor's text is one piece, whose index is returned (None if the anchor is not in here)."""
    found = None
    if element is anchor:
        pieces.append("".join(element.itertext()))
        return len(pieces) - 1
    if element.tag == "code":  # Python-Markdown keeps a code span's text HTML-escaped
        pieces.append(html.unescape("".join(element.itertext())))
    else:
        if element.text:
            pieces.append(element.text)
        for child in element:
            if child.tag not in NESTED_BLOCKS or child is anchor:
                at = _block_texts(child, anchor, pieces)
                found = at if at is not None else found
            if child.tail:
                pieces.append(child.tail)
    return found


def sentence_around(before: str, mention: str, after: str, limit: int = EXCERPT_CHARS) -> Excerpt:
    """The sentence holding `mention`, and no more than about `limit` characters of it: cut at
    words, with "…" where something was cut."""
    before = SPACES.sub(" ", before).lstrip()
    after = SPACES.sub(" ", after).rstrip()
    mention = SPACES.sub(" ", mention)
    ends = list(SENTENCE_END.finditer(before))
    if ends:
        before = before[ends[-1].end():].lstrip()
    end = SENTENCE_END.search(after)
    if end:
        after = after[:end.end()]
    room = max(0, limit - len(mention))
    if len(before) + len(after) <= room:
        return Excerpt(before, mention, after)
    keep_before = min(len(before), max(room - len(after), room // 3))
    keep_after = min(len(after), room - keep_before)
    if keep_before < len(before):
        cut = before[len(before) - keep_before:]
        before = "…" + (cut[cut.find(" ") + 1:] if " " in cut[:-1] else cut).lstrip()
    if keep_after < len(after):
        cut = after[:keep_after]
        after = (cut[:cut.rfind(" ")] if " " in cut[1:] else cut).rstrip() + "…"
    return Excerpt(before, mention, after)


def with_lead(excerpt: Excerpt, block: etree.Element, parents: dict[etree.Element, etree.Element],
              stashed: Callable[[int], str] = lambda number: "", limit: int = EXCERPT_CHARS) -> Excerpt:
    """A list item that is little more than the mention ('* Storage Gateway') says what it is
    in the line its list hangs from ('Integrated with:'): that line goes in front."""
    if excerpt is None or len((excerpt.before + excerpt.after).strip(" :,.;–-")) >= 20 or block.tag != "li":
        return excerpt
    listing = parents.get(block)
    owner = parents.get(listing) if listing is not None else None
    if owner is None:
        return excerpt
    lead: etree.Element | None = None
    if owner.tag == "li":
        lead = owner               # a nested list: the item it hangs from
    else:
        siblings = list(owner)
        at = siblings.index(listing)
        if at and siblings[at - 1].tag == "p" and not (siblings[at - 1].tail or "").strip():
            lead = siblings[at - 1]  # a list after a paragraph ("Supports:")
    if lead is None:
        return excerpt
    pieces: list[str] = []
    _block_texts(lead, None, pieces)
    text = SPACES.sub(" ", STASHED.sub(lambda m: stashed(int(m.group(1))), "".join(pieces))).strip()
    if not text:
        return excerpt
    room = max(0, limit - len(excerpt.before) - len(excerpt.mention) - len(excerpt.after) - 3)
    ends = list(SENTENCE_END.finditer(text))
    text = text[ends[-1].end():].lstrip() if ends else text
    if len(text) > room:
        cut = text[len(text) - room:]
        text = "…" + (cut[cut.find(" ") + 1:] if " " in cut[:-1] else cut).lstrip()
    return excerpt._replace(lead=text)


def stash_text(raw: object) -> str:
    """What a reader sees of stashed raw HTML: an entity's character, a tag's nothing."""
    return html.unescape(TAG.sub("", raw)) if isinstance(raw, str) else ""


def block_of(anchor: etree.Element, parents: dict[etree.Element, etree.Element]) -> etree.Element:
    """The paragraph, list item or cell a link stands in (the page's root if none)."""
    element = anchor
    while element in parents:
        element = parents[element]
        if element.tag in BLOCKS:
            return element
    return element


# --- one subject in two places ----------------------------------------------------------------

WORDS = re.compile(r"[a-z0-9]+")


def subject_key(title: str, topic_names: Iterable[str] = ()) -> str:
    """A heading's subject for comparing headings: vendor, an acronym in brackets, punctuation,
    case and plurals aside, and a first word that names the heading's own topic ('S3 Pre-Signed
    URLs' in S3 is 'Pre-Signed URLs'; 'EFS Storage Classes' is not S3's 'Storage Classes')."""
    words = [w[:-1] if len(w) > 3 and w.endswith("s") else w for w in WORDS.findall(subject(title))]
    implied = {name.lower() for name in topic_names}
    if len(words) > 1 and words[0] in implied:
        words = words[1:]
    return " ".join(words)


def same_subject(topics: Iterable[Topic], topic_names: Callable[[str], Iterable[str]]) -> dict[Topic, list[Topic]]:
    """Headings about one subject (see `subject_key`) -> the others; `topic_names(page)` are the
    names of the page's topic. A page's title and its own section of that name are one place."""
    by_key: dict[str, list[Topic]] = {}
    for topic in topics:
        by_key.setdefault(subject_key(topic.title, topic_names(topic.page)), []).append(topic)
    pairs: dict[Topic, list[Topic]] = {}
    for group in by_key.values():
        for topic in group:
            others = [other for other in group if other is not topic
                      and not (other.page == topic.page and "" in (other.place.anchor, topic.place.anchor))]
            if others:
                pairs[topic] = others
    return pairs


# --- the footer -------------------------------------------------------------------------------

class Pages(NamedTuple):
    """What the footer needs to know of the site's pages."""
    titles: dict[str, str]                  # page -> its title
    sections: dict[tuple[str, str], str]    # (page, anchor) -> heading text
    topics: dict[str, str]                  # page -> the name of its topic (its nav section)
    order: dict[str, int]                   # page -> its place in the notes' order
    href: Callable[[str, str], str]         # (page, anchor) -> URL relative to the page being made


def place_label(place: Place, pages: Pages) -> str:
    """'Topic › Page', and '› Section' for a section: tells apart two places of one name."""
    parts = [pages.topics.get(place.page, ""), pages.titles.get(place.page, place.page)]
    if place.anchor:
        parts.append(pages.sections.get((place.page, place.anchor), place.anchor))
    return " › ".join(part for part in parts if part)


def see_also_html(places: list[Place], pages: Pages) -> Markup:
    """One link per other place; where two would read the same (two sections of one name on one
    page), each says which of them it is."""
    places = list(dict.fromkeys((p.page, p.anchor) for p in places))
    labels = [place_label(Place(page, anchor, 0), pages) for page, anchor in places]
    items = []
    for (page, anchor), label in zip(places, labels, strict=True):
        if labels.count(label) > 1:
            same = [a for (p, a), other in zip(places, labels, strict=True) if other == label]
            label += f" ({same.index(anchor) + 1} of {len(same)})"
        items.append(markup('<li><a href="{}">{}</a></li>', pages.href(page, anchor), label))
    return markup('<h2 id="see-also" data-search-exclude>See also</h2><ul class="see-also">{}</ul>',
                  joined(items))


def backlinks_shown(here: str, backlinks: list[Backlink], pages: Pages) -> list[tuple[str, list[list[Backlink]]]]:
    """The pages that link here, each with its links, grouped by topic, in the notes' order. A
    topic's index page lists its own pages already: they are left out of its footer."""
    by_page: dict[str, list[Backlink]] = {}
    folder = posixpath.dirname(here) if posixpath.basename(here) == "index.md" else None
    for link in backlinks:
        if folder is not None and (folder == "" or link.page.startswith(folder + "/")):
            continue
        links = by_page.setdefault(link.page, [])
        if all(link.anchor != other.anchor for other in links):
            links.append(link)
    groups: dict[str, list[list[Backlink]]] = {}
    for page in sorted(by_page, key=lambda page: pages.order.get(page, len(pages.order))):
        groups.setdefault(pages.topics.get(page, ""), []).append(by_page[page])
    return list(groups.items())


def backlink_item(links: list[Backlink], pages: Pages) -> Markup:
    """A page that links here: its title, the section(s) the links are in, and the sentence of
    the first link with the mention in bold."""
    first = links[0]
    title = pages.titles.get(first.page, first.page)
    sections = joined((markup('<a href="{}">{}</a>', pages.href(link.page, link.anchor), link.section)
                       for link in links if link.anchor), ", ")
    head = markup('<a href="{}">{}</a>', pages.href(first.page, ""), title)
    if sections:
        head += Markup(" › ") + sections
    quote = Markup("")
    if first.excerpt is not None:
        before, mention, after, lead = first.excerpt
        if lead:
            joint = "" if lead.endswith((":", ".", "?", "!")) else ":"  # 'Example' + ': ' + 'Amazon S3'
            before = markup('<span class="backlink-lead">{}</span>{} {}', lead, joint, before)
        quote = markup('<span class="backlink-excerpt">{}<strong>{}</strong>{}</span>', before, mention, after)
    return markup("<li>{}{}</li>", head, quote)


def mentioned_in_html(here: str, backlinks: list[Backlink], pages: Pages,
                      per_topic: int = PER_TOPIC, shown: int = SHOWN) -> Markup:
    """"Mentioned in": topics in the notes' order, each with at most `per_topic` pages and at
    most `shown` in all; a topic's others fold into its own "N more", and topics past the limit
    into one "N more pages in M topics" at the end."""
    groups = backlinks_shown(here, backlinks, pages)
    if not groups:
        return Markup("")
    parts, folded, left = [], [], shown
    for topic, entries in groups:
        items = [backlink_item(links, pages) for links in entries]
        block = markup('<h3 class="backlinks-topic">{}</h3>', topic) if topic else Markup("")
        if left <= 0:
            folded.append((block, items))
            continue
        visible, rest = items[:min(per_topic, left)], items[min(per_topic, left):]
        left -= len(visible)
        block += markup('<ul class="backlinks">{}</ul>', joined(visible))
        if rest:
            block += markup('<details class="backlinks-more"><summary>and {} more in {}</summary>'
                            '<ul class="backlinks">{}</ul></details>', len(rest), topic or "this site",
                            joined(rest))
        parts.append(markup('<section class="backlinks-group">{}</section>', block))
    if folded:
        pages_folded = sum(len(items) for _, items in folded)
        inner = joined(markup('<section class="backlinks-group">{}<ul class="backlinks">{}</ul></section>',
                              block, joined(items)) for block, items in folded)
        parts.append(markup('<details class="backlinks-more"><summary>and {} more {} in {} more {}</summary>{}'
                            '</details>', pages_folded, "page" if pages_folded == 1 else "pages",
                            len(folded), "topic" if len(folded) == 1 else "topics", inner))
    return markup('<h2 id="mentioned-in" data-search-exclude>Mentioned in</h2>{}', joined(parts))


def footer_html(here: str, see_also: list[Place], backlinks: list[Backlink], pages: Pages) -> Markup:
    parts = []
    if see_also:
        parts.append(see_also_html(see_also, pages))
    mentioned = mentioned_in_html(here, backlinks, pages)
    if mentioned:
        parts.append(mentioned)
    if not parts:
        return Markup("")
    return markup('<aside class="knowledge-footer" data-search-exclude>{}</aside>', joined(parts))
