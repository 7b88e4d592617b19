"""The category buttons of a glossary page in a real browser: click, keyboard (Space, Enter),
aria-pressed, combined with typing in the filter, the empty state and "Clear filter", and the
page without JavaScript. Builds tests/roots/test-categories (furo theme).

With $MSP_SCREENSHOTS_DIR set, saves category-filter.png there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser,
              pytest.mark.sphinx("html", testroot="categories", confoverrides={"html_theme": "furo"})]


@pytest.fixture
def open_(browser, site):
    opened = []

    def opener(page: str, **options):
        context = browser.new_context(viewport={"width": 1200, "height": 800}, **options)
        tab = context.new_page()
        tab.errors = []
        tab.on("pageerror", lambda error: tab.errors.append(str(error)))
        tab.goto((site / f"{page}.html").as_uri())
        opened.append(tab)
        return tab

    yield opener
    for tab in opened:
        assert not tab.errors, tab.errors
        tab.context.close()


def visible(page) -> set[str]:
    return set(page.locator(".msp-glossary .msp-term-card:visible").evaluate_all(
        "cards => cards.map(card => card.dataset.mspTerm)"))


def pressed(page) -> list[str]:
    return page.locator(".msp-glossary__category-button[aria-pressed=true]").all_inner_texts()


def test_buttons_narrow_the_cards(open_, glossary):
    page = open_("glossary")
    every = {t.id for t in glossary}
    assert visible(page) == every
    security = page.get_by_role("button", name="Security", exact=True)
    assert security.is_visible() and security.get_attribute("aria-pressed") == "false"

    security.click()
    assert security.get_attribute("aria-pressed") == "true"
    assert visible(page) == {t.id for t in glossary if t.category == "Security"}
    # the letter links of letters left without a card are marked
    letters = {t.name[0].upper() for t in glossary if t.category == "Security"}
    filtered = page.locator(".msp-glossary__letter-link.is-filtered").all_inner_texts()
    assert letters.isdisjoint(filtered) and filtered

    # a second category adds its cards (either one)
    page.get_by_role("button", name="Compliance", exact=True).click()
    assert visible(page) == {t.id for t in glossary if t.category in ("Security", "Compliance")}

    # typing narrows them further
    page.locator(".msp-glossary__search").fill("phishing")
    expected = {t.id for t in glossary if t.category in ("Security", "Compliance")
                and "phishing" in " ".join([t.name, t.expansion, *t.aliases, t.definition]).lower()}
    assert expected and visible(page) == expected

    # unpressing keeps the text filter
    security.click()
    page.get_by_role("button", name="Compliance", exact=True).click()
    assert pressed(page) == []
    assert visible(page) == {t.id for t in glossary
                             if "phishing" in " ".join([t.name, t.expansion, *t.aliases, t.definition]).lower()}
    directory = os.environ.get("MSP_SCREENSHOTS_DIR")
    if directory:
        page.locator(".msp-glossary__search").fill("")
        page.get_by_role("button", name="Backup & continuity", exact=True).click()
        box = page.locator(".msp-glossary").bounding_box()
        page.screenshot(path=str(Path(directory, "category-filter.png")),
                        clip={"x": box["x"] - 8, "y": box["y"] - 8, "width": box["width"] + 16, "height": 420})


def test_keyboard_and_empty_state(open_, glossary):
    page = open_("glossary")
    search = page.locator(".msp-glossary__search")
    search.focus()
    page.keyboard.press("Tab")
    first = next(iter(glossary.categories))
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == first
    page.keyboard.press("Space")
    assert pressed(page) == [first]
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    second = list(glossary.categories)[1]
    assert pressed(page) == [first, second]
    assert visible(page) == {t.id for t in glossary if t.category in (first, second)}
    page.keyboard.press("Enter")
    assert pressed(page) == [first]

    # nothing matches: the empty state, and "Clear filter" resets text and categories
    search.fill("change window")  # a term of the project's own category, not the first
    assert visible(page) == set()
    empty = page.locator(".msp-glossary__empty")
    assert empty.is_visible()
    page.get_by_role("button", name="Clear filter").click()
    assert pressed(page) == [] and search.input_value() == ""
    assert visible(page) == {t.id for t in glossary} and not empty.is_visible()

    # the category alone can empty the list too
    page.get_by_role("button", name="Our process", exact=True).click()
    search.fill("sla")
    assert visible(page) == set() and empty.is_visible()


def test_category_groups_filter_too(open_, glossary):
    page = open_("by-category")
    page.get_by_role("button", name="Our process", exact=True).click()
    assert visible(page) == {glossary.lookup("Change Window").id}
    groups = page.locator(".msp-glossary__group:visible")
    assert groups.count() == 1 and groups.locator(".msp-glossary__category").inner_text() == "Our process"
    # the group's heading stands out from the cards' text, as the letter headings do
    heading = groups.locator(".msp-glossary__category")
    size = heading.evaluate("h => parseFloat(getComputedStyle(h).fontSize)")
    text = groups.locator(".msp-term-card__definition").evaluate("p => parseFloat(getComputedStyle(p).fontSize)")
    assert heading.evaluate("h => getComputedStyle(h).fontWeight") == "700" and size > text


def test_without_javascript(open_, glossary):
    page = open_("glossary", java_script_enabled=False)
    assert visible(page) == {t.id for t in glossary}
    assert not page.locator(".msp-glossary__categories").is_visible()
    assert page.locator(".msp-glossary__category-button").count() == len(glossary.categories)
