"""Cards, tooltips and the glossary page in every supported theme, light and dark.

tests/roots/test-themes is built once per theme (``html_theme`` overridden, plus the
theme's own options where its dark mode needs them) and opened in Debian's Chromium
through Playwright. In each mode of each theme the tests measure, in the real browser,
the WCAG contrast of every text of ours against what is painted behind it, check that
a hover shows the tooltip and the filter narrows the cards, and that nothing overlaps.

How each theme is switched to dark:

- furo: localStorage "theme" (read into ``body[data-theme]``);
- pydata-sphinx-theme and sphinx-book-theme: localStorage "mode" (``html[data-theme]``);
- shibuya: localStorage "_theme" (the ``dark`` class on ``html``);
- sphinx-immaterial: a palette of two schemes chosen by ``prefers-color-scheme``, the dark
  one "slate" (``body[data-md-color-scheme]``);
- every theme also under Chromium's ``prefers-color-scheme: dark`` emulation ("os-dark"):
  the themes that follow the system go dark, alabaster and sphinx-rtd-theme (no dark mode)
  stay light, and our colours must follow the theme, not the system.

With $MSP_SCREENSHOTS_DIR set, the tests save ``<theme>-<mode>.png`` there
(scripts/screenshots.py points it at docs/_static/themes).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import contrast, launch, luminance, over, parse_color

pytestmark = pytest.mark.browser

LIGHT, DARK = "light", "dark"
VIEWPORT = {"width": 1100, "height": 900}
IMMATERIAL_PALETTE = [
    {"media": "(prefers-color-scheme: light)", "scheme": "default",
     "toggle": {"icon": "material/weather-night", "name": "Switch to dark mode"}},
    {"media": "(prefers-color-scheme: dark)", "scheme": "slate",
     "toggle": {"icon": "material/weather-sunny", "name": "Switch to light mode"}},
]

#: theme name -> (module to import, extra confoverrides, {mode: (storage, color_scheme, dark?)})
THEMES: dict[str, tuple[str, dict, dict[str, tuple[dict, str, bool]]]] = {
    "alabaster": ("alabaster", {}, {
        "light": ({}, LIGHT, False),
        "os-dark": ({}, DARK, False),  # no dark mode: stays light
    }),
    "furo": ("furo", {}, {
        "light": ({"theme": "light"}, LIGHT, False),
        "dark": ({"theme": "dark"}, LIGHT, True),
        "os-dark": ({}, DARK, True),
    }),
    "pydata_sphinx_theme": ("pydata_sphinx_theme", {}, {
        "light": ({"mode": "light"}, LIGHT, False),
        "dark": ({"mode": "dark"}, LIGHT, True),
        "os-dark": ({}, DARK, True),
    }),
    "sphinx_book_theme": ("sphinx_book_theme", {}, {
        "light": ({"mode": "light"}, LIGHT, False),
        "dark": ({"mode": "dark"}, LIGHT, True),
        "os-dark": ({}, DARK, True),
    }),
    "sphinx_rtd_theme": ("sphinx_rtd_theme", {}, {  # no native dark mode: light only
        "light": ({}, LIGHT, False),
        "os-dark": ({}, DARK, False),
    }),
    "sphinx_immaterial": ("sphinx_immaterial", {
        "extensions": ["sphinx_msp_glossary", "sphinx_immaterial"],
        # no web fonts: the build must not reach the network
        "html_theme_options": {"font": False, "palette": IMMATERIAL_PALETTE},
    }, {
        "light": ({}, LIGHT, False),
        "dark": ({}, DARK, True),  # the "slate" scheme
    }),
    "shibuya": ("shibuya", {}, {
        "light": ({"_theme": "light"}, LIGHT, False),
        "dark": ({"_theme": "dark"}, LIGHT, True),
        "os-dark": ({}, DARK, True),
    }),
}
CASES = [(theme, mode) for theme, (_, _, modes) in THEMES.items() for mode in modes]
LIGHT_CASES = [(theme, "light") for theme in THEMES]
MIN_CONTRAST = 4.5


# -- building and opening -----------------------------------------------------


_built: dict[str, Path] = {}


def need_theme(theme: str) -> None:
    module = THEMES[theme][0]
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"theme {theme} is not installed (pip install -e '.[test]')")


@pytest.fixture
def build(make_app, sphinx_test_tempdir, rootdir):
    """The HTML output of tests/roots/test-themes in a theme, built once per run."""

    def builder(theme: str) -> Path:
        need_theme(theme)
        if theme not in _built:
            srcdir = sphinx_test_tempdir / f"themes-{theme}"
            shutil.rmtree(srcdir, ignore_errors=True)
            shutil.copytree(rootdir / "test-themes", srcdir)
            app = make_app("html", srcdir=srcdir, freshenv=True,
                           confoverrides={"html_theme": theme, **THEMES[theme][1]})
            try:
                app.build()
            finally:
                # sphinx-immaterial forks a multiprocessing manager at setup; left running, it
                # holds the browser's pipes open and closing the browser hangs
                manager = getattr(app, "multiprocess_manager", None)
                if manager is not None:
                    manager.shutdown()
            assert not app.warning.getvalue().strip(), app.warning.getvalue()
            _built[theme] = Path(app.outdir)
        return _built[theme]

    return builder


@pytest.fixture(scope="module")
def browser() -> Iterator:
    yield from launch()


@pytest.fixture
def open_(browser, build):
    opened: list = []

    def opener(theme: str, mode: str, page: str, **options):
        storage, scheme, _ = THEMES[theme][2][mode]
        context = browser.new_context(**{"viewport": VIEWPORT, "color_scheme": scheme, **options})
        script = "".join(f"localStorage.setItem({k!r}, {v!r});" for k, v in storage.items())
        if script:
            context.add_init_script(script)
        tab = context.new_page()
        tab.errors = []
        tab.on("pageerror", lambda error: tab.errors.append(str(error)))
        tab.goto((build(theme) / f"{page}.html").as_uri())
        tab.wait_for_load_state("load")
        opened.append(tab)
        return tab

    yield opener
    for tab in opened:
        assert not tab.errors, f"JavaScript errors: {tab.errors}"
        tab.context.close()


# -- colours ------------------------------------------------------------------


# The element's text colour and the backgrounds from it up to the first opaque one;
# then the canvas (Chromium paints it dark only where the page asks for a dark scheme).
COLOURS_JS = """el => {
  const layers = [];
  for (let node = el; node; node = node.parentElement) {
    const bg = getComputedStyle(node).backgroundColor;
    layers.push(bg);
    if (/^rgb\\(/.test(bg) || /^color\\(srgb [^/]*\\)$/.test(bg)) break;
  }
  const scheme = getComputedStyle(document.documentElement).colorScheme;
  const dark = /dark/.test(scheme) && (!/light/.test(scheme) || matchMedia('(prefers-color-scheme: dark)').matches);
  return {color: getComputedStyle(el).color, layers, canvas: dark ? 'rgb(18, 18, 18)' : 'rgb(255, 255, 255)'};
}"""


def colours_of(locator) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """An element's text colour and its effective background, both opaque."""
    found = locator.evaluate(COLOURS_JS)
    background = parse_color(found["canvas"])
    for layer in reversed(found["layers"]):
        background = over(parse_color(layer), background)
    return over(parse_color(found["color"]), background), background


def background_of(locator) -> tuple[float, ...]:
    return colours_of(locator)[1]


def effective_contrast(locator) -> float:
    """Contrast of an element's text against its effective background."""
    return contrast(*colours_of(locator))


def intersects(a: dict, b: dict) -> bool:
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


def screenshot(page, name: str, clip: dict) -> None:
    directory = os.environ.get("MSP_SCREENSHOTS_DIR")
    if directory:
        Path(directory).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(directory, name)), clip=clip)


