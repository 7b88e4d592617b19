"""Categories in pages: a card's category (linked to its group on a category-grouped glossary
page), ``:group-by: category``, ``:categories:``, and the filter's category buttons."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import ROOTS, Builds, contents, msp_warnings, normalize_space, parse_html


def cards(page, root=None):
    return (root or page).find_all(class_="msp-term-card")


def test_category_pages(make_app, tmp_path):
    # a copy of its own: the browser tests build the same root, and a built root warns no more
    app = make_app("html", srcdir=shutil.copytree(ROOTS / "test-categories", tmp_path / "src"))
    app.build()
    glossary = app.env.get_domain("msp").glossary
    out = Path(app.outdir)

    # :categories: with an unknown name and :group-by: with an unknown value: located, with a suggestion
    assert msp_warnings(app._warning.getvalue()) == [
        ("subset.rst", 4, "usage", "msp-glossary :categories: unknown category 'Secrity' (did you mean "
         "'Security'?) (known: " + ", ".join(glossary.categories) + ")"),
        ("subset.rst", 4, "usage", "msp-glossary :group-by: unknown value 'sideways' (known: letter, category)"),
    ]

    # grouped by category: declared order (packaged, then the project's), label and description,
    # each card in its own category's group, no letter bar
    page = parse_html(out / "by-category.html")
    groups = page.find_all(class_="msp-glossary__group")
    names = [normalize_space(g.find(class_="msp-glossary__category").text) for g in groups]
    assert names == list(glossary.categories)
    assert names[-1] == "Our process"
    for group, name in zip(groups, names):
        assert group.get("id") == "msp-category-" + group.get("id").removeprefix("msp-category-")
        description = group.find(class_="msp-glossary__category-description")
        assert normalize_space(description.text) == normalize_space(glossary.categories[name].description)
        members = [glossary.terms[c.get("data-msp-term")] for c in cards(page, group)]
        assert members and {t.category for t in members} == {name}
        assert [t.name for t in members] == [t.name for t in glossary.sorted_terms() if t.category == name]
    assert sum(len(cards(page, g)) for g in groups) == len(glossary)
    assert page.find(class_="msp-glossary__letters") is None

    # a card's category links to its group there, from any page
    for name, anchor in (("index.html", "msp-term-sla"), ("glossary.html", None)):
        page = parse_html(out / name)
        card = page.find(id=anchor) if anchor else cards(page)[0]
        term = glossary.terms[card.get("data-msp-term")]
        line = card.find(class_="msp-term-card__category")
        assert "no-search" in line.classes and normalize_space(line.text) == term.category
        href = line.find("a").get("href")
        group = next(g for g in groups if g.get("id") == href.split("#")[1])
        assert href.startswith("by-category.html#")
        assert normalize_space(group.find(class_="msp-glossary__category").text) == term.category

    # the A-Z page: one button per category present, hidden until the script shows them
    page = parse_html(out / "glossary.html")
    bar = page.find(class_="msp-glossary__categories")
    assert "hidden" in bar.attrs and bar.get("role") == "group"
    buttons = bar.find_all("button")
    assert [b.text for b in buttons] == list(glossary.categories)
    assert all(b.get("type") == "button" and b.get("aria-pressed") == "false" for b in buttons)
    assert all(c.get("data-msp-category") == glossary.terms[c.get("data-msp-term")].category
               for c in cards(page))
    assert page.find(class_="msp-glossary__letters") is not None

    # :categories: a subset (case-insensitive), the unknown name left out
    page = parse_html(out / "subset.html")
    shown = {glossary.terms[c.get("data-msp-term")].category for c in cards(page)}
    assert shown == {"Security", "Our process"}
    assert len(cards(page)) == sum(1 for t in glossary if t.category in shown)
    assert [b.text for b in page.find_all(class_="msp-glossary__category-button")] == ["Security", "Our process"]

    # the filter's script (text and buttons) only on pages with a glossary
    for name in ("glossary", "by-category", "subset", "index"):
        text = (out / f"{name}.html").read_text("utf-8")
        assert ("msp-glossary-filter.js" in text) == (name != "index"), name


@pytest.mark.sphinx("html", testroot="basic")
def test_category_is_text_without_a_category_page(app):
    app.build()
    glossary = app.env.get_domain("msp").glossary
    card = parse_html(Path(app.outdir) / "contracts.html").find(id="msp-term-sla")
    line = card.find(class_="msp-term-card__category")
    assert normalize_space(line.text) == glossary.lookup("SLA").category
    assert line.find("a") is None
    assert msp_warnings(app._warning.getvalue()) == []


@pytest.mark.slow
@pytest.mark.sphinx("text", testroot="categories")
def test_text_builder_shows_groups(app):
    app.build()
    text = (Path(app.outdir) / "by-category.txt").read_text("utf-8")
    glossary = app.env.get_domain("msp").glossary
    positions = [text.index(f"\n{name}\n") for name in glossary.categories]
    assert positions == sorted(positions)
    assert "Filter by category" not in text


@pytest.mark.slow
def test_category_links_follow_the_groups(make_app, tmp_path):
    """A page is not re-read when another page starts or stops grouping by category, yet its
    cards' category links must come and go, as in a fresh build."""
    builds = Builds(make_app, tmp_path)
    src = shutil.copytree(ROOTS / "test-categories", tmp_path / "src")
    grouped = src / "by-category.rst"
    grouped.write_text(grouped.read_text().replace(":group-by: category", ":group-by: letter"))

    def category_link(app):
        line = parse_html(Path(app.outdir) / "index.html").find(id="msp-term-sla").find(
            class_="msp-term-card__category")
        return line.find("a")

    assert category_link(builds.build(src)) is None
    grouped.write_text(grouped.read_text().replace(":group-by: letter", ":group-by: category"))
    app = builds.build(src)
    assert "index" not in builds.read
    link = category_link(app)
    assert link is not None and link.get("href", "").startswith("by-category.html#msp-category-")
    builds.fresh(src, "grouped")
    assert contents(app.outdir) == contents(builds.fresh_outdir("grouped"))
    grouped.write_text(grouped.read_text().replace(":group-by: category", ":group-by: letter"))
    assert category_link(builds.build(src)) is None


@pytest.mark.slow
def test_a_term_moved_to_another_category_moves_between_subsets(make_app, tmp_path):
    """A glossary page with :categories: shows a term whose category a glossary file changes
    to one of them, and no longer one moved out, in an incremental build as in a fresh one."""
    builds = Builds(make_app, tmp_path)
    src = shutil.copytree(ROOTS / "test-categories", tmp_path / "src")
    terms = src / "terms.toml"
    ours, theirs = 'category = "Our process"\ndefinition', 'category = "Service models"\ndefinition'

    def subset(app):
        glossary = parse_html(Path(app.outdir) / "subset.html").find(class_="msp-glossary")
        return {card.get("data-msp-term") for card in cards(glossary)}

    terms.write_text(terms.read_text().replace(ours, theirs))
    assert "change-window" not in subset(builds.build(src))
    terms.write_text(terms.read_text().replace(theirs, ours))  # into a category the page lists
    app = builds.build(src)
    assert "change-window" in subset(app)
    builds.fresh(src, "in")
    assert contents(app.outdir) == contents(builds.fresh_outdir("in"))
    terms.write_text(terms.read_text().replace(ours, theirs))  # and out again
    assert "change-window" not in subset(builds.build(src))
