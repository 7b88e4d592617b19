"""Incremental builds after glossary edits that change what a spelling names: each gives the
pages and warnings of a fresh build. One edit per test, on the incremental-spellings root;
the random walk of test_incremental_walk.py mixes them."""

from __future__ import annotations

from helpers import contents, copy_root, parse_html, warm_warning_problems, warnings_of


def start(builds, tmp_path):
    src = copy_root("incremental-spellings", tmp_path / "src")
    app = builds.build(src)
    return src, warnings_of(app)


def outdir(src):
    return src / "_build" / "html"


def build_like_fresh(builds, src, before: str, label: str):
    """Build incrementally; assert the pages equal a fresh build's, and so do the warnings
    (see warm_warning_problems). Returns the incremental build's app."""
    app = builds.build(src)
    fresh = builds.fresh_app(src, label)
    warm, cold = contents(app.outdir), contents(fresh.outdir)
    assert warm.keys() == cold.keys()
    assert [name for name in cold if warm[name] != cold[name]] == []
    assert warm_warning_problems(warnings_of(app), warnings_of(fresh), before, builds.read, builds.checked) == []
    return app


def links(outdir, page: str) -> dict[str, str | None]:
    """Text -> href of each term reference on a page (None: shown as text)."""
    return {a.text: a.get("href") for a in parse_html(outdir / page).find_all(class_="msp-term-ref")}


def edit(path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def append_term(src, toml: str) -> None:
    terms = src / "terms.toml"
    terms.write_text(terms.read_text("utf-8") + "\n[[term]]\n" + toml, "utf-8")


def test_plural_taken_over_by_a_new_alias(builds, tmp_path):
    src, before = start(builds, tmp_path)
    assert links(outdir(src), "refs.html")["MDRs"] == "cards.html#msp-term-mdr"
    # "MDRs" was the plural of the packaged MDR; now it is an alias of a new term
    append_term(src, 'name = "MDR Service"\ndefinition = "Our MDR offer."\naliases = ["MDRs"]\n')
    app = build_like_fresh(builds, src, before, "after")
    assert "refs" in builds.read
    assert links(app.outdir, "refs.html")["MDRs"] == "cards.html#msp-term-mdr-service"


def test_alias_moved_to_another_term(builds, tmp_path):
    src, before = start(builds, tmp_path)
    terms = src / "terms.toml"
    edit(terms, 'aliases = ["Bee"]\n', "")
    edit(terms, 'definition = "A tool."\n', 'definition = "A tool."\naliases = ["Bee"]\n')
    app = build_like_fresh(builds, src, before, "after")
    assert links(app.outdir, "refs.html")["Bee"] == "glossary.html#msp-term-gamma"


def test_related_name_starts_resolving(builds, tmp_path):
    src, before = start(builds, tmp_path)
    assert links(outdir(src), "cards.html")["Runbook Plus"] is None
    append_term(src, 'name = "Runbook Plus"\ndefinition = "A runbook with more."\n')
    app = build_like_fresh(builds, src, before, "after")
    shown = [s for s in parse_html(app.outdir / "cards.html").find_all(class_="msp-term-ref") if s.text == "Runbook Plus"]
    assert [s.classes for s in shown] == [["msp-term-ref", "msp-term-ref--no-card"]]  # a term, with no card


def test_related_name_stops_resolving(builds, tmp_path):
    src, before = start(builds, tmp_path)
    assert links(outdir(src), "cards.html")["Bee"] == "glossary.html#msp-term-beta"
    edit(src / "terms.toml", 'aliases = ["Bee"]\n', "")
    app = build_like_fresh(builds, src, before, "after")
    assert links(app.outdir, "cards.html")["Bee"] is None


def test_exclusion_added(builds, tmp_path):
    src, before = start(builds, tmp_path)
    conf = src / "conf.py"
    conf.write_text(conf.read_text("utf-8") + 'msp_glossary_exclude = ["MDR"]\n', "utf-8")
    app = build_like_fresh(builds, src, before, "after")
    assert links(app.outdir, "refs.html")["MDRs"] is None


def test_new_alias_found_in_prose_by_the_unlinked_scan(builds, tmp_path):
    src = copy_root("incremental-spellings", tmp_path / "src")
    with (src / "conf.py").open("a") as conf:
        conf.write('msp_glossary_check_unlinked = True\nmsp_glossary_fail_on = ["unlinked"]\n')
    with (src / "cards.rst").open("a") as cards:
        cards.write("\nOur Widget Desk answers.\n")
    before = warnings_of(builds.build(src))
    # a page that uses no term's name yet holds the new alias in its text
    edit(src / "terms.toml", 'definition = "A tool."\n', 'definition = "A tool."\naliases = ["Widget Desk"]\n')
    app = build_like_fresh(builds, src, before, "after")
    assert "cards" in builds.read
    assert "write :term-ref:`Widget Desk` to link it" in warnings_of(app)
