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


class msp_term_card(nodes.container):
    """A term's card: name, expansion, definition, why it matters, related terms."""


class msp_term_text(nodes.inline):
    """A reference that has no card to link to: text, with the term's summary as title."""


class msp_glossary(nodes.container):
    """The cards of a glossary page, grouped by letter."""


class msp_backlinks(nodes.paragraph):
    """Placeholder for a card's "Referenced in" line, filled after all reads."""


# -- HTML ---------------------------------------------------------------------


def visit_card_html(self: HTML5Translator, node: msp_term_card) -> None:
    attributes = {"data-msp-term": node["term_id"]} if node.get("term_id") else {}
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
    self.body.append(self.starttag(node, "div"))


# -- LaTeX: a framed block ----------------------------------------------------


def visit_card_latex(self: LaTeXTranslator, node: msp_term_card) -> None:
    self.body.append("\n\\begin{sphinxadmonition}{note}{}\n")


def depart_card_latex(self: LaTeXTranslator, node: msp_term_card) -> None:
    self.body.append("\\end{sphinxadmonition}\n")


def setup_nodes(app: Sphinx) -> None:
    app.add_node(
        msp_term_card,
        html=(visit_card_html, depart_div_html),
        latex=(visit_card_latex, depart_card_latex),
    )
    app.add_node(msp_term_text, html=(visit_term_text_html, depart_term_text_html))
    app.add_node(msp_glossary, html=(visit_glossary_html, depart_div_html))
    app.add_node(msp_backlinks)
