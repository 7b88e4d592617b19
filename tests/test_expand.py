"""msp_glossary_expand_first: the first reference per page to a term whose expansion is one of its
aliases reads "Service Level Agreement (SLA)", in every builder; later ones stay as written."""

from __future__ import annotations

from helpers import build_root, normalize_space, parse_html


def build(make_app, tmp_path, buildername, **confoverrides):
    return build_root(make_app, "expand", tmp_path / buildername, buildername, confoverrides=confoverrides)


def test_html_first_reference_per_page_is_spelled_out_and_is_the_link(make_app, tmp_path):
    app = build(make_app, tmp_path, "html")
    assert app._warning.getvalue() == ""
    page = parse_html(app.outdir / "index.html")
    links = [(a.text, a.get("href")) for a in page.find_all("a", class_="msp-term-ref")]
    assert links == [
        ("Service Level Agreement (SLA)", "glossary.html#msp-term-sla"),
        ("Quarterly Business Review (QBR)", "glossary.html#msp-term-qbr"),
        ("SLA", "glossary.html#msp-term-sla"),
        ("QBR", "glossary.html#msp-term-qbr"),
        ("NOC", "glossary.html#msp-term-noc"),  # its expansion is no alias: a gloss, not a spelling out
        ("SLAs", "glossary.html#msp-term-sla"),
    ]
    # every reference's text is in the inline of a cross-reference, as Sphinx's roles make it
    assert all(a.find("span", class_="msp-term") for a in page.find_all("a", class_="msp-term-ref"))
    # a heading's reference too, and the table of contents, which copies the heading, keeps it
    entry = page.find("a", class_="reference", href="other.html")
    assert entry is not None and entry.find("span", class_="msp-term").text == "SLA"
    other = parse_html(app.outdir / "other.html")
    assert normalize_space(other.find("h1").text).startswith("The SLA in a title")  # headings stay short
    assert other.find("h1").find("span", class_="msp-term") is not None
    links = [a.text for p in other.find("section").find_all("p") for a in p.find_all("a", class_="msp-term-ref")]
    # an explicit title is never changed and does not count; a spelled-out name counts
    assert links == ["agreement", "Service Level Agreement (SLA)", "SLA", "Quarterly Business Review", "QBR"]


def test_text_and_latex_show_the_expansion(make_app, tmp_path):
    text = normalize_space((build(make_app, tmp_path, "text").outdir / "index.txt").read_text("utf-8"))
    assert ("Every *Service Level Agreement (SLA)* is reviewed at the *Quarterly Business Review (QBR)*. "
            "The *SLA* says how fast. A later *QBR*, our *NOC*, and *SLAs* again.") in text
    latex = (build(make_app, tmp_path, "latex").outdir / "projectnamenotset.tex").read_text("utf-8")
    # the reference's text, innermost in its markup (which differs between Sphinx versions)
    assert latex.count("{Service Level Agreement (SLA)}") == 2  # once on each page
    assert latex.count("{Quarterly Business Review (QBR)}") == 1


def test_off_by_default(make_app, tmp_path):
    app = build(make_app, tmp_path, "html", msp_glossary_expand_first=False)
    page = parse_html(app.outdir / "index.html")
    assert [a.text for a in page.find_all("a", class_="msp-term-ref")][:2] == ["SLA", "QBR"]