#: the lowest contrast measured in each case, printed at the end with -s
LOWEST: dict[str, tuple[float, str]] = {}


def measure(page, case: str, parts: dict) -> None:
    for name, locator in parts.items():
        ratio = effective_contrast(locator)
        if case not in LOWEST or ratio < LOWEST[case][0]:
            LOWEST[case] = (ratio, name)
        assert ratio >= MIN_CONTRAST, f"{case}: contrast {ratio:.2f} of {name}"


def teardown_module():
    if os.environ.get("MSP_PRINT_CONTRAST"):
        for case, (ratio, name) in sorted(LOWEST.items()):
            print(f"{case}: lowest contrast {ratio:.2f} ({name})")


# -- the tests ----------------------------------------------------------------


def card_texts(card) -> dict:
    """The texts every card has, by name, for ``measure``."""
    return {"card title": card.locator(".msp-term-card__name"),
            "definition": card.locator(".msp-term-card__definition")}


def is_dark(page) -> bool:
    return luminance(background_of(page.locator("article, [role=main], main, body").first)) < 0.2


@pytest.mark.parametrize(("theme", "mode"), CASES)
def test_glossary_page(open_, theme, mode):
    page = open_(theme, mode, "glossary")
    case = f"{theme}-{mode}"
    assert is_dark(page) == THEMES[theme][2][mode][2], f"{case}: the theme is not in the mode expected"
    if theme == "sphinx_immaterial":
        assert page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if mode == "dark" else "default")

    box = page.locator(".msp-glossary")
    card = box.locator(".msp-term-card").first
    letters = box.locator(".msp-glossary__letters")
    search = box.locator(".msp-glossary__search")
    search.wait_for(state="visible")

    # nothing overlaps: the letter bar, the filter and the first card each have their place
    first = card.bounding_box()
    assert not intersects(letters.bounding_box(), first), case
    assert not intersects(search.bounding_box(), first), case
    assert not intersects(letters.bounding_box(), search.bounding_box()), case
    heading = box.locator(".msp-glossary__letter").first
    assert heading.is_visible(), f"{case}: the letter headings are not shown"
    assert int(heading.evaluate("h => getComputedStyle(h).fontWeight")) >= 600, case
    measure(page, case, {"letter heading": heading})

    search.fill("tick")  # a value, so that its text colour is what is measured
    measure(page, case, {
        **card_texts(card),
        "card expansion": card.locator(".msp-term-card__expansion"),
        "card label": card.locator(".msp-term-card__label").first,
        "link in a card": box.locator(".msp-term-card:visible a.msp-term-ref .msp-term").first,
        "letter bar link": letters.locator("a.msp-glossary__letter-link").first,
        "filter text": search,
    })
    # the filter narrows the cards
    shown = box.locator(".msp-term-card:visible")
    total = box.locator(".msp-term-card").count()
    assert 0 < shown.count() < total, case
    assert all("tick" in s for s in shown.evaluate_all("cs => cs.map(c => c.mspText)"))

    search.fill("qwxz")
    empty = box.locator(".msp-glossary__empty")
    empty.wait_for(state="visible")
    measure(page, case, {
        "empty-state text": box.locator(".msp-glossary__empty-text"),
        "clear button": box.locator(".msp-glossary__clear"),
    })
    search.fill("")
    empty.wait_for(state="hidden")
    assert shown.count() == total

    # the category buttons: readable, pressed state visible, narrowing the cards
    buttons = box.locator(".msp-glossary__categories")
    assert not intersects(buttons.bounding_box(), card.bounding_box()), case
    button = buttons.get_by_role("button", name="Security", exact=True)
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    measure(page, case, {"category button": buttons.locator("[aria-pressed=false]").first,
                         "pressed category button": button})
    categories = shown.evaluate_all("cs => cs.map(c => c.dataset.mspCategory)")
    assert 0 < len(categories) < total and set(categories) == {"Security"}, case
    button.click()
    assert shown.count() == total


