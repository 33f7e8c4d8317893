"""The term index, without MkDocs: acronym definitions, topics, names and ambiguity."""

import pytest

from acronyms import acronym_pattern, definitions_in, long_form, spells
from sources import PageSource, headings, plain
from term_index import TermIndex
from topics import is_concept_heading, is_generic, names_of
from vocabulary import Vocabulary, VocabularyError

# A reviewed vocabulary as hooks/vocabulary.yml holds one (that file is the site's, not the tests').
WORDS = Vocabulary({}, frozenset({"security", "features", "use cases", "overview", "benefits", "concepts",
                                  "components", "monitoring", "summary", "best practices"}),
                   frozenset({"Backup"}))


def defs(markdown: str) -> dict[str, str]:
    return {d.acronym: d.expansion for d in definitions_in(PageSource("p.md", markdown))}


@pytest.mark.parametrize("markdown, acronym, expansion", [
    ("* Use Multi Factor Authentication (MFA) always", "MFA", "Multi Factor Authentication"),
    ("* Amazon Data Lifecycle Manager(DLM) automates", "DLM", "Data Lifecycle Manager"),
    ("## ENI - Elastic Network Interface", "ENI", "Elastic Network Interface"),
    ("# AWS STS – Security Token Service", "STS", "Security Token Service"),
    ("> IAM: Identity and Access Management, A Global service", "IAM", "Identity and Access Management"),
    ("> EC2: Elastic Compute Cloud  ", "EC2", "Elastic Compute Cloud"),
    ("> RDS stands for Relational Database Service", "RDS", "Relational Database Service"),
    ("# AWS KMS (Key Management Service)", "KMS", "Key Management Service"),
    ("## DynamoDB Accelerator - DAX", "DAX", "DynamoDB Accelerator"),
    ("* **Access control lists (ACLs)** – control", "ACL", "Access control list"),
    ("* **AWS Organizations service control policies (SCP)** – specify", "SCP", "service control policies"),
    ("| Cross Region Replication (CRR) | async |", "CRR", "Cross Region Replication"),
    ("!!! tip\n\n    CIDR stands for Classless Inter-Domain Routing", "CIDR", "Classless Inter-Domain Routing"),
    ('=== "Tab"\n\n    * SQL injection and Cross-Site Scripting (XSS)', "XSS", "Cross-Site Scripting"),
])
def test_every_definition_form_the_notes_use(markdown, acronym, expansion):
    assert defs(markdown).get(acronym) == expansion


@pytest.mark.parametrize("markdown", [
    "* Under the hood: the data on disk (EBS) is kept",      # a parenthetical, not a definition
    "* AMI – Amazon Linux 2, Linux AMI, Ubuntu",             # a list after a dash
    "* `ROLLBACK` – rolls the stack back",                  # a word in capitals
    "* Instance Size (CPU + RAM)",
    "* Supports outbound traffic control using HTTPS (SNI)",
    "```\nEC2 (Elastic Compute Cloud)\n```",                  # code is never read
])
def test_what_is_not_a_definition(markdown):
    assert defs(markdown) == {}


def test_long_form_and_spelling():
    assert long_form("SCP", "AWS Organizations service control policies") == "service control policies"
    assert long_form("EBS", "the data on disk") is None
    assert spells("IAM", "Identity and Access Management")
    assert spells("EMR", "Elastic MapReduce")
    assert not spells("DDoS", "Distributed denial of service protection systems")
    assert not spells("AMI", "Amazon Linux 2")


def test_headings_get_the_ids_that_toc_gives_them():
    markdown = "# Route 53\n\n## Route 53 – Records\n\n## Security\n\n## Security\n\n## Lambda@Edge\n"
    assert [h.anchor for h in headings(markdown)] == [
        "route-53", "route-53-records", "security", "security_1", "lambdaedge"]


