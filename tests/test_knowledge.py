"""The knowledge layer in the built site: glossary, tooltips, cross-links, backlinks, measured
against the labelled cases in tests/labels/.

The notes are edited all the time, so no test names a page or an acronym: each reads what it
expects from docs/ as it is (tests/notes_terms.py, a reading of the Markdown of the tests' own), and
each counts what it checked, so a missing feature fails instead of passing on nothing.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

import notes_terms as terms
from notes import notes
from notes_terms import same_meaning, uses, words_key
from sitebuild import ROOT, build_small_site, search_documents, site_path

LABELS = Path(__file__).parent / "labels"
NOT_BODY = "h1, h2, h3, h4, h5, h6, code, pre, .admonition-title, .tabbed-labels"
HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
# Titles a footer could get wrong: markup characters, '@', '/', quotes, anything not ASCII.
AWKWARD = re.compile(r"[&<>\"'@/]|[^\x00-\x7f]")


def body_text(site, url):
    """The text nodes a reader reads as the page's prose: not headings, code, titles, links, or
    the stand-in for a missing picture (its alt text)."""
    for node in site.body(url).find_all(string=True):
        if node.find_parent(HEADINGS + ["code", "pre", "a"]) is None and \
                node.find_parent(class_=["admonition-title", "tabbed-labels", "missing-picture"]) is None:
            yield node


def glossary_entries(site) -> dict:
    """Acronym -> its <li> on the glossary page."""
    return {strong.get_text(): strong.find_parent("li")
            for strong in site.article("glossary/").select("li > p:first-child > strong")}


def pages_linked(url, element, selector="a") -> list[str]:
    """The pages (anchors aside) the links in `element` go to, in order."""
    return [site_path(url, a["href"]).split("#")[0] for a in element.select(selector)]


def writes_out(url: str, acronym: str) -> bool:
    """The page has a line with the acronym and one of the notes' long names for it."""
    long_names = [words_key(d.long_name) for meaning in terms.meanings()[acronym] for d in meaning]
    return any(uses(acronym, line) and any(name in words_key(line) for name in long_names)
               for line in terms.pages()[url].text.split("\n"))


def is_about(page: terms.NotePage, acronym: str) -> bool:
    """The page's title names the acronym or its long name: 'Amazon SQS', 'AWS Resource Access
    Manager (RAM)', 'ENI - Elastic Network Interface'."""
    names = {words_key(part) for part in re.split(r"\s+[–-]\s+", terms.subject(page.title))}
    long_names = {words_key(d.long_name) for meaning in terms.meanings()[acronym] for d in meaning}
    return bool(names & ({words_key(acronym)} | long_names))


def single_meaning() -> dict[str, list[terms.Definition]]:
    return {acronym: meanings[0] for acronym, meanings in terms.meanings().items() if len(meanings) == 1}


def two_meanings() -> dict[str, list[list[terms.Definition]]]:
    return {acronym: meanings for acronym, meanings in terms.meanings().items() if len(meanings) > 1}


def still_applying(cases: list, applies, what: str) -> list:
    """The labelled cases the notes still hold. The reader edits the notes: a case whose page or
    words are gone no longer measures anything, so it is left out and counted, not failed on."""
    kept = [case for case in cases if applies(case)]
    gone = len(cases) - len(kept)
    print(f"\n{what}: {gone} of {len(cases)} labelled cases no longer apply to the notes")
    assert gone * 4 <= len(cases), (f"{gone} of {len(cases)} cases in tests/labels/{what}.yml no longer "
                                    "apply: the notes have moved on; the labels need renewal")
    assert kept, f"no case in tests/labels/{what}.yml applies"
    return kept


# --- cross-link quality ----------------------------------------------------------------------

def same_mention(link_text: str, mention: str) -> bool:
    """'AWS CloudHSM' and 'Amazon CloudWatch events' are the mentions 'CloudHSM' and
    'Amazon CloudWatch Events': the vendor prefix and case aside, one name."""
    def bare(text):
        return re.sub(r"^(amazon|aws) ", "", text.lower())
    return bare(link_text) == bare(mention)


