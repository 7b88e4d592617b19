"""The labels go through Sphinx's translation machinery; the catalogs are complete and compiled."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from helpers import normalize_space, parse_html


ROOT = Path(__file__).parent.parent
LOCALE = ROOT / "sphinx_msp_glossary" / "locale"
DOMAIN = "sphinx_msp_glossary"


def catalog_script():
    spec = importlib.util.spec_from_file_location("update_catalogs", ROOT / "scripts" / "update_catalogs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def messages(path: Path) -> dict[str, str]:
    with open(path, "rb") as po:
        return {m.id: m.string for m in read_po(po, domain=DOMAIN) if m.id}


def test_template_has_every_label_of_the_code():
    script = catalog_script()
    in_code = {message for message, _file, _line in script.extract()}
    assert "Why it matters:" in in_code and len(in_code) >= 9
    assert set(messages(LOCALE / f"{DOMAIN}.pot")) == in_code


@pytest.mark.parametrize("language", ["de", "fr"])
def test_translation_is_complete_and_compiled(language):
    po = LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    translated = messages(po)
    assert set(translated) == set(messages(LOCALE / f"{DOMAIN}.pot"))
    assert all(translated.values())
    with open(po.with_suffix(".mo"), "rb") as mo:  # the compiled catalog says the same
        assert {m.id: m.string for m in read_mo(mo) if m.id} == translated


@pytest.mark.sphinx("html", testroot="translations", confoverrides={"language": "de"})
def test_german_build_translates_every_label(app, warning):
    app.build()
    assert warning.getvalue() == ""
    glossary = parse_html(app.outdir / "glossary.html")
    card = glossary.find(class_="msp-term-card", id="msp-term-sla")
    assert card.find(class_="msp-term-card__why").find("strong").text == "Warum es wichtig ist:"
    assert card.find(class_="msp-term-card__related").find("strong").text == "Verwandt:"
    assert card.find(class_="msp-term-card__backlinks").find("strong").text == "Erwähnt in:"
    assert glossary.find(class_="msp-glossary__search").get("placeholder") == "Begriffe filtern…"
    assert glossary.find("nav", class_="msp-glossary__letters").get("aria-label") == "Glossar nach Anfangsbuchstaben"
    empty = glossary.find(class_="msp-glossary__empty")
    assert "Keine Begriffe entsprechen Ihrer Suche." in normalize_space(empty.text)
    assert "Filter zurücksetzen" in normalize_space(empty.text)
    # the glossary data itself is not translated
    assert card.find(class_="msp-term-card__expansion").text == "Service Level Agreement"