@pytest.mark.parametrize(("theme", "mode"), CASES)
def test_card_and_tooltip(open_, theme, mode):
    page = open_(theme, mode, "index")
    case = f"{theme}-{mode}"
    card = page.locator(".msp-term-card").first
    card.scroll_into_view_if_needed()
    dark = THEMES[theme][2][mode][2]
    assert (luminance(background_of(card)) < 0.2) == dark, f"{case}: the card does not follow the theme"
    measure(page, case, {
        **card_texts(card),
        "link in a card": card.locator("a.msp-term-ref .msp-term").first,
        "link in the notes": card.locator(".msp-term-card__notes a.msp-term-ref .msp-term"),
    })

    link = page.locator("p a.msp-term-ref[href*='#msp-term-sla']").first
    link.scroll_into_view_if_needed()
    link.hover()
    tip = page.locator(".msp-tooltip")
    tip.wait_for(state="visible")
    assert tip.inner_text().startswith("Service Level Agreement"), case
    measure(page, case, {"tooltip text": tip})
    tip_box, link_box = tip.bounding_box(), link.bounding_box()
    assert not intersects(tip_box, link_box), f"{case}: the tooltip covers its link"
    # the tooltip is drawn above the page's content, not under a header or sidebar
    centre = {"x": tip_box["x"] + tip_box["width"] / 2, "y": tip_box["y"] + tip_box["height"] / 2}
    assert page.evaluate("([x, y]) => !!document.elementFromPoint(x, y).closest('.msp-tooltip')",
                         [centre["x"], centre["y"]]), case

    # a screenshot of the card with the tooltip of the reference above it
    card_box = card.bounding_box()
    top = min(link_box["y"], card_box["y"]) - 12
    bottom = max(card_box["y"] + card_box["height"], tip_box["y"] + tip_box["height"]) + 12
    left = max(0, min(link_box["x"], card_box["x"]) - 24)
    clip = {"x": left, "y": max(0, top), "width": min(900, VIEWPORT["width"] - left),
            "height": min(bottom - max(0, top), VIEWPORT["height"] - max(0, top))}
    if mode in (LIGHT, DARK):  # os-dark looks like dark, or like light in a theme without dark mode
        screenshot(page, f"{theme}-{mode}.png", clip)


