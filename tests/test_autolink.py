"""msp_glossary_autolink: which words of real rST and MyST pages become links, and which do not;
auto links as references (target, tooltip, backlinks, report); the unlinked check agreeing."""

from __future__ import annotations

import shutil

import pytest
from helpers import (
    ROOTS,
    build_root,
    copy_root,
    file_tips,
    msp_warnings,
    outputs,
    parse_html,
    tooltip,
)
from docutils import nodes
from sphinx import addnodes
from sphinx.cmd.build import build_main

from sphinx_msp_glossary.nodes import msp_linked_text


def build(make_app, tmp_path, buildername="html", label="src", **confoverrides):
    return build_root(make_app, "autolink", tmp_path / label, buildername, confoverrides=confoverrides)


def auto_links(app, page):
    """(text, href) of each automatic link of a page, in order."""
    html = parse_html(app.outdir / page)
    return [(a.text, a.get("href")) for a in html.find_all("a", class_="msp-term-ref--auto")]


def link_texts(app, page):
    """Text of every term link of a page, automatic ones marked with a star."""
    html = parse_html(app.outdir / page).find(role="main")
    return [("*" if "msp-term-ref--auto" in a.classes else "") + a.text
            for a in html.find_all("a", class_="msp-term-ref")]


def not_linked_inside(app, page, *selectors):
    """The text of each element matching a selector ("tag" or "tag.class"), in the order of the
    selectors, after checking that none holds a term link; links other than term links only."""
    main = parse_html(app.outdir / page).find(role="main")
    texts = []
    for selector in selectors:
        tag, _, class_ = selector.partition(".")
        for element in main.find_all(tag, class_=class_ or None):
            if tag == "a" and "msp-term-ref" in element.classes:
                continue
            assert element.find("a", class_="msp-term-ref") is None, (selector, element.text)
            if tag != "a" or "external" in element.classes:
                texts.append(element.text.strip())
    return texts


def test_page_mode(make_app, tmp_path):
    """One build, several checks (a build of the root takes a second or two)."""
    page_build = build(make_app, tmp_path)
    check_first_mention_per_page_becomes_a_link_and_only_in_prose(page_build)
    check_an_auto_link_is_a_term_reference(page_build)
    check_glossary_page_opted_out_pages_and_myst(page_build)
    check_warnings_are_located(page_build)


def check_first_mention_per_page_becomes_a_link_and_only_in_prose(page_build):
    assert link_texts(page_build, "index.html") == [
        "*SLA",  # not the one in the title: titles are never linked
        "*help desk",  # the longest name wins (not the term Help), in any case: no acronym
        "*help",  # the term Help: mentioned first here ("help desk" was the other term)
        # "sla" is not SLA (an acronym matches in capitals only); "Helpdesk" is linked already
        "RMM",  # the explicit reference came first, so "RMM in text" is left alone
        "*NOC",  # :term-ref:`!NOC` opts one occurrence out; the next mention is linked
        "*MSP",  # not the literal, not inside the external link: "the MSP at last"
        "*Gold Plan",
        # not in a code block, its caption, a raw block, a rubric or a heading:
        "*PSA",
    ]
    # each exclusion, one by one: the words are there, and no link is made inside
    assert not_linked_inside(page_build, "index.html", "h1", "h2", "code", "pre", "a", "p.rubric",
                             "div.code-block-caption") == [
        "Autolink and the SLA¶", "The PSA heading¶", "MSP", "PSA in code", "link about the MSP",
        "PSA rubric", "The PSA caption¶",
    ]
    assert "<p>PSA raw</p>" in (page_build.outdir / "index.html").read_text("utf-8")  # raw, as written
    sla = auto_links(page_build, "index.html")[0]
    assert sla == ("SLA", "glossary.html#msp-term-sla")


