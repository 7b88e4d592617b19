"""References with no card in this project: another project's card through intersphinx, else
text with a tooltip. The ``missing-reference`` handler answers for the ``msp`` domain only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from .domain import MspDomain
from .nodes import msp_unresolved_reference, reference_text

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .terms import Term


def resolve_missing(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.Element
) -> nodes.Node | None:
    """A term with no card in this project: another project's card through intersphinx,
    else text with a tooltip. Never a link to nothing."""
    if node.get("refdomain") != "msp":
        return None
    contnode = reference_text(contnode)
    if node.get("msp_auto"):  # an automatic link links to this project's cards only
        return nodes.Text(contnode.astext())
    domain: MspDomain = env.get_domain("msp")  # type: ignore[assignment]
    term = domain.glossary.lookup(node["reftarget"])
    external = resolve_external(app, env, node, contnode, term)
    if external is not None:
        return external
    if term is None:
        return msp_unresolved_reference(
            "", "", *contnode.children, classes=["msp-term-ref", "msp-term-ref--unknown"]
        )
    return domain.no_card_text(term, contnode, node["reftarget"])


def resolve_external(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.Element, term: Term | None
) -> nodes.reference | None:
    """The card of another project, through its objects.inv: by the name as written,
    then by this glossary's name and aliases of the term (inventories match exactly)."""
    if "sphinx.ext.intersphinx" not in app.extensions:
        return None
    # here, not at the top: the project loaded it already, and importing it costs a build
    # that does not load it (requests, and more) about as much as our whole extension
    from sphinx.ext.intersphinx import resolve_reference_detect_inventory

    written = node["reftarget"]
    candidates = [written, *((term.name, *term.aliases) if term else ())]
    node["refexplicit"] = True  # keep the text the author wrote
    try:
        for candidate in dict.fromkeys(candidates):
            node["reftarget"] = candidate
            refnode = resolve_reference_detect_inventory(env, node, contnode)
            if refnode is not None:
                refnode["classes"] += ["msp-term-ref", "msp-term-ref--external"]
                if term is not None:
                    refnode["reftitle"] = env.get_domain("msp").glossary.tooltip(term, written)
                return refnode
    finally:
        node["reftarget"] = written
    return None


def setup_external(app: Sphinx) -> None:
    app.connect("missing-reference", resolve_missing, priority=400)  # before intersphinx's own
