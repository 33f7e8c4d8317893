"""Cross-links on the element tree, without MkDocs: where a mention may become a link."""

import xml.etree.ElementTree as etree

import markdown
from bs4 import BeautifulSoup
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from acronyms import acronym_pattern
from crosslinks import MentionFinder, Tooltips, link_mentions, unmarked

TARGETS = {"SQS": "sqs", "Amazon SQS": "sqs", "NAT Gateway": "nat", "Dead Letter Queue": "dlq",
           "EC2": "ec2", "Lambda@Edge": "edge", "Lambda": "lambda"}


def render(text: str, this_page_target: str | None = None) -> tuple[BeautifulSoup, list]:
    made = []

    class Linker(Treeprocessor):
        def run(self, root):
            made.extend(link_mentions(
                root, MentionFinder(list(TARGETS)),
                lambda name: None if TARGETS[name] == this_page_target else TARGETS[name],
                lambda target: f"../{target}/"))

    class Links(Extension):
        def extendMarkdown(self, md):
            md.treeprocessors.register(Linker(md), "links", 8)

    html = markdown.markdown(text, extensions=["admonition", "toc", "pymdownx.superfences",
                                               "pymdownx.tabbed", "attr_list", Links()])
    return BeautifulSoup(html, "html.parser"), made


def autolinks(soup):
    return [(a.get_text(), a["href"]) for a in soup.select("a.autolink")]


def test_first_mention_per_section_only():
    soup, made = render("Use SQS and SQS again.\n\n* SQS here\n\n## Next\n\nSQS once more.\n")
    assert autolinks(soup) == [("SQS", "../sqs/"), ("SQS", "../sqs/")]
    assert [link.target for link in made] == ["sqs", "sqs"]


def test_longest_name_wins_and_links_its_whole_text():
    soup, _ = render("Send it with Amazon SQS; Lambda@Edge runs at the edge.\n")
    assert autolinks(soup) == [("Amazon SQS", "../sqs/"), ("Lambda@Edge", "../edge/")]


def test_a_vendor_before_a_name_is_part_of_the_mention():
    soup, _ = render("Use Amazon EC2 and AWS Lambda@Edge; MyAWS EC2 is not one.\n\n## Next\n\nAnd EC2.\n")
    assert autolinks(soup) == [("Amazon EC2", "../ec2/"), ("AWS Lambda@Edge", "../edge/"), ("EC2", "../ec2/")]


def test_any_case_only_for_names_of_three_words_or_more():
    soup, _ = render("Messages go to the dead letter queue. A nat gateway is not a NAT Gateway.\n")
    assert autolinks(soup) == [("dead letter queue", "../dlq/"), ("NAT Gateway", "../nat/")]


def test_a_letter_that_grows_in_title_case_shifts_no_mention():
    # "ß" starting a word is "Ss" in Title Case: the text holding it matches names as written
    # only, the other texts in any case as before.
    finder = MentionFinder(list(TARGETS))
    texts = ["ßo to the dead letter queue, then SQS", "a Dead letter queue"]
    assert {i: [(texts[i][m.start:m.end], m.name) for m in mentions]
            for i, mentions in finder.find_all(texts).items()} == {0: [("SQS", "SQS")],
                                                                   1: [("Dead letter queue", "Dead Letter Queue")]}


def test_word_boundaries():
    soup, _ = render("SQSQueue, EC2-Classic and xEC2 are not mentions; EC2. is.\n")
    assert autolinks(soup) == [("EC2", "../ec2/")]


def test_never_in_headings_code_links_pictures_or_titles():
    text = """# SQS

`SQS` in code and [SQS](https://example.com) as a link ![SQS picture](x.png)

```
SQS in a block
```

!!! note "SQS title"

    body without mentions

=== "SQS tab"

    plain body
"""
    soup, made = render(text)
    assert made == [] and autolinks(soup) == []


def test_never_to_the_page_itself():
    soup, _ = render("SQS and EC2.\n", this_page_target="sqs")
    assert autolinks(soup) == [("EC2", "../ec2/")]


def test_mentions_inside_admonition_and_tab_bodies_and_emphasis_are_linked():
    soup, _ = render("!!! tip\n\n    Use **SQS** here\n\n=== \"A\"\n\n    Then *EC2*\n")
    assert autolinks(soup) == [("SQS", "../sqs/"), ("EC2", "../ec2/")]


def test_text_around_links_is_kept_and_html_stays_well_formed():
    text = 'Fish & chips, 1 < 2, "SQS" then NAT Gateway, then EC2 & more.\n'
    soup, _ = render(text)
    assert soup.get_text() == text.strip()
    etree.fromstring(f"<root>{str(soup)}</root>")  # parses: every tag closed, every & escaped


def test_the_first_use_of_each_acronym_in_each_section_gets_its_tooltip_in_the_same_pass():
    tooltips = Tooltips(acronym_pattern(["VPC", "SQS", "EC2"]), {"VPC": "Virtual Private Cloud",
                                                                 "SQS": "Simple Queue Service",
                                                                 "EC2": "Elastic Compute Cloud"}.get)
    made = []

    class Linker(Treeprocessor):
        def run(self, root):
            made.extend(link_mentions(root, MentionFinder(["SQS"]), {"SQS": "sqs"}.get,
                                      lambda target: f"../{target}/", tooltips))

    class Links(Extension):
        def extendMarkdown(self, md):
            md.treeprocessors.register(Linker(md), "links", 8)

    text = ("# VPC\n\nSQS in a VPC, then SQS again.\n\n* `VPC` in code, VPCs, XVPC, VPC_x\n\n"
            "| A | B |\n|---|---|\n| EC2 | *VPC* |\n\n[VPC docs](https://example.com)\n\n"
            "## Peering\n\n`VPC` in code, then VPCs and VPC and EC2-Classic.\n")
    soup = BeautifulSoup(markdown.markdown(text, extensions=["tables", Links()]), "html.parser")
    # Once per section, the first use outside code and links; a plural is a use ('VPCs').
    assert [(a.get_text(), a["title"]) for a in soup.select("abbr")] == [
        ("VPC", "Virtual Private Cloud"), ("SQS", "Simple Queue Service"), ("EC2", "Elastic Compute Cloud"),
        ("VPCs", "Virtual Private Cloud"), ("EC2", "Elastic Compute Cloud")]
    assert autolinks(soup) == [("SQS", "../sqs/")]  # the link's own text gets no tooltip
    assert soup.select_one("h1").get_text() == "VPC"
    assert soup.select_one("p").get_text() == "SQS in a VPC, then SQS again."


def test_unmarked_gives_back_the_html_as_it_was_before_the_marks():
    tooltips = Tooltips(acronym_pattern(["VPC"]), {"VPC": 'Virtual "Private" <Cloud> & co'}.get)

    class Linker(Treeprocessor):
        def run(self, root):
            link_mentions(root, MentionFinder(["SQS"]), {"SQS": "sqs"}.get, lambda target: f"../{target}/?a&b",
                          tooltips)

    class Links(Extension):
        def extendMarkdown(self, md):
            md.treeprocessors.register(Linker(md), "links", 8)

    text = "# T\n\nSQS & <b>VPC</b>, a [VPC link](https://x.org) and *VPC*.\n\n## Next\n\n* SQS or VPC\n"
    marked = markdown.markdown(text, extensions=[Links()])
    assert marked.count('class="autolink"') == 2 and marked.count("<abbr") == 2
    assert unmarked(marked) == markdown.markdown(text)
