"""What of a card goes into Sphinx's search index: its content, not its navigation."""

from __future__ import annotations

import inspect
import json
import re

import pytest
import sphinx.search

from helpers import parse_html
from sphinx_msp_glossary.layers import merge_layers

SKIPS_NO_SEARCH = "no-search" in inspect.getsource(sphinx.search)


def search_index(outdir) -> dict:
    text = (outdir / "searchindex.js").read_text("utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


@pytest.mark.sphinx("html", testroot="search")
def test_related_and_backlink_lines_are_not_searched(app):
    app.build()
    card = parse_html(app.outdir / "card.html").find(class_="msp-term-card")
    assert "no-search" in card.find(class_="msp-term-card__related").classes
    assert "no-search" in card.find(class_="msp-term-card__why").find("strong").classes


@pytest.mark.skipif(not SKIPS_NO_SEARCH, reason="Sphinx before the no-search class indexes every line")
@pytest.mark.sphinx("html", testroot="search")
def test_related_names_are_not_in_the_search_index(app):
    app.build()
    index = search_index(app.outdir)
    page = index["docnames"].index("card")
    soc = merge_layers([]).lookup("SOC")
    own_words = set(re.findall(r"\w+", " ".join((soc.name, soc.expansion, soc.definition, soc.why)).lower()))
    stemmer = sphinx.search.languages["en"]({})
    checked = 0
    for name in soc.related:
        words = re.findall(r"\w+", name.lower())
        if any(w in own_words for w in words):
            continue  # the card's own text names it
        for word in words:
            stem = stemmer.stem(word)
            docs = index["terms"].get(stem, [])
            assert page not in (docs if isinstance(docs, list) else [docs]), (name, stem)
            checked += 1
    assert checked, "no related name to check"
