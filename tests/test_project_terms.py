"""Project glossary files: layering, overrides, exclusion, bad data, incremental rebuilds."""

from __future__ import annotations

import json
import shutil
import tomllib

import pytest

from helpers import Builds, contents, file_tips, msp_warnings, normalize_space, parse_html, ROOTS, tooltip
from sphinx_msp_glossary.layers import packaged_terms
from sphinx_msp_glossary.parsing import FIELD_TYPES, REQUIRED_FIELDS

SLA = next(term for term in packaged_terms() if term.name == "SLA")



def cards_by_id(page):
    return {c.get("data-msp-term"): c for c in page.find_all(class_="msp-term-card")}


@pytest.mark.sphinx("html", testroot="project-terms")
def test_layers_override_and_exclude(app, warning):
    app.build()
    assert warning.getvalue() == ""
    glossary = cards_by_id(parse_html(app.outdir / "glossary.html"))
    # project terms are added (Vendor Liaison) or replace packaged ones of the same name (QBR,
    # Runbook), the later file overrides the packaged SLA, Break-fix is excluded
    assert {"qbr", "runbook", "vendor-liaison"} <= set(glossary)
    assert "break-fix" not in glossary
    packaged = {term.id for term in packaged_terms()}
    assert "vendor-liaison" not in packaged
    project = {
        card.get("data-msp-term") for card in glossary.values() if card.get("data-msp-term") not in packaged
    }
    assert project == {"vendor-liaison"}
    assert len(glossary) == len(packaged - {"break-fix"}) + len(project)
    sla = glossary["sla"]
    team = tomllib.loads((ROOTS / "test-project-terms" / "glossary" / "team.toml").read_text())["term"][0]
    assert sla.find(class_="msp-term-card__definition").text == team["definition"]
    assert [a.text for a in sla.find(class_="msp-term-card__related").find_all("a")] == team["related"]
    # the tooltip of a reference uses the overriding definition, and aliases of project terms work
    index = parse_html(app.outdir / "index.html")
    links = {a.text: a for a in index.find_all("a", class_="msp-term-ref")}
    assert team["definition"] in tooltip(links["SLA"], file_tips(app.outdir))
    assert links["QBR"].get("href") == "reviews.html#msp-term-qbr"
    # Managed Services relates to the excluded Break-fix: shown as text, not a link, no warning
    related = glossary["managed-services"].find(class_="msp-term-card__related")
    assert "Break-fix" in normalize_space(related.text)
    assert "Break-fix" not in [a.text for a in related.find_all("a")]


@pytest.mark.sphinx("html", testroot="bad-data")
def test_bad_data_is_located_and_loses_nothing_valid(app, warning):
    app.build()
    found = msp_warnings(warning.getvalue())
    data = sorted(w for w in found if w[2] == "data")
    assert data == sorted([
        ("broken.toml", 3, "data", "TOML syntax error at line 3, column 43: unterminated string: the closing "
         "quote is missing; the file is not loaded (1 term)"),
        ("mixed.toml", 5, "data", "term #2: field 'name': is required"),
        ("mixed.toml", 8, "data", "term 'No Definition': field 'definition': is required"),
        ("mixed.toml", 14, "data", "term 'Wrong Type': field 'related': must be a list of strings, not str"),
        ("mixed.toml", 19, "data", "term 'Unknown Key': field 'colour': unknown key "
         "(allowed: name, id, expansion, definition, why, related, aliases, category, alias_glosses, extends, "
         "drop_aliases, deprecated, replaced_by)"),
        ("mixed.toml", 22, "data", "term #6: field 'name': must not be empty"),
        ("mixed.toml", 26, "data", "term 'Good One': field 'name': the file already has a term 'Good One' "
         "with this name or id (line 1); the later one is ignored"),
        ("mixed.toml", 32, "data", "term 'Alias Clash': field 'aliases': 'SLA' is already the name of term "
         "'SLA' (the packaged glossary, line {}); it is ignored for 'Alias Clash'".format(SLA.lineno)),
        ("conf.py", 2, "data", "glossary file {} not found or not readable".format(app.srcdir / "missing.toml")),
    ])
    assert ("conf.py", 3, "config", "msp_glossary_tooltips must be bool, not 'yes'; using the default True") in found
    assert "Traceback" not in warning.getvalue()
    # every valid term still renders, including those whose neighbours are broken
    page = parse_html(app.outdir / "index.html")
    cards = cards_by_id(page)
    assert set(cards) == {"good-one", "good-two", "wrong-type", "unknown-key", "alias-clash", "sla"}
    assert cards["good-one"].find(class_="msp-term-card__definition").text == "A valid term before the broken ones."
    links = {a.text: a.get("href") for a in page.find_all("a", class_="msp-term-ref")}
    assert links["Clashy"] == "#msp-term-alias-clash"  # its other alias still works
    assert links["SLA"] == "#msp-term-sla"  # and SLA still means SLA


