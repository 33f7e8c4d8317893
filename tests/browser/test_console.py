"""No JavaScript errors on a spread of 30 pages (every topic's index among them, the glossary when
there is one): an uncaught exception or a console error from the site fails the test."""

from __future__ import annotations

SAMPLE_SIZE = 30


def sample(urls: list[str], size: int) -> list[str]:
    """`size` URLs spread evenly over the sorted list, so every part of the site is visited."""
    step = len(urls) / size
    return [urls[int(i * step)] for i in range(size)]


def test_no_javascript_errors_on_30_pages(page, served_site, site):
    urls = sorted(site.url_of(path) for path in site.html_files())
    chosen = sample(urls, SAMPLE_SIZE)
    if "glossary/" in urls and "glossary/" not in chosen:
        chosen[-1] = "glossary/"
    assert len(set(chosen)) == SAMPLE_SIZE
    for url in chosen:
        page.goto(served_site + url)
        # Material starts its components after load; give deferred work one frame to fail.
        page.wait_for_function("document.querySelector('.md-search__input') !== null")
        page.evaluate("new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 50)))")
    assert page.context.traffic.errors == []