@pytest.mark.parametrize("title, names", [
    ("Amazon SQS", {"Amazon SQS", "SQS"}),
    ("AWS STS – Security Token Service", {"AWS STS", "STS", "Security Token Service"}),
    ("Network Access Control List(NACL)", {"Network Access Control List", "NACL"}),
    ("AWS KMS (Key Management Service)", {"AWS KMS", "KMS", "Key Management Service"}),
    ("AWS Backup", {"AWS Backup"}),                          # not "Backup", an everyday word
    ("DynamoDB Time to Live (TTL)", {"DynamoDB Time to Live"}),  # TTL is not DynamoDB's own
    ("ELB & ASG", {"ELB & ASG"}),
    ("Lambda@Edge", {"Lambda@Edge"}),
])
def test_names_derived_from_headings(title, names):
    assert names_of(title, WORDS) == names


@pytest.mark.parametrize("title", ["Security", "Features", "Use Cases", "Overview", "Benefits",
                                   "Concepts", "Components", "Monitoring", "Summary", "Cluster",
                                   "CNAME vs Alias", "Why encryption?", "Best Practices"])
def test_generic_headings_are_not_topics(title):
    assert is_generic(title, WORDS.generic_headings)
    assert not is_concept_heading(title, WORDS.generic_headings)


def index_of(*pages, aliases=None) -> TermIndex:
    return TermIndex.build([PageSource(uri, text) for uri, text in pages], WORDS._replace(aliases=aliases or {}))


def test_an_acronym_defined_two_ways_keeps_both_and_each_page_gets_its_own():
    index = index_of(
        ("ec2/sizing.md", "# Sizing\n\n* Random-access Memory (RAM)\n"),
        ("ec2/lifecycle.md", "# Lifecycle\n\n* Data in RAM is lost\n"),
        ("security/ram.md", "# AWS Resource Access Manager (RAM)\n\n* Share resources\n"),
        ("security/other.md", "# Other\n\n* Share with RAM\n"),
    )
    assert [m.expansion for m in index.terms["RAM"].meanings] == ["Random-access Memory",
                                                                  "Resource Access Manager"]
    assert index.expansion_on("RAM", "ec2/lifecycle.md") == "Random-access Memory"
    assert index.expansion_on("RAM", "security/other.md") == "Resource Access Manager"
    # The name RAM links to the Resource Access Manager only where RAM means it.
    assert "RAM" in index.link_targets_for("security/other.md")
    assert "RAM" not in index.link_targets_for("ec2/lifecycle.md")
    assert any("RAM has 2 meanings" in line for line in index.report)


def test_usage_counts_acronyms_as_whole_words_outside_code():
    index = index_of(
        ("net/vpc.md", "# VPC\n\n* Virtual Private Cloud (VPC)\n"),
        ("net/peering.md", "# Peering\n\n* Connects two VPC networks over AWS PrivateLink (PL)\n"),
        ("net/link.md", "# PrivateLink\n\n* Uses a PL endpoint\n"),
        ("misc/words.md", "# Words\n\n* No acronym here, not even in VPCx or XVPC, only `VPC` in code\n"),
        ("misc/fenced.md", "# Fenced\n\n```\nVPC\n```\n"),
        ("misc/plural.md", "# Plural\n\n* Two VPCs are two uses of VPC\n"),
    )
    assert index.usage == {"PL": ["net/peering.md", "net/link.md"],
                           "VPC": ["net/vpc.md", "net/peering.md", "misc/plural.md"]}
    assert index.expansion_on("PL", "net/link.md") == "PrivateLink"


