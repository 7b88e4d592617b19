"""What a builder that writes all documents as one page (singlehtml) needs: ids unique on that
page, and in-page links that reach one.

Every document gives its cards and letter groups ids unique in the document (``msp-term-sla``,
``msp-term-sla-2``...). On one page, the same term carded on two documents would give the id
twice. The rule (docs/builders.rst): the card references reach (``after_reads.card_priority``)
keeps its id; every other card or letter group whose id is already on the page gets the first
free ``<id>-2``, ``<id>-3``... in page order. A "Referenced in" link to the root document,
which singlehtml writes as ``#document-<root>`` (an id it never writes), goes to the root
document's first section instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.singlehtml import SingleFileHTMLBuilder

from .domain import MspDomain
from .nodes import msp_backlinks_line, msp_glossary, msp_term_card

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def docname_of(node: nodes.Node, root: str) -> str:
    """The document a node of the assembled tree comes from."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, addnodes.start_of_file):
            return parent["docname"]
        parent = parent.parent
    return root


def our_nodes(doctree: nodes.document) -> list[nodes.Element]:
    """Cards and letter groups with ids, in page order."""
    found: list[nodes.Element] = []
    for node in doctree.findall(nodes.Element):
        if not node["ids"]:
            continue
        if isinstance(node, msp_term_card) or isinstance(node.parent, msp_glossary):
            found.append(node)
    return found


def make_ids_unique(doctree: nodes.document, domain: MspDomain, root: str) -> None:
    targets = {(card.docname, card.node_id) for card in domain.data["targets"].values()}
    mine = our_nodes(doctree)
    count: dict[str, int] = {}
    for node in doctree.findall(nodes.Element):
        for node_id in node["ids"]:
            count[node_id] = count.get(node_id, 0) + 1
    duplicated = {node_id for node_id, n in count.items() if n > 1}
    if not duplicated:
        return
    # who keeps a duplicated id: the target card, else the first of ours, else another's node
    keepers: dict[str, nodes.Element | None] = {}
    mine_set = set(map(id, mine))
    for node in doctree.findall(nodes.Element):
        for node_id in node["ids"]:
            if node_id in duplicated and node_id not in keepers and id(node) not in mine_set:
                keepers[node_id] = None  # a node that is not ours keeps its id
    for node in mine:
        docname = docname_of(node, root)
        for node_id in node["ids"]:
            if node_id in duplicated and (docname, node_id) in targets and isinstance(node, msp_term_card):
                keepers[node_id] = node
    for node in mine:
        for node_id in node["ids"]:
            if node_id in duplicated:
                keepers.setdefault(node_id, node)
    taken = set(count)
    for node in mine:
        for index, node_id in enumerate(node["ids"]):
            if node_id not in duplicated or keepers[node_id] is node:
                continue
            n = 2
            while f"{node_id}-{n}" in taken:
                n += 1
            node["ids"][index] = f"{node_id}-{n}"
            taken.add(node["ids"][index])


def fix_root_backlinks(doctree: nodes.document, root: str) -> None:
    section = doctree.next_node(nodes.section)
    anchor = "#" + section["ids"][0] if section is not None and section["ids"] else "#"
    dangling = "#document-" + root
    for line in doctree.findall(msp_backlinks_line):
        line["links"] = [(anchor if uri == dangling else uri, title) for uri, title in line["links"]]
    for reference in doctree.findall(nodes.reference):
        if "msp-backlink" in reference["classes"] and reference.get("refuri") == dangling:
            reference["refuri"] = anchor


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if not isinstance(app.builder, SingleFileHTMLBuilder):
        return
    domain: MspDomain = app.env.get_domain("msp")  # type: ignore[assignment]
    make_ids_unique(doctree, domain, app.config.root_doc)
    fix_root_backlinks(doctree, app.config.root_doc)


def setup_single_page(app: Sphinx) -> None:
    app.connect("doctree-resolved", on_doctree_resolved, priority=600)  # after resolved_cards.py
