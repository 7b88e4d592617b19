"""The reader experience in a real browser: glossary filter, letter bar, tooltips, dark mode.

Each test builds tests/roots/test-browser with Sphinx (furo theme) and opens the
pages in headless Chromium through Playwright, by file:// URL (no server, no
network). Chromium is $MSP_CHROMIUM, else ``chromium`` on PATH; without it the
tests are skipped, or fail when $CI is set.

With $MSP_SCREENSHOTS_DIR set, the tests also save screenshots there:
card-light.png, card-dark.png, tooltip-light.png, tooltip-dark.png,
glossary-light.png and glossary-dark.png.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import contrast, in_card, luminance, over, parse_color, parse_html


try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture then fails (in CI) or skips
    expect = None

EMPTY_TEXT = "No terms match your search. Try a different keyword or clear the filter."
FURO = {"html_theme": "furo"}
VIEWPORT = {"width": 1200, "height": 800}
STATIC = Path(__file__).parent.parent / "sphinx_msp_glossary" / "static"

pytestmark = [pytest.mark.browser, pytest.mark.sphinx("html", testroot="browser", confoverrides=FURO)]


# -- fixtures -----------------------------------------------------------------


# browser, site and glossary: tests/conftest.py


def open_page(browser, site: Path, page: str = "index", **context_options):
    options = {"viewport": VIEWPORT, **context_options}
    context = browser.new_context(**options)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto((site / f"{page}.html").as_uri())
    tab.errors = errors
    return tab


@pytest.fixture
def pages(browser) -> Iterator[list]:
    """Pages to close after the test; a test appends what it opens."""
    opened: list = []
    yield opened
    for tab in opened:
        assert not tab.errors, f"JavaScript errors: {tab.errors}"
        tab.context.close()


@pytest.fixture
def open_(browser, site: Path, pages: list):
    def opener(page: str = "index", **context_options):
        tab = open_page(browser, site, page, **context_options)
        pages.append(tab)
        return tab

    return opener


# -- helpers ------------------------------------------------------------------


def screenshot(target, name: str, **options) -> None:
    """Save a PNG into $MSP_SCREENSHOTS_DIR, when it is set."""
    directory = os.environ.get("MSP_SCREENSHOTS_DIR")
    if directory:
        Path(directory).mkdir(parents=True, exist_ok=True)
        target.screenshot(path=str(Path(directory, name)), **options)


def clip_around(page, *boxes: dict, margin: int = 16) -> dict:
    """A clip rectangle around the union of bounding boxes, inside the viewport."""
    size = page.viewport_size
    left = max(0, min(box["x"] for box in boxes) - margin)
    top = max(0, min(box["y"] for box in boxes) - margin)
    right = min(size["width"], max(box["x"] + box["width"] for box in boxes) + margin)
    bottom = min(size["height"], max(box["y"] + box["height"] for box in boxes) + margin)
    return {"x": left, "y": top, "width": right - left, "height": bottom - top}


def visible_terms(page) -> list[str]:
    return page.locator(".msp-glossary .msp-term-card:visible").evaluate_all(
        "cards => cards.map(card => card.dataset.mspTerm)"
    )


def searchable(term) -> str:
    return " ".join([term.name, term.expansion, *term.aliases, term.definition]).lower()


def ref(page, term_id: str):
    """The first reference to ``term_id`` in the page's body text."""
    return page.locator(
        f'article a.msp-term-ref[href$="#msp-term-{term_id}"], article span.msp-term-ref[data-msp-term="{term_id}"]'
    ).first


def assert_in_viewport(page, box: dict) -> None:
    size = page.viewport_size
    assert box["x"] >= 0 and box["y"] >= 0, box
    assert box["x"] + box["width"] <= size["width"], box
    assert box["y"] + box["height"] <= size["height"], box


def scrolled_to(page, element_id: str) -> None:
    """Wait until the element is in the top half of the viewport."""
    page.wait_for_function(
        "id => { const top = document.getElementById(id).getBoundingClientRect().top;"
        " return top >= 0 && top < innerHeight / 2; }",
        arg=element_id,
        timeout=5000,
    )


COLOURS_JS = """el => {
  const backgrounds = [];
  for (let node = el; node; node = node.parentElement) {
    backgrounds.push(getComputedStyle(node).backgroundColor);
  }
  return {color: getComputedStyle(el).color, backgrounds};
}"""


