"""Unit tests of hooks/notes_syntax.py: the checks for hand-typed admonitions, content tabs and raw
markup, on strings, without a build."""

from __future__ import annotations

import pytest

from notes_syntax import Problem, check_markup, find_raw_syntax, visible_text


def markdown(*lines: str) -> str:
    return "\n".join(lines) + "\n"


# --- check_markup: what is fine ----------------------------------------------------------------


@pytest.mark.parametrize("snippet", [
    markdown("# EBS", "", "!!! note", "", "    Volumes are zonal"),
    markdown('!!! note "Spot Instance Types"', "", "    * **Spot Instance**: one or more"),
    markdown("!!! Example", "", "    Capitalised types are fine"),
    markdown("!!! tip", "    Body right below the opener"),
    markdown('=== "SQS"', "", "    * queue", "", '=== "SNS"', "", "    * topic"),
    markdown('=== "Secrets Manager ($$$)"', "", "    Rotation built in"),
    markdown("* list item", "", "    !!! note", "", "        inside a list item"),
], ids=["admonition", "titled", "capitalised", "no blank line", "tab group", "tab title with $", "in a list"])
def test_well_formed_blocks_raise_no_problem(snippet):
    assert check_markup(snippet) == []


def test_an_admonition_nested_in_a_tab_is_fine():
    assert check_markup(markdown(
        '=== "Mappings"',
        "",
        "    The optional Mappings section matches a key to a set of named values",
        "",
        "    !!! tip",
        "",
        "        With mappings you can set values based on a region.",
        "",
        '=== "Outputs"',
        "",
        "    Output values")) == []


def test_block_syntax_inside_fenced_code_is_ignored():
    assert check_markup(markdown(
        "```bash",
        "!!! not an admonition",
        '=== "not a tab"',
        "```",
        "",
        "    ```json",
        '    {"a": "!!!"}',
        "    ```")) == []


def test_a_fence_of_the_other_kind_does_not_close_the_code():
    assert check_markup(markdown("~~~", "```", "!!! note", "~~~")) == []


# --- check_markup: what is reported ------------------------------------------------------------


def test_a_body_indented_by_two_spaces_is_reported_on_its_line():
    problems = check_markup(markdown("# EBS", "", "!!! note", "", "  Volumes are zonal"))
    assert [p.line for p in problems] == [5]
    assert "indented by 2 spaces; it needs 4" in problems[0].message


def test_an_unindented_body_is_reported_with_its_opener():
    problems = check_markup(markdown("!!! tip", "", "Volumes are zonal"))
    assert problems == [Problem(3, "admonition body under '!!! tip' (line 1) is not indented; "
                                   "indent it by 4 spaces")]


def test_an_unindented_tab_body_is_reported():
    problems = check_markup(markdown('=== "gp3"', "", "General purpose SSD"))
    assert [(p.line, p.message.split(" body")[0]) for p in problems] == [(3, "content tab")]


@pytest.mark.parametrize("snippet, line", [
    (markdown("!!! tip"), 1),
    (markdown("# EBS", "!!! tip", "", "## Snapshots"), 2),
    (markdown("!!! tip", "", "!!! note", "", "    body"), 1),
    (markdown('=== "Empty"', "", '=== "Full"', "", "    body"), 1),
], ids=["at the end", "before a heading", "before another admonition", "before another tab"])
def test_an_empty_block_is_reported_at_its_opener(snippet, line):
    problems = check_markup(snippet)
    assert [p.line for p in problems] == [line]
    assert problems[0].message.startswith("empty ")


@pytest.mark.parametrize("opener", ['!!!note "unterminated', '!!! note "unterminated', "!!!",
                                    '!!! note "a" "b"'])
def test_a_malformed_admonition_opener_is_reported(opener):
    problems = check_markup(markdown(opener, "", "    body"))
    assert [p.line for p in problems] == [1]
    assert problems[0].message.startswith("malformed admonition")
    assert "!!! note \"Title\"" in problems[0].message


@pytest.mark.parametrize("opener", ["=== Tab", '==="Tab"', '=== ""', "==="])
def test_a_malformed_tab_opener_is_reported(opener):
    problems = check_markup(markdown(opener, "", "    body"))
    assert [p.line for p in problems] == [1]
    assert problems[0].message.startswith("malformed content tab")


def test_every_problem_in_a_page_is_reported():
    problems = check_markup(markdown("!!! tip", "", "  two", "", "!!! note", "", "none", "", "!!! info"))
    assert [p.line for p in problems] == [3, 7, 9]


# --- find_raw_syntax ---------------------------------------------------------------------------


def test_rendered_markup_is_not_raw():
    html = '<p>Policies are written in <mark>JSON</mark>; see <a href="x">docs</a></p>'
    assert find_raw_syntax(html, "Policies are written in ==JSON==; see [docs](x)\n") == []


@pytest.mark.parametrize("raw, what", [
    ("!!! note", "admonition marker"),
    ('=== "Tab"', "content tab marker"),
    ("==JSON==", "highlight"),
    ("^^in a specific AZ^^", "underline"),
    ("[docs](https://example.com)", "link syntax"),
])
def test_raw_markup_in_text_is_reported_on_its_markdown_line(raw, what):
    problems = find_raw_syntax(f"<p>before {raw} after</p>", markdown("# Page", "", f"<div>before {raw} after</div>"))
    assert len(problems) == 1
    assert problems[0].line == 3
    assert what in problems[0].message


@pytest.mark.parametrize("html", [
    '<pre><code>!!! note\n=== "Tab"\n==JSON== [a](b)</code></pre>',
    "<p>Use <code>a == b</code> and <code>[x](y)</code> and <code>==x==</code></p>",
    "<script>if (a ==b== c) {}</script>",
    "<p>a == b, and === is not a tab without its title</p>",
    "<p>2^^3 is not an underline, nor is ^^ alone</p>",
])
def test_code_and_lone_signs_are_not_raw_markup(html):
    assert find_raw_syntax(html, "") == []


def test_visible_text_leaves_out_code_but_keeps_the_text_around_it():
    assert visible_text("<p>run <code>==x==</code> now</p><pre><code>!!!</code></pre><p>done</p>") == "run  nowdone"
