"""Hand-typed syntax that would not render fails a strict build with a warning naming the file and
line; throw-away sites built with the project's own theme, extensions and hooks."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest
from bs4 import BeautifulSoup

from sitebuild import Build, build_small_site

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
