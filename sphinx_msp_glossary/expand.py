"""Spell out on first use (``msp_glossary_expand_first``): the first reference on a page to a
term whose expansion is one of its aliases reads ``Service Level Agreement (SLA)``.

Done when a document has been read (``doctree-read``), on the references the role made, so that
every builder shows the same text. The whole text stays the link.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from .domain import MspDomain
from .nodes import within
from .terms import Term, normalize

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def spells_out(term: Term) -> bool:
    """Whether the term's expansion is what its name stands for: one of its aliases."""
    return bool(term.expansion) and normalize(term.expansion) in {normalize(a) for a in term.aliases}


def in_title(node: nodes.Node) -> bool:
    return within(node, nodes.title)


def expand_first_references(app: Sphinx, doctree: nodes.document) -> None:
    """Per page, the first reference to each term without a title of its own (titles and
    headings aside) gets the expansion, its text in parentheses; the later ones stay as written."""
    if not app.config.msp_glossary_expand_first:
        return
    domain: MspDomain = app.env.get_domain("msp")  # type: ignore[assignment]
    glossary = domain.glossary
    seen: set[str] = set()
    for xref in list(doctree.findall(addnodes.pending_xref)):
        if xref.get("refdomain") != "msp" or xref.get("refexplicit") or xref.get("msp_auto"):
            continue
        term = glossary.lookup(xref["reftarget"])
        if term is None or term.id in seen or in_title(xref):
            continue
        seen.add(term.id)
        written = xref.astext()
        if not spells_out(term) or normalize(written) == normalize(term.expansion):
            continue
        if xref.children:  # the text, in its inline or bare (roles.py)
            holder = xref[0] if isinstance(xref[0], nodes.Element) else xref
            holder[:] = [nodes.Text(f"{term.expansion} ({written})")]


def setup_expand(app: Sphinx) -> None:
    app.connect("doctree-read", expand_first_references)
