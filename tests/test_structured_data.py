"""Structured data: one schema.org DefinedTermSet (JSON-LD) per HTML page with cards, a
DefinedTerm per card, relative or absolute (html_baseurl) URLs, escaped so that no data ends
the script element (checked in a real browser too), and a setting that turns it off."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from helpers import msp_warnings, parse_html


def ld_json(path: Path) -> list[dict]:
    page = parse_html(path)
    return [json.loads(script.text) for script in page.find_all("script", type="application/ld+json")]


def card_ids(path: Path) -> list[tuple[str, str | None]]:
    """(term id, anchor) of each card on a built page, in page order."""
    return [(card.get("data-msp-term"), card.get("id"))
            for card in parse_html(path).find_all(class_="msp-term-card") if card.get("data-msp-term")]


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
@pytest.mark.parametrize("baseurl", ["", "https://docs.example.com/msp/"])
def test_json_ld_lists_the_cards_of_each_page(make_app, rootdir, tmp_path, builder, baseurl):
    src = shutil.copytree(rootdir / "test-structured-data", tmp_path / "src")
    app = make_app(builder, srcdir=src, confoverrides={"html_baseurl": baseurl})
    app.build()
    assert msp_warnings(app._warning.getvalue()) == []
    glossary = app.env.get_domain("msp").glossary
    out = Path(app.outdir)
    suffix = "/index.html" if builder == "dirhtml" else ".html"
    for page in ("index", "glossary"):
        path = out / (f"{page}{suffix}" if page != "index" else "index.html")
        uri = app.builder.get_target_uri(page)
        data = ld_json(path)
        assert len(data) == 1, page
        term_set = {"@type": "DefinedTermSet", "name": f"{app.config.project} glossary"}
        if baseurl:
            term_set["url"] = baseurl + uri
        cards = card_ids(path)
        assert {key: data[0][key] for key in data[0] if key != "hasDefinedTerm"} == {
            "@context": "https://schema.org", **term_set}
        assert len(data[0]["hasDefinedTerm"]) == len(cards) == (2 if page == "index" else 3)
        for entry, (term_id, anchor) in zip(data[0]["hasDefinedTerm"], cards):
            term = glossary.terms[term_id]
            fragment = f"#{anchor}" if anchor else ""
            url = (baseurl + uri + fragment) if baseurl else (fragment or None)
            assert entry.pop("@type") == "DefinedTerm" and entry.pop("inDefinedTermSet") == term_set
            assert entry.pop("name") == term.name and entry.pop("description") == term.definition
            assert entry.pop("alternateName", []) == list(term.aliases)
            assert entry.pop("url", None) == url and entry == {}
        # nothing in the script element that could end it or open a comment
        raw = path.read_text("utf-8").split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
        assert not re.search("[<>&\u2028\u2029]", raw)
    plain = out / (f"plain{suffix}")
    assert ld_json(plain) == []


@pytest.mark.sphinx("html", testroot="structured-data", confoverrides={"msp_glossary_structured_data": False})
def test_structured_data_off(app):
    app.build()
    assert all(ld_json(path) == [] for path in Path(app.outdir).glob("*.html"))


@pytest.mark.browser
@pytest.mark.sphinx("html", testroot="structured-data")
def test_hostile_data_runs_nothing_and_parses_back(app, browser):
    app.build()
    glossary = app.env.get_domain("msp").glossary
    hostile = glossary.lookup("Breaker </script><script>window.__pwned=1</script>")
    for page in ("index", "glossary"):
        context = browser.new_context()
        tab = context.new_page()
        dialogs = []
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        tab.goto((Path(app.outdir) / f"{page}.html").as_uri())
        tab.wait_for_load_state("load")
        assert tab.evaluate("window.__pwned") is None and dialogs == []
        scripts = tab.evaluate("""[...document.querySelectorAll('script[type="application/ld+json"]')]
                                  .map(s => JSON.parse(s.textContent))""")
        assert len(scripts) == 1
        assert scripts[0]["name"] == f"{app.config.project} glossary"
        found = next(t for t in scripts[0]["hasDefinedTerm"] if t["name"] == hostile.name)
        assert found["description"] == hostile.definition
        assert found["alternateName"] == list(hostile.aliases)
        assert "\u2028" in hostile.definition and "</script>" in hostile.definition
        # the page's other scripts are the ones Sphinx wrote: nothing was injected
        sources = tab.evaluate("[...document.scripts].filter(s => !s.src && s.type !== 'application/ld+json')"
                               ".map(s => s.textContent)")
        assert not any("__pwned" in text for text in sources)
        context.close()
