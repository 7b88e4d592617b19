"""Node classes and their visitors.

Each node subclasses a docutils node, so a builder without a visitor of its
own renders it as that base (Sphinx's translators dispatch along the MRO).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator
    from sphinx.writers.texinfo import TexinfoTranslator


class msp_term_card(nodes.container):
    """A term's card: name, expansion, definition, why it matters, related terms."""


class msp_term_text(nodes.inline):
    """A reference that has no card to link to: text, with the term's summary as title."""


class msp_glossary(nodes.container):
    """The cards of a glossary page, grouped by letter."""


class msp_term_reference(nodes.reference):
    """A resolved reference to a term's card: a reference (its tag name too) whose start tag
    HTML writers build from attributes escaped once per build, not once per reference."""

    tagname = "reference"


class msp_backlinks(nodes.paragraph):
    """Placeholder for a card's "Referenced in" line, filled after all reads."""


class msp_backlinks_line(nodes.paragraph):
    """A filled "Referenced in" line, for HTML builders: the label is a child node, the links
    are ``(uri, title)`` pairs in ``links``, written straight to HTML. A glossary page of a
    large project carries tens of thousands of them; as reference nodes they cost more
    (allocation and garbage collection) than all of Sphinx's own work on that page."""


# -- HTML ---------------------------------------------------------------------


def visit_card_html(self: HTML5Translator, node: msp_term_card) -> None:
    attributes = {"data-msp-term": node["term_id"]} if node.get("term_id") else {}
    parent = node.parent
    while parent is not None and not isinstance(parent, msp_glossary):
        parent = parent.parent
    if parent is not None and node.get("term_id"):
        # A glossary-page card: what its filter matches (name, expansion, aliases, definition).
        term = self.builder.env.get_domain("msp").glossary.terms.get(node["term_id"])
        if term is not None:
            fields = (term.name, term.expansion, *term.aliases, term.definition)
            attributes["data-msp-search"] = " ".join(f for f in fields if f).lower()
    self.body.append(self.starttag(node, "div", **attributes))


def depart_div_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</div>\n")


def visit_term_text_html(self: HTML5Translator, node: msp_term_text) -> None:
    attributes = {}
    if node.get("title"):
        attributes["title"] = node["title"]
    if node.get("term_id"):
        attributes["data-msp-term"] = node["term_id"]
    self.body.append(self.starttag(node, "span", "", **attributes))


def depart_term_text_html(self: HTML5Translator, node: msp_term_text) -> None:
    self.body.append("</span>")


def visit_glossary_html(self: HTML5Translator, node: msp_glossary) -> None:
    """The container, then a letter bar, a filter box (shown by the JS) and its empty state."""
    from html import escape

    from .locale import _

    self.body.append(self.starttag(node, "div"))
    anchors: dict[str, str] = {}  # letter -> id of its group
    for group in node.children:
        if isinstance(group, nodes.Element) and group.get("letter") and group["ids"]:
            anchors.setdefault(group["letter"], group["ids"][0])
    letters = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    letters += sorted(set(anchors) - set(letters) - {"#"})  # letters beyond A-Z, such as É
    if "#" in anchors:  # where its group is: first (names such as "2FA") or last
        letters.insert(0 if next(iter(anchors)) == "#" else len(letters), "#")
    links = []
    for letter in letters:
        label = f' aria-label="{escape(str(_("Other")))}"' if letter == "#" else ""
        if letter in anchors:
            links.append(f'<a class="msp-glossary__letter-link" href="#{escape(anchors[letter])}"'
                         f"{label}>{escape(letter)}</a>")
        else:
            links.append('<span class="msp-glossary__letter-link is-disabled" role="link" '
                         f'aria-disabled="true"{label}>{escape(letter)}</span>')
    self.body.append(
        f'<nav class="msp-glossary__letters" aria-label="{escape(str(_("Glossary letters")))}">'
        + "".join(links) + "</nav>\n"
        f'<input type="search" class="msp-glossary__search" placeholder="{escape(str(_("Filter terms…")))}"'
        f' aria-label="{escape(str(_("Filter glossary terms")))}" autocomplete="off">\n'
        '<div class="msp-glossary__empty" role="status" hidden><p class="msp-glossary__empty-text">'
        + escape(str(_("No terms match your search. Try a different keyword or clear the filter.")))
        + '</p><button type="button" class="msp-glossary__clear">'
        + escape(str(_("Clear filter"))) + "</button></div>\n"
    )


