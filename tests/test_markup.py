"""markup(): the one way hooks put notes text into HTML."""

from markupsafe import Markup, escape

from markup import escaped, joined, markup
from notes import notes


def test_every_value_is_escaped_unless_it_is_already_markup():
    filled = markup('<a href="{}" title="{}">{}</a> {}', '"><script>', "it's <b>", Markup("<em>ok</em>"), 3)
    assert filled == '<a href="&#34;&gt;&lt;script&gt;" title="it&#39;s &lt;b&gt;"><em>ok</em></a> 3'
    assert isinstance(filled, Markup)
    assert markup("<h2 id=\"{0}\">{1}</h2>", "a&b", "A") == '<h2 id="a&amp;b">A</h2>'


def test_the_escaping_is_markupsafes_character_for_character():
    texts = ["&<>'\"", "&amp; &lt;", "", "plain"] + [page.markdown for page in notes().pages]
    for text in texts:
        assert escaped(text) == str(escape(text))


def test_joined_is_markups_join():
    parts = ["a & b", Markup("<em>c</em>"), 3, "<script>"]
    for separator in ("", ", ", "\n", " · "):
        assert joined(parts, separator) == Markup(separator).join(parts)
        assert isinstance(joined(parts, separator), Markup)