@pytest.mark.parametrize(("theme", "mode"), CASES)
def test_term_page(open_, theme, mode):
    page = open_(theme, mode, "terms/sla")
    case = f"{theme}-{mode}"
    assert is_dark(page) == THEMES[theme][2][mode][2], f"{case}: the theme is not in the mode expected"
    card = page.locator(".msp-term-page__card")
    nav = page.locator(".msp-term-page__nav")
    title = page.locator("h1:has(+ .msp-term-page__card)")  # the page's own, not a theme's logo
    card.scroll_into_view_if_needed()
    assert title.inner_text().strip().startswith("SLA"), case
    measure(page, case, {
        **card_texts(card),
        "term page title": title,
        "category": card.locator(".msp-term-card__category .msp-category"),
        "related link": card.locator(".msp-term-card__related a.msp-term-ref .msp-term").first,
        "backlink": card.locator("a.msp-backlink").first,
        "previous/next link": nav.locator("a").first,
    })
    assert not intersects(card.bounding_box(), nav.bounding_box()), case
    if mode in (LIGHT, DARK):
        card_box, nav_box = card.bounding_box(), nav.bounding_box()
        top = max(0, title.bounding_box()["y"] - 12)
        bottom = min(VIEWPORT["height"], nav_box["y"] + nav_box["height"] + 12)
        left = max(0, card_box["x"] - 24)
        screenshot(page, f"term-page-{theme}-{mode}.png",
                   {"x": left, "y": top, "width": min(900, VIEWPORT["width"] - left), "height": bottom - top})
    # the navigation leads to the neighbouring terms' pages and to the card on the glossary page
    assert [link.get_attribute("href") for link in nav.locator("a").all()] == [
        "siem.html", "../glossary.html#msp-term-sla", "soc.html"], case
    nav.get_by_role("link", name="Glossary").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/glossary.html#msp-term-sla"), page.url
    assert page.locator("#msp-term-sla").is_visible(), case


# -- touch --------------------------------------------------------------------


@pytest.mark.parametrize(("theme", "mode"), LIGHT_CASES)
def test_touch(open_, theme, mode):
    page = open_(theme, mode, "index", has_touch=True, is_mobile=True, viewport={"width": 390, "height": 800})
    start = page.url
    link = page.locator("p a.msp-term-ref[href*='#msp-term-sla']").first
    tip = page.locator(".msp-tooltip")

    link.tap()  # first tap: the tooltip, no navigation
    tip.wait_for(state="visible")
    assert tip.inner_text().startswith("Service Level Agreement")
    page.wait_for_timeout(200)
    assert page.url == start

    page.locator(".msp-term-card__definition").first.tap()  # a tap elsewhere closes it
    tip.wait_for(state="hidden")
    assert page.url == start

    link.tap()  # shown again, then a second tap on the same link follows it
    tip.wait_for(state="visible")
    assert page.url == start
    with page.expect_navigation():
        link.tap()
    assert page.url.endswith("glossary.html#msp-term-sla"), page.url