def test_schema_matches_the_loader():
    from importlib import resources

    schema = json.loads(resources.files("sphinx_msp_glossary").joinpath("data", "msp-glossary.schema.json").read_text())
    term = schema["$defs"]["term"]
    assert set(term["properties"]) == set(FIELD_TYPES)
    assert term["anyOf"] == [{"required": list(REQUIRED_FIELDS)}, {"required": ["extends"]}]
    types = {"string": str, "array": list, "object": dict, "boolean": bool}

    def kind(value: str | list[str]):
        return tuple(types[t] for t in value) if isinstance(value, list) else types[value]

    assert {k: kind(v["type"]) for k, v in term["properties"].items()} == FIELD_TYPES
    assert term["additionalProperties"] is False


@pytest.mark.slow
def test_editing_a_glossary_file_rereads_only_pages_that_use_changed_terms(make_app, tmp_path):
    builds = Builds(make_app, tmp_path)
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-project-terms", src)
    # a page in no toctree (Sphinx writes a page again when one its toctree lists was read)
    (src / "first.rst").write_text(":orphan:\n\nFirst\n=====\n\nOur :term-ref:`QBR`, our :term-ref:`SLA`.\n")
    builds.build(src)
    base = src / "glossary" / "base.toml"

    # change QBR's definition: reviews and the glossary page show its card, and are read again;
    # index only references it, and is written again (its tooltip) but not read
    base.write_text(base.read_text().replace("review tickets, SLA results and plans", "review everything"))
    app = builds.build(src)
    assert sorted(builds.read) == ["glossary", "reviews"]
    first = parse_html(app.outdir / "first.html").find(role="main").find(class_="msp-term-ref")
    assert first.text == "QBR" and "review everything" in first.get("title")  # for readers without JS
    card = cards_by_id(parse_html(app.outdir / "reviews.html"))["qbr"]
    assert "review everything" in card.find(class_="msp-term-card__definition").text
    builds.fresh(src, "qbr")
    assert contents(app.outdir) == contents(builds.fresh_outdir("qbr"))

    # nothing changed: nothing is re-read
    builds.build(src)
    assert builds.read == []

    # a new term makes an unknown name known: the page that used it is re-read
    plain = src / "plain.rst"
    plain.write_text(plain.read_text() + "\nAnd a :term-ref:`Change Advisory Board`.\n")
    builds.build(src)
    assert builds.read == ["plain"]
    base.write_text(base.read_text() + '\n[[term]]\nname = "Change Advisory Board"\ndefinition = "Approves changes."\n')
    app = builds.build(src)
    assert sorted(builds.read) == ["glossary", "plain"]
    span = [s for s in parse_html(app.outdir / "plain.html").find_all(class_="msp-term-ref")
            if s.text == "Change Advisory Board"]
    assert span and "msp-term-ref--unknown" not in span[0].classes
    builds.fresh(src, "cab")
    assert contents(app.outdir) == contents(builds.fresh_outdir("cab"))