def test_names_to_find_leave_out_a_vendor_before_a_name_of_the_same_place():
    index = index_of(
        ("sqs.md", "# Amazon SQS\n\n* Simple Queue Service (SQS)\n"),
        ("backup.md", "# AWS Backup\n\n* Backups\n"),
        ("ec2/sizing.md", "# Sizing\n\n* Random-access Memory (RAM)\n"),
        ("security/ram.md", "# AWS RAM\n\n* Resource Access Manager (RAM)\n"),
    )
    assert {"Amazon SQS", "SQS", "AWS Backup", "AWS RAM", "RAM"} <= set(index.link_targets)
    # 'Backup' is an everyday word, no name; RAM has two meanings and is not linked everywhere.
    assert sorted(index.names_to_find()) == ["AWS Backup", "AWS RAM", "RAM", "SQS"]


def test_one_subject_in_two_places_links_to_the_fuller_and_each_sees_the_other():
    index = index_of(
        ("gateway/sg.md", "# AWS Storage Gateway\n\n* a\n* b\n* c\n"),
        ("s3/sg.md", "# AWS Storage Gateway\n\n* a\n"),
    )
    target = index.link_targets["Storage Gateway"]
    assert target.page == "gateway/sg.md"
    pages = {topic.page: [other.page for other in others] for topic, others in index.see_also.items()}
    assert pages == {"gateway/sg.md": ["s3/sg.md"], "s3/sg.md": ["gateway/sg.md"]}
    assert [(here.page, there.page) for here, there in index.see_also_on("s3/sg.md")] == [("s3/sg.md", "gateway/sg.md")]
    assert index.see_also_on("elsewhere.md") == []


def test_a_name_for_two_different_things_is_not_linked():
    index = index_of(("ecs.md", "# ECS\n\n## Load Balancing (EC2 Launch Type)\n\n* a\n\n"
                                "## Load Balancing (Fargate)\n\n* b\n"))
    assert "Load Balancing" not in index.link_targets
    assert any("names different things" in line for line in index.report)


def test_generic_headings_are_never_link_targets():
    index = index_of(("a.md", "# Amazon Aurora\n\n## Features\n\n* x\n\n## Security\n\n* y\n"))
    assert "Features" not in index.link_targets and "Security" not in index.link_targets
    assert index.link_targets["Aurora"].page == "a.md"


def test_aliases_add_names_remove_names_and_must_name_a_heading():
    pages = [("elb.md", "# Elastic Load Balancer\n\n## Application Load Balancer\n\n* x\n"),
             ("sns.md", "# Amazon SNS\n\n* SMS\n"),
             ("sms.md", "# Server Migration - AWS Server Migration Service (SMS)\n")]
    index = index_of(*pages, aliases={"ALB": "Application Load Balancer", "SMS": None})
    assert index.link_targets["ALB"].place.anchor == "application-load-balancer"
    assert "SMS" not in index.link_targets
    with pytest.raises(VocabularyError, match="no page or section heading"):
        index_of(*pages, aliases={"ALB": "Application Load Balancers"})


def test_headings_with_punctuation_and_emoji():
    index = index_of(("a.md", '# ELB & ASG\n\n## Lambda@Edge\n\n## CI/CD "pipelines" <fast> 🚀\n\n* x\n'))
    assert [h.anchor for h in headings("# ELB & ASG\n\n## Lambda@Edge\n")] == ["elb-asg", "lambdaedge"]
    assert index.link_targets["Lambda@Edge"].place.anchor == "lambdaedge"
    assert index.sections[("a.md", "cicd-pipelines")] == 'CI/CD "pipelines" <fast> 🚀'  # <fast> is a tag


@pytest.mark.parametrize("heading", ['CI/CD "pipelines" <fast> 🚀', "Use <b>bold</b> & \"q\" again",
                                     "Lambda@Edge", "ELB & ASG", "A < B > C", "Ünïcode — dash"])
def test_heading_anchors_are_the_ids_toc_gives(heading):
    import markdown
    from bs4 import BeautifulSoup
    html = markdown.markdown(f"# Page\n\n## {heading}\n", extensions=["toc", "attr_list"])
    toc_ids = [h["id"] for h in BeautifulSoup(html, "html.parser").select("h1, h2")]
    assert [h.anchor for h in headings(f"# Page\n\n## {heading}\n")] == toc_ids


