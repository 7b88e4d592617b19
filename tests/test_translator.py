"""The HTML of the extension's nodes comes from a subclass of the translator class in use."""

from __future__ import annotations

import gc
import shutil
import weakref

import pytest

from helpers import ROOTS, file_tips, msp_warnings, parse_html, tooltip


@pytest.mark.sphinx("html", testroot="translator")
def test_builds_on_the_projects_own_translator(app, warning):
    app.build()
    assert warning.getvalue() == ""
    page = parse_html(app.outdir / "index.html")
    assert page.find_all(class_="own-translator"), "the project's translator is still the base"
    refs = page.find_all("a", class_="msp-term-ref")
    assert [a.get("href") for a in refs] == ["glossary.html#msp-term-sla", "glossary.html#msp-term-msp"]
    tips = file_tips(app.outdir)
    assert all(tooltip(a, tips) for a in refs)
    glossary = parse_html(app.outdir / "glossary.html")
    assert glossary.find_all(class_="own-translator")
    cards = glossary.find_all(class_="msp-term-card")
    assert [c.get("data-msp-term") for c in cards] == ["msp", "sla"]
    backlinks = [a.get("href") for c in cards for a in c.find(class_="msp-term-card__backlinks").find_all("a")]
    assert backlinks == ["index.html", "index.html"]


@pytest.mark.sphinx("html", testroot="translator", confoverrides={"replace_translator_late": True})
def test_a_translator_set_after_ours_gets_our_visitors_too(app, warning):
    """A translator set after the builder started (here at builder-inited, after ours) is
    derived from again once all documents are read: its own markup and ours, nothing dropped."""
    app.build()
    assert warning.getvalue() == ""
    page = parse_html(app.outdir / "index.html")
    assert page.find(class_="own-translator") is not None
    assert parse_html(app.outdir / "glossary.html").find(class_="msp-glossary__search") is not None
    refs = page.find_all("a", class_="msp-term-ref")
    assert len(refs) == 2 and all(tooltip(a, file_tips(app.outdir)) for a in refs)
    glossary = parse_html(app.outdir / "glossary.html")
    cards = glossary.find_all(class_="msp-term-card")
    assert len(cards) == 2
    backlinks = [a.get("href") for c in cards for a in c.find(class_="msp-term-card__backlinks").find_all("a")]
    assert backlinks == ["index.html", "index.html"]


@pytest.mark.sphinx("html", testroot="translator", confoverrides={"sealed_translator": True})
def test_a_translator_that_takes_no_subclass_is_a_located_warning(app, warning):
    """Without our visitors, nodes render as their docutils base classes: references keep
    their link and tooltip, backlinks are reference nodes, nothing is dropped."""
    app.build()
    found = msp_warnings(warning.getvalue())
    assert [(f, sub) for f, _, sub, _ in found] == [("conf.py", "config")]
    assert "translator SealedTranslator cannot take the visitors of sphinx_msp_glossary" in found[0][3]
    page = parse_html(app.outdir / "index.html")
    refs = page.find_all("a", class_="msp-term-ref")
    assert len(refs) == 2 and all(a.get("title") and a.get("href") for a in refs)
    glossary = parse_html(app.outdir / "glossary.html")
    cards = glossary.find_all(class_="msp-term-card")
    assert len(cards) == 2
    backlinks = [a.get("href") for c in cards for a in c.find(class_="msp-term-card__backlinks").find_all("a")]
    assert backlinks == ["index.html", "index.html"]


@pytest.mark.sphinx("html", testroot="translator", confoverrides={"add_a_class": True})
def test_a_reference_with_more_classes_keeps_them(app, warning):
    """The start tag written directly is for the usual reference; any other goes through
    Sphinx's own visit_reference, with the same link and title."""
    app.build()
    assert warning.getvalue() == ""
    refs = parse_html(app.outdir / "index.html").find_all("a", class_="msp-term-ref")
    assert [a.get("class") for a in refs] == ["msp-term-ref extra reference internal"] * 2
    assert [a.get("href") for a in refs] == ["glossary.html#msp-term-sla", "glossary.html#msp-term-msp"]
    assert all(a.get("title") for a in refs)


@pytest.mark.parametrize("extensions", [
    ["sphinx_msp_glossary"],
    ["myst_parser", "sphinx.ext.todo", "sphinx_msp_glossary"],  # both register HTML visitors
])
def test_translators_are_freed_without_the_garbage_collector(make_app, tmp_path, extensions):
    """Visitors bound to each translator object (what ``app.add_node`` handlers are) make it
    a reference cycle; ours, and other extensions' once all documents are read, are methods
    of its class, so reference counting frees it."""
    app = make_app("html", srcdir=shutil.copytree(ROOTS / "test-basic", tmp_path / "src"),
                   confoverrides={"extensions": extensions})
    app.build()
    doctree = app.env.get_doctree("contracts")
    app.env.apply_post_transforms(doctree, "contracts")
    doctree.settings = app.builder.docsettings
    enabled = gc.isenabled()
    gc.disable()
    try:
        translator = app.builder.create_translator(doctree, app.builder)
        doctree.walkabout(translator)
        assert "msp-term-card" in "".join(translator.body)
        freed = weakref.ref(translator)
        del translator
        assert freed() is None
    finally:
        if enabled:
            gc.enable()
