"""-j 2 builds and incremental builds give the same output as a fresh serial build."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import contents, copy_root, outputs, parse_html


@pytest.mark.slow
def test_parallel_build_equals_serial(builds, tmp_path):
    serial = builds.build(copy_root("parallel", tmp_path / "serial"))
    parallel = builds.build(copy_root("parallel", tmp_path / "parallel"), parallel=2)
    assert len(builds.read) == 26
    assert outputs(parallel.outdir) == outputs(serial.outdir)
    assert parallel._warning.getvalue() == serial._warning.getvalue() == ""


def backlink_pages(outdir: Path, term_id: str) -> list[str]:
    page = parse_html(outdir / "glossary.html")
    card = page.find(class_="msp-term-card", id=f"msp-term-{term_id}")
    line = card.find(class_="msp-term-card__backlinks")
    return [a.get("href") for a in line.find_all("a")] if line else []


@pytest.mark.slow
def test_incremental_edits_equal_fresh_builds(builds, tmp_path):
    src = copy_root("parallel", tmp_path / "src")
    app = builds.build(src)
    assert "page01.html" not in backlink_pages(app.outdir, "mdr")

    # add a reference: only that page is re-read, the glossary page shows the backlink
    page01 = src / "page01.rst"
    page01.write_text(page01.read_text() + "\nNow :term-ref:`MDR` too.\n")
    app = builds.build(src)
    assert builds.read == ["page01"]
    assert backlink_pages(app.outdir, "mdr") == ["page01.html"]
    assert outputs(app.outdir) == builds.fresh(src, "added-ref")

    # remove it again: the backlink is gone
    page01.write_text(page01.read_text().replace("\nNow :term-ref:`MDR` too.\n", ""))
    app = builds.build(src)
    assert builds.read == ["page01"]
    assert backlink_pages(app.outdir, "mdr") == []
    assert outputs(app.outdir) == builds.fresh(src, "removed-ref")

    # a new msp-term card moves the link target of every reference to that term
    page02 = src / "page02.rst"
    page02.write_text(page02.read_text() + "\n.. msp-term:: Help Desk\n")
    app = builds.build(src)
    assert builds.read == ["page02"]
    page03 = parse_html(app.outdir / "page03.html")
    helpdesk = [a for a in page03.find_all("a", class_="msp-term-ref") if "help-desk" in a.get("href")]
    assert helpdesk and all(a.get("href") == "page02.html#msp-term-help-desk" for a in helpdesk)
    assert outputs(app.outdir) == builds.fresh(src, "new-card")

    # delete a page
    (src / "page24.rst").unlink()
    index = src / "index.rst"
    index.write_text(index.read_text().replace("   page24\n", ""))
    app = builds.build(src)
    assert builds.read == ["index"]
    fresh = builds.fresh(src, "deleted-page")
    assert "page24.html" not in fresh
    assert {k: v for k, v in contents(app.outdir).items() if k != "page24.html"} == {
        k: v for k, v in contents(builds.fresh_outdir("deleted-page")).items()
    }


@pytest.mark.slow
def test_parallel_incremental_build_equals_fresh(builds, tmp_path):
    src = copy_root("parallel", tmp_path / "src")
    builds.build(src, parallel=2)
    for name in ("page07", "page08", "page09", "page10", "page11", "page12"):
        page = src / f"{name}.rst"
        page.write_text(page.read_text() + "\nAnd :term-ref:`SIEM`.\n")
    app = builds.build(src, parallel=2)
    assert sorted(builds.read) == ["page07", "page08", "page09", "page10", "page11", "page12"]
    assert outputs(app.outdir) == builds.fresh(src, "parallel")


@pytest.mark.slow
def test_parallel_incremental_build_after_a_plural_is_taken_over(builds, tmp_path):
    src = copy_root("parallel", tmp_path / "src")
    conf = src / "conf.py"
    conf.write_text(conf.read_text() + 'msp_glossary_files = ["terms.toml"]\n')
    terms = src / "terms.toml"
    terms.write_text('[[term]]\nname = "SIEM Service"\ndefinition = "Our SIEM offer."\n')
    names = ("page07", "page08", "page09", "page10", "page11", "page12")
    for name in names:
        page = src / f"{name}.rst"
        page.write_text(page.read_text() + "\nAnd :term-ref:`SIEMs`.\n")
    builds.build(src, parallel=2)
    # "SIEMs", the plural of the packaged SIEM, becomes an alias of the project's term
    terms.write_text(terms.read_text() + 'aliases = ["SIEMs"]\n')
    app = builds.build(src, parallel=2)
    assert set(names) <= set(builds.read)
    page = parse_html(app.outdir / "page07.html")
    hrefs = [a.get("href") for a in page.find_all("a", class_="msp-term-ref") if a.text == "SIEMs"]
    assert hrefs == ["glossary.html#msp-term-siem-service"]
    assert outputs(app.outdir) == builds.fresh(src, "plural")


@pytest.mark.slow
def test_every_opt_in_feature_under_j2(builds, tmp_path):
    """tests/roots/test-parallel-features turns on automatic links, expand-first and term pages
    ("used"), groups its glossary by category, filters a second one by deprecation and
    category, and has an rST and a MyST page: -j 2, fresh and after edits to the glossary file
    and to a page, gives the output and the warnings of a serial fresh build."""
    serial = builds.build(copy_root("parallel-features", tmp_path / "serial"))
    src = copy_root("parallel-features", tmp_path / "src")
    parallel = builds.build(src, parallel=2)
    assert outputs(parallel.outdir) == outputs(serial.outdir)
    assert parallel._warning.getvalue().replace(str(src), "") == serial._warning.getvalue().replace(
        str(tmp_path / "serial"), "")
    page = parse_html(parallel.outdir / "page01.html")
    assert page.find("a", class_="msp-term-ref--auto") is not None  # the features are on
    assert page.find("a", href="glossary.html#msp-category-our-process") is not None
    assert (parallel.outdir / "terms" / "gold-plan.html").exists()

    terms = src / "terms.toml"
    terms.write_text(terms.read_text().replace('replaced_by = "Per-Seat Pricing"\n', ""))  # no longer deprecated
    page02 = src / "page02.rst"
    page02.write_text(page02.read_text() + "\nA new mention of the Runbook and a :term-ref:`SOC`.\n")
    app = builds.build(src, parallel=2)
    current = parse_html(app.outdir / "current.html")
    assert current.find(class_="msp-term-card", **{"data-msp-term": "gold-plan"}) is not None
    assert outputs(app.outdir) == builds.fresh(src, "edited")
