"""Hand-typed syntax that would not render fails a strict build with a warning naming the file and
line; throw-away sites built with the project's own theme, extensions and hooks."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest
from bs4 import BeautifulSoup

from sitebuild import Build, build_small_site

pytestmark = pytest.mark.own_builds  # each test builds its own small site or the real one, often more than once

# A small site shaped like the real one: a home page, one topic with its index and one page.
GOOD_SITE = {
    "index.md": "# Notes\n\nThe home page.\n",
    "storage/index.md": "# Storage\n\nWhere data lives.\n",
    "storage/s3.md": (
        "# S3\n\n"
        "* Objects in ==buckets==, *^^globally^^* named\n"
        "    * nested item\n\n"
        '!!! note "Consistency"\n\n'
        "    Strong read-after-write consistency\n\n"
        '=== "Standard"\n\n'
        "    * frequent access\n\n"
        '=== "Glacier"\n\n'
        "    !!! tip\n\n"
        "        archives\n"
    ),
}


@dataclass(frozen=True)
class BadInput:
    what: str
    pages: dict[str, str | bytes]
    file: str  # the file the warning must name
    line: int | None  # the line it must name, where the hooks know it
    says: str  # words the warning must contain

    def __str__(self):
        return self.what


BAD_INPUTS = [
    BadInput("malformed admonition",
             {"storage/ebs.md": '# EBS\n\n!!!note "unterminated\n\n    body\n'},
             "storage/ebs.md", 3, "malformed admonition"),
    BadInput("admonition body not indented",
             {"storage/ebs.md": "# EBS\n\n!!! note\n\nVolumes are zonal\n"},
             "storage/ebs.md", 5, "not indented"),
    BadInput("admonition body indented by 2 spaces",
             {"storage/ebs.md": "# EBS\n\n!!! tip\n\n  Volumes are zonal\n"},
             "storage/ebs.md", 5, "indented by 2 spaces"),
    BadInput("content tab body not indented",
             {"storage/ebs.md": '# EBS\n\n=== "gp3"\n\nGeneral purpose SSD\n'},
             "storage/ebs.md", 5, "content tab body"),
    BadInput("empty admonition",
             {"storage/ebs.md": "# EBS\n\n!!! tip\n\n## Snapshots\n\nIncremental\n"},
             "storage/ebs.md", 3, "empty admonition"),
    BadInput("malformed admonition below front matter",
             {"storage/ebs.md": '---\nmissing_pictures: []\n---\n\n# EBS\n\n!!!note "unterminated\n\n    body\n'},
             "storage/ebs.md", 7, "malformed admonition"),
    BadInput("two pages at one URL",
             {"storage/ebs.md": "# EBS\n\nVolumes\n", "storage/ebs/index.md": "# EBS again\n\nSnapshots\n"},
             "storage/ebs.md and storage/ebs/index.md", None, "published as storage/ebs/index.html"),
    BadInput("missing local picture not acknowledged",
             {"storage/ebs.md": "# EBS\n\nText\n\n![Volume types](../imgs/volume%20types.png)\n"},
             "storage/ebs.md", 5, "picture '../imgs/volume types.png' does not exist"),
    BadInput("highlight left raw inside an HTML block",
             {"storage/ebs.md": "# EBS\n\n<div>\nVolumes are ==zonal==\n</div>\n"},
             "storage/ebs.md", 4, "raw highlight"),
    BadInput("page saved in Latin-1, not UTF-8",
             {"storage/ebs.md": "# EBS\n\nVolumes\n\nCafé au lait\n".encode("latin-1")},
             "storage/ebs.md", 5, "byte 0xe9 is not UTF-8"),
    BadInput("underline left raw inside an HTML block",
             {"storage/ebs.md": "# EBS\n\nText\n\n<p>Volumes live ^^in one AZ^^</p>\n"},
             "storage/ebs.md", 5, "raw underline"),
    BadInput("code fence never closed",
             {"storage/ebs.md": "# EBS\n\n```python\nx = 1\n\n* Elastic Block Store (EBS) volumes\n"},
             "storage/ebs.md", 3, "code fence '```python' is never closed"),
    BadInput("unindented admonition below a fence never closed",
             {"storage/ebs.md": "# EBS\n\n```\nx = 1\n\n!!! note\n\nNot indented\n"},
             "storage/ebs.md", 8, "not indented"),
    BadInput(".pages naming a file that does not exist",
             {"storage/.pages": "title: Storage\nnav:\n  - index.md\n  - s3.md\n  - ghost.md\n"},
             "storage/.pages", 5, "'ghost.md' names no file or folder in storage/"),
    BadInput(".pages that is not YAML",
             {"storage/.pages": "title: Storage\nnav:\n  - index.md\n  - [s3.md\n"},
             "storage/.pages", 5, "not valid YAML"),
    BadInput(".pages whose entries YAML runs together",
             {"storage/.pages": "title: Storage\nnav:\n  - index.md\n   - s3.md\n"},
             "storage/.pages", 3, "'index.md - s3.md' names no file or folder"),
    BadInput("missing_pictures: true",
             {"storage/ebs.md": "---\nmissing_pictures: true\n---\n\n# EBS\n\nText\n"},
             "storage/ebs.md", 2, "missing_pictures must be a list of picture paths"),
    BadInput("link to a page that does not exist",
             {"storage/ebs.md": "# EBS\n\nText\n\nSee [the rest](nope.md)\n"},
             "storage/ebs.md", 5, "contains a link 'nope.md', but the target 'storage/nope.md' is not found"),
    BadInput("link to an anchor that does not exist",
             {"storage/ebs.md": "# EBS\n\nText\n\nSee [S3](s3.md#nowhere)\n"},
             "storage/ebs.md", 5, "does not contain an anchor '#nowhere'"),
    BadInput("empty page",
             {"storage/ebs.md": ""},
             "storage/ebs.md", 1, "the page is empty"),
    BadInput("page with only front matter",
             {"storage/ebs.md": "---\nmissing_pictures: []\n---\n"},
             "storage/ebs.md", 1, "the page is empty"),
    BadInput("page emptied while others link to it and name it",
             {"storage/s3.md": "\n", "storage/glacier.md": "# Glacier\n\nArchives from S3 buckets\n",
              "storage/efs.md": "# EFS\n\nFiles, not [objects](s3.md)\n"},
             "storage/s3.md", 1, "pages that link to it or name it ('S3'): storage/efs.md, storage/glacier.md"),
]


def build(tmp_path, pages: dict[str, str | bytes]) -> Build:
    return build_small_site(tmp_path, {**GOOD_SITE, **pages})


@pytest.fixture(scope="module")
def bad_builds(tmp_path_factory) -> dict[str, Build]:
    """Every bad input built at once: each build is a subprocess, so they can run side by side."""
    with ThreadPoolExecutor() as pool:
        builds = {bad.what: pool.submit(build, tmp_path_factory.mktemp("bad"), bad.pages) for bad in BAD_INPUTS}
        return {what: future.result() for what, future in builds.items()}


def warnings_naming(result: Build, file: str, line: int | None) -> list[str]:
    where = f"{file}:{line}:" if line is not None else file
    return [warning for warning in result.warnings if where in warning]


def test_a_good_small_site_builds_clean(tmp_path):
    result = build(tmp_path, {})
    assert result.returncode == 0, result.log
    assert result.warnings == []
    page = BeautifulSoup((result.site_dir / "storage" / "s3" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert page.select_one("article mark").get_text() == "buckets"
    assert page.select_one("article em ins").get_text() == "globally"
    assert page.select("article li li")
    assert len(page.select("article div.admonition")) == 2
    assert len(page.select("article div.tabbed-set label")) == 2
    assert page.select("article div.tabbed-block div.admonition.tip")


@pytest.mark.parametrize("bad", BAD_INPUTS, ids=str)
def test_bad_input_fails_the_strict_build_naming_the_file(bad_builds, bad: BadInput):
    result = bad_builds[bad.what]
    assert result.returncode != 0, result.log
    named = warnings_naming(result, bad.file, bad.line)
    assert named, f"no warning names {bad.file}:{bad.line}:\n{result.log}"
    assert any(bad.says in warning for warning in named), "\n".join(named)
    assert "Traceback" not in result.log


def test_an_acknowledged_missing_picture_builds_with_a_placeholder(tmp_path):
    page = ("---\nmissing_pictures:\n  - ../imgs/volume%20types.png\n---\n\n"
            "# EBS\n\nText\n\n![Volume types](../imgs/volume%20types.png)\n")
    result = build(tmp_path, {"storage/ebs.md": page})
    assert result.returncode == 0, result.log
    assert result.warnings == []
    info = [line for line in result.log.splitlines()
            if line.startswith("INFO") and "storage/ebs.md:10:" in line and "volume types.png" in line]
    assert info, result.log
    html = BeautifulSoup((result.site_dir / "storage" / "ebs" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    placeholder = html.select_one("article .missing-picture")
    assert placeholder is not None and "Volume types" in placeholder.get_text()
    assert [img for img in html.find_all("img") if "volume" in img.get("src", "")] == []


def test_a_missing_picture_acknowledged_on_another_page_still_fails(tmp_path):
    pages = {"storage/ebs.md": "---\nmissing_pictures:\n  - ../imgs/volume%20types.png\n---\n\n# EBS\n\nText\n",
             "storage/efs.md": "# EFS\n\n![Volume types](../imgs/volume%20types.png)\n"}
    result = build(tmp_path, pages)
    assert result.returncode != 0
    assert warnings_naming(result, "storage/efs.md", 3)


def test_clashing_destinations_name_every_source():
    from page_urls import clashing_destinations
    files = [("a/b.md", "a/b/index.html"), ("a/b/index.md", "a/b/index.html"), ("a/c.md", "a/c/index.html"),
             ("a/b/README.md", "a/b/index.html")]
    assert clashing_destinations(files) == {"a/b/index.html": ["a/b.md", "a/b/README.md", "a/b/index.md"]}
    assert clashing_destinations(files[2:3]) == {}


@pytest.mark.parametrize("vocabulary, says", [
    ("aliases:\n  S3: Storage\n   EBS: x\n", "hooks/vocabulary.yml:3: not valid YAML"),
    ("- S3: Storage\n", "hooks/vocabulary.yml: expected the keys aliases, generic_headings, everyday_words, "
                        "standard, not_acronyms, senses, found a list"),
    ("senses:\n  SMS:\n    net/gone.md: Short Message Service\n",
     "hooks/vocabulary.yml: senses: SMS: 'net/gone.md' is no page of the notes"),
    ("aliases:\n  Objects: Amazon Objects\n", "hooks/vocabulary.yml: aliases: 'Objects' names 'Amazon Objects', "
                                              "which is no page or section heading"),
])
def test_a_broken_vocabulary_file_is_one_sentence_not_a_traceback(tmp_path, vocabulary, says):
    (tmp_path / "hooks").mkdir()
    (tmp_path / "hooks" / "vocabulary.yml").write_text(vocabulary, encoding="utf-8")
    result = build(tmp_path, {})
    assert result.returncode != 0
    assert says in result.log, result.log
    assert "Traceback" not in result.log


def test_notes_text_never_becomes_markup_in_what_the_hooks_write(tmp_path):
    # Titles, headings, ids and alt texts land in topic lists, the home page, footers, the glossary
    # and placeholders; each must arrive as the same text, and no attribute or element of its own.
    hostile = '<img src=x onerror="window.__pwned=1">'
    pages = {
        "storage/.pages": 'title: "Storage & <b>Co</b>"\n',
        "storage/latency.md": f"# Latency < 10 ms {hostile}\n\n* Objects on Amazon S3 reach clients fast\n",
        "storage/s3.md": ("---\nmissing_pictures:\n  - gone.png\n---\n\n# S3\n\n"
                          "* Simple Storage Service (S3) keeps objects\n\n"
                          '![Tiers `code" onmouseover="window.__pwned=2` here](gone.png)\n\n'
                          "## Classes {: id='c\"><img src=x onerror=window.__pwned=3>' }\n\n* Many\n"),
        "storage/glacier.md": "# Glacier\n\n* Archives made from S3 objects, see the Classes\n",
    }
    result = build_small_site(tmp_path, {**GOOD_SITE, **pages}, strict=False)
    assert result.returncode == 0, result.log
    assert [w for w in result.warnings if "storage/s3.md:12: the id 'c\"><img" in w] == result.warnings, result.log
    for page in ("index", "storage/index", "storage/s3/index", "storage/latency/index", "glossary/index"):
        html = (result.site_dir / f"{page}.html").read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        if page == "storage/latency/index":
            soup.select_one("article h1").decompose()  # raw HTML the author typed renders on their own page
        assert not soup.select("[onerror], [onmouseover], article img[src=x], nav img[src=x], b"), page
    home = BeautifulSoup((result.site_dir / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert f"Latency < 10 ms {hostile}" in [a.get_text() for a in home.select(".topics a")]
    assert "Storage & <b>Co</b>" in [a.get_text() for a in home.select(".topics strong a")]
    topic = BeautifulSoup((result.site_dir / "storage/index.html").read_text(encoding="utf-8"), "html.parser")
    assert f"Latency < 10 ms {hostile}" in [a.get_text() for a in topic.select(".topic-pages a")]
    s3 = BeautifulSoup((result.site_dir / "storage/s3/index.html").read_text(encoding="utf-8"), "html.parser")
    assert s3.select_one(".missing-picture")["aria-label"] == \
        'Picture not available: Tiers code" onmouseover="window.__pwned=2 here'
    footer = s3.select_one(".knowledge-footer")
    assert f"Latency < 10 ms {hostile}" in footer.get_text()
