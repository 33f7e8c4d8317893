"""The knowledge layer across builds in one process, as `mkdocs serve` runs it, and on small
sites with awkward headings."""

from __future__ import annotations

import logging
import os
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from markdown.extensions.toc import slugify as toc_slugify
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from sitebuild import build_small_site, search_documents, write_small_site

pytestmark = pytest.mark.own_builds  # each test builds its own small site or the real one, often more than once

PAGES = {
    "index.md": "# Home\n\nStart here.\n",
    "net/index.md": "# Networking\n\nThe network pages.\n",
    "net/vpc.md": "# Amazon VPC\n\n* Virtual Private Cloud (VPC) is your network\n* Put an ENI in it\n",
    "net/eni.md": "# ENI - Elastic Network Interface\n\n* Attach an ENI to an instance in a VPC\n",
}


def build_in_process(config_file: Path) -> dict[str, str]:
    """Build as `mkdocs serve` does on each change: same process, config loaded afresh."""
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    config = load_config(str(config_file))
    build(config)
    site = Path(config.site_dir)
    return {str(p.relative_to(site)): p.read_text(encoding="utf-8")
            for p in sorted(site.rglob("*.html"))}


def glossary_terms(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [s.get_text() for s in soup.select("article li > p:first-child > strong, article li > strong")]


def test_two_builds_in_one_process_give_identical_output(tmp_path):
    config_file = write_small_site(tmp_path, PAGES)
    first = build_in_process(config_file)
    second = build_in_process(config_file)
    assert first == second
    assert glossary_terms(first["glossary/index.html"]) == ["ENI", "VPC"]


def test_rebuilds_pick_up_a_term_added_renamed_and_removed(tmp_path):
    config_file = write_small_site(tmp_path, PAGES)
    docs = tmp_path / "docs"
    assert glossary_terms(build_in_process(config_file)["glossary/index.html"]) == ["ENI", "VPC"]

    (docs / "net/nat.md").write_text("# NAT Gateway\n\n* Network Address Translation (NAT) for a VPC\n")
    site = build_in_process(config_file)
    assert glossary_terms(site["glossary/index.html"]) == ["ENI", "NAT", "VPC"]
    assert 'class="autolink"' in site["net/nat/index.html"]  # links VPC to its page

    (docs / "net/nat.md").write_text("# NAT Gateway\n\n* Network Address Translator (NATR) for a VPC\n")
    assert glossary_terms(build_in_process(config_file)["glossary/index.html"]) == ["ENI", "NATR", "VPC"]

    (docs / "net/nat.md").unlink()
    site = build_in_process(config_file)
    assert glossary_terms(site["glossary/index.html"]) == ["ENI", "VPC"]
    assert "net/nat/index.html" not in site


def test_a_term_defined_two_ways_builds_and_shows_each_page_its_meaning(tmp_path):
    result = build_small_site(tmp_path, {
        **PAGES,
        "ec2/index.md": "# EC2\n",
        "security/index.md": "# Security & Compliance\n",
        "ec2/sizing.md": "# Sizing\n\n* Random-access Memory (RAM) per instance\n\n* More RAM costs more\n",
        "security/ram.md": "# AWS Resource Access Manager (RAM)\n\n* Share resources\n",
        "security/share.md": "# Sharing\n\n* Use RAM to share subnets\n* RAM shares across accounts\n",
    })
    assert result.returncode == 0, result.log
    assert "RAM has 2 meanings" in result.log

    def tooltip(page):
        soup = BeautifulSoup((result.site_dir / page / "index.html").read_text(), "html.parser")
        return {a["title"] for a in soup.select("article abbr") if a.get_text() == "RAM"}

    assert tooltip("ec2/sizing") == {"Random-access Memory"}
    # Its topic folder's meaning; the first mention is a link to that page, the next a tooltip.
    assert tooltip("security/share") == {"Resource Access Manager"}


@pytest.mark.parametrize("title", ["ELB & ASG", "Lambda@Edge", "CI/CD", "Use <b>bold</b> & \"quotes\"",
                                   "Fast 🚀 Start", "O'Reilly's Notes"])
def test_awkward_headings_build_clean(tmp_path, title):
    # That their titles show as text in footers: test_knowledge.py, on pages that have footers.
    result = build_small_site(tmp_path, {
        **PAGES,
        "odd.md": f"# {title}\n\n## {title} again\n\n* About {title}: the VPC\n",
        "other.md": f"# Other\n\n* See {title} and Lambda@Edge\n",
    })
    assert result.returncode == 0, result.log
    assert result.warnings == [], result.log
    for page in ("odd", "other", "glossary"):
        html = (result.site_dir / page / "index.html").read_text()
        assert BeautifulSoup(html, "html.parser").select_one("article h1") is not None, page


def test_a_page_with_no_terms_and_a_site_with_none(tmp_path):
    result = build_small_site(tmp_path, {"index.md": "# Home\n\nNothing defined here.\n"})
    assert result.returncode == 0, result.log
    glossary = (result.site_dir / "glossary" / "index.html").read_text()
    assert "The 0 acronyms" in glossary


def test_a_bad_alias_fails_the_build_naming_it(tmp_path):
    config_file = write_small_site(tmp_path, PAGES)
    (tmp_path / "hooks").mkdir()
    (tmp_path / "hooks" / "vocabulary.yml").write_text("aliases:\n  Private Cloud: Amazon Private Cloud\n")
    from sitebuild import build as build_subprocess
    result = build_subprocess(config_file, tmp_path / "site")
    assert result.returncode != 0
    assert ("hooks/vocabulary.yml: aliases: 'Private Cloud' names 'Amazon Private Cloud', which is no page "
            "or section heading") in result.log


def test_cross_footer_and_glossary_links_follow_the_offline_builds_html_urls(tmp_path):
    # The offline build (make offline) turns directory URLs off: ec2/ebs.html, not ec2/ebs/.
    from offline import build_offline
    site = tmp_path / "offline"
    build_offline(site)
    checked = Counter()
    for page in ("vpc/nat-gateway.html", "gateway/aws-storage-gateway.html", "glossary.html"):
        soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
        for link in soup.select(".knowledge-footer a, .glossary-used a, a.autolink"):
            target = (site / page).parent / link["href"].split("#")[0]
            assert target.is_file(), f"{page}: {link['href']}"
            checked["autolink" if "autolink" in link.get("class", []) else "footer or glossary"] += 1
    assert checked["autolink"] > 5 and checked["footer or glossary"] > 50, checked


def search_docs(site_dir: Path) -> dict[str, str]:
    index = {"docs": search_documents(site_dir)}
    return {doc["location"]: doc["text"] for doc in index["docs"]}


def test_links_and_tooltips_change_no_word_of_the_search_index(tmp_path, monkeypatch):
    # One pass makes each page's HTML, links and tooltips included; search reads a copy without
    # them (they add no words), and the footers come after it has read the page (and carry
    # data-search-exclude besides).
    from material.plugins.search.plugin import SearchIndex
    seen_by_search = {}
    index_page = SearchIndex.add_entry_from_context

    def spy(self, page):
        seen_by_search[page.file.src_uri] = page.content
        return index_page(self, page)

    monkeypatch.setattr(SearchIndex, "add_entry_from_context", spy)
    config_file = write_small_site(tmp_path, PAGES)
    with_layer = build_in_process(config_file)
    assert 'class="autolink"' in with_layer["net/vpc/index.html"] and "<abbr" in with_layer["net/vpc/index.html"]
    assert 'class="autolink"' not in seen_by_search["net/vpc.md"] and "<abbr" not in seen_by_search["net/vpc.md"]
    assert "knowledge-footer" not in seen_by_search["net/eni.md"]
    assert '<aside class="knowledge-footer" data-search-exclude>' in with_layer["net/eni/index.html"]
    assert '<a href="../net/vpc/">Amazon VPC</a>' in with_layer["glossary/index.html"]
    docs_with = search_docs(tmp_path / "site")
    config = config_file.read_text(encoding="utf-8")
    without = tmp_path / "without.yml"
    without.write_text("\n".join(line for line in config.splitlines() if not line.endswith("knowledge.py")),
                       encoding="utf-8")
    build_in_process(without)
    docs_without = search_docs(tmp_path / "site")
    assert {k: v for k, v in docs_with.items() if not k.startswith("glossary/")} == docs_without
    assert "Put an ENI in it" in docs_with["net/vpc/"]
    assert not any("Mentioned in" in text or "Used in" in text for text in docs_with.values())


def test_another_hook_may_rewrite_page_html_in_on_page_content(tmp_path):
    config_file = write_small_site(tmp_path, PAGES)
    (tmp_path / "rewrite.py").write_text("def on_page_content(html, **kwargs):\n"
                                         "    return html.replace('<li>', '<li class=\"x\">')\n")
    config = yaml.safe_load(config_file.read_text())
    config["hooks"].append(str(tmp_path / "rewrite.py"))
    config_file.write_text(yaml.dump(config, sort_keys=False))
    page = build_in_process(config_file)["net/vpc/index.html"]
    assert '<li class="x">Put an <a class="autolink" href="../eni/">ENI</a> in it</li>' in page


def test_a_cross_link_to_a_missing_heading_id_fails_the_build(tmp_path, monkeypatch, caplog):
    # The index derives heading ids as toc does. Were they ever to drift apart, MkDocs' anchor
    # check must still catch each cross-link to an id that is not there.
    import sources
    monkeypatch.setattr(sources, "slugify", lambda text, separator: "drifted-" + toc_slugify(text, separator))
    config_file = write_small_site(tmp_path, {
        **PAGES, "net/queues.md": "# Queues\n\n## Dead Letter Queue\n\n* Failed messages\n",
        "net/lambda.md": "# Lambda\n\n* Send failures to a dead letter queue\n"})
    logging.getLogger("mkdocs").setLevel(logging.WARNING)  # build_in_process quietens it
    with pytest.raises(Abort):
        build(load_config(str(config_file), strict=True))
    assert re.search(r"Doc file 'net/lambda\.md' contains a link '[^']*queues[^']*#drifted-dead-letter-queue', "
                     r"but the doc 'net/queues\.md' does not contain an anchor '#drifted-dead-letter-queue'",
                     caplog.text), caplog.text


def test_tooltips_in_paragraphs_lists_and_tables_keep_every_word_in_order(tmp_path):
    page = ("# Volumes\n\nNo acronym in this first paragraph.\n\n"
            "After you resize an EBS volume, use the *console* or *CLI* to finish.\n\n"
            "* plain item\n* an item about Elastic Block Store (EBS)\n* another plain item\n\n"
            "| Name | Note |\n|---|---|\n| one | plain |\n| two | on EBS |\n\n"
            "Closing words, and **bold** ones.\n")
    result = build_small_site(tmp_path, {**PAGES, "net/volumes.md": page})
    assert result.returncode == 0, result.log
    article = BeautifulSoup((result.site_dir / "net/volumes/index.html").read_text(), "html.parser")
    article = article.select_one("article")
    text = article.get_text(" ", strip=True)
    for words in ("No acronym in this first paragraph.", "After you resize an EBS volume, use the console or CLI",
                  "plain item an item about Elastic Block Store (EBS) another plain item",
                  "one plain two on EBS", "Closing words, and bold ones."):
        assert words in text, words
    # One section: the first use gets the tooltip, the others are plain words.
    assert [(a.get_text(), a["title"]) for a in article.select("abbr")] == [("EBS", "Elastic Block Store")]
    assert [p.get_text()[:8] for p in article.select("p")] == ["No acron", "After yo", "Closing "]


# Builds the real site again and again in one process, as `mkdocs serve` does on each change,
# printing each build's resident memory (after a full collection) and a digest of what it wrote.
REBUILDS = """
import gc, hashlib, logging, sys, tempfile
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

logging.getLogger("mkdocs").setLevel(logging.ERROR)
site = tempfile.mkdtemp()
for number in range(int(sys.argv[2])):
    build(load_config(sys.argv[1], site_dir=site))
    digest = hashlib.sha256()
    for path in sorted(Path(site).rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(site).as_posix().encode() + b"\\0" + path.read_bytes())
    gc.collect()
    rss = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmRSS:"))
    print(rss, digest.hexdigest(), flush=True)
"""


def test_twenty_builds_in_one_process_leave_memory_flat_and_the_site_byte_identical():
    import subprocess
    import sys

    from sitebuild import ROOT
    result = subprocess.run([sys.executable, "-c", REBUILDS, str(ROOT / "mkdocs.yml"), "20"],
                            capture_output=True, text=True, cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    builds = [line.split() for line in result.stdout.splitlines()]
    rss_kib = [int(rss) for rss, _ in builds]
    print(f"\nresident memory after builds 1, 2, 20: {rss_kib[0] / 1024:.1f}, {rss_kib[1] / 1024:.1f}, "
          f"{rss_kib[-1] / 1024:.1f} MiB")
    assert len(builds) == 20
    assert rss_kib[-1] - rss_kib[1] <= 5 * 1024, rss_kib
    assert len({digest for _, digest in builds}) == 1  # every build wrote the same bytes