def check_an_auto_link_is_a_term_reference(page_build):
    html = parse_html(page_build.outdir / "index.html")
    auto = html.find("a", class_="msp-term-ref--auto")
    refs = parse_html(page_build.outdir / "sections.html").find_all("a", class_="msp-term-ref")
    explicit = refs[-1]
    # its tooltip: the one of the explicit reference to the same card
    tips = file_tips(page_build.outdir)
    assert auto.classes == ["msp-term-ref", "msp-term-ref--auto", "reference", "internal"]
    assert tooltip(auto, tips) == tooltip(explicit, tips)
    assert tooltip(auto, tips).startswith("Service Level Agreement")
    assert auto.get("href") == explicit.get("href")
    # the glossary page's card of Help lists the pages that link to it, automatically or not
    glossary = parse_html(page_build.outdir / "glossary.html")
    help_card = glossary.find(class_="msp-term-card", id="msp-term-help")
    backlinks = [a.get("href") for a in help_card.find(class_="msp-term-card__backlinks").find_all("a")]
    assert backlinks == ["index.html"]


def check_glossary_page_opted_out_pages_and_myst(page_build):
    assert auto_links(page_build, "glossary.html") == []  # the glossary page is the cards themselves
    assert auto_links(page_build, "optout.html") == []  # :msp-autolink: off
    assert auto_links(page_build, "markdown-optout.html") == []  # front matter msp-autolink: false
    # MyST: not in code, not in a link, not after an explicit reference
    assert link_texts(page_build, "markdown.html") == ["*SLA", "RMM"]
    assert not_linked_inside(page_build, "markdown.html", "code", "a") == ["SLA", "SLA link"]
    assert link_texts(page_build, "badfield.html") == ["*SLA"]


def check_warnings_are_located(page_build):
    found = msp_warnings(page_build._warning.getvalue())
    assert found == [
        ("badfield.rst", 1, "usage", "field :msp-autolink: must be 'off' (or 'on'), not 'sometimes'; the page is linked"),
        ("index.rst", 30, "deprecated", "term 'Gold Plan' is deprecated: use 'Per-Seat Pricing' (Sold until 2024.)"),
    ]


def test_section_mode_links_once_per_section(make_app, tmp_path):
    app = build(make_app, tmp_path, msp_glossary_autolink="section")
    # the third section's explicit reference comes first there
    assert link_texts(app, "sections.html") == ["*SLA", "*SLA", "SLA"]
    # the subsection links SLA and MSP again (MSPs: a plural alias)
    assert link_texts(app, "index.html")[-3:] == ["*PSA", "*SLA", "*MSPs"]


def test_the_doctrees_kept_until_writing_hold_marked_text_not_references(make_app, tmp_path):
    """A mention found when its page is read stays in its text, which is marked, until the page
    is resolved: the doctrees Sphinx keeps from reading to writing hold no pending reference
    for it, and its text is not split."""
    app = build(make_app, tmp_path, label="marks")
    autos = [r for r in app.env.get_domain("msp").all_refs() if r.kind == "auto" and r.docname == "index"]
    doctree = app.env.get_doctree("index")
    marked = [(text, mention) for text in doctree.findall(msp_linked_text) for mention in text.msp_links[2]]
    assert {text.msp_links[0] for text, _ in marked} == {"index"}
    assert [(str(text)[start:end], line) for text, (start, end, _name, line) in marked] == [
        (r.target, r.lineno) for r in autos]
    assert not [x for x in doctree.findall(addnodes.pending_xref) if x.get("msp_auto")]
    assert len(auto_links(app, "index.html")) == len(marked) > 3


