"""What builders other than HTML get for a card: LaTeX a framed block titled with the term,
Texinfo anchors so that references to a card resolve. (HTML: html.py.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .nodes import msp_term_card

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.latex import LaTeXTranslator
    from sphinx.writers.texinfo import TexinfoTranslator


def visit_card_latex(self: LaTeXTranslator, node: msp_term_card) -> None:
    term = self.builder.env.get_domain("msp").glossary.terms.get(node.get("term_id", ""))  # type: ignore[attr-defined]
    title = self.encode(term.name) if term is not None else ""
    self.body.append(f"\n\\begin{{sphinxadmonition}}{{note}}{{{title}}}\n")
    self.body.append(self.hypertarget_to(node))


def depart_card_latex(self: LaTeXTranslator, node: msp_term_card) -> None:
    self.body.append("\\end{sphinxadmonition}\n")


def visit_card_texinfo(self: TexinfoTranslator, node: msp_term_card) -> None:
    for node_id in node["ids"]:
        self.add_anchor(node_id, node)


def depart_card_texinfo(self: TexinfoTranslator, node: msp_term_card) -> None:
    pass


def setup_writers(app: Sphinx) -> None:
    app.add_node(
        msp_term_card,
        override=True,
        latex=(visit_card_latex, depart_card_latex),
        texinfo=(visit_card_texinfo, depart_card_texinfo),
    )
