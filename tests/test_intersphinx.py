"""Every term and alias is in objects.inv; a second project links to the first's cards."""

from __future__ import annotations

import shutil
import zlib
from pathlib import Path

from helpers import parse_html, ROOTS
from sphinx_msp_glossary.layers import packaged_terms



def inventory(path: Path) -> dict[str, tuple[str, str]]:
    """name -> (domain:role, uri) of each object in an objects.inv (format version 2)."""
    data = path.read_bytes()
    lines = data.split(b"\n", 4)
    assert lines[0] == b"# Sphinx inventory version 2"
    entries = {}
    for line in zlib.decompress(lines[4]).decode("utf-8").splitlines():
        name, kind, _priority, uri, _display = _split(line)
        entries[name] = (kind, uri)
    return entries


def _split(line: str) -> tuple[str, str, str, str, str]:
    # "name domain:role priority uri dispname"; names may contain spaces
    for kind in (" msp:term ", " std:doc ", " std:label "):
        if kind in line:
            name, rest = line.split(kind, 1)
            priority, uri, display = rest.split(" ", 2)
            return name, kind.strip(), priority, uri, display
    return line, "", "", "", ""


def build(make_app, srcdir: Path, **kwargs):
    app = make_app("html", srcdir=srcdir, **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def test_terms_and_aliases_in_objects_inv(make_app, tmp_path):
    first = build(make_app, shutil.copytree(ROOTS / "test-basic", tmp_path / "first"))
    objects = inventory(first.outdir / "objects.inv")
    for term in packaged_terms():
        if term.name == "MDR":  # excluded from test-basic's glossary page: no card, nothing to link to
            assert "MDR" not in objects and "Managed Detection and Response" not in objects
            continue
        for name in (term.name, *term.aliases):
            kind, uri = objects[name]
            assert kind == "msp:term"
            assert uri.endswith(f"#msp-term-{term.id}"), (name, uri)
    assert objects["SLA"][1] == "contracts.html#msp-term-sla"  # the target card, by the documented rule
    assert objects["SLAs"][1] == "contracts.html#msp-term-sla"


def test_second_project_links_to_first_projects_cards(make_app, tmp_path):
    first = build(make_app, shutil.copytree(ROOTS / "test-basic", tmp_path / "first"))
    second_src = shutil.copytree(ROOTS / "test-intersphinx", tmp_path / "second")
    mapping = {"handbook": ("https://handbook.example.org/", str(first.outdir / "objects.inv"))}
    second = build(make_app, second_src, confoverrides={"intersphinx_mapping": mapping})
    assert second._warning.getvalue() == ""
    page = parse_html(second.outdir / "index.html")
    links = {a.text: a for a in page.find_all("a", class_="msp-term-ref")}
    assert links["SLA"].get("href") == "https://handbook.example.org/contracts.html#msp-term-sla"
    assert links["our SLAs"].get("href") == "https://handbook.example.org/contracts.html#msp-term-sla"
    assert "msp-term-ref--external" in links["SLA"].classes
    assert links["SLA"].get("title").startswith("Service Level Agreement: ")
    assert links["Severity Levels"].get("href").endswith("glossary.html#msp-term-severity-levels")
    assert links["Ticket"].get("href") == "#msp-term-ticket"  # its own card wins
    # each link's text in the inline of a cross-reference, as Sphinx's roles make it
    assert all(link.find("span", class_="msp-term") is not None for link in links.values())
    external = [a for a in page.find_all("a") if a.text == "MSA"]
    assert external and external[0].get("href") == "https://handbook.example.org/glossary.html#msp-term-msa"
    # no card in either project: text with a tooltip
    mdr = page.find("span", class_="msp-term-ref--no-card")
    assert mdr is not None and mdr.text == "MDR"
