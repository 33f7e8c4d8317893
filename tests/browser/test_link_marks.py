"""The three marks in running text look different in Chromium, light and dark: a tooltip (<abbr>),
a cross-link (a.autolink) and the notes' own ^^underline^^ (<ins>). The glossary's letter bar is
easy to tap on a phone and a desktop. Screenshots for people to look at go to build/screenshots/.
The pages used are found in the built site, never named here."""

from __future__ import annotations

import copy

import pytest

from browsing import SCHEMES, SCREENSHOTS, offline_context, show

SIZES = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1280, "height": 900}}
MIN_TARGET = 24  # CSS px: Lighthouse's target-size audit (WCAG 2.5.8)
MARKS = {"tooltip": "abbr", "cross-link": "a.autolink", "underline": "ins"}


def page_with_all_marks(site) -> tuple[str, int] | None:
    """(URL, index of the <ins> on the page) where an <ins> sits closest to both an <abbr> and a
    cross-link: the smallest element of the page's body holding all three."""
    best = None
    for path in site.html_files():
        url = site.url_of(path)
        article = copy.copy(site.article(url))
        for footer in article.select(".knowledge-footer"):
            footer.extract()
        for number, ins in enumerate(article.select("ins")):
            for holder in ins.parents:
                if holder.select_one("abbr") and holder.select_one("a.autolink"):
                    size = len(holder.get_text())
                    if best is None or size < best[0]:
                        best = (size, url, number)
                    break
                if holder is article:
                    break
    return best and best[1:]


STYLE_OF_MARKS = """([number, selectors]) => {
    const ins = document.querySelectorAll('article.md-content__inner ins')[number];
    let holder = ins.parentElement;
    while (!(holder.querySelector(selectors.abbr) && holder.querySelector(selectors.link))) {
        holder = holder.parentElement;
    }
    ins.scrollIntoView({block: 'center'});
    const style = element => {
        const s = getComputedStyle(element);
        return {line: s.textDecorationLine, style: s.textDecorationStyle,
                colour: s.textDecorationColor, thickness: s.textDecorationThickness,
                text: s.color, cursor: s.cursor, background: s.backgroundColor,
                bodyText: getComputedStyle(holder).color};
    };
    return {abbr: style(holder.querySelector(selectors.abbr)),
            link: style(holder.querySelector(selectors.link)), ins: style(ins)};
}"""


@pytest.mark.parametrize("scheme", SCHEMES)
def test_tooltip_crosslink_and_underline_look_different(browser, site, served_site, scheme):
    found = page_with_all_marks(site)
    if found is None:
        pytest.skip("no page of the notes has an ^^underline^^ beside a tooltip and a cross-link")
    url, number = found
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = offline_context(browser, viewport=SIZES["desktop"])
    try:
        page = context.new_page()
        show(page, served_site + url, scheme)
        marks = page.evaluate(STYLE_OF_MARKS, [number, {"abbr": MARKS["tooltip"], "link": MARKS["cross-link"]}])
        page.mouse.move(0, 0)
        path = SCREENSHOTS / f"marks-{scheme}-desktop.png"
        page.screenshot(path=path)
        assert path.read_bytes().startswith(b"\x89PNG")
        abbr, link, ins = marks["abbr"], marks["link"], marks["ins"]
        for name, mark in marks.items():
            assert "underline" in mark["line"], f"{url}: {name} is not underlined: {mark}"
        # Told apart by line style, colour or cursor, each from each.
        signatures = {name: (mark["style"], mark["colour"], mark["cursor"], mark["thickness"])
                      for name, mark in marks.items()}
        assert len(set(signatures.values())) == 3, f"{url}: two marks look alike: {signatures}"
        assert abbr["style"] == "dotted" and abbr["cursor"] == "help", abbr
        assert link["style"] == "solid" and link["text"] != link["bodyText"], link      # the link colour
        assert ins["style"] == "solid" and ins["cursor"] not in ("pointer", "help"), ins
        assert ins["text"] == ins["bodyText"] and ins["colour"] == ins["text"], ins      # text colour: not a link
        assert float(ins["thickness"].removesuffix("px")) > float(link["thickness"].removesuffix("px")), marks
        assert context.traffic.errors == []
    finally:
        context.close()


@pytest.mark.parametrize("size", SIZES)
def test_glossary_letters_are_big_enough_to_tap(browser, site, served_site, size):
    letters = site.article("glossary/").select(".glossary-letters a")
    assert letters, "the glossary has no letter bar"
    context = offline_context(browser, viewport=SIZES[size], is_mobile=size == "phone")
    try:
        page = context.new_page()
        show(page, served_site + "glossary/", "light")
        boxes = [link.bounding_box() for link in page.locator(".glossary-letters a").all()]
        assert len(boxes) == len(letters)
        small = [(link.get_text(), box) for link, box in zip(letters, boxes, strict=True)
                 if box is None or box["width"] < MIN_TARGET or box["height"] < MIN_TARGET]
        assert small == [], f"letters under {MIN_TARGET}x{MIN_TARGET} px at {size}: {small}"
        for first, second in zip(boxes, boxes[1:], strict=False):  # no two targets overlap
            assert (first["x"] + first["width"] <= second["x"] or first["y"] + first["height"] <= second["y"]
                    or second["y"] + second["height"] <= first["y"]), (first, second)
        assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
        page.screenshot(path=SCREENSHOTS / f"glossary-light-{size}.png")
        assert context.traffic.errors == []
    finally:
        context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_hub_page_footer_screenshot(browser, site, served_site, scheme):
    """The page with the most backlinks: its footer shows at most the capped rows, the rest folded
    (closed) until opened."""
    counts = {site.url_of(path): len(site.article(site.url_of(path)).select(".knowledge-footer ul.backlinks > li"))
              for path in site.html_files()}
    url = max(counts, key=counts.get)
    if counts[url] == 0:
        pytest.skip("no page has backlinks")
    context = offline_context(browser, viewport=SIZES["desktop"])
    try:
        page = context.new_page()
        show(page, served_site + url, scheme)
        # the heading just below Material's fixed header
        page.evaluate("document.getElementById('mentioned-in').scrollIntoView({block: 'start'}); "
                      "window.scrollBy(0, -80)")
        visible = page.locator(".knowledge-footer ul.backlinks > li:visible").count()
        folded = page.locator(".knowledge-footer details.backlinks-more").count()
        assert visible < counts[url] and folded > 0, (url, visible, counts[url])
        page.screenshot(path=SCREENSHOTS / f"footer-{scheme}-desktop.png")
        page.locator(".knowledge-footer details.backlinks-more > summary").first.click()
        assert page.locator(".knowledge-footer ul.backlinks > li:visible").count() > visible
        assert context.traffic.errors == []
    finally:
        context.close()
