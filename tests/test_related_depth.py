"""``:used-only:`` with ``:related-depth:``: 0 shows only the terms the project uses, 1 adds
their related terms, the default the whole closure of related terms."""

from __future__ import annotations

import pytest

from helpers import msp_warnings, parse_html
from sphinx_msp_glossary.layers import merge_layers


def shown(app, page: str) -> set[str]:
    html = parse_html(app.outdir / f"{page}.html")
    return {card.get("data-msp-term") for card in html.find_all(class_="msp-term-card")}


def buttons(app, page: str) -> set[str]:
    html = parse_html(app.outdir / f"{page}.html")
    return {b.get("data-msp-category") for b in html.find_all("button", class_="msp-glossary__category-button")}


def categories(glossary, ids: set[str]) -> set[str]:
    return {glossary.terms[term_id].category for term_id in ids} - {""}


def related_of(glossary, ids: set[str]) -> set[str]:
    return {glossary.lookup(name).id for term_id in ids for name in glossary.terms[term_id].related
            if glossary.lookup(name) is not None}


@pytest.mark.sphinx("html", testroot="related-depth")
def test_related_depth(app, warning):
    app.build()
    glossary = merge_layers([])
    used = {"aup", "sla"}
    one_step = used | related_of(glossary, used)
    closure = set(one_step)
    while related_of(glossary, closure) - closure:
        closure |= related_of(glossary, closure)
    assert used < one_step < closure  # the packaged AUP relates onwards, so the depths differ
    assert shown(app, "only-used") == used
    assert shown(app, "one-step") == one_step
    assert shown(app, "closure") == closure
    # category buttons only for the categories of the cards left, none for fewer than two
    assert 1 < len(categories(glossary, used)) < len(categories(glossary, one_step)) < len(glossary.categories)
    assert buttons(app, "only-used") == categories(glossary, used)
    assert buttons(app, "one-step") == categories(glossary, one_step)
    assert buttons(app, "closure") == categories(glossary, closure)
    assert shown(app, "index") == closure  # a depth that is no number: the default, with a warning
    assert msp_warnings(warning.getvalue()) == [
        ("index.rst", 12, "usage", "msp-glossary: option :related-depth: must be a whole number, 0 or more "
         "(got 'two'); the full closure of related terms is used"),
    ]