@pytest.mark.parametrize("buildername", ["html", "text"])
def test_html_writes_links_to_cards_where_their_text_stands(make_app, tmp_path, buildername):
    """In HTML, an automatic link to a card never enters the resolved tree: its text keeps it
    and our visitor writes it there, so the walks after resolving do not visit it. Other
    builders get it in the tree, as a reference."""
    src = copy_root("autolink", tmp_path / "src")
    app = make_app(buildername, srcdir=src)
    in_tree = {}

    def count(app, doctree, docname):
        in_tree[docname] = [node.astext() for node in doctree.findall(nodes.reference)
                            if "msp-term-ref--auto" in node["classes"]]

    app.connect("doctree-resolved", count)
    app.build()
    if buildername == "html":
        assert in_tree["index"] == []
        assert len(auto_links(app, "index.html")) > 3
    else:
        assert len(in_tree["index"]) > 3
        assert all(text in (app.outdir / "index.txt").read_text("utf-8") for text in in_tree["index"])


def test_epub_links_lead_to_their_cards(make_app, tmp_path):
    """EPUB rewrites the fragments of the references in a page's tree (a colon is no valid
    fragment there), and its cards' ids with them: an automatic link must be one of those."""
    src = copy_root("autolink", tmp_path / "src")
    with (src / "terms.toml").open("a", encoding="utf-8") as terms:
        terms.write('\n[[term]]\nname = "Tier Two Desk"\nid = "tier:two"\ndefinition = "The second line."\n')
    (src / "sections.rst").write_text((src / "sections.rst").read_text("utf-8") + (
        "\nCalls go to the Tier Two Desk, the :term-ref:`Tier Two Desk` by name.\n"), "utf-8")
    app = make_app("epub", srcdir=src)
    app.build()
    sections = parse_html(app.outdir / "sections.xhtml")
    assert [a.text for a in sections.find_all("a", class_="msp-term-ref") if "Tier" in a.text] == [
        "Tier Two Desk", "Tier Two Desk"]  # the automatic link, then the explicit one
    index = parse_html(app.outdir / "genindex.xhtml")
    links = sections.find_all("a", class_="msp-term-ref") + [
        a for a in index.find_all("a") if "msp-term-tier" in a.get("href", "")]
    for a in links:
        page, _, fragment = a.get("href").partition("#")
        target = parse_html(app.outdir / (page or "sections.xhtml"))
        assert target.find(id=fragment) is not None, a.get("href")


@pytest.mark.parametrize("term_pages", [False, True])
def test_a_mention_of_a_term_without_a_card(make_app, tmp_path, term_pages):
    """With no card in the project, a first mention stays text; with term pages, it links to
    the term's page, as an explicit reference does."""
    src = copy_root("autolink", tmp_path / "src")
    (src / "glossary.rst").write_text("Glossary\n========\n\nNo cards here.\n", "utf-8")
    app = make_app("html", srcdir=src, confoverrides={"msp_glossary_term_pages": term_pages})
    app.build()
    links = auto_links(app, "index.html")
    if term_pages:
        assert links and all(href.startswith("terms/") for _, href in links), links
    else:
        assert links == []
        main = parse_html(app.outdir / "index.html").find(role="main")
        assert "SLA" in main.text and not main.find_all("a", class_="msp-term-ref--auto")


def test_a_bad_value_is_a_config_warning_and_off(make_app, tmp_path):
    app = build(make_app, tmp_path, label="bad", msp_glossary_autolink="everywhere")
    assert auto_links(app, "index.html") == []
    assert ("command line", 0, "config", "msp_glossary_autolink must be False, 'page' or 'section', not "
            "'everywhere'; using False") in msp_warnings(app._warning.getvalue())


