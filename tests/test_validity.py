"""Every builder's output is valid for its readers (docs/builders.rst).

tests/roots/test-validity: cards on several pages, SLA carded on a page, on a glossary page
and again with :no-index:, a second glossary page (:no-index:) whose letter groups have the
same ids as the first's, references across pages, a :term-ref: in a section title and one in
a link's text (a substitution ``|...|_``).

HTML pages are read with ``html.parser``; EPUB pages with an XML parser, and the EPUB file
with Debian's epubcheck (fails, not skips, in CI when it is missing).
"""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from helpers import build_root, missing, parse_html

XHTML = "{http://www.w3.org/1999/xhtml}"


class PageCheck(HTMLParser):
    """Ids, boolean attributes without a value, links inside links, and every link's href."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.problems: list[str] = []
        self.hrefs: list[str] = []
        self.open_links = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            if value is None:
                self.problems.append(f"<{tag}> attribute {name!r} has no value, line {self.getpos()[0]}")
        if "id" in values:
            if values["id"] in self.ids:
                self.problems.append(f"id {values['id']!r} repeated, line {self.getpos()[0]}")
            self.ids.add(values["id"])
        if tag == "a":
            if self.open_links:
                self.problems.append(f"a link inside a link, line {self.getpos()[0]}: {values}")
            self.open_links += 1
            if values.get("href"):
                self.hrefs.append(values["href"])

    def handle_endtag(self, tag):
        if tag == "a":
            self.open_links -= 1


def check_page(path: Path) -> PageCheck:
    check = PageCheck()
    check.feed(path.read_text("utf-8"))
    check.close()
    return check


def build(make_app, tmp_path: Path, builder: str):
    app = build_root(make_app, "validity", tmp_path / builder, builder)
    assert app._warning.getvalue() == "", app._warning.getvalue()
    return app


def page_of(outdir: Path, page: Path, href: str) -> Path:
    target = (page.parent / unquote(href)).resolve()
    return target / "index.html" if target.is_dir() else target


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml"])
def test_every_html_page_is_valid_and_every_link_lands(make_app, tmp_path, builder):
    app = build(make_app, tmp_path, builder)
    pages = sorted(app.outdir.rglob("*.html"))
    checks = {page: check_page(page) for page in pages}
    landed = 0
    for page, check in checks.items():
        assert check.problems == [], (page.relative_to(app.outdir), check.problems)
        for href in check.hrefs:
            if "://" in href or href.startswith("mailto:"):
                continue
            file, _, fragment = href.partition("#")
            target = page_of(app.outdir, page, file) if file else page
            assert target.is_file(), (page.name, href)
            if fragment:
                assert fragment in checks[target].ids, (page.relative_to(app.outdir), href)
                landed += 1
    assert landed > 10
    {"html": term_ref_in_link_text_is_text, "singlehtml": one_id_per_card}.get(builder, lambda outdir: None)(app.outdir)


def one_id_per_card(outdir):
    """singlehtml: one id per card, and links reach the card of the documented rule."""
    page = parse_html(outdir / "index.html")
    sla_cards = [card.get("id") for card in page.find_all(class_="msp-term-card") if card.get("data-msp-term") == "sla"]
    # contracts (msp-term), support (:no-index:), glossary, short (:no-index:): one id each where indexed
    assert sla_cards == ["msp-term-sla", None, "msp-term-sla-2", None]
    refs = {a.get("href") for a in page.find_all("a", class_="msp-term-ref") if a.text == "SLA"}
    assert refs == {"#msp-term-sla"}  # the msp-term card on contracts, not the glossary page's
    backlinks = [a.get("href") for a in page.find_all("a", class_="msp-backlink")]
    assert "#validity" in backlinks  # the root document, which singlehtml gives no document- id
    groups = [g.get("id") for g in page.find_all(class_="msp-glossary__group")]
    assert groups == ["msp-glossary-e", "msp-glossary-h", "msp-glossary-s", "msp-glossary-t",
                      "msp-glossary-s-2", "msp-glossary-t-2"]
    letters = [a.get("href") for a in page.find_all("a", class_="msp-glossary__letter-link")]
    assert "#msp-glossary-s-2" in letters and "#msp-glossary-t-2" in letters


def term_ref_in_link_text_is_text(outdir):
    page = parse_html(outdir / "contracts.html")
    link = page.find("a", href="https://example.org/sla")
    assert link.find("a") is None
    assert link.find("span", class_="msp-term-ref--in-link").get("title").startswith("Service Level Agreement")


def test_epub_pages_are_well_formed_xhtml_without_script_widgets(make_app, tmp_path):
    app = build(make_app, tmp_path, "epub")
    pages = sorted(app.outdir.glob("*.xhtml"))
    assert len(pages) >= 5
    for page in pages:
        root = ET.parse(page).getroot()  # raises on any markup that is not well-formed
        ids = [el.get("id") for el in root.iter() if el.get("id")]
        assert len(ids) == len(set(ids)), page.name
        classes = " ".join(el.get("class", "") for el in root.iter())
        for widget in ("msp-glossary__search", "msp-glossary__empty", "msp-glossary__categories"):
            assert widget not in classes, (page.name, widget)
        scripts = [el.get("src") for el in root.iter(f"{XHTML}script") if el.get("src")]
        assert not any("msp-glossary" in src for src in scripts), (page.name, scripts)
    glossary = ET.parse(app.outdir / "glossary.xhtml").getroot()
    cards = [el for el in glossary.iter(f"{XHTML}div") if "msp-term-card" in el.get("class", "").split()]
    assert len(cards) == 4  # an e-reader sees every card, not only the letter bar
    assert glossary.find(f".//{XHTML}nav") is not None


def epubcheck_command() -> list[str]:
    """Debian's epubcheck is a jar that runs through binfmt-support where that is set up;
    run it with java, which works either way."""
    found = shutil.which("epubcheck")
    if found is None:
        missing("epubcheck not found (apt-get install epubcheck)")
    path = Path(found).resolve()
    if path.suffix == ".jar":
        java = shutil.which("java")
        if java is None:
            missing("java not found, which epubcheck needs (apt-get install epubcheck)")
        return [java, "-jar", str(path)]
    return [str(path)]


@pytest.mark.slow
@pytest.mark.parametrize("root", ["validity", "parallel-features", "hostile"])
def test_epub_passes_epubcheck(make_app, tmp_path, root):
    """The validity root, every opt-in feature at once (automatic links, expand-first, term
    pages, category groups and filters, deprecation, MyST), and hostile data (a term id with a
    colon, which EPUB takes out of fragments), in an EPUB that epubcheck accepts."""
    command = epubcheck_command()
    if root == "validity":
        app = build(make_app, tmp_path, "epub")
    else:
        app = build_root(make_app, root, tmp_path / root, "epub",
                         confoverrides={"copyright": "2026", "author": "Us", "version": "1", "release": "1"})
    (epub,) = app.outdir.glob("*.epub")
    result = subprocess.run([*command, str(epub)], capture_output=True, text=True, timeout=600)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "ERROR" not in output and "FATAL" not in output, output


def test_latex_card_has_its_term_as_title(make_app, tmp_path):
    app = build(make_app, tmp_path, "latex")
    tex = (app.outdir / "validity.tex").read_text("utf-8")
    titles = [line for line in tex.splitlines() if line.startswith("\\begin{sphinxadmonition}{note}")]
    assert titles[:3] == ["\\begin{sphinxadmonition}{note}{SLA}", "\\begin{sphinxadmonition}{note}{Escalation}",
                          "\\begin{sphinxadmonition}{note}{SLA}"]
    assert "\\begin{sphinxadmonition}{note}{}" not in tex
