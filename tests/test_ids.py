"""No term lost to an id collision (docs/own-terms.rst, "id-rule").

tests/roots/test-ids: the packaged "Co-managed IT", "Co-Managed IT!" in first.toml and
"Co Managed IT?" in second.toml (three names, one slug), and "Our Escalation Path" with
``id = "escalation"`` (an override of the packaged Escalation by id).
"""

from __future__ import annotations

from helpers import build_root, msp_warnings, parse_html


def cards_and_links(outdir):
    page = parse_html(outdir / "index.html")
    cards = {card.find("strong").text: card.get("id") for card in page.find_all(class_="msp-term-card")}
    links = [(a.text, a.get("href")) for a in page.find_all("a", class_="msp-term-ref")
             if "msp-term-card" not in (a.parent.parent.classes if a.parent and a.parent.parent else [])]
    return cards, links


def test_names_that_slug_alike_are_distinct_terms_with_stable_ids(make_app, tmp_path):
    first = build_root(make_app, "ids", tmp_path / "one")
    cards, links = cards_and_links(first.outdir)
    assert cards == {
        "Co-managed IT": "msp-term-co-managed-it",  # first in layer order: the slug
        "Co-Managed IT!": "msp-term-co-managed-it-2",
        "Co Managed IT?": "msp-term-co-managed-it-3",
        "Our Escalation Path": "msp-term-escalation",
    }
    assert links[:4] == [
        ("Co-managed IT", "#msp-term-co-managed-it"),
        ("Co-Managed IT!", "#msp-term-co-managed-it-2"),
        ("Co Managed IT?", "#msp-term-co-managed-it-3"),
        ("Our Escalation Path", "#msp-term-escalation"),
    ]
    again = build_root(make_app, "ids", tmp_path / "two")
    assert cards_and_links(again.outdir) == (cards, links)
    only_the_explicit_id_replaces_and_is_warned(first)


def only_the_explicit_id_replaces_and_is_warned(app):
    glossary = app.env.get_domain("msp").glossary
    assert glossary.terms["escalation"].name == "Our Escalation Path"  # replaced by id
    assert "escalation-2" not in glossary.terms
    data = [(name, line, message) for name, line, subtype, message in msp_warnings(app._warning.getvalue())
            if subtype == "data"]
    assert len(data) == 1  # not one for the names that slug alike
    name, line, message = data[0]
    assert (name, line) == ("second.toml", 9)  # at its id field: the cause
    assert "'Escalation' names no term any more" in message
