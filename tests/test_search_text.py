"""What Material's search plugin reads of a page (hooks/search_text.py): every block a word
boundary, each tab title with its own tab, rows and terms as lines; and the index split into the
settings every page fetches and the documents the worker fetches on the first query."""

import json

import pytest
from material.plugins.search.plugin import Parser

from crosslinks import unmarked
from search_text import GLOSSARY_BOOST, NEEDS_PARSING, rewritten, search_html, split_index, without_excluded
from sitebuild import search_documents

TABS = ('<div class="tabbed-set tabbed-alternate" data-tabs="1:2"><input checked="checked" id="t1" '
        'name="t" type="radio" /><input id="t2" name="t" type="radio" /><div class="tabbed-labels">'
        '<label for="t1">Security Groups</label><label for="t2">NACL (Network ACL)</label></div>\n'
        '<div class="tabbed-content">\n<div class="tabbed-block">\n<ul>\n<li>stateful</li>\n</ul>\n</div>\n'
        '<div class="tabbed-block">\n<p>stateless &amp; <code>ALLOW</code></p>\n</div>\n</div>\n</div>')


def indexed_text(html: str) -> str:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return "".join(parser.data[0].text)


def test_each_tab_title_heads_its_own_tab_and_no_words_run_together():
    text = indexed_text(search_html(TABS))
    assert "GroupsNACL" in indexed_text(TABS)  # what the plugin makes of the page as it is
    assert "GroupsNACL" not in text
    assert text.index("Security Groups") < text.index("stateful") < text.index("NACL (Network ACL)") \
        < text.index("stateless")
    assert "<p>NACL (Network ACL)</p>" in text and "&amp;" in text


def test_table_cells_and_list_items_are_separate_words_and_rows_are_lines():
    html = "<table><tr><th>Limit</th><th>Value</th></tr><tr><td>Timeout</td><td>900 s</td></tr></table>"
    text = indexed_text(search_html(html))
    assert "LimitValue" in indexed_text(html) and "LimitValue" not in text
    assert "<p>Timeout 900 s</p>" in " ".join(text.split()).replace("> ", ">").replace(" <", "<")


def test_the_page_html_keeps_its_markup_for_the_plugin_to_read():
    html = '<p>An <a class="autolink" href="../vpc/">VPC</a> <abbr title="x">ENI</abbr></p>'
    assert search_html(html).startswith(html)


def documents(html: str) -> list[tuple[str | None, str, str]]:
    """What the search plugin makes of `html`: each section's id, title and text."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.id, "".join(s.title), "".join(s.text)) for s in parser.data if not s.is_excluded()]


@pytest.mark.parametrize("html", [
    "<ul><li>a</li><li>b</li></ul><p>c &amp d</p>",    # blocks only: spaced without a parser
    '<h2 id="x">An <em>h</em></h2><p><strong>ACL</strong> <span class="e">Access</span></p>',
    '<p>a</p><!-- </p> --><p>b</p>',                     # a comment
    "<P>a</P><p>b</p >",                                # capitals, a space in an end tag
    "<script>if (a</p>b) {}</script><p>c</p>",          # an end tag in a script is text
    '<p><img src="x.png"></img>a</p>',                   # a void element's end tag
    "<p>a<br>b</p><hr><dl><dt>c</dt><dd>d</dd></dl>",  # what the rewriter changes
])
def test_html_search_reads_without_a_parser_reads_as_if_parsed(html):
    def words(docs):
        return [(id, " ".join(title.split()), " ".join(text.split())) for id, title, text in docs]
    assert words(documents(search_html(html))) == words(documents(rewritten(without_excluded(html))))


def test_every_page_search_reads_without_a_parser_reads_as_if_parsed(site):
    """search_html parses a page only where the HTML has more than blocks to space: on every page
    of the site the search plugin makes the same documents of it either way, and the largest
    page, the Glossary, needs no parser."""
    unparsed = []
    for path in site.html_files():
        text = path.read_text(encoding="utf-8")
        html = without_excluded(unmarked(text[text.index("<article"):text.index("</article>")]))
        if not NEEDS_PARSING.search(html):
            unparsed.append(site.url_of(path))
            assert documents(search_html(html)) == documents(rewritten(html)), path
    assert "glossary/" in unparsed


def test_the_glossary_gives_search_what_the_plugin_would_read_of_its_page(site):
    """The Glossary hands search its sections (glossary.search_sections) instead of having its
    200 KB page parsed: they are the documents the plugin makes of the page as built."""
    text = (site.dir / "glossary" / "index.html").read_text(encoding="utf-8")
    page = without_excluded(text[text.index("<h1"):text.index("</article>")])  # the page, not the theme
    parsed = [("glossary/" + (f"#{id}" if id else ""), title.strip(), body.strip())
              for id, title, body in documents(search_html(page))]
    given = [(doc["location"], doc["title"], doc["text"]) for doc in search_documents(site.dir)
             if doc["location"].startswith("glossary/")]
    assert len(given) > 20 and given == parsed


def test_what_search_leaves_out_is_not_handed_to_it_but_an_excluded_section_is():
    html = ('<h2 id="a">Used</h2><p>kept <details class="used" data-search-exclude><summary>Used in</summary>'
            '<details><p>nested</p></details></details>after</p><hr data-search-exclude>'
            '<div data-search-exclude><h3 id="b">Inside</h3><p>left for the plugin</p></div>'
            '<h2 id="c" data-search-exclude>Mentioned in</h2><p>its section</p>'
            '<div data-search-exclude><p>never closed</p>')
    cut = without_excluded(html)
    assert cut.startswith('<h2 id="a">Used</h2><p>kept after</p><div data-search-exclude><h3')
    assert '<h2 id="c" data-search-exclude>Mentioned in</h2>' in cut and cut.endswith("<p>never closed</p>")

    def sections(page):
        parser = Parser()
        parser.feed(page)
        parser.close()
        return [(s.id, " ".join("".join(s.text).split())) for s in parser.data if not s.is_excluded()]

    assert sections(search_html(html)) == sections(html)


def test_every_page_fetches_the_settings_only_and_the_worker_the_documents():
    index = {"config": {"separator": "[\\s]+"}, "docs": [
        {"location": "vpc/", "title": "VPC", "text": "<p>x</p>"},
        {"location": "glossary/#n", "title": "N", "text": "<p>NACL Network Access Control List</p>"}]}
    stub, documents = split_index(json.dumps(index), {"NACL": ["Network Access Control List"]}, "glossary/")
    assert json.loads(stub)["docs"] == [] and json.loads(stub)["config"] == index["config"]
    documents = json.loads(documents)
    assert [doc["location"] for doc in documents["docs"]] == ["vpc/", "glossary/#n"]
    assert documents["docs"][1]["boost"] == GLOSSARY_BOOST and "boost" not in documents["docs"][0]
    assert documents["glossary"] == {"NACL": ["Network Access Control List"]}