def test_a_page_with_no_terms():
    index = index_of(("a.md", "# Notes\n\nNothing to define here.\n"))
    assert index.terms == {} and index.usage == {} and index.link_targets == {}


def test_the_acronym_pattern_finds_whole_words_only_longest_first():
    pattern = acronym_pattern(["RAM", "SSE", "SSE-KMS", "AZ", "KMS"])
    text = "RAM, PARAM, RAMs, 2RAM, _RAM, SSE-KMS, SSE-S3, AZs, AZ1, (KMS) RAM"
    assert [(m.start(), m.group(1)) for m in pattern.finditer(text)] == [
        (0, "RAM"), (12, "RAM"), (30, "SSE-KMS"), (39, "SSE"), (47, "AZ"), (58, "KMS"), (63, "RAM")]
    assert acronym_pattern([]).search("RAM") is None


def test_usage_lists_pages_in_the_notes_order_and_ignores_code():
    index = index_of(("b.md", "# B\n\n* Virtual Private Cloud (VPC)\n"),
                     ("a.md", "# A\n\n* in a VPC\n"),
                     ("c.md", "# C\n\n* `VPC` only in code\n"))
    assert index.usage["VPC"] == ["b.md", "a.md"]


def test_an_expansion_with_its_last_word_left_off_is_the_same_meaning():
    # The notes' own DMS page: a title that leaves 'Service' off, then the full form.
    index = index_of(("migration/dms.md", "# DataBase Migration - DMS\n\n> DMS: Database Migration Service\n"))
    assert [m.expansion for m in index.terms["DMS"].meanings] == ["Database Migration Service"]
    assert index.terms["DMS"].meanings[0].other_spellings == ["DataBase Migration"]
    assert index.terms["DMS"].meanings[0].note == ""  # the quote under the title only restates it
    assert not any("DMS has" in line for line in index.report)


def test_a_meaning_shows_the_form_the_notes_write_most():
    index = index_of(("a.md", "# A\n\n* Across AvailabilityZones (AZ)\n"),
                     ("b.md", "# B\n\n* In one Availability Zone (AZ)\n"),
                     ("c.md", "# C\n\n* Another Availability Zone (AZ)\n"))
    meaning = index.terms["AZ"].meanings[0]
    assert meaning.expansion == "Availability Zone"
    assert meaning.other_spellings == []  # spacing, case and plural aside, it is one spelling
    index = index_of(("a.md", "# A\n\n* An organizational unit (OU)\n"),
                     ("b.md", "# B\n\n* An Organization Unit (OU)\n"))
    assert index.terms["OU"].meanings[0].other_spellings == ["organizational unit"]


def test_plain_text_drops_every_inline_markup_the_notes_use():
    assert plain("^^under^^ *it* **bold** ==mark== `code` [text](url) a\\>b") == "under it bold mark code text a>b"


def test_a_dashed_section_heading_is_a_topic():
    assert is_concept_heading("ENI - Elastic Network Interface")
    index = index_of(("ec2/eni.md", "# Network Interfaces\n\n## ENI - Elastic Network Interface\n\n* x\n"),
                     ("ecs.md", "# ECS\n\n* x\n"))
    assert index.link_targets["ENI"].place.anchor == "eni-elastic-network-interface"


def test_a_line_of_many_definitions_gives_each_its_own_sentence_not_the_rest_of_the_line():
    # What each definition keeps must not grow with its line: a run-on line would cost its square.
    definition = "Elastic Network Interface (ENI): A virtual network card that you attach to an instance. "
    found = definitions_in(PageSource("t/page.md", "# Page\n\n" + definition * 400 + "\n"))
    assert len(found) == 1 and found[0].expansion == "Elastic Network Interface"
    assert found[0].note == "A virtual network card that you attach to an instance."
