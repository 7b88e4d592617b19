"""Glossary-page cards list the pages that reference the term, by title, linked."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from helpers import parse_html, ROOTS
from sphinx_msp_glossary.layers import merge_layers

ROLE = re.compile(r":term-ref:`(?:[^`<]*<)?([^`>]+)>?`")


def expected_backlinks(srcdir: Path) -> dict[str, list[tuple[str, str]]]:
    """term id -> [(page, title)] worked out from the sources themselves."""
    glossary = merge_layers([])
    result: dict[str, set[tuple[str, str]]] = {}
    for path in sorted(srcdir.glob("*.rst")):
        title = path.read_text().splitlines()[0]
        for target in ROLE.findall(path.read_text()):
            term = glossary.lookup(target)
            result.setdefault(term.id, set()).add((f"{path.stem}.html", title))
    return {term_id: sorted(pages) for term_id, pages in result.items()}


def shown_backlinks(outdir: Path) -> dict[str, list[tuple[str, str]]]:
    page = parse_html(outdir / "glossary.html")
    shown = {}
    for card in page.find_all(class_="msp-term-card"):
        line = card.find(class_="msp-term-card__backlinks")
        if line is not None:
            shown[card.get("data-msp-term")] = [(a.get("href"), a.text) for a in line.find_all("a")]
    return shown


@pytest.mark.parametrize("parallel", [0, 2])
def test_backlinks_by_title_under_j(make_app, tmp_path, parallel):
    src = shutil.copytree(ROOTS / "test-parallel", tmp_path / "src")
    app = make_app("html", srcdir=src, parallel=parallel)
    app.build()
    app.cleanup()
    expected = expected_backlinks(src)
    assert len(expected) > 10
    # sorted by document name; the title is the link text
    assert shown_backlinks(app.outdir) == expected


@pytest.mark.sphinx("html", testroot="parallel", confoverrides={"msp_glossary_backlinks": False})
def test_backlinks_can_be_turned_off(app):
    app.build()
    assert shown_backlinks(app.outdir) == {}
    assert "Referenced in" not in (app.outdir / "glossary.html").read_text("utf-8")
