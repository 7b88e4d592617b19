"""Non-ASCII names, and names that differ only by case or punctuation.

tests/roots/test-unicode: accented, CJK, right-to-left and emoji names; a project "sla"
over the packaged "SLA" (same name but for case), a "Patch-Management" over the packaged
"Patch Management" (same slug, the old name as an alias), "Co-Managed IT!" and
"Co-managed IT!!" beside the packaged "Co-managed IT" (same slug, other names), and
"SLA" after "sla" in one file.

The rule (docs/own-terms.rst, docs/security.rst): a term's id is its ``id`` field, else the
slug of its name, else (a name with no letter or digit) ``term-`` and a hash of the name.
Names that only slug alike are distinct terms: the first in layer order keeps the slug, each
later one gets the first free ``<slug>-2``, ``-3``... In one file, a term with the same name
(case-folded) as an earlier one is ignored, with a warning. Across layers, a later term
replaces an earlier one with the same name, the id its ``id =`` sets, or its slug when it
lists the earlier name in ``aliases``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from helpers import build_root, in_card, msp_terms, msp_warnings, parse_html
from sphinx_msp_glossary.terms import slugify

ASCII_WHITESPACE = re.compile(r"[ \t\n\f\r]")

#: What each reference of index.rst links to, in order.
EXPECTED_REFS = [
    ("Société Gérée", "#msp-term-société-gérée"),
    ("société gérée", "#msp-term-société-gérée"),
    ("Societe Geree", "#msp-term-société-gérée"),
    ("Société Gérée", "#msp-term-société-gérée"),  # decomposed (NFD) in the source
    ("服务水平协议", "#msp-term-服务水平协议"),
    ("اتفاقية", "glossary.html#msp-term-اتفاقية"),
    ("🚀 Launch", "glossary.html#msp-term-launch"),
    ("🚀🛰️", f"glossary.html#msp-term-term-{hashlib.sha1('🚀🛰️'.encode()).hexdigest()[:8]}"),
    ("ünïcödé term", "glossary.html#msp-term-ünïcödé-term"),
    ("sla", "glossary.html#msp-term-sla"),
    ("SLA", "glossary.html#msp-term-sla"),
    ("SLAs", "glossary.html#msp-term-sla"),
    ("Patch-Management", "glossary.html#msp-term-patch-management"),
    ("Patch Management", "glossary.html#msp-term-patch-management"),
    ("patch management", "glossary.html#msp-term-patch-management"),
    ("Co-Managed IT!", "glossary.html#msp-term-co-managed-it-2"),
    ("co-managed it!", "glossary.html#msp-term-co-managed-it-2"),
    ("Co-managed IT", "glossary.html#msp-term-co-managed-it"),
    ("Co-managed IT!!", "glossary.html#msp-term-co-managed-it-3"),
]


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """Two builds of fresh copies of the root, shared by the tests of this module (they only read)."""
    tmp_path = tmp_path_factory.mktemp("unicode")
    return (build_root(SphinxTestApp, "unicode", tmp_path / "first"),
            build_root(SphinxTestApp, "unicode", tmp_path / "second"))


def ids_of(outdir: Path, page: str) -> list[str]:
    return [el.get("id") for el in parse_html(outdir / page).iter() if "id" in el.attrs]


def test_ids_are_valid_unique_and_stable(builds):
    first, second = builds
    for page in ("index.html", "glossary.html"):
        ids = ids_of(first.outdir, page)
        assert ids == ids_of(second.outdir, page), page  # the same ids, in the same order, every build
        assert len(ids) == len(set(ids)), page
        for value in ids:
            assert value and not ASCII_WHITESPACE.search(value), (page, value)
    glossary = parse_html(first.outdir / "glossary.html")
    cards = {c.get("data-msp-term"): c.get("id") for c in glossary.find_all(class_="msp-term-card")}
    for term in first.env.get_domain("msp").glossary:
        assert cards[term.id] == f"msp-term-{term.id}"
    # three names that slug alike: three cards, numbered in layer order
    assert {"msp-term-co-managed-it", "msp-term-co-managed-it-2", "msp-term-co-managed-it-3"} <= set(cards.values())
    names = {term.id: term.name for term in first.env.get_domain("msp").glossary}
    assert [names[f"co-managed-it{n}"] for n in ("", "-2", "-3")] == ["Co-managed IT", "Co-Managed IT!", "Co-managed IT!!"]
    assert "msp-term-sla-2" not in cards.values()


def test_references_link_to_their_own_card(builds):
    app = builds[0]
    page = parse_html(app.outdir / "index.html")
    refs = [(a.text, a.get("href")) for a in page.find_all("a", class_="msp-term-ref") if not in_card(a)]
    assert [href for _, href in refs] == [href for _, href in EXPECTED_REFS]
    assert [unicodedata.normalize("NFC", text) for text, _ in refs] == [text for text, _ in EXPECTED_REFS]
    assert refs[3][0] == unicodedata.normalize("NFD", "Société Gérée")  # shown as written
    glossary = app.env.get_domain("msp").glossary
    assert glossary.lookup("sla").layer.endswith("unicode.toml")  # the project's, not the packaged SLA
    assert glossary.lookup("Co-managed IT").layer == "packaged"  # kept beside "Co-Managed IT!"
    assert glossary.lookup("Co-managed IT!!").id == "co-managed-it-3"
    assert glossary.lookup("Patch Management").name == "Patch-Management"  # replaced: it lists the name


def test_every_collision_is_a_located_warning(builds):
    app = builds[0]
    warnings = msp_warnings(app._warning.getvalue())
    # only two terms with the same name are a data error; names that slug alike are not
    assert [(f, line, sub) for f, line, sub, _ in warnings] == [
        ("unicode.toml", 56, "data"),  # "SLA": same name as "sla" in the file
    ]
    assert "the file already has a term 'sla' with this name or id" in warnings[0][3]


def test_glossary_page_groups_and_letter_bar(builds):
    page = parse_html(builds[0].outdir / "glossary.html")
    links = {a.text: a.get("href") for a in page.find_all("a", class_="msp-glossary__letter-link")}
    assert links["Ü"] == "#msp-glossary-ü"
    assert links["服"] == "#msp-glossary-服"
    assert links["ا"] == "#msp-glossary-ا"
    assert links["#"] == "#msp-glossary-other"  # the emoji names
    ids = set(ids_of(builds[0].outdir, "glossary.html"))
    assert all(href[1:] in ids for href in links.values())


def test_objects_inv_holds_the_names_as_written(builds):
    app = builds[0]
    terms = msp_terms((app.outdir / "objects.inv").read_bytes(), "")
    for name in ("Société Gérée", "服务水平协议", "اتفاقية", "🚀 Launch", "🚀🛰️", "sla", "Patch-Management"):
        assert name in terms, name
    assert terms["服务水平协议"] == "index.html#msp-term-服务水平协议"
    assert "SLA" not in terms
    assert terms["Co-managed IT"] == "glossary.html#msp-term-co-managed-it"
    assert terms["Co-Managed IT!"] == "glossary.html#msp-term-co-managed-it-2"


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Société Gérée", "société-gérée"),
        ("Société Gérée", "société-gérée"),  # NFD
        ("服务水平协议", "服务水平协议"),
        ("اتفاقية", "اتفاقية"),
        ("🚀 Launch", "launch"),
        ("🚀🛰️", ""),
        ("Co-Managed IT!", "co-managed-it"),
        ("ﬁle", "file"),
        ("Straße", "strasse"),
        ("a_b", "a-b"),
        ("x\u200by", "x-y"),
    ],
)
def test_slugs(name, slug):
    assert slugify(name) == slug
    assert not ASCII_WHITESPACE.search(slugify(name))


def test_an_explicit_id_still_replaces_the_term_it_names(builds):
    app = builds[0]
    glossary = app.env.get_domain("msp").glossary
    assert glossary.lookup("MTTR").name == "Mean Time to Restore"
    assert glossary.terms["mttr"].layer.endswith("unicode.toml")
    assert "mttr-2" not in glossary.terms
    assert glossary.overrides["mttr"] == "packaged"
    cards = parse_html(app.outdir / "glossary.html").find_all(class_="msp-term-card", data_msp_term="mttr")
    assert [card.get("id") for card in cards] == ["msp-term-mttr"]
