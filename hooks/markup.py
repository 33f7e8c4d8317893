"""One way to put notes text into HTML: `markup(template, *values)`.

Each value is escaped unless it is already Markup (anything with __html__), as with markupsafe's
Markup.format, which this replaces: that runs Python's string.Formatter in Python, and a build
fills some 14,000 templates. The escaping is markupsafe's, character for character, made with
str.replace rather than by making a Markup object of each value.
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup


def escaped(text: str) -> str:
    """`text` with & < > ' " as markupsafe.escape writes them."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("'", "&#39;").replace('"', "&#34;"))


def as_html(value: object) -> str:
    """`value` as HTML: Markup (anything with __html__) as it is, anything else escaped."""
    if type(value) is str:  # most values: notes text
        return escaped(value)
    return value.__html__() if hasattr(value, "__html__") else escaped(str(value))


def _trusted(html: str) -> Markup:
    """Markup(html) for a str: Markup's own constructor is Python code that first asks whether
    its argument has __html__, which a str never has."""
    return str.__new__(Markup, html)


def markup(template: str, *values: object) -> Markup:
    """`template` (trusted HTML with {} fields) filled with `values`, each escaped."""
    return _trusted(template.format(*map(as_html, values)))


def joined(parts: Iterable[object], separator: str = "") -> Markup:
    """`parts` joined by `separator` (trusted HTML), each escaped unless it is Markup: what
    Markup(separator).join does, without a Markup object per part."""
    return _trusted(separator.join(map(as_html, parts)))