def effective_background(locator) -> tuple[float, ...]:
    """What is painted behind an element's text: its backgrounds and its ancestors'."""
    found = locator.evaluate(COLOURS_JS)
    background: tuple[float, ...] = (255.0, 255.0, 255.0, 1.0)  # the canvas
    for layer in reversed(found["backgrounds"]):
        background = over(parse_color(layer), background)
    return background


def effective_contrast(locator) -> float:
    """Contrast of an element's text against what is painted behind it."""
    background = effective_background(locator)
    color = locator.evaluate("el => getComputedStyle(el).color")
    return contrast(over(parse_color(color), background), background)


# -- the glossary page --------------------------------------------------------


def test_assets_stay_small():
    every_page = sum((STATIC / name).stat().st_size for name in ("msp-glossary.css", "msp-glossary.js"))
    assert every_page < 8 * 1024, f"CSS+JS of every page is {every_page} bytes"
    glossary_page = every_page + (STATIC / "msp-glossary-filter.js").stat().st_size
    assert glossary_page < 10.5 * 1024, f"CSS+JS of a glossary page is {glossary_page} bytes"


def test_typing_narrows_the_cards(open_, glossary):
    page = open_("glossary")
    search = page.locator(".msp-glossary__search")
    expect(search).to_be_visible()
    expect(search).to_have_attribute("placeholder", "Filter terms…")
    everything = visible_terms(page)
    assert len(everything) == len(glossary.terms) - 1  # MDR is excluded

    search.fill("tier")
    narrowed = visible_terms(page)
    expected = [t for t in everything if "tier" in searchable(glossary.terms[t])]
    assert 0 < len(narrowed) < len(everything)
    assert narrowed == expected
    assert "tier-1-2-3-support" in narrowed
    # groups left without a card are hidden, the others shown
    for group in page.locator(".msp-glossary__group").all():
        has_cards = group.locator(".msp-term-card:visible").count() > 0
        assert group.is_visible() == has_cards
    expect(page.locator(".msp-glossary__empty")).to_be_hidden()

    # a word of a definition only, typed in another case and with spaces around
    search.fill("  PASTED ")
    narrowed = visible_terms(page)
    assert narrowed == ["ai-acceptable-use"]
    term = glossary.terms["ai-acceptable-use"]
    assert "pasted" not in f"{term.name} {term.expansion}".lower()

    # an alias, which the card does not show
    shown = {t: " ".join([glossary.terms[t].name, glossary.terms[t].expansion, glossary.terms[t].definition]).lower()
             for t in everything}
    alias, owner = next((a.lower(), t) for t in everything for a in glossary.terms[t].aliases
                        if a.lower() not in shown[t])
    search.fill(alias)
    assert owner in visible_terms(page)
    assert visible_terms(page) == [t for t in everything if alias in searchable(glossary.terms[t])]


def test_no_match_shows_the_empty_state_and_clear_restores(open_, glossary):
    page = open_("glossary")
    search = page.locator(".msp-glossary__search")
    empty = page.locator(".msp-glossary__empty")
    expect(empty).to_be_hidden()

    search.press_sequentially("qwxz")
    expect(empty).to_be_visible()
    expect(page.locator(".msp-glossary__empty-text")).to_have_text(EMPTY_TEXT)
    assert visible_terms(page) == []
    expect(page.locator(".msp-glossary__group:visible")).to_have_count(0)
    expect(page.locator(".msp-glossary__letters a.is-filtered")).to_have_count(
        page.locator(".msp-glossary__letters a").count()
    )

    page.get_by_role("button", name="Clear filter").click()
    expect(search).to_have_value("")
    expect(search).to_be_focused()
    expect(empty).to_be_hidden()
    assert len(visible_terms(page)) == len(glossary.terms) - 1
    expect(page.locator(".msp-glossary__letters a.is-filtered")).to_have_count(0)


