"""Alias-level control: an alias's own gloss as the tooltip of references written with it, and
``extends`` tables that change single fields of a packaged term, drop or take over an alias."""

from __future__ import annotations

import shutil

import pytest
from sphinx.cmd.build import build_main

from helpers import ROOTS, file_tips, msp_terms, msp_warnings, normalize_space, parse_html, tooltip


@pytest.mark.sphinx("html", testroot="alias-control")
def test_alias_glosses_and_extends(app, warning):
    app.build()
    page = parse_html(app.outdir / "index.html")
    first = page.find("p")
    # the tooltip of each reference: its title, or the tooltip file's text for its card
    tips = file_tips(app.outdir)
    titles = {a.text: tooltip(a, tips) for a in first.find_all("a", class_="msp-term-ref")}
    assert titles == {
        "P1": "An incident that stops a whole client.",  # taken over by Major Incident, which has no gloss for it
        "P2": "High severity: significant impact on multiple users.",  # the packaged gloss
        "Tier 2": "Experienced support: the harder cases that Tier 1 escalates.",
        "MI": "Major incident: a whole client is down.",
        "Major Incident": "An incident that stops a whole client.",  # by name: the summary
        "Severity Levels": titles["Severity Levels"],
    }
    assert titles["Severity Levels"].startswith("Priority classification for tickets")
    cards = {c.get("data-msp-term"): c for c in page.find_all(class_="msp-term-card")}
    # only the why of SLA changed; its definition is the packaged one
    assert normalize_space(cards["sla"].find(class_="msp-term-card__why").text) == \
        "Why it matters: Our clients read it before they sign."
    assert cards["sla"].find(class_="msp-term-card__definition").text.startswith("The contractual commitment")
    inventory = msp_terms((app.outdir / "objects.inv").read_bytes(), "")
    assert "SLAs" not in inventory and "Service Level Agreement" in inventory
    assert inventory["P1"] == "index.html#msp-term-major-incident"
    assert msp_warnings(warning.getvalue()) == [
        ("terms.toml", 15, "data", "term 'Major Incident': field 'alias_glosses': 'P1 Incidnt' is no alias of this term"),
        ("terms.toml", 4, "data", "term 'SLA' (extends): field 'drop_aliases': 'SLA Contract' is no alias of 'SLA'"),
        ("terms.toml", 20, "data", "field 'extends': 'SLAA' is no earlier term (did you mean 'SLA'?); the table is "
                                   "ignored"),
        # a category that an extends table gives is located at that table's line
        ("terms.toml", 25, "data", "term 'Ticket': field 'category': 'Our desk' is no declared category; the "
                                   "term is shown without one"),
    ]


def test_report_shows_each_change(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-alias-control", src)
    build_main(["-q", "-b", "msp-termcheck", str(src), str(tmp_path / "out")])
    report = (tmp_path / "out" / "output.txt").read_text("utf-8").splitlines()
    assert [line for line in report if "[override]" in line] == [
        "terms.toml:1: [override] SLA: changed by terms.toml:1: why set, alias 'SLAs' dropped",
        "terms.toml:6: [override] Severity Levels: changed by terms.toml:6: alias 'P1' dropped",
        "terms.toml:23: [override] Ticket: changed by terms.toml:23: category set",
    ]