def cross_link_cases(site) -> list[dict]:
    def applies(case):
        page, target = case["page"], case["target"]
        if page not in terms.pages() or case["mention"] not in site.body(page).get_text():
            return False
        if target is None:
            return True
        target_page, _, anchor = target.partition("#")
        return target_page in terms.pages() and (not anchor or site.article(target_page).find(id=anchor) is not None)
    return still_applying(yaml.safe_load((LABELS / "crosslinks.yml").read_text())["links"], applies, "crosslinks")


@pytest.mark.measures
def test_cross_link_precision_and_recall(site):
    cases = cross_link_cases(site)
    assert sum(case["target"] is None for case in cases) > 0, "no case of a mention that must not link"
    true_positive = false_positive = false_negative = 0
    mistakes = []
    for case in cases:
        page, mention, expected = case["page"], case["mention"], case["target"]
        linked = [site_path(page, a["href"]) for a in site.body(page).select("a.autolink")
                  if same_mention(a.get_text(), mention)]
        if expected is None:
            false_positive += bool(linked)
            if linked:
                mistakes.append(f"{page}: '{mention}' linked to {linked[0]}, expected no link")
        elif expected in linked:
            true_positive += 1
        else:
            false_negative += 1
            false_positive += bool(linked)
            mistakes.append(f"{page}: '{mention}' -> {linked or 'no link'}, expected {expected}")
    precision = true_positive / max(1, true_positive + false_positive)
    recall = true_positive / max(1, true_positive + false_negative)
    print(f"cross-links: {len(cases)} cases, precision {precision:.3f}, recall {recall:.3f}")
    print("\n".join(mistakes))
    assert precision >= 0.97, mistakes
    assert recall >= 0.90, mistakes


@pytest.mark.measures
def test_glossary_recall(site):
    lines = [line for page in terms.pages().values() for line in page.text.split("\n")]

    def applies(case):  # the notes still write the acronym beside its long name somewhere
        acronym, expansion = case
        return any(uses(acronym, line) and words_key(expansion) in words_key(line) for line in lines)

    cases = still_applying(yaml.safe_load((LABELS / "glossary.yml").read_text())["terms"], applies, "glossary")
    entries = {acronym: words_key(item.get_text()) for acronym, item in glossary_entries(site).items()}
    missing = [(acronym, expansion) for acronym, expansion in cases
               if words_key(expansion) not in entries.get(acronym, "")]
    recall = 1 - len(missing) / len(cases)
    print(f"glossary: {len(entries)} terms listed; recall {recall:.3f} of {len(cases)} labelled; "
          f"missing {missing}")
    assert recall >= 0.95, missing


# --- the glossary page ------------------------------------------------------------------------

