"""An incremental build of a 300-page project re-reads only the edited page, and the
glossary page still gets the new backlink (issue 5: performance and scale)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import parse_html


pytestmark = pytest.mark.slow


PAGES = 300
#: Terms the pages reference; MDR is left out, so that the edit adds its first reference.
TERMS = ["SLA", "MSP", "Help Desk", "Ticket", "RMM", "SOC", "Patch Management", "NOC"]


def page_name(index: int) -> str:
    return f"p{index:04d}"


def refs(index: int) -> list[str]:
    """The terms page ``index`` references: three in a row of TERMS."""
    return [TERMS[(index + j) % len(TERMS)] for j in range(3)]


def generate(root: Path) -> Path:
    root.mkdir()
    (root / "conf.py").write_text(
        'extensions = ["sphinx_msp_glossary"]\n'
        'html_sidebars = {"**": []}  # no global toctree in every page of a 300-page project\n'
    )
    docs = ["glossary"] + [page_name(i) for i in range(1, PAGES + 1)]
    (root / "index.rst").write_text(
        "Scale\n=====\n\n.. toctree::\n   :maxdepth: 1\n   :hidden:\n\n" + "".join(f"   {d}\n" for d in docs)
    )
    (root / "glossary.rst").write_text("Glossary\n========\n\n.. msp-glossary::\n")
    for i in range(1, PAGES + 1):
        body = " ".join(f"We discussed :term-ref:`{name}` today." for name in refs(i))
        (root / f"{page_name(i)}.rst").write_text(f"Page {i}\n{'=' * len(f'Page {i}')}\n\n{body}\n")
    return root


def build(make_app, srcdir: Path) -> tuple[list[str], Path, str]:
    """Build; return the documents read, the output directory and the warnings."""
    app = make_app("html", srcdir=srcdir)
    read: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    try:
        app.build()
    finally:
        app.cleanup()  # unregister nodes, so that the next app starts clean
    return sorted(read), app.outdir, app._warning.getvalue()


def backlinks(outdir: Path, term_id: str) -> list[str]:
    card = parse_html(outdir / "glossary.html").find(class_="msp-term-card", id=f"msp-term-{term_id}")
    assert card is not None
    line = card.find(class_="msp-term-card__backlinks")
    return [a.get("href") for a in line.find_all("a")] if line else []


def test_touching_one_page_of_300_rereads_only_that_page(make_app, tmp_path):
    src = generate(tmp_path / "scale")
    read, outdir, warnings = build(make_app, src)
    assert len(read) == PAGES + 2  # the pages, the glossary and the index
    assert warnings == ""
    assert backlinks(outdir, "mdr") == []
    assert len(backlinks(outdir, "sla")) == sum("SLA" in refs(i) for i in range(1, PAGES + 1))

    # append a line that references a term the page did not reference before
    edited = src / f"{page_name(150)}.rst"
    assert "MDR" not in edited.read_text()
    edited.write_text(edited.read_text() + "\nAnd now :term-ref:`MDR` as well.\n")
    read, outdir, warnings = build(make_app, src)
    assert read == [page_name(150)]
    assert warnings == ""
    assert backlinks(outdir, "mdr") == [f"{page_name(150)}.html"]
    page = parse_html(outdir / f"{page_name(150)}.html")
    assert any(a.get("href") == "glossary.html#msp-term-mdr" for a in page.find_all("a", class_="msp-term-ref"))

    # a rebuild with nothing changed reads nothing
    read, outdir, warnings = build(make_app, src)
    assert read == []
    assert backlinks(outdir, "mdr") == [f"{page_name(150)}.html"]
