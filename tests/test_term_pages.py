"""A page per term (msp_glossary_term_pages): what a term page shows, every link on it, the
references that link to it, search index, objects.inv and sitemap; "used"; builders without
pages; incremental and parallel builds equal fresh ones."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urldefrag

import pytest

from helpers import ROOTS, Builds, contents, msp_terms, msp_warnings, normalize_space, parse_html


def page_file(outdir: Path, builder: str, docname: str) -> Path:
    if builder == "dirhtml" and docname != "index":
        return outdir / docname / "index.html"
    return outdir / f"{docname}.html"


def follow(outdir: Path, page: Path, href: str, ids: dict[Path, set[str]]) -> None:
    """Assert that a relative link from ``page`` leads to a file, and its fragment to an id there
    (``ids``: the ids of each page read so far)."""
    url, fragment = urldefrag(href)
    target = (page.parent / unquote(url)).resolve() if url else page
    if target.is_dir():
        target = target / "index.html"
    assert target.is_file(), f"{page.name}: {href} leads nowhere"
    assert outdir.resolve() in target.parents
    if fragment:
        if target not in ids:
            ids[target] = {el.get("id") for el in parse_html(target).iter() if el.get("id")}
        assert fragment in ids[target], f"{page.name}: no #{fragment} in {target}"


@pytest.mark.slow
@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_term_pages(make_app, tmp_path, builder):
    src = shutil.copytree(ROOTS / "test-term-pages", tmp_path / "src")
    app = make_app(builder, srcdir=src, confoverrides={"extensions": ["sphinx_msp_glossary", "sphinx_sitemap"],
                                                       "html_baseurl": "https://example.com/docs/",
                                                       "sitemap_url_scheme": "{link}"})
    app.build()
    assert msp_warnings(app._warning.getvalue()) == []
    out = Path(app.outdir)
    domain = app.env.get_domain("msp")
    glossary = domain.glossary
    terms = glossary.sorted_terms()
    suffix = "/" if builder == "dirhtml" else ".html"
    ids: dict[Path, set[str]] = {}

    # a page for every term, packaged and the project's
    pages = {term.id: page_file(out, builder, f"terms/{term.id}") for term in terms}
    assert all(path.is_file() for path in pages.values())
    assert len(list((out / "terms").rglob("*.html"))) == len(terms)

    for index, term in enumerate(terms):
        path = pages[term.id]
        page = parse_html(path)
        main = page.find(role="main")
        assert normalize_space(main.find("h1").text).startswith(term.name)
        card = main.find(class_="msp-term-card")
        assert card.get("data-msp-term") == term.id
        assert normalize_space(card.find(class_="msp-term-card__definition").text) == normalize_space(term.definition)
        related = card.find(class_="msp-term-card__related")
        if term.related:
            assert [normalize_space(a.text) for a in related.find_all("a")] == list(term.related)
        # "Referenced in": the pages that reference the term
        expected = [title for _, title in domain.backlinks.get(term.id, ())]
        line = card.find(class_="msp-term-card__backlinks")
        assert ([normalize_space(a.text) for a in line.find_all("a")] if line else []) == expected
        # previous, glossary page, next
        nav = [normalize_space(a.text) for a in main.find(class_="msp-term-page__nav").find_all("a")]
        neighbours = [terms[index - 1].name] if index else []
        assert nav == [*neighbours, "Glossary", *([terms[index + 1].name] if index + 1 < len(terms) else [])]
        # every link of the page leads somewhere real
        for link in page.find_all("a"):
            href = link.get("href")
            if href and not re.match(r"[a-z]+:", href):
                follow(out, path, href, ids)
        # structured data: the term, at the page's address
        data = [json.loads(script.text) for script in page.find_all("script", type="application/ld+json")]
        assert [d["@type"] for d in data] == ["DefinedTermSet"]
        assert [(t["@type"], t["name"]) for t in data[0]["hasDefinedTerm"]] == [("DefinedTerm", term.name)]

    # MDR has no card: its references link to its term page, and so does objects.inv
    index_page = parse_html(out / "index.html")
    mdr = next(a for a in index_page.find_all("a", class_="msp-term-ref") if a.text == "MDR")
    assert mdr.get("href") == f"terms/mdr{suffix}"
    inventory = msp_terms((out / "objects.inv").read_bytes(), "")
    assert inventory["MDR"] == f"terms/mdr{suffix}"
    assert inventory["SLA"] == "index.html#msp-term-sla" if builder == "html" else "#msp-term-sla"
    assert not any(uri.startswith("terms/") for name, uri in inventory.items()
                   if glossary.lookup(name).id in domain.data["targets"])

    # the term page's category links to its group on the category-grouped glossary page
    category = parse_html(pages["mfa"]).find(class_="msp-term-card__category").find("a")
    assert "#msp-category-identity-access" in category.get("href")

    # search index and sitemap
    index = (out / "searchindex.js").read_text("utf-8")
    assert '"terms/mdr"' in index and '"terms/change-window"' in index
    sitemap = (out / "sitemap.xml").read_text("utf-8")
    assert f"https://example.com/docs/terms/mdr{suffix}" in sitemap


@pytest.mark.slow
@pytest.mark.sphinx("html", testroot="term-pages", confoverrides={"msp_glossary_term_pages": "used"})
def test_used_only_terms_get_pages(app):
    app.build()
    domain = app.env.get_domain("msp")
    written = {path.stem for path in (Path(app.outdir) / "terms").glob("*.html")}
    assert written == set(domain.data["used"]) and {"mdr", "sla", "mfa", "change-window"} <= written
    assert len(written) < len(domain.glossary)


@pytest.mark.parametrize("builder", [pytest.param("singlehtml", marks=pytest.mark.slow), "text",
                                     pytest.param("epub", marks=pytest.mark.slow)])
def test_builders_without_pages(make_app, tmp_path, builder):
    src = shutil.copytree(ROOTS / "test-term-pages", tmp_path / "src")
    app = make_app(builder, srcdir=src)
    app.build()
    assert msp_warnings(app._warning.getvalue()) == []
    out = Path(app.outdir)
    assert not list(out.rglob("terms/*")) and not list(out.rglob("*mdr*"))
    if builder == "singlehtml":
        mdr = parse_html(out / "index.html").find("span", class_="msp-term-ref--no-card")
        assert mdr is not None and mdr.text == "MDR"


@pytest.mark.slow
def test_wrong_value_warns(make_app, tmp_path):
    src = shutil.copytree(ROOTS / "test-term-pages", tmp_path / "src")
    app = make_app("html", srcdir=src, confoverrides={"msp_glossary_term_pages": "all"})
    app.build()
    warnings = msp_warnings(app._warning.getvalue())
    assert warnings == [("command line", 0, "config",
                         "msp_glossary_term_pages must be True, False or 'used', not 'all'; using False")]
    assert not (Path(app.outdir) / "terms").exists()


def written(outdir: Path) -> dict[str, int]:
    return {p.relative_to(outdir).as_posix(): p.stat().st_mtime_ns for p in (outdir / "terms").glob("*.html")}


@pytest.mark.slow
def test_incremental_and_parallel_builds_equal_fresh_ones(make_app, tmp_path):
    builds = Builds(make_app, tmp_path)
    src = shutil.copytree(ROOTS / "test-term-pages", tmp_path / "src")
    app = builds.build(src)
    first = written(app.outdir)

    # nothing changed: no term page is written again
    app = builds.build(src)
    assert written(app.outdir) == first

    # a new reference to MSP: its page gains a backlink; only that term page is written
    usage = src / "usage.rst"
    usage.write_text(usage.read_text() + "\nAn :term-ref:`MSP` too.\n")
    app = builds.build(src)
    now = written(app.outdir)
    assert {name for name in now if now[name] != first[name]} == {"terms/msp.html"}
    assert "Usage" in parse_html(app.outdir / "terms/msp.html").find(class_="msp-term-card__backlinks").text
    builds.fresh(src, "msp")
    assert contents(app.outdir) == contents(builds.fresh_outdir("msp"))

    # the project's term changes: its page, and the pages that link to it as related, no others
    terms = src / "terms.toml"
    terms.write_text(terms.read_text().replace("The agreed hours", "The agreed weekly hours"))
    before = written(app.outdir)
    app = builds.build(src)
    now = written(app.outdir)
    assert "terms/change-window.html" in {name for name in now if now[name] != before[name]}
    assert "weekly" in (app.outdir / "terms/change-window.html").read_text("utf-8")
    builds.fresh(src, "weekly")
    assert contents(app.outdir) == contents(builds.fresh_outdir("weekly"))

    # -j 2, from scratch and incrementally, equals a serial fresh build
    parallel = shutil.copytree(src, tmp_path / "parallel", ignore=shutil.ignore_patterns("_build"))
    app = builds.build(parallel, parallel=2)
    assert contents(app.outdir) == contents(builds.fresh_outdir("weekly"))
    (parallel / "usage.rst").write_text(usage.read_text() + "\nAnd :term-ref:`RMM`.\n")
    usage.write_text(usage.read_text() + "\nAnd :term-ref:`RMM`.\n")
    app = builds.build(parallel, parallel=2)
    builds.fresh(src, "rmm")
    assert contents(app.outdir) == contents(builds.fresh_outdir("rmm"))



@pytest.mark.slow
def test_used_pages_follow_the_references(make_app, tmp_path):
    """With "used", a term referenced for the first time gets its page and takes its place in
    the previous/next chain; a term no longer referenced loses both; each time as a fresh build."""
    builds = Builds(make_app, tmp_path)
    used = {"confoverrides": {"msp_glossary_term_pages": "used"}}

    def fresh(label: str) -> dict[str, str]:
        builds.fresh(src, label, **used)
        return contents(builds.fresh_outdir(label))

    src = shutil.copytree(ROOTS / "test-term-pages", tmp_path / "src")
    app = builds.build(src, **used)
    assert not (app.outdir / "terms/dispatch.html").exists()

    usage = src / "usage.rst"
    original = usage.read_text()
    usage.write_text(original + "\nA :term-ref:`Dispatch` to the site.\n")
    app = builds.build(src, **used)
    page = parse_html(app.outdir / "terms/dispatch.html")
    assert "Usage" in page.find(class_="msp-term-card__backlinks").text
    assert contents(app.outdir) == fresh("dispatch")

    usage.write_text(original)
    app = builds.build(src, **used)
    assert contents(app.outdir) == fresh("unused")
