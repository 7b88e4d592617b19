"""Every problem is a located ``msp_glossary`` warning; the build goes on and renders something."""

from __future__ import annotations

import shutil

import pytest
from sphinx.cmd.build import build_main
from helpers import ROOTS, copy_root, file_tips, msp_warnings, parse_html, tooltip


@pytest.mark.sphinx("html", testroot="warnings")
def test_each_problem_is_a_located_typed_warning(app, warning):
    app.build()
    found = msp_warnings(warning.getvalue())
    expected = [
        ("terms.toml", 6, "related", "term 'Runbook': related name 'Playbook Library' is no term"),
        ("index.rst", 8, "unknown", "unknown term 'SLAA' (did you mean 'SLA'?)"),
        ("index.rst", 9, "usage", "empty term name in :term-ref:`text <>`"),
        ("index.rst", 11, "usage", "msp-term needs a term name as its argument"),
        ("index.rst", 13, "unknown", "unknown term 'Service Levle Agreement' (did you mean 'Service Level Agreement', 'Master Service Agreement'?)"),
        ("index.rst", 15, "usage", "msp-term: unknown option :colour: (known: :class:, :no-index:, :noindex:)"),
        ("index.rst", 18, "usage", "msp-term: option :no-index: takes no value (got 'yes')"),
        ("index.rst", 21, "usage", "msp-glossary: option :exclude: needs a value"),
        ("index.rst", 21, "unknown", "msp-glossary :terms: unknown term 'Nonsense Term'"),
    ]
    for item in expected:
        assert item in found, (item, found)
    duplicates = [w for w in found if w[2] == "duplicate"]
    assert len(duplicates) == 1
    assert duplicates[0][:2] == ("other.rst", 4)
    assert "term 'SLA' already has a card at " in duplicates[0][3] and "index.rst:15" in duplicates[0][3]
    assert len(found) == len(expected) + 1  # nothing reported twice


@pytest.mark.sphinx("html", testroot="warnings")
def test_build_goes_on_and_renders_something_sensible(app):
    app.build()
    page = parse_html(app.outdir / "index.html")
    unknown = page.find_all(class_="msp-term-ref--unknown")
    assert [u.text for u in unknown] == ["SLAA", "text"]
    assert all(u.tag == "span" for u in unknown)  # never a link to nothing
    main = page.find(role="main")
    assert not [a for a in main.find_all("a") if not a.get("href") and not a.get("id")]
    placeholder = page.find(class_="msp-term-card--unknown")
    assert placeholder is not None
    # the card with an unknown option still renders; the duplicate card links to the first
    assert page.find(class_="msp-term-card", id="msp-term-sla") is not None
    other = parse_html(app.outdir / "other.html")
    runbook = next(s for s in other.find_all(class_="msp-term-ref--no-card") if s.text == "Runbook")
    assert runbook.text == "Runbook"
    assert tooltip(runbook, file_tips(app.outdir)).startswith("A step-by-step guide")
    # the duplicate SLA card still shows, as a card
    assert other.find(class_="msp-term-card") is not None


@pytest.mark.sphinx(
    "html", testroot="warnings",
    confoverrides={"suppress_warnings": ["msp_glossary.unknown", "msp_glossary.usage"]},
)
def test_suppress_warnings_silences_one_subtype(app, warning):
    app.build()
    subtypes = {w[2] for w in msp_warnings(warning.getvalue())}
    assert subtypes == {"related", "duplicate"}


def test_dash_w_fails_the_build(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-warnings", src)
    status = build_main(["-q", "-W", "--keep-going", "-b", "html", str(src), str(tmp_path / "out")])
    assert status != 0
    clean = tmp_path / "clean"
    shutil.copytree(ROOTS / "test-basic", clean)
    assert build_main(["-q", "-W", "--keep-going", "-b", "html", str(clean), str(tmp_path / "out2")]) == 0


@pytest.mark.sphinx("html", testroot="lines")
def test_warnings_stand_at_the_line_of_the_role(app, warning):
    """Not the paragraph's first line: the role's own, in lists, tables, directives and
    included files too."""
    app.build()
    found = [(name, line) for name, line, subtype, _ in msp_warnings(warning.getvalue()) if subtype == "unknown"]
    assert found == [
        ("index.rst", 6), ("index.rst", 9), ("index.rst", 13), ("index.rst", 19),
        ("part.rst", 4), ("index.rst", 23),
    ]
    usage = [(name, line) for name, line, subtype, _ in msp_warnings(warning.getvalue()) if subtype == "usage"]
    assert usage == [("part.rst", 6)]


def test_a_warm_build_warns_about_cards_as_a_fresh_one(make_app, tmp_path):
    """Cross-document warnings (duplicate cards) come from what all documents hold, so a build
    that reads no page warns about them too, as a fresh build does."""
    src = copy_root("warnings", tmp_path / "src")
    found = []
    for _ in range(2):  # the second build reads nothing: no page changed
        app = make_app("html", srcdir=src)
        app.build()
        found.append([w for w in msp_warnings(app._warning.getvalue()) if w[2] == "duplicate"])
        app.cleanup()
    assert found[0] and found[1] == found[0]