def test_letter_bar(open_, glossary):
    page = open_("glossary")
    nav = page.get_by_role("navigation", name="Glossary letters")
    initials = {t.name[0].upper() if t.name[0].isalpha() else "#" for t in glossary if t.id != "mdr"}
    letters = ["#"] + [chr(c) for c in range(ord("A"), ord("Z") + 1)]  # "#" first, like its group
    assert nav.locator(".msp-glossary__letter-link").all_inner_texts() == letters
    for letter in letters:
        link = nav.locator(".msp-glossary__letter-link", has_text=re.compile(f"^{re.escape(letter)}$"))
        if letter in initials:
            assert link.evaluate("el => el.tagName") == "A"
        else:
            expect(link).to_have_class(re.compile(r"\bis-disabled\b"))
            expect(link).to_have_attribute("aria-disabled", "true")
    expect(nav.locator("a", has_text="#")).to_have_attribute("href", "#msp-glossary-other")

    nav.get_by_role("link", name="S", exact=True).click()
    expect(page).to_have_url(re.compile(r"#msp-glossary-s$"))
    expect(page.locator("#msp-glossary-s")).to_be_in_viewport()
    scrolled_to(page, "msp-glossary-s")  # at the top, after furo's smooth scrolling

    nav.get_by_role("link", name="Other").click()
    expect(page).to_have_url(re.compile(r"#msp-glossary-other$"))
    expect(page.locator("#msp-glossary-other")).to_be_in_viewport()


