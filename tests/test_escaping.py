"""Glossary data is text: a term whose fields hold HTML, script, ``javascript:`` URLs, reST
or MyST markup renders inert wherever it appears.

tests/roots/test-hostile/hostile.toml holds the payloads; each would set
``window.__pwned`` and call ``alert()`` if it ran. The places checked: cards, tooltips
(``title``), data attributes, the glossary filter's search data, the general index,
the search index, objects.inv, the msp-termcheck report (output.txt, output.json) and
the CLI exports (JSON, Markdown). A browser test loads the pages, hovers every
reference, types in the glossary filter and checks that nothing ran.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import Element, file_tips, launch, msp_terms, msp_warnings, parse_html, tooltip
from sphinx_msp_glossary.cli import main

ROOT = Path(__file__).parent / "roots" / "test-hostile"
HOSTILE = tomllib.loads((ROOT / "hostile.toml").read_text("utf-8"))["term"]
BY_NAME = {term["name"]: term for term in HOSTILE}
SCRIPT_NAME = "<script>window.__pwned=1;alert(1)</script>"
FORGER = "Inventory Forger msp:term 1 https://evil.example/ -"
PAGES = ("index", "glossary", "myst", "titles")

pytestmark = pytest.mark.sphinx("html", testroot="hostile")


@pytest.fixture
def site(app) -> Path:
    app.build()
    return Path(app.outdir)


def squash(text: str) -> str:
    """Whitespace as in an attribute value: docutils writes newlines as spaces."""
    return " ".join(text.split())


def html_files(outdir: Path) -> list[Path]:
    return sorted(p for p in outdir.rglob("*.html") if "_static" not in p.parts)


def assert_inert(page: Element, where: str) -> None:
    """No element or attribute that the payloads would create, had they been parsed."""
    for element in page.iter():
        handlers = [name for name in element.attrs if name.lower().startswith("on")]
        assert not handlers, f"{where}: event handler attribute on {element!r}"
        assert element.tag not in {"iframe", "svg"}, f"{where}: injected {element!r}"
        if element.tag == "img":
            assert element.get("src") != "x" and "onerror" not in element.attrs, f"{where}: {element!r}"
        if element.tag == "script" and element.get("type") == "application/ld+json":
            # data, not code (structured_data.py): it holds the payloads' text, but nothing
            # that could end the element
            assert not any(ch in element.text for ch in "<>&"), f"{where}: {element.text!r}"
        elif element.tag == "script":
            assert "__pwned" not in element.text and "alert(" not in element.text, f"{where}: {element.text!r}"
        for name in ("href", "src", "action", "formaction"):
            value = (element.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:")), f"{where}: {element!r}"
        assert not (element.tag in {"b", "i"} and element.text in {"Bold?", "Term"}), f"{where}: {element!r}"


def test_built_pages_hold_no_markup_from_the_data(app, site, warning):
    for path in html_files(site):
        text = path.read_text("utf-8")
        for raw in ("<script>window", "<img src=x", "<svg", "<iframe", "<b>Bold?", "<i>Term"):
            assert raw not in text, f"{path.name}: unescaped {raw!r}"
        assert_inert(parse_html(text), path.name)
    # the only warning: the name that objects.inv cannot hold (see test_objects_inv)
    assert [(f, s) for f, _, s, _ in msp_warnings(warning.getvalue())] == [("hostile.toml", "data")]
    assert "objects.inv" in warning.getvalue()


def card(page: Element, term_id: str) -> Element:
    found = [c for c in page.find_all(class_="msp-term-card") if c.get("data-msp-term") == term_id]
    assert found, term_id
    return found[0]


def test_cards_show_the_data_as_text(app, site):
    glossary = app.env.get_domain("msp").glossary
    for name in ("index", "glossary"):
        page = parse_html(site / f"{name}.html")
        for data in HOSTILE:
            term = glossary.lookup(data["name"])
            if name == "index" and term.name not in {SCRIPT_NAME, "Attribute Breaker", "JS URL", "Raw reST",
                                                     "MyST Syntax"}:
                continue
            if name == "glossary" and term.name.startswith("No Card"):
                continue  # left out of the glossary page: its references are text with a tooltip
            shown = card(page, term.id)
            assert shown.find(class_="msp-term-card__name").text == term.name
            assert shown.find(class_="msp-term-card__definition").text == term.definition
            if term.expansion:
                assert shown.find(class_="msp-term-card__expansion").text == term.expansion
            if term.why:
                assert term.why in shown.find(class_="msp-term-card__why").text
            if name == "glossary":  # what the filter matches besides the card's text: the aliases
                assert shown.get("data-msp-search") == " ".join(term.aliases).lower()


def test_tooltips_and_data_attributes_hold_the_data_as_text(app, site):
    glossary = app.env.get_domain("msp").glossary
    seen = set()
    tips = file_tips(site)
    for name in PAGES:
        page = parse_html(site / f"{name}.html")
        titled = 0  # only the page's first reference whose tooltip the file holds has a title
        for ref in page.find_all(class_="msp-term-ref"):
            if "msp-term-ref--unknown" in ref.classes:
                continue
            if ref.tag == "a":  # a link to a card: the card is its fragment
                term_id = ref.get("href").split("#msp-term-", 1)[1]
                assert not ref.get("href").lower().startswith("javascript:")
            else:  # no card: text with a tooltip
                term_id = ref.get("data-msp-term")
            term = glossary.terms[term_id]
            titled += ref.get("title") is not None
            assert squash(tooltip(ref, tips)) == squash(term.summary), (name, term_id)
            seen.add(term.name)
        assert titled == 1, name
    assert seen >= {SCRIPT_NAME, "Attribute Breaker", "JS URL", "Raw reST", "MyST Syntax", "No Card <i>Term</i>"}
    js_url = glossary.lookup("JS URL")
    assert js_url.id == "javascript:window.__pwned=1;alert(1)"
    assert card(parse_html(site / "index.html"), js_url.id).get("id") == f"msp-term-{js_url.id}"


def test_general_and_search_indexes(site):
    genindex = parse_html(site / "genindex.html")
    assert_inert(genindex, "genindex.html")
    assert "Attribute Breaker" in genindex.text
    # the search index is a script: the data stays inside JSON strings
    text = (site / "searchindex.js").read_text("utf-8")
    match = re.fullmatch(r"Search\.setIndex\((.*)\)\s*", text, re.DOTALL)
    assert match
    index = json.loads(match[1])
    names = {entry[4] for entries in index["objects"].values() for entry in entries}
    assert {"Attribute Breaker", "JS URL", "Script Name"} <= names


def test_objects_inv(site):
    """Names read back as written; one that would read as another entry is left out."""
    terms = msp_terms((site / "objects.inv").read_bytes(), "https://docs.example/")
    assert terms[SCRIPT_NAME] == "https://docs.example/index.html#msp-term-script-window-pwned-1-alert-1-script"
    attribute_alias = BY_NAME["Attribute Breaker"]["aliases"][0]
    assert terms[attribute_alias] == "https://docs.example/index.html#msp-term-attribute-breaker"
    assert all(uri.startswith("https://docs.example/") and "https://evil" not in uri for uri in terms.values())
    assert not any(name.startswith("Inventory Forger") for name in terms)
    assert terms["Forger"].endswith("glossary.html#msp-term-inventory-forger-msp-term-1-https-evil-example")


@pytest.mark.sphinx("msp-termcheck", testroot="hostile")
def test_termcheck_report_is_one_line_per_entry(app):
    app.build()
    lines = (app.outdir / "output.txt").read_text("utf-8").splitlines()
    records = [json.loads(line) for line in (app.outdir / "output.json").read_text("utf-8").splitlines()]
    assert len(lines) == len(records) > 0
    for line, record in zip(lines, records):
        assert line == f"{record['filename']}:{record['lineno']}: [{record['status']}] {record['target']}: {record['info']}"
    targets = {record["target"] for record in records}
    assert SCRIPT_NAME in targets and "Attribute Breaker" in targets


def export(capsys, fmt: str) -> str:
    code = main(["export", "--format", fmt, "--files", str(ROOT / "hostile.toml")])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_cli_json_export_is_the_data(capsys):
    records = {r["name"]: r for r in json.loads(export(capsys, "json"))}
    for data in HOSTILE:
        record = records[" ".join(data["name"].split())]
        for field in ("definition", "why"):
            assert record[field] == data.get(field, "").strip()
        assert record["aliases"] == data.get("aliases", [])


def test_cli_markdown_export_is_text(capsys):
    markdown_it = pytest.importorskip("markdown_it")
    text = export(capsys, "markdown")
    assert "<" not in text and ">" not in text  # every angle bracket of the data is an entity
    rendered = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)
    page = parse_html(rendered)
    assert_inert(page, "export.md")
    assert not page.find_all("a"), "no link: javascript: URLs and reST or MyST links stay text"
    headings = [h.text for h in page.find_all("h2")]
    assert SCRIPT_NAME in headings and "Attribute Breaker" in headings


# -- in a browser ------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser() -> Iterator:
    yield from launch()


@pytest.mark.browser
def test_nothing_runs_in_a_browser(app, site, browser):
    glossary = app.env.get_domain("msp").glossary
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    dialogs: list[str] = []
    errors: list[str] = []
    tooltips = 0
    try:
        for name in PAGES:
            tab = context.new_page()
            tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            tab.on("pageerror", lambda error: errors.append(str(error)))
            tab.goto((site / f"{name}.html").as_uri())
            tab.wait_for_load_state("load")
            # the references in the text, and in the cards of the hostile terms (not the packaged ones)
            tab.evaluate(
                """ids => document.querySelectorAll("[role=main] .msp-term-ref").forEach(ref => {
                    const card = ref.closest(".msp-term-card");
                    if (!card || ids.includes(card.dataset.mspTerm)) ref.dataset.testHover = "1";
                })""",
                [term.id for term in glossary if term.layer != "packaged"],
            )
            refs = tab.locator("[data-test-hover]")
            for index in range(refs.count()):
                ref = refs.nth(index)
                ref.scroll_into_view_if_needed()
                ref.hover()
                tooltip = tab.locator("#msp-tooltip")
                if tooltip.count() and tooltip.is_visible():
                    # the tooltip shows the summary as text, never as markup
                    assert not tooltip.locator("*").count()
                    shown = tooltip.text_content()
                    assert any(squash(shown) == squash(term.summary) for term in glossary), shown
                    tooltips += 1
                ref.focus()
                tab.keyboard.press("Escape")
            search = tab.locator(".msp-glossary__search")
            if search.count():
                for query in ("script", "<img src=x", '"><', "javascript:", "onerror", ""):
                    search.fill(query)
                    search.dispatch_event("input")
            tab.wait_for_timeout(100)  # an injected onerror would have fired by now
            assert tab.evaluate("typeof window.__pwned") == "undefined", name
            assert tab.evaluate("document.querySelectorAll('img[onerror], svg[onload], iframe').length") == 0
            tab.close()
        # Sphinx's search page lists the terms (objects.inv's names) among its results
        for query in ("script", "Attribute Breaker", "img"):
            tab = context.new_page()
            tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            tab.goto((site / "search.html").as_uri() + "?q=" + query)
            tab.wait_for_function("document.querySelector('#search-results .search-summary')", timeout=10000)
            tab.wait_for_timeout(100)
            assert tab.evaluate("typeof window.__pwned") == "undefined", query
            if query == "script":  # found, and shown as text (Sphinx escapes it once more)
                results = tab.locator("#search-results")
                assert "Script Name (MSP glossary term" in results.text_content()
                assert not results.locator("script, img").count()
            tab.close()
    finally:
        context.close()
    assert tooltips >= 10  # the references were hovered, and their tooltips shown
    assert dialogs == [], dialogs
    assert errors == [], errors