_escaped: dict[str, str] = {}  # attribute value -> escaped, for the few titles and links of a build


def _attval(self: HTML5Translator, value: str) -> str:
    escaped = _escaped.get(value)
    if escaped is None:
        if len(_escaped) > 10_000:
            _escaped.clear()
        escaped = _escaped[value] = self.attval(value)
    return escaped


#: The classes a resolved reference carries, and the class attribute of its start tag.
REFERENCE_CLASSES = ["msp-term-ref"]
_REFERENCE_CLASS_ATTRIBUTE = " ".join([*REFERENCE_CLASSES, "reference", "internal"])


def visit_term_reference_html(self: HTML5Translator, node: msp_term_reference) -> None:
    """The start tag Sphinx's ``visit_reference`` writes for an internal reference with a
    title, written directly: a project has tens of thousands of references and a few dozen
    distinct titles and links, and escaping them and building the tag is most of the cost.
    Anything else (other classes, ids, a section number, a target) goes through
    ``visit_reference``. No container is allocated here, so no garbage collection is due to it."""
    attributes = node.attributes
    if "refuri" in attributes:
        href = attributes["refuri"] or "#"
    elif "refid" in attributes:
        href = "#" + attributes["refid"]
    else:
        href = None
    if (
        href is None
        or attributes["classes"] != REFERENCE_CLASSES
        or attributes["ids"]
        or not attributes.get("internal")
        or "reftitle" not in attributes
        or "secnumber" in attributes
        or "target" in attributes
        or "rel" in attributes
        or not isinstance(node.parent, nodes.TextElement)
    ):
        self.visit_reference(node)
        return
    self.body.append(
        f'<a class="{_REFERENCE_CLASS_ATTRIBUTE}" href="{_attval(self, href)}" '
        f'title="{_attval(self, attributes["reftitle"])}">'
    )


def depart_term_reference_html(self: HTML5Translator, node: msp_term_reference) -> None:
    self.depart_reference(node)


def visit_line_html(self: HTML5Translator, node: msp_backlinks_line) -> None:
    self.visit_paragraph(node)


_backlinks: dict[tuple[str, str], str] = {}  # (uri, title) -> the link's HTML


def _backlink(self: HTML5Translator, uri: str, title: str) -> str:
    """A page's link, as the translator writes an internal reference node around an inline:
    escaped once per build, however many cards list the page."""
    html = _backlinks.get((uri, title))
    if html is None:
        if len(_backlinks) > 10_000:
            _backlinks.clear()
        html = _backlinks[uri, title] = (
            f'<a class="msp-backlink reference internal" href="{self.attval(uri or "#")}">'
            f"<span>{self.encode(title)}</span></a>"
        )
    return html


def depart_line_html(self: HTML5Translator, node: msp_backlinks_line) -> None:
    self.body.append(", ".join([_backlink(self, uri, title) for uri, title in node["links"]]))
    self.depart_paragraph(node)


# -- LaTeX: a framed block ----------------------------------------------------


def visit_card_latex(self: LaTeXTranslator, node: msp_term_card) -> None:
    self.body.append("\n\\begin{sphinxadmonition}{note}{}\n")
    self.body.append(self.hypertarget_to(node))


def depart_card_latex(self: LaTeXTranslator, node: msp_term_card) -> None:
    self.body.append("\\end{sphinxadmonition}\n")


# -- Texinfo: anchors, so that references to a card resolve ---------------------


def visit_card_texinfo(self: TexinfoTranslator, node: msp_term_card) -> None:
    for node_id in node["ids"]:
        self.add_anchor(node_id, node)


def depart_card_texinfo(self: TexinfoTranslator, node: msp_term_card) -> None:
    pass


def setup_nodes(app: Sphinx) -> None:
    # HTML visitors are methods of a translator subclass (html.py), not handlers given here
    app.add_node(
        msp_term_card,
        latex=(visit_card_latex, depart_card_latex),
        texinfo=(visit_card_texinfo, depart_card_texinfo),
    )
    app.add_node(msp_term_text)
    app.add_node(msp_glossary)
    app.add_node(msp_backlinks)
    app.add_node(msp_backlinks_line)
    app.add_node(msp_term_reference)
