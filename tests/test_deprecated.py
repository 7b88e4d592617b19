"""Deprecated terms: data fields, the warning at each reference, the termcheck status, the card,
the glossary page's :deprecated: option, and the command line's validate."""

from __future__ import annotations

import shutil

import pytest
from sphinx.cmd.build import build_main

from helpers import ROOTS, Builds, contents, msp_warnings, normalize_space, parse_html
from sphinx_msp_glossary.cli import main

GOLD = ("term 'Gold Plan' is deprecated: use 'Per-Seat Pricing' (Sold until 2024; existing contracts run to "
        "their end.)")


@pytest.mark.sphinx("html", testroot="deprecated")
def test_reference_warns_at_its_line_naming_the_replacement(app, warning):
    app.build()
    found = msp_warnings(warning.getvalue())
    assert ("index.rst", 11, "deprecated", GOLD) in found
    assert ("index.rst", 12, "deprecated", "term 'Legacy Portal' is deprecated") in found
    # a replacement that names no term is a located data warning, like a related name
    assert ("terms.toml", 15, "related",
            "term 'Silver Plan': replaced_by name 'Bronze Plan' is no term (did you mean 'Gold Plan'?)") in found
    assert ("deprecated-only.rst", 9, "usage",
            "msp-glossary: option :deprecated: must be one of show, hide, only (got 'sometimes'); showing them") in found
    # the replacement itself, and references in cards, warn about nothing
    assert [w for w in found if w[2] == "deprecated"] == [
        ("index.rst", 11, "deprecated", GOLD), ("index.rst", 12, "deprecated", "term 'Legacy Portal' is deprecated"),
    ]


def card(page, term_id):
    return next(c for c in page.find_all(class_="msp-term-card") if c.get("data-msp-term") == term_id)


@pytest.mark.sphinx("html", testroot="deprecated")
def test_card_shows_label_reason_and_replacement(app):
    app.build()
    cards = parse_html(app.outdir / "cards.html")
    gold = card(cards, "gold-plan")
    assert "msp-term-card--deprecated" in gold.classes
    note = gold.find(class_="msp-term-card__deprecated")
    assert note.find("strong").text == "Deprecated"
    assert normalize_space(note.text) == ("Deprecated Sold until 2024; existing contracts run to their end. "
                                          "Use instead: Per-Seat Pricing")
    assert note.find("a").get("href") == "glossary.html#msp-term-per-seat-pricing"
    silver = card(cards, "silver-plan")  # replaced_by alone makes a term deprecated
    assert "msp-term-card--deprecated" in silver.classes
    assert silver.find(class_="msp-term-card__deprecated").find("a") is None  # Bronze Plan is no term
    glossary = parse_html(app.outdir / "glossary.html")
    assert "msp-term-card--deprecated" not in card(glossary, "per-seat-pricing").classes
    assert card(glossary, "per-seat-pricing").find(class_="msp-term-card__deprecated") is None


@pytest.mark.sphinx("html", testroot="deprecated")
def test_glossary_page_shows_hides_or_only_lists_deprecated_terms(app):
    app.build()

    def shown(page):
        glossary = parse_html(app.outdir / page).find(class_="msp-glossary")
        return [c.get("data-msp-term") for c in glossary.find_all(class_="msp-term-card")]

    assert shown("glossary.html") == ["gold-plan", "legacy-portal", "per-seat-pricing", "sla"]
    assert shown("current.html") == ["per-seat-pricing", "sla"]
    assert shown("deprecated-only.html") == ["gold-plan", "legacy-portal"]


def termcheck(tmp_path, *options):
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-deprecated", src)
    status = build_main(["-q", "-b", "msp-termcheck", *options, str(src), str(tmp_path / "out")])
    return status, (tmp_path / "out" / "output.txt").read_text("utf-8").splitlines()


def test_termcheck_status_deprecated_fails_only_when_asked(tmp_path):
    status, lines = termcheck(tmp_path, "-D", "msp_glossary_fail_on=unknown")
    assert status == 0  # not in the default msp_glossary_fail_on
    assert f"index.rst:11: [deprecated] Gold Plan: {GOLD}" in lines
    assert "index.rst:12: [deprecated] Legacy Portal: term 'Legacy Portal' is deprecated" in lines
    assert "index.rst:12: [ok] Per-Seat Pricing: card at glossary.rst:4" in lines
    assert not [line for line in lines if line.startswith("index.rst:11: [ok]")]  # deprecated instead of ok
    assert "terms.toml:5: [ok] Per-Seat Pricing: replaced_by name of 'Gold Plan'" in lines
    assert ("terms.toml:15: [related] Bronze Plan: replaced_by name of 'Silver Plan' is no term "
            "(did you mean 'Gold Plan'?)") in lines
    status, _lines = termcheck(tmp_path / "again", "-D", "msp_glossary_fail_on=deprecated")
    assert status == 1


def test_validate_reports_a_replacement_that_is_no_term_and_bad_values(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "terms.toml").write_text(
        '[[term]]\nname = "Old Plan"\ndefinition = "d"\nreplaced_by = "Nowhere Plan"\n\n'
        '[[term]]\nname = "Odd Plan"\ndefinition = "d"\ndeprecated = 3\n\n'
        '[[term]]\nname = "Fine Plan"\ndefinition = "d"\ndeprecated = true\nreplaced_by = "Per-Seat Pricing"\n',
        "utf-8",
    )
    assert main(["validate", "terms.toml"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "terms.toml:4: term 'Old Plan': replaced_by name 'Nowhere Plan' is no term "
        "(did you mean 'Fine Plan', 'Odd Plan'?)",
        "terms.toml:9: term 'Odd Plan': field 'deprecated': must be a boolean or string, not int",
    ]
    assert main(["show", "Fine Plan", "--file", "terms.toml"]) == 0
    assert "Deprecated:     term 'Fine Plan' is deprecated: use 'Per-Seat Pricing'" in capsys.readouterr().out


@pytest.mark.slow
def test_deprecating_a_term_updates_the_filtered_glossary_pages(make_app, tmp_path):
    """A term deprecated (or no longer) in the glossary file moves between the pages that hide
    and that only list deprecated terms, in an incremental build as in a fresh one."""
    builds = Builds(make_app, tmp_path)
    src = shutil.copytree(ROOTS / "test-deprecated", tmp_path / "src")
    builds.build(src)
    terms = src / "terms.toml"
    terms.write_text(terms.read_text().replace('definition = "The ticket portal before the current one."\n'
                                               "deprecated = true\n",
                                               'definition = "The ticket portal before the current one."\n'))
    app = builds.build(src)

    def shown(page):
        glossary = parse_html(app.outdir / page).find(class_="msp-glossary")
        return [c.get("data-msp-term") for c in glossary.find_all(class_="msp-term-card")]

    assert "legacy-portal" in shown("current.html")
    assert shown("deprecated-only.html") == ["gold-plan"]
    builds.fresh(src, "undeprecated")
    assert contents(app.outdir) == contents(builds.fresh_outdir("undeprecated"))
