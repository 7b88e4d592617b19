"""msp-glossary :used-only: shows the terms the project uses, and their related terms, transitively."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import Builds, contents, parse_html, ROOTS
from sphinx_msp_glossary.layers import packaged_terms
from sphinx_msp_glossary.terms import normalize



def closure(*names: str) -> set[str]:
    """Term ids reachable from ``names`` through related lists (computed here from the data)."""
    by_key = {}
    for term in packaged_terms():
        for key in (term.name, *term.aliases):
            by_key[normalize(key)] = term
    seen: set[str] = set()
    todo = [by_key[normalize(n)] for n in names]
    while todo:
        term = todo.pop()
        if term.id in seen:
            continue
        seen.add(term.id)
        todo += [by_key[normalize(r)] for r in term.related]
    return seen


def glossary_ids(outdir: Path) -> set[str]:
    page = parse_html(outdir / "glossary.html")
    return {c.get("data-msp-term") for c in page.find_all(class_="msp-term-card")}


@pytest.mark.slow
def test_used_only_follows_references_incrementally(make_app, tmp_path):
    builds = Builds(make_app, tmp_path)
    src = shutil.copytree(ROOTS / "test-used-only", tmp_path / "src")
    app = builds.build(src)
    assert app._warning.getvalue() == ""
    expected = closure("AUP")
    assert 1 < len(expected) < len(packaged_terms())
    assert glossary_ids(app.outdir) == expected
    # letter groups left empty are gone
    page = parse_html(app.outdir / "glossary.html")
    assert all(g.find(class_="msp-term-card") for g in page.find_all(class_="msp-glossary__group"))

    # a new reference on another page brings its term and related terms in
    policies = src / "policies.rst"
    policies.write_text(policies.read_text() + "\nOur :term-ref:`SOC` watches.\n")
    app = builds.build(src)
    assert builds.read == ["policies"]
    assert glossary_ids(app.outdir) == expected | closure("SOC")
    link = next(a for a in parse_html(app.outdir / "policies.html").find_all("a", class_="msp-term-ref"))
    assert link.get("href") == "glossary.html#msp-term-soc"
    builds.fresh(src, "with-soc")
    assert contents(app.outdir) == contents(builds.fresh_outdir("with-soc"))

    # and removing it takes them out again; the reference to SOC is gone, so no dead link
    policies.write_text(policies.read_text().replace("\nOur :term-ref:`SOC` watches.\n", ""))
    app = builds.build(src)
    assert glossary_ids(app.outdir) == expected
    builds.fresh(src, "without-soc")
    assert contents(app.outdir) == contents(builds.fresh_outdir("without-soc"))