def test_termcheck_reports_auto_links_as_ok(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-autolink", src)
    status = build_main(["-q", "-b", "msp-termcheck", str(src), str(tmp_path / "out")])
    assert status == 0
    lines = (tmp_path / "out" / "output.txt").read_text("utf-8").splitlines()
    for line in (
        "index.rst:13: [ok] SLA: automatic link to the card at glossary.rst:6",
        "index.rst:13: [ok] help desk: automatic link to the card at glossary.rst:6",
        "index.rst:14: [ok] help: automatic link to the card at glossary.rst:6",
        "index.rst:16: [ok] RMM: card at glossary.rst:6",
        "index.rst:30: [deprecated] Gold Plan: term 'Gold Plan' is deprecated: use 'Per-Seat Pricing' "
        "(Sold until 2024.)",
        "markdown.md:3: [ok] SLA: automatic link to the card at glossary.rst:6",
    ):
        assert line in lines, line
    assert not [line for line in lines if line.startswith(("optout.rst", "markdown-optout.md"))]


def test_unlinked_check_finds_what_auto_links_link(make_app, tmp_path):
    """One scanner: with auto links off, the unlinked check reports (among others) exactly the
    mentions that auto links turn into links when on."""
    off = build(make_app, tmp_path, "msp-termcheck", label="off", msp_glossary_autolink=False,
                msp_glossary_check_unlinked=True)
    unlinked = {(line.split(": [")[0], line.split("] ")[1].split(":")[0])
                for line in (off.outdir / "output.txt").read_text("utf-8").splitlines() if "[unlinked]" in line}
    on = build(make_app, tmp_path, "msp-termcheck", label="on")
    linked = {(line.split(": [")[0], line.split("] ")[1].split(":")[0])
              for line in (on.outdir / "output.txt").read_text("utf-8").splitlines()
              if "automatic link" in line or "[deprecated]" in line}
    assert linked and linked <= unlinked
    # the acronym rule holds for both: "sla" in lower case is no mention of SLA
    assert not [u for u in unlinked if u[1] == "sla"]


@pytest.mark.slow
def test_parallel_build_equals_serial(make_app, tmp_path):
    serial = build(make_app, tmp_path, label="serial")
    app = make_app("html", srcdir=copy_root("autolink", tmp_path / "parallel"), parallel=2)
    try:
        app.build()
    finally:
        app.cleanup()
    assert outputs(app.outdir) == outputs(serial.outdir)
    assert sorted(msp_warnings(app._warning.getvalue())) == sorted(msp_warnings(serial._warning.getvalue()))


@pytest.mark.slow
def test_incremental_builds_equal_fresh_builds(builds, tmp_path):
    src = copy_root("autolink", tmp_path / "src")
    builds.build(src)
    terms = src / "terms.toml"

    # a definition changes: its card is read again; the pages that link to the term
    # (automatically) are written again, with the new tooltip, but not read
    terms.write_text(terms.read_text().replace("What a user asks the provider for.", "What users ask for."))
    app = builds.build(src)
    assert sorted(builds.read) == ["glossary"]
    tips = file_tips(app.outdir)
    assert [a for a in parse_html(app.outdir / "index.html").find_all("a", class_="msp-term-ref--auto")
            if tooltip(a, tips) == "What users ask for."]
    assert outputs(app.outdir) == builds.fresh(src, "definition")

    # a new term that pages mention: they are re-read, and link it
    terms.write_text(terms.read_text() + '\n[[term]]\nname = "Markdown"\ndefinition = "A plain-text format."\n')
    app = builds.build(src)
    assert "markdown" in builds.read
    assert ("Markdown", "glossary.html#msp-term-markdown") in auto_links(app, "markdown.html")
    assert outputs(app.outdir) == builds.fresh(src, "new-term")

    # a page mentions a term for the first time: only it is re-read, the card gains the backlink
    sections = src / "sections.rst"
    sections.write_text(sections.read_text() + "\nAnd the QBR.\n")
    app = builds.build(src)
    assert builds.read == ["sections"]
    card = parse_html(app.outdir / "glossary.html").find(class_="msp-term-card", id="msp-term-qbr")
    assert [a.get("href") for a in card.find(class_="msp-term-card__backlinks").find_all("a")] == ["sections.html"]
    assert outputs(app.outdir) == builds.fresh(src, "new-mention")

    # and under -j 2
    sections.write_text(sections.read_text() + "\nAnd the MDR.\n")
    app = builds.build(src, parallel=2)
    assert builds.read == ["sections"]
    assert outputs(app.outdir) == builds.fresh(src, "parallel")
