"""The knowledge layer in the built site: glossary, tooltips, cross-links, backlinks, measured
against the labelled cases in tests/labels/."""

from __future__ import annotations

import copy
import json
import re
import xml.etree.ElementTree as etree
from pathlib import Path

import pytest
import yaml
from sitebuild import site_path

LABELS = Path(__file__).parent / "labels"
NOT_BODY = "h1, h2, h3, h4, h5, h6, code, pre, .admonition-title, .tabbed-labels"


def body(site, url):
    """The page's own content: the article without the generated footer."""
    article = copy.copy(site.article(url))  # the parsed page is shared: cut from a copy
    for footer in article.select(".knowledge-footer"):
        footer.extract()
    return article


def normal(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower()).removesuffix("s")


def glossary_entries(site) -> dict:
    """Acronym -> its <li> on the glossary page."""
    return {strong.get_text(): strong.find_parent("li")
            for strong in site.article("glossary/").select("li > p:first-child > strong")}


# --- cross-link quality ----------------------------------------------------------------------

def same_mention(link_text: str, mention: str) -> bool:
    """'AWS CloudHSM' and 'Amazon CloudWatch events' are the mentions 'CloudHSM' and
    'Amazon CloudWatch Events': the vendor prefix and case aside, one name."""
    def bare(text):
        return re.sub(r"^(amazon|aws) ", "", text.lower())
    return bare(link_text) == bare(mention)


