"""msp-term cards, the msp-glossary page and :term-ref: links, in real HTML builds."""

from __future__ import annotations

import pytest

from helpers import file_tips, normalize_space, parse_html, tooltip
from sphinx_msp_glossary.layers import packaged_terms


def card_of(page, term_id):
    cards = [c for c in page.find_all(class_="msp-term-card") if c.get("data-msp-term") == term_id]
    assert len(cards) == 1, f"{len(cards)} cards of {term_id}"
    return cards[0]


@pytest.fixture
def built(app):
    app.build()
    return app


@pytest.mark.sphinx("html", testroot="basic")
def test_build_is_clean(built, warning):
    assert warning.getvalue() == ""


@pytest.mark.sphinx("html", testroot="basic")
def test_msp_term_card_shows_every_field(built):
    sla = next(t for t in packaged_terms() if t.name == "SLA")
    card = card_of(parse_html(built.outdir / "contracts.html"), "sla")
    assert card.tag == "div"
    assert card.get("id") == "msp-term-sla"
    assert normalize_space(card.find(class_="msp-term-card__name").text) == "SLA"
    assert card.find(class_="msp-term-card__expansion").text == sla.expansion
    # shown as written: no smart quotes, nothing dropped
    assert card.find(class_="msp-term-card__definition").text == sla.definition
    assert card.find(class_="msp-term-card__why").text == f"Why it matters: {sla.why}"
    related = card.find(class_="msp-term-card__related")
    links = related.find_all("a", class_="msp-term-ref")
    assert [a.text for a in links] == list(sla.related)
    # related links go to the cards of those terms (here: on the glossary page)
    assert links[0].get("href") == "glossary.html#msp-term-response-time"
    # directive content is appended as local notes
    notes = card.find(class_="msp-term-card__notes")
    assert "reviewed every quarter" in notes.text


@pytest.mark.sphinx("html", testroot="basic")
def test_no_index_card_is_no_link_target(built):
    page = parse_html(built.outdir / "contracts.html")
    card = card_of(page, "msa")
    assert card.get("id") is None
    index = parse_html(built.outdir / "index.html")
    link = next(a for a in index.find_all("a", class_="msp-term-ref") if a.text == "our master agreement")
    assert link.get("href") == "glossary.html#msp-term-msa"


@pytest.mark.sphinx("html", testroot="basic")
def test_card_class_option_and_index_entry(built):
    page = parse_html(built.outdir / "contracts.html")
    assert "handbook-highlight" in card_of(page, "sow").classes
    genindex = (built.outdir / "genindex.html").read_text("utf-8")
    assert 'href="contracts.html#msp-term-sla"' in genindex
    assert 'href="glossary.html#msp-term-aup"' in genindex


@pytest.mark.sphinx("html", testroot="basic")
def test_glossary_page_sorted_with_options(built):
    page = parse_html(built.outdir / "glossary.html")
    names = [normalize_space(c.find(class_="msp-term-card__name").text) for c in page.find_all(class_="msp-term-card")]
    expected = sorted((t.name for t in packaged_terms() if t.name != "MDR"), key=str.casefold)
    assert names == expected  # every packaged term but the excluded one, A-Z
    groups = page.find_all(class_="msp-glossary__group")
    ids = [g.get("id") for g in groups]
    assert [i for i in ids if i != "msp-glossary-other"][:2] == ["msp-glossary-a", "msp-glossary-b"]
    # names that start with no letter ("3-2-1 Backup Rule") are grouped under "#", first
    assert (ids[0] == "msp-glossary-other") == any(not name[0].isalpha() for name in expected)
    subset = parse_html(built.outdir / "subset.html")
    cards = subset.find_all(class_="msp-term-card")
    assert [c.get("data-msp-term") for c in cards] == ["help-desk", "sla", "ticket"]
    # :no-index: glossary cards are no link targets
    assert all(c.get("id") is None for c in cards)


@pytest.mark.sphinx("html", testroot="basic")
def test_term_ref_links(built):
    page = parse_html(built.outdir / "index.html")
    links = {a.text: a for a in page.find_all("a", class_="msp-term-ref")}
    # case-insensitive, through name, id, alias, expansion and plural
    for text in ("SLA", "SLAs", "Service Level Agreement", "sla", "service level agreements"):
        assert links[text].get("href") == "contracts.html#msp-term-sla", text
    assert links["p1"].get("href") == "glossary.html#msp-term-severity-levels"
    assert links["Tier 1/2/3"].get("href") == "glossary.html#msp-term-tier-1-2-3-support"
    sla = next(t for t in packaged_terms() if t.name == "SLA")
    assert links["SLA"].get("title").startswith(sla.expansion + ": ")


@pytest.mark.sphinx("html", testroot="basic")
def test_exclamation_mark_suppresses_the_link(built):
    page = parse_html(built.outdir / "index.html")
    paragraph = next(p for p in page.find_all("p") if "Not a link" in p.text)
    assert paragraph.find("a") is None
    assert normalize_space(paragraph.text).endswith("convention: SLA.")


@pytest.mark.sphinx("html", testroot="basic")
def test_term_without_card_is_text_with_tooltip(built):
    page = parse_html(built.outdir / "index.html")
    spans = page.find_all("span", class_="msp-term-ref--no-card")
    assert [s.text for s in spans] == ["MDR"]
    mdr = next(t for t in packaged_terms() if t.name == "MDR")
    text = tooltip(spans[0], file_tips(built.outdir))
    assert text.startswith(mdr.expansion)
    assert mdr.definition.split(".")[0] in text
    assert not [a for a in page.find_all("a") if a.text == "MDR"]  # never a link to nothing


@pytest.mark.sphinx("html", testroot="basic")
def test_css_added_for_html(built):
    page = (built.outdir / "index.html").read_text("utf-8")
    assert "_static/msp-glossary.css" in page
    assert (built.outdir / "_static" / "msp-glossary.css").is_file()


@pytest.mark.sphinx("text", testroot="basic")
def test_text_builder_renders_cards_without_assets(app, warning):
    app.build()
    text = (app.outdir / "contracts.txt").read_text("utf-8")
    assert "Why it matters:" in text and "Service Level Agreement" in text
    assert not (app.outdir / "_static").exists()
    assert warning.getvalue() == ""
