"""The role and both directives in MyST Markdown pages."""

from __future__ import annotations

import pytest
from helpers import msp_warnings, parse_html



@pytest.mark.sphinx("html", testroot="myst")
def test_myst_role_and_directives(app, warning):
    app.build()
    index = parse_html(app.outdir / "index.html")
    links = {a.text: a.get("href") for a in index.find_all("a", class_="msp-term-ref")}
    assert links == {"SLA": "terms.html#msp-term-sla", "the statement": "terms.html#msp-term-sow"}
    terms = parse_html(app.outdir / "terms.html")
    cards = terms.find_all(class_="msp-term-card")
    assert [c.get("data-msp-term") for c in cards] == ["sla", "sow", "ticket"]
    notes = cards[0].find(class_="msp-term-card__notes")
    assert notes.find("strong").text == "every"  # content parsed as MyST
    assert msp_warnings(warning.getvalue()) == [
        ("index.md", 7, "unknown", "unknown term 'SLAA' (did you mean 'SLA'?)")
    ]