def test_without_javascript_every_card_shows(browser, site, pages, glossary):
    page = open_page(browser, site, "glossary", java_script_enabled=False)
    pages.append(page)
    assert len(visible_terms(page)) == len(glossary.terms) - 1
    expect(page.locator(".msp-glossary__search")).to_be_hidden()
    expect(page.locator(".msp-glossary__empty")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Glossary letters")).to_be_visible()
    page.goto((site / "index.html").as_uri())  # the page's first reference keeps its title
    first = page.locator("article .msp-term-ref[title]")
    expect(first).to_have_count(1)
    expect(first).to_have_attribute("title", glossary.terms[first.get_attribute("href").split("#msp-term-")[1]].summary)
    expect(page.locator("article .msp-term-ref").first).to_have_attribute("title", re.compile("."))


# -- tooltips -----------------------------------------------------------------


@pytest.mark.parametrize("width", [1200, 360])
def test_tooltip_on_hover_and_escape(open_, glossary, width):
    page = open_("index", viewport={"width": width, "height": 700})
    link = ref(page, "tier-1-2-3-support")
    summary = glossary.terms["tier-1-2-3-support"].summary
    expect(link).not_to_have_attribute("title", re.compile(".*"))  # moved, no native tooltip

    link.hover()
    tip = page.locator(".msp-tooltip")
    expect(tip).to_be_visible()
    expect(tip).to_have_text(summary)
    expect(tip).to_have_attribute("role", "tooltip")
    expect(link).to_have_attribute("aria-describedby", tip.get_attribute("id"))

    # near the reference and inside the viewport
    tip_box, link_box = tip.bounding_box(), link.bounding_box()
    assert_in_viewport(page, tip_box)
    below = tip_box["y"] - (link_box["y"] + link_box["height"])
    above = link_box["y"] - (tip_box["y"] + tip_box["height"])
    assert 0 <= below <= 12 or 0 <= above <= 12, (tip_box, link_box)
    if width == 1200:
        screenshot(page, "tooltip-light.png", clip=clip_around(page, tip_box, link_box, margin=40))

    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    expect(link).not_to_have_attribute("aria-describedby", re.compile(".*"))

    link.hover()  # shows again after the pointer left and came back
    page.mouse.move(1, 1)
    page.mouse.move(2, 2)
    link.hover()
    expect(tip).to_be_visible()
    page.locator("article h1").hover()  # leaving hides it
    expect(tip).to_be_hidden()


def test_tooltip_on_keyboard_focus(open_, glossary):
    page = open_("index")
    tip = page.locator(".msp-tooltip")
    seen: dict[str, str] = {}
    for _ in range(80):
        page.keyboard.press("Tab")
        term = page.evaluate(
            """() => { const el = document.activeElement;
                return el && el.matches('article .msp-term-ref')
                  ? (el.dataset.mspTerm || el.hash.replace('#msp-term-', '')) : null; }"""
        )
        if term and term not in seen:
            expect(tip).to_be_visible()
            seen[term] = tip.inner_text()
            focused = page.locator(":focus")
            expect(focused).to_have_attribute("aria-describedby", tip.get_attribute("id"))
        if "mdr" in seen:
            break
    assert seen["sla"] == glossary.terms["sla"].summary
    assert seen["mdr"] == glossary.terms["mdr"].summary  # a card-less term is reachable too
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    page.keyboard.press("Shift+Tab")  # focus on another reference: its tooltip
    expect(tip).to_have_text(glossary.terms["zero-trust"].summary)
    page.evaluate("document.activeElement.blur()")  # leaving the reference hides it
    expect(tip).to_be_hidden()


def test_tooltip_shows_markup_as_text(open_, glossary):
    page = open_("index")
    ref(page, "zero-trust").hover()
    tip = page.locator(".msp-tooltip")
    expect(tip).to_have_text(glossary.terms["zero-trust"].summary)
    assert "<b>Never</b>" in tip.inner_text()
    assert tip.evaluate("el => el.children.length") == 0


def test_tap_shows_the_tooltip_of_a_card_less_term(open_, glossary):
    page = open_("index", has_touch=True, is_mobile=True, viewport={"width": 390, "height": 700})
    span = ref(page, "mdr")
    span.tap()
    tip = page.locator(".msp-tooltip")
    expect(tip).to_be_visible()
    expect(tip).to_have_text(glossary.terms["mdr"].summary)
    assert_in_viewport(page, tip.bounding_box())
    page.locator("article h1").tap()
    expect(tip).to_be_hidden()


def test_references_take_their_tooltips_from_the_file(app, site, open_, glossary):
    # a page carries only its first reference's tooltip (readers without the script see that
    # one); the script finds every other reference's in the build's tooltip file
    source = parse_html(site / "index.html")
    refs = [r for r in source.find(role="main").find_all(class_="msp-term-ref") if not in_card(r)]
    assert refs[0].get("title") is not None
    assert [r for r in refs[1:] if r.get("title") is not None] == []
    page = open_("index")
    for term_id in ("sla", "mdr"):
        for index in (0, 1):
            page.locator(f'article .msp-term-ref[href$="#msp-term-{term_id}"], '
                         f'article .msp-term-ref[data-msp-term="{term_id}"]').nth(index).hover()
            expect(page.locator(".msp-tooltip")).to_have_text(glossary.terms[term_id].summary)
            page.mouse.move(1, 1)
    # a card's related links on the glossary page, none with a title
    page.goto(page.url.replace("index.html", "glossary.html"))
    related = page.locator('#msp-term-sla .msp-term-card__related a.msp-term-ref').first
    expect(related).not_to_have_attribute("title", re.compile(".*"))
    related.hover()
    target = related.get_attribute("href").split("#msp-term-")[1]
    expect(page.locator(".msp-tooltip")).to_have_text(glossary.terms[target].summary)


@pytest.mark.parametrize("page", ["index", "glossary/index"])
@pytest.mark.sphinx("dirhtml", testroot="browser", srcdir="browser-dirhtml", confoverrides=FURO)
def test_tooltip_file_from_pages_in_folders(open_, glossary, page):
    # dirhtml: a page one folder down finds the tooltip file next to the script all the same
    tab = open_(page)
    refs = tab.locator("article a.msp-term-ref:not([title])")
    assert refs.count() > 1
    for index in (0, refs.count() - 1):
        link = refs.nth(index)
        link.scroll_into_view_if_needed()
        link.hover()
        term_id = link.get_attribute("href").split("#msp-term-")[1]
        expect(tab.locator(".msp-tooltip")).to_have_text(glossary.terms[term_id].summary)
        tab.mouse.move(1, 1)
    assert tab.errors == []


@pytest.mark.sphinx("html", testroot="browser", srcdir="browser-no-tooltips",
                    confoverrides={**FURO, "msp_glossary_tooltips": False})
def test_tooltips_off(open_, glossary):
    page = open_("index")
    assert page.locator('script[src*="msp-glossary.js"]').count() == 0
    link = ref(page, "sla")
    link.hover()
    page.wait_for_timeout(300)
    assert page.locator(".msp-tooltip").count() == 0
    expect(link).to_have_attribute("title", glossary.terms["sla"].summary)
    later = page.locator('article a.msp-term-ref[href$="#msp-term-sla"]').nth(1)
    expect(later).to_have_attribute("title", glossary.terms["sla"].summary)  # native titles: on each

    # the glossary page keeps its filter, without tooltips
    page.goto(page.url.replace("index.html", "glossary.html"))
    expect(page.locator('script[src*="msp-glossary.js"]')).to_have_count(0)
    page.locator(".msp-glossary__search").fill("tier")
    assert "tier-1-2-3-support" in visible_terms(page)
    page.locator(".msp-glossary a.msp-term-ref:visible").first.hover()
    page.wait_for_timeout(300)
    assert page.locator(".msp-tooltip").count() == 0


# -- other builders -----------------------------------------------------------


@pytest.mark.parametrize("builder", ["dirhtml", "singlehtml"])
def test_other_builders(browser, pages, make_app, sphinx_test_tempdir, rootdir, builder):
    srcdir = sphinx_test_tempdir / f"browser-{builder}"
    shutil.copytree(rootdir / "test-browser", srcdir, dirs_exist_ok=True)
    app = make_app(builder, srcdir=srcdir, confoverrides=FURO)
    app.build()
    out = Path(app.outdir)
    glossary_page = {"dirhtml": "glossary/index", "singlehtml": "index"}[builder]
    page = open_page(browser, out, glossary_page)
    pages.append(page)

    page.locator(".msp-glossary__search").fill("tier")
    assert "tier-1-2-3-support" in visible_terms(page)
    page.locator(".msp-glossary__search").fill("")
    page.get_by_role("navigation", name="Glossary letters").get_by_role("link", name="S", exact=True).click()
    expect(page).to_have_url(re.compile(r"#msp-glossary-s$"))
    expect(page.locator("#msp-glossary-s")).to_be_in_viewport()

    if builder == "dirhtml":
        page.goto((out / "index.html").as_uri())
    link = page.locator("a.msp-term-ref[href$='#msp-term-sla']").first
    link.hover()
    expect(page.locator(".msp-tooltip")).to_have_text(app.env.get_domain("msp").glossary.terms["sla"].summary)


# -- colours ------------------------------------------------------------------


THEMES = {
    "light": {"theme": "light", "color_scheme": "light"},
    "dark": {"theme": "dark", "color_scheme": "light"},  # chosen with furo's toggle
    "auto-dark": {"theme": "auto", "color_scheme": "dark"},  # the system's preference
}


@pytest.mark.parametrize("mode", list(THEMES))
def test_card_text_contrast(browser, site, pages, mode):
    theme = THEMES[mode]
    context = browser.new_context(viewport={"width": 1000, "height": 800}, color_scheme=theme["color_scheme"])
    context.add_init_script(f"localStorage.setItem('theme', '{theme['theme']}')")  # read by furo
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    pages.append(page)
    page.goto((site / "glossary.html").as_uri())
    assert page.evaluate("document.body.dataset.theme") == theme["theme"]
    dark = mode != "light"
    card_background = effective_background(page.locator("#msp-term-sla"))  # a tint of the text colour
    assert (luminance(card_background) < 0.2) == dark, card_background

    card = page.locator("#msp-term-sla")
    for part in (
        card,
        card.locator(".msp-term-card__name"),
        card.locator(".msp-term-card__expansion"),
        card.locator(".msp-term-card__definition"),
        card.locator(".msp-term-card__why"),
        card.locator(".msp-term-card__label").first,
        card.locator("a.msp-term-ref").first,
    ):
        ratio = effective_contrast(part)
        assert ratio >= 4.5, f"{mode}: contrast {ratio:.2f} of {part}"

    # the controls of the glossary page, and the tooltip
    page.locator(".msp-glossary__search").fill("qwxz")
    for part in (page.locator(".msp-glossary__search"), page.locator(".msp-glossary__empty-text"),
                 page.locator(".msp-glossary__clear")):
        assert effective_contrast(part) >= 4.5, f"{mode}: {part}"
    page.locator(".msp-glossary__search").fill("")
    page.locator("#msp-term-sla a.msp-term-ref").first.hover()
    expect(page.locator(".msp-tooltip")).to_be_visible()
    assert effective_contrast(page.locator(".msp-tooltip")) >= 4.5

    if mode != "auto-dark":
        name = "dark" if dark else "light"
        page.mouse.move(1, 1)
        expect(page.locator(".msp-tooltip")).to_be_hidden()
        screenshot(card, f"card-{name}.png")
        page.locator(".msp-glossary__search").blur()
        page.evaluate("window.scrollTo(0, 0)")
        top = page.locator(".msp-glossary").bounding_box()
        clip = {"x": 0, "y": max(0, top["y"] - 80), "width": 1000, "height": 700}
        screenshot(page, f"glossary-{name}.png", clip=clip)
        if dark:
            link = page.locator("#msp-term-sla a.msp-term-ref").first
            link.scroll_into_view_if_needed()
            link.hover()
            tip = page.locator(".msp-tooltip")
            expect(tip).to_be_visible()
            clip = clip_around(page, tip.bounding_box(), link.bounding_box(), margin=40)
            screenshot(page, "tooltip-dark.png", clip=clip)