def test_cross_link_precision_and_recall(site):
    cases = yaml.safe_load((LABELS / "crosslinks.yml").read_text())["links"]
    assert len(cases) >= 80 and sum(case["target"] is None for case in cases) >= 20
    true_positive = false_positive = false_negative = 0
    mistakes = []
    for case in cases:
        page, mention, expected = case["page"], case["mention"], case["target"]
        article = body(site, page)
        assert mention in article.get_text(), f"label names a mention not on {page}: {mention}"
        linked = [site_path(page, a["href"]) for a in article.select("a.autolink")
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
    print(f"\ncross-links: {len(cases)} cases, precision {precision:.3f}, recall {recall:.3f}")
    print("\n".join(mistakes))
    assert precision >= 0.97, mistakes
    assert recall >= 0.90, mistakes


def test_glossary_recall(site):
    cases = yaml.safe_load((LABELS / "glossary.yml").read_text())["terms"]
    assert len(cases) >= 60
    entries = {acronym: [normal(item.get_text())] for acronym, item in glossary_entries(site).items()}
    found = [(acronym, expansion) for acronym, expansion in cases
             if any(normal(expansion) in text for text in entries.get(acronym, []))]
    missing = [case for case in cases if tuple(case) not in found]
    recall = len(found) / len(cases)
    print(f"\nglossary: {len(entries)} terms listed; recall {recall:.3f} of {len(cases)} labelled; "
          f"missing {missing}")
    assert recall >= 0.95, missing


# --- the glossary page ------------------------------------------------------------------------

def test_glossary_is_in_the_nav_and_in_search(site):
    nav_links = [a.get_text(strip=True) for a in site.soup("").select("nav.md-nav--primary a")]
    assert "Glossary" in nav_links
    index = json.loads((site.dir / "search" / "search_documents.json").read_text())
    glossary_docs = [doc["text"] for doc in index["docs"] if doc["location"].startswith("glossary/")]
    assert any("Network Access Control List" in text for text in glossary_docs)
    # "Used in" lists are navigation: on the page, not in the index (a title search finds the page).
    assert not any("Used in" in text for text in glossary_docs)
    assert "Used in:" in site.article("glossary/").get_text()


def test_glossary_letter_bar_jumps_to_every_letter(site):
    glossary = site.article("glossary/")
    letters = [a["href"] for a in glossary.select(".glossary-letters a")]
    headings = [f"#{h['id']}" for h in glossary.select("h2")]
    assert len(letters) >= 15 and letters == headings


def test_glossary_entry_links_to_definition_and_uses(site):
    entry = glossary_entries(site)["NACL"]
    hrefs = [site_path("glossary/", a["href"]) for a in entry.select("a")]
    assert hrefs[0] == "vpc/network-access-control-list-nacl/"
    assert "vpc/network-acl-vs-security-groups/" in hrefs[1:]


def test_glossary_points_to_the_page_about_a_term_defined_in_passing(site):
    entry = glossary_entries(site)["SQS"]
    hrefs = [site_path("glossary/", a["href"]) for a in entry.select("p:first-child a")]
    assert hrefs == ["s3/s3-event-notifications/", "cloud-integration-messaging/amazon-sqs/"]


def test_a_term_with_two_meanings_lists_both(site):
    entry = glossary_entries(site)["RAM"]
    text = entry.get_text()
    assert "Random-access Memory" in text and "Resource Access Manager" in text


# --- tooltips ---------------------------------------------------------------------------------

def test_tooltips_show_the_meaning_of_the_page(site):
    def titles(url):
        return {abbr["title"] for abbr in body(site, url).select("abbr") if abbr.get_text() == "RAM"}
    assert titles("ec2/ecs-instance-lifecycle/") == {"Random-access Memory"}
    assert titles("security-compliance/aws-resource-access-manager-ram/") <= {"Resource Access Manager"}
    assert titles("serverless/aws-lambda/") == {"Random-access Memory"}


def test_tooltips_and_autolinks_only_in_body_text(site):
    pages = [site.url_of(path) for path in site.html_files()]
    tooltips = autolinks = 0
    for url in pages:
        article = body(site, url)
        tooltips += len(article.select("abbr"))
        autolinks += len(article.select("a.autolink"))
        assert not article.select(f":is({NOT_BODY}) abbr, a abbr"), url
        assert not article.select(f":is({NOT_BODY}) a.autolink, a a.autolink"), url
    print(f"\n{tooltips} tooltips and {autolinks} cross-links on {len(pages)} pages")
    assert tooltips > 500 and autolinks > 500


def test_autolinks_never_point_to_their_own_page_or_twice_per_section(site):
    for path in site.html_files():
        url = site.url_of(path)
        seen: set[str] = set()
        for element in body(site, url).find_all(True):
            if element.name in ("h1", "h2", "h3", "h4", "h5", "h6"):
                seen = set()
            elif element.name == "a" and "autolink" in element.get("class", []):
                target = site_path(url, element["href"])
                assert target.split("#")[0] != url, f"{url} links to itself"
                assert target not in seen, f"{url} links {target} twice in one section"
                seen.add(target)


def test_autolinks_never_target_generic_headings(site):
    generic = re.compile(r"#(security|features|use-cases|overview|benefits|concepts|components|"
                         r"monitoring|summary)(_\d+)?$")
    for path in site.html_files():
        url = site.url_of(path)
        for link in site.article(url).select("a.autolink"):
            assert not generic.search(link["href"]), f"{url}: {link}"


# --- backlinks and see also -------------------------------------------------------------------

def test_backlinks_list_every_page_that_links_here_in_notes_order(site):
    order = [site.url_of(path) for path in site.html_files()]
    nav_order = [site_path("", a["href"]) for a in site.soup("").select("nav.md-nav--primary a[href]")]
    linked_from: dict[str, list[str]] = {}
    for url in order:
        for link in body(site, url).select("a.autolink"):
            target = site_path(url, link["href"]).split("#")[0]
            linked_from.setdefault(target, [])
            if url not in linked_from[target]:
                linked_from[target].append(url)
    checked = 0
    for target, sources in linked_from.items():
        footer = site.article(target).select_one(".knowledge-footer")
        heading = footer.find("h2", id="mentioned-in")
        listed = [site_path(target, li.a["href"]) for li in heading.find_next("ul").select(":scope > li")]
        assert sorted(listed) == sorted(sources), target
        positions = [nav_order.index(url) for url in listed if url in nav_order]
        assert positions == sorted(positions), f"{target}: backlinks not in the notes' order"
        checked += 1
    print(f"\nbacklinks checked on {checked} pages")
    assert checked > 100


def test_a_subject_in_two_places_sees_the_other(site):
    for here, there in [("gateway/aws-storage-gateway/", "s3/aws-storage-gateway/"),
                        ("s3/aws-storage-gateway/", "gateway/aws-storage-gateway/"),
                        ("deploying-and-managing/aws-systems-manager-ssm/", "security-compliance/aws-systems-manager/")]:
        footer = site.article(here).select_one(".knowledge-footer")
        see_also = footer.find("h2", id="see-also").find_next("ul")
        assert there in [site_path(here, a["href"]) for a in see_also.select("a")]


def test_ambiguities_are_reported_at_info_level(site):
    report = [line for line in site.result.log.splitlines() if "ambiguity:" in line]
    assert all(line.startswith("INFO") for line in report)
    assert any("RAM has 2 meanings" in line for line in report)
    assert any("AWS Storage Gateway' is covered in 2 places" in line for line in report)
    assert any("'Load Balancing' names different things" in line for line in report)


def test_generated_html_parses_cleanly(site):
    for path in site.html_files():
        url = site.url_of(path)
        for fragment in site.article(url).select(".knowledge-footer, .glossary-letters"):
            etree.fromstring(str(fragment).replace("&nbsp;", " "))


@pytest.mark.parametrize("url", ["", "iam/", "glossary/"])
def test_generated_pages_have_no_footer_of_their_own_making_noise(site, url):
    # The home page and topic indexes link with their lists, not with auto-links.
    assert site.article(url).select("a.autolink") == [] or url == "iam/"
