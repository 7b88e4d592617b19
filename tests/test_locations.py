"""Exact locations (docs/warnings.rst): each reference at its own line, also when a paragraph
holds the same role text several times (rST and MyST), and references and cards of included
files at the included file's line, in warnings and in the termcheck report.

tests/roots/test-locations: index.rst (a paragraph with ``:term-ref:`Nope``` on three lines,
an ``.. include:: part.rst``, an SLA card), part.rst (references, a Ticket card, a second SLA
card), myst.md (the paragraph again, in MyST).
"""

from __future__ import annotations

import json

from helpers import build_root, msp_warnings


def build(make_app, tmp_path, builder):
    return build_root(make_app, "locations", tmp_path / builder, builder)


def test_each_reference_and_card_is_warned_at_its_own_file_and_line(make_app, tmp_path):
    app = build(make_app, tmp_path, "html")
    warnings = [(name, line, subtype) for name, line, subtype, _ in msp_warnings(app._warning.getvalue())]
    assert sorted(warnings) == sorted([
        ("index.rst", 8, "unknown"), ("index.rst", 9, "unknown"), ("index.rst", 10, "unknown"),
        ("part.rst", 2, "unknown"),
        ("myst.md", 3, "unknown"), ("myst.md", 4, "unknown"), ("myst.md", 5, "unknown"),
        ("part.rst", 6, "duplicate"),  # the included card; links go to the document's own one
    ])
    (duplicate,) = [m for *_, s, m in msp_warnings(app._warning.getvalue()) if s == "duplicate"]
    assert "index.rst:14" in duplicate


def test_the_report_names_the_included_file(make_app, tmp_path):
    app = build(make_app, tmp_path, "msp-termcheck")
    lines = [line for line in (app.outdir / "output.txt").read_text("utf-8").splitlines()
             if not line.startswith("sphinx_msp_glossary/")]
    assert lines == [
        "index.rst:8: [unknown] Nope: no such term",
        "index.rst:9: [unknown] Nope: no such term",
        "index.rst:9: [ok] SLA: card at index.rst:14",
        "index.rst:10: [unknown] Nope: no such term",
        "index.rst:14: [ok] SLA: card",
        "myst.md:3: [unknown] Nope: no such term",
        "myst.md:4: [unknown] Nope: no such term",
        "myst.md:4: [ok] SLA: card at index.rst:14",
        "myst.md:5: [unknown] Nope: no such term",
        "part.rst:1: [ok] SLA: card at index.rst:14",
        "part.rst:2: [unknown] Nope: no such term",
        "part.rst:4: [ok] Ticket: card",
        "part.rst:6: [duplicate] SLA: second link-target card; links go to index.rst:14",
    ]
    records = [json.loads(line) for line in (app.outdir / "output.json").read_text("utf-8").splitlines()]
    assert {(r["filename"], r["lineno"]) for r in records if r["filename"] == "part.rst"} == {
        ("part.rst", 1), ("part.rst", 2), ("part.rst", 4), ("part.rst", 6)}


def test_unlinked_mentions_of_included_files_are_at_their_file(make_app, tmp_path):
    app = build_root(make_app, "locations", tmp_path / "unlinked", "msp-termcheck",
                     confoverrides={"msp_glossary_check_unlinked": True,
                                    "msp_glossary_fail_on": ["unlinked"]})
    report = (app.outdir / "output.txt").read_text("utf-8").splitlines()
    assert [line for line in report if "[unlinked] Ticket" in line] == [
        "part.rst:8: [unlinked] Ticket: write :term-ref:`Ticket` to link it"]
    warned = [w for w in msp_warnings(app._warning.getvalue()) if w[2] == "unlinked" and "Ticket" in w[3]]
    assert warned == [("part.rst", 8, "unlinked", "Ticket: write :term-ref:`Ticket` to link it")]
