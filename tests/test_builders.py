"""Every builder builds with no warning and renders cards sensibly, with working links."""

from __future__ import annotations

import re

import pytest
from helpers import parse_html



def build(app, warning):
    app.build()
    assert warning.getvalue() == "", warning.getvalue()
    return app.outdir


def assert_links_land(outdir, pages):
    """Every term link in ``pages`` points at an id that exists in its target page."""
    checked = 0
    for name in pages:
        page = parse_html(outdir / name)
        for link in page.find_all("a", class_="msp-term-ref"):
            href = link.get("href")
            target_file, _, anchor = href.partition("#")
            target_path = (outdir / name).parent / target_file if target_file else outdir / name
            if target_path.is_dir():
                target_path = target_path / "index.html"
            target = parse_html(target_path)
            assert target.find(id=anchor) is not None, (name, href)
            checked += 1
    assert checked


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml"])
def test_html_builders(make_app, builder, rootdir, sphinx_test_tempdir):
    app = make_app(builder, srcdir=_copy(rootdir, sphinx_test_tempdir, builder))
    app.build()
    assert app._warning.getvalue() == ""
    pages = sorted(p.relative_to(app.outdir).as_posix() for p in app.outdir.rglob("*.html")
                   if p.name not in {"genindex.html", "search.html"})
    texts = [(app.outdir / p).read_text("utf-8") for p in pages]
    assert sum(t.count('class="msp-term-card"') for t in texts) == 5  # 1 card + 4 on the glossary page
    assert any("_static/msp-glossary.css" in t for t in texts)
    assert_links_land(app.outdir, pages)
    app.cleanup()


def _copy(rootdir, tempdir, label):
    import shutil

    dest = tempdir / f"builders-{label}"
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(rootdir / "test-builders", dest)
    return dest


@pytest.mark.sphinx("epub", testroot="builders", srcdir="builders-epub-root")
def test_epub(app, warning):
    outdir = build(app, warning)
    text = (outdir / "contracts.xhtml").read_text("utf-8")
    assert 'class="msp-term-card"' in text and 'id="msp-term-sla"' in text
    assert (outdir / "_static" / "msp-glossary.css").is_file()


@pytest.mark.sphinx("latex", testroot="builders", srcdir="builders-latex-root")
def test_latex_framed_card_with_links(app, warning):
    outdir = build(app, warning)
    tex = (outdir / "builders.tex").read_text("utf-8")
    assert tex.count("\\begin{sphinxadmonition}{note}{SLA}") == 2  # the card's title is its term
    assert "\\label{\\detokenize{contracts:msp-term-sla}}" in tex
    assert "\\hyperref[\\detokenize{contracts:msp-term-sla}]" in tex
    labels = set(re.findall(r"\\label\{\\detokenize\{([^}]*)\}\}", tex))
    for target in re.findall(r"\\hyperref\[\\detokenize\{([^}]*)\}\]", tex):
        assert target in labels, target
    assert not (outdir / "_static").exists()


@pytest.mark.sphinx("text", testroot="builders", srcdir="builders-text-root")
def test_text_plain_block(app, warning):
    outdir = build(app, warning)
    text = (outdir / "contracts.txt").read_text("utf-8")
    assert "**SLA** Service Level Agreement" in text
    assert "**Why it matters:** Without an SLA" in text
    assert "**Related:** Response Time, " in text  # no card in this project: plain text
    assert "*Escalation*" in text  # a card on the glossary page: a reference


@pytest.mark.sphinx("man", testroot="builders", srcdir="builders-man-root")
def test_man_plain_block(app, warning):
    outdir = build(app, warning)
    man = (outdir / "builders.7").read_text("utf-8")
    assert "Service Level Agreement" in man and "Why it matters:" in man


@pytest.mark.sphinx("texinfo", testroot="builders", srcdir="builders-texinfo-root")
def test_texinfo_anchors_and_refs(app, warning):
    outdir = build(app, warning)
    texi = (outdir / "builders.texi").read_text("utf-8")
    anchors = set(re.findall(r"@anchor\{([^}]*)\}", texi))
    short_id = re.search(r"@anchor\{contracts msp-term-sla\}@anchor\{(\d+)\}", texi).group(1)
    refs = re.findall(r"@ref\{([^,}]*)", texi)
    assert short_id in refs
    assert all(ref in anchors for ref in refs)


@pytest.mark.sphinx("gettext", testroot="builders", srcdir="builders-gettext-root")
def test_gettext_extracts_notes_not_glossary_data(app, warning):
    outdir = build(app, warning)
    pot = (outdir / "contracts.pot").read_text("utf-8")
    assert 'msgid "Reviewed every quarter."' in pot
    assert "contractual commitment" not in pot  # glossary data is not page text to translate