def test_glossary_is_in_the_nav_and_in_search(site):
    nav_links = [a.get_text(strip=True) for a in site.soup("").select("nav.md-nav--primary a")]
    assert "Glossary" in nav_links
    index = {"docs": search_documents(site.dir)}
    indexed = words_key(" ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("glossary/")))
    long_names = [meaning[0].long_name for meanings in terms.meanings().values() for meaning in meanings]
    assert long_names, "the notes spell out no acronym as 'Long Name (ACR)'"
    assert [name for name in long_names if words_key(name) not in indexed] == []
    # "Used in" lists are navigation: on the page, not in the index (a title search finds the page).
    assert "usedin" not in indexed
    assert "Used in:" in site.article("glossary/").get_text()


def test_glossary_letter_bar_jumps_to_every_letter(site):
    glossary = site.article("glossary/")
    letters = [a.get_text() for a in glossary.select(".glossary-letters a")]
    initials = sorted({acronym[0].upper() for acronym in glossary_entries(site)})
    assert initials and letters == initials
    assert {acronym[0] for acronym in terms.meanings()} <= set(letters)
    hrefs = [a["href"] for a in glossary.select(".glossary-letters a")]
    assert hrefs == [f"#{h['id']}" for h in glossary.select("h2")]


def test_every_acronym_the_notes_spell_out_is_in_the_glossary_linked_to_its_definition(site):
    entries = glossary_entries(site)
    assert terms.meanings(), "the notes spell out no acronym as 'Long Name (ACR)'"
    for acronym, meanings in terms.meanings().items():
        where = f"{acronym} ({meanings[0][0].url}:{meanings[0][0].line})"
        assert acronym in entries, f"{where} is not in the glossary"
        shown = words_key(entries[acronym].get_text())
        for meaning in meanings:
            assert any(words_key(d.long_name) in shown for d in meaning), f"{where}: {meaning[0].long_name}"
        first = pages_linked("glossary/", entries[acronym])[0]
        assert writes_out(first, acronym), f"{where}: first link to {first}, which does not define it"


def test_glossary_lists_the_pages_that_use_an_acronym(site):
    entries = glossary_entries(site)
    checked = 0
    for acronym in terms.meanings():
        using = {url for url, page in terms.pages().items() if uses(acronym, terms.CODE_SPAN.sub(" ", page.text))}
        used_in = entries[acronym].select_one(".glossary-used")
        listed = set(pages_linked("glossary/", used_in)) if used_in else set()
        assert listed == using, acronym
        checked += bool(listed)
    assert checked > 0


def test_glossary_points_to_the_page_about_a_term_defined_in_passing(site):
    # An acronym spelled out on a page about something else ('SQS' on an S3 page), where
    # another page is all about it: the glossary leads there too.
    entries, checked = glossary_entries(site), 0
    for acronym, meaning in single_meaning().items():
        about = {url for url, page in terms.pages().items() if is_about(page, acronym)}
        if about and not about & {d.url for d in meaning}:
            linked = pages_linked("glossary/", entries[acronym], "p:first-child a")
            assert about & set(linked), f"{acronym}: glossary links {linked}, not {sorted(about)}"
            checked += 1
    if not checked:
        pytest.skip("no acronym is spelled out away from a page about it")


def test_a_term_with_two_meanings_lists_both(site):
    if not two_meanings():
        pytest.skip("the notes spell out no acronym two different ways")
    for acronym, meanings in two_meanings().items():
        shown = words_key(glossary_entries(site)[acronym].get_text())
        for meaning in meanings:
            assert any(words_key(d.long_name) in shown for d in meaning), f"{acronym}: {meaning[0].long_name}"


# --- tooltips ---------------------------------------------------------------------------------

def test_a_page_that_spells_out_an_acronym_shows_that_meaning(site):
    shown = 0
    for acronym, meanings in terms.meanings().items():
        for meaning in meanings:
            for url in {d.url for d in meaning}:
                titles = {abbr["title"] for abbr in site.body(url).select("abbr") if abbr.get_text() == acronym}
                assert all(same_meaning(title, meaning[0].long_name) for title in titles), (url, acronym, titles)
                shown += bool(titles)
    assert shown > 0


def test_tooltips_show_the_meaning_of_the_page(site):
    # An acronym with two meanings: a page shows the meaning spelled out on it, or in its topic.
    if not two_meanings():
        pytest.skip("the notes spell out no acronym two different ways")
    for acronym, meanings in two_meanings().items():
        for meaning in meanings:
            defining = {d.url for d in meaning}
            elsewhere = {d.url for other in meanings if other is not meaning for d in other}
            topics = {url.split("/")[0] for url in defining} - {url.split("/")[0] for url in elsewhere}
            same_topic = {url for url, page in terms.pages().items() if page.topic in topics}
            here = (defining | same_topic) - elsewhere  # a page writing both meanings is no evidence
            titles = {abbr["title"] for url in here for abbr in site.body(url).select("abbr")
                      if abbr.get_text() == acronym}
            assert titles, f"{acronym}: no tooltip on {sorted(here)}"
            assert all(same_meaning(title, meaning[0].long_name) for title in titles), (acronym, titles)


def test_tooltips_and_autolinks_only_in_body_text(site):
    tooltips = autolinks = 0
    for url in terms.pages():
        article = site.body(url)
        tooltips += len(article.select("abbr"))
        autolinks += len(article.select("a.autolink"))
        assert not article.select(f":is({NOT_BODY}) abbr, a abbr"), url
        assert not article.select(f":is({NOT_BODY}) a.autolink, a a.autolink"), url
    print(f"\n{tooltips} tooltips and {autolinks} cross-links on {len(terms.pages())} pages")
    positive_cases = [case for case in cross_link_cases(site) if case["target"]]
    assert tooltips > 0 and autolinks >= len(positive_cases) > 0


def test_autolinks_never_point_to_their_own_page_or_twice_per_section(site):
    checked = 0
    for url in terms.pages():
        seen: set[str] = set()
        for element in site.body(url).find_all(True):
            if element.name in HEADINGS:
                seen = set()
            elif element.name == "a" and "autolink" in element.get("class", []):
                target = site_path(url, element["href"])
                assert target.split("#")[0] != url, f"{url} links to itself"
                assert target not in seen, f"{url} links {target} twice in one section"
                seen.add(target)
                checked += 1
    assert checked > 0


def test_autolinks_never_target_generic_headings(site):
    # The reviewed vocabulary names the headings that are parts of a page ("Use Cases"), not things.
    generic = set(yaml.safe_load((ROOT / "hooks" / "vocabulary.yml").read_text())["generic_headings"])
    generic_places = {f"{url}#{h['id']}" for url in terms.pages() for h in site.article(url).select("h2, h3, h4")
                      if h.get_text().rstrip("¶").strip().lower() in generic}
    assert generic_places, "the notes have no heading the vocabulary calls generic"
    for url in terms.pages():
        for link in site.article(url).select("a.autolink"):
            assert site_path(url, link["href"]) not in generic_places, f"{url}: {link}"


# --- backlinks and see also -------------------------------------------------------------------

def test_backlinks_list_every_page_that_links_here_in_notes_order(site):
    nav_order = [site_path("", a["href"]) for a in site.soup("").select("nav.md-nav--primary a[href]")]
    linked_from: dict[str, list[str]] = {}
    for url in terms.pages():
        for target in pages_linked(url, site.body(url), "a.autolink"):
            linked_from.setdefault(target, [])
            if url not in linked_from[target]:
                linked_from[target].append(url)
    assert linked_from, "no page links to another"
    for url in terms.pages():
        sources = linked_from.get(url, [])
        if url in {topic.url for topic in notes().topics}:  # a topic's index lists its own pages: not again
            sources = [source for source in sources if not source.startswith(url)]
        footer = site.article(url).select_one(".knowledge-footer")
        heading = footer.find("h2", id="mentioned-in") if footer else None
        if not sources:
            assert heading is None, f"{url}: 'Mentioned in' but no page links here"
            continue
        assert heading is not None, f"{url}: linked from {sources} but no 'Mentioned in'"
        listed = [site_path(url, li.a["href"]) for li in footer.select("ul.backlinks > li")]
        assert sorted(listed) == sorted(sources), url
        positions = [nav_order.index(source) for source in listed if source in nav_order]
        assert positions == sorted(positions), f"{url}: backlinks not in the notes' order"
    print(f"\nbacklinks checked on {len(linked_from)} pages")


def test_a_subject_in_two_places_sees_the_other(site):
    pairs = terms.subjects_in_two_topics()
    if not pairs:
        pytest.skip("no subject has a page in two topics")
    for here, there in pairs:
        footer = site.article(here.url).select_one(".knowledge-footer")
        assert footer is not None and footer.find("h2", id="see-also"), f"{here.url}: no See also"
        see_also = footer.find("h2", id="see-also").find_next("ul")
        assert there.url in pages_linked(here.url, see_also), f"{here.url} does not see {there.url}"


def test_ambiguities_are_reported_at_info_level(site):
    report = [line for line in site.result.log.splitlines() if "ambiguity:" in line]
    assert all(line.startswith("INFO") for line in report)
    if not two_meanings() and not terms.subjects_in_two_topics():
        pytest.skip("the notes hold no acronym with two meanings and no subject in two topics")
    for acronym, meanings in two_meanings().items():
        # The build may find a meaning in a form tests/terms.py does not read: at least ours.
        counts = [int(m.group(1)) for line in report if (m := re.search(rf"\b{acronym} has (\d+) meanings", line))]
        assert counts and counts[0] >= len(meanings), f"{acronym}: {len(meanings)} meanings not reported"
    for here, there in terms.subjects_in_two_topics():
        assert any("is covered in" in line and terms.source_of(here) in line and terms.source_of(there) in line
                   for line in report), f"{here.url} and {there.url} not reported as one subject"


def test_generated_html_parses_cleanly(site):
    parsed = 0
    for url in terms.pages() | {"glossary/": None}:
        for fragment in site.article(url).select(".knowledge-footer, .glossary-letters"):
            etree.fromstring(str(fragment).replace("&nbsp;", " "))
            parsed += 1
    assert parsed > 0


def test_awkward_titles_show_as_written_in_footers(site):
    # 'ELB & ASG', 'Lambda@Edge', 'CI/CD': each shown once escaped, never as markup or '&amp;'.
    awkward = {url: terms.reader_text(page.title) for url, page in terms.pages().items()
               if url and AWKWARD.search(page.title)}
    shown = 0
    for url in terms.pages():
        footer = site.article(url).select_one(".knowledge-footer")
        for link in footer.select("a") if footer else []:
            target = site_path(url, link["href"])
            if target in awkward:
                assert link.get_text() == awkward[target], f"{url}: {link}"
                shown += 1
    if not awkward:
        pytest.skip("no page title has a character a footer could mangle")
    assert shown > 0, f"no footer links to {sorted(awkward)}"


AWKWARD_TITLES = ["ELB & ASG", "Lambda@Edge", "CI/CD", 'Use <b>bold</b> & "quotes"', "Fast 🚀 Start",
                  "O'Reilly's Notes"]


@pytest.fixture(scope="module")
def awkward_mentions(tmp_path_factory) -> list[list[str]]:
    """Titles the notes lack today, on pages that mention a VPC page: the texts of the links in
    each item of the VPC page's "Mentioned in" (the page title, then its section)."""
    pages = {"index.md": "# Home\n\nStart here.\n",
             "net/index.md": "# Networking\n\nThe network pages.\n",
             "net/vpc.md": "# Amazon VPC\n\n* Virtual Private Cloud (VPC) is your network\n"}
    for number, title in enumerate(AWKWARD_TITLES):
        pages[f"net/odd{number}.md"] = f"# {title}\n\n## {title} again\n\n* Runs in an Amazon VPC\n"
    result = build_small_site(tmp_path_factory.mktemp("awkward"), pages)
    assert result.returncode == 0, result.log
    html = (result.site_dir / "net" / "vpc" / "index.html").read_text(encoding="utf-8")
    footer = BeautifulSoup(html, "html.parser").select_one(".knowledge-footer")
    assert footer is not None, "the VPC page, mentioned on six pages, has no footer"
    assert "&amp;amp;" not in str(footer)  # escaped once
    return sorted([a.get_text() for a in li.select("a")] for li in footer.select("ul.backlinks > li"))


def test_awkward_titles_of_pages_that_link_show_as_text_in_the_footer(awkward_mentions):
    assert [links[0] for links in awkward_mentions] == sorted(AWKWARD_TITLES)


def test_awkward_section_names_show_as_text_in_the_footer(awkward_mentions):
    assert [links[1:] for links in awkward_mentions] == [[f"{title} again"] for title in sorted(AWKWARD_TITLES)]


def test_home_and_topic_pages_link_with_their_own_lists(site):
    # Their generated lists are the links; auto-links only in an introduction the notes write.
    index_pages = {url: page for url, page in terms.pages().items() if page.is_index}
    assert "" in index_pages and len(index_pages) > 1
    for url, page in index_pages.items():
        article = site.body(url)
        lists = article.select(".topics" if url == "" else ".topic-pages")
        assert lists, f"{url or 'home'}: no generated list"
        assert [a for listing in lists for a in listing.select("a.autolink")] == [], url
        introduction = [line for _, line in page.body_lines() if line.strip()]
        if not introduction:
            assert article.select("a.autolink") == [], f"{url}: auto-links, but no text of its own"
    assert site.article("glossary/").select("a.autolink") == []
