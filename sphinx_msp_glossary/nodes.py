"""The extension's node classes (their visitors: html.py, writers.py).

Each node subclasses a docutils node, so a builder without a visitor of its
own renders it as that base (Sphinx's translators dispatch along the MRO).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class msp_term_card(nodes.container):
    """A term's card: name, expansion, definition, why it matters, related terms."""


class msp_unresolved_reference(nodes.inline):
    """A reference with no card to link to: a term's text with its summary as title, or a
    name that is no term."""


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


class msp_linked_text(nodes.Text):
    """A text of body prose with terms' first mentions, found when its page is read
    (autolink.py): text until the page is resolved, when each mention becomes its term
    reference. ``msp_links``: (document, source file, ((start, end, name, line) of each
    mention)). In the doctrees held from reading to writing it stands where the text stood,
    where a reference is ten objects and splits the text in three (docs/performance.rst).

    Resolved for our HTML visitors, it stays, and keeps its pieces of text and its references
    in ``msp_parts``, written in its place (html.py): the walks of a page after resolving
    (about twenty: transforms, handlers, the search index) visit one text, not the nodes the
    links would add."""

    msp_links: tuple[str, str | None, tuple[tuple[int, int, str, int | None], ...]]
    msp_parts: list[nodes.Node]

    def copy(self) -> msp_linked_text:
        copied = self.__class__(str(self))
        copied.msp_links = self.msp_links
        if "msp_parts" in self.__dict__:
            copied.msp_parts = self.msp_parts
        return copied


def replace_by(node: nodes.Node, new: nodes.Node | list[nodes.Node]) -> None:
    """Put ``new`` where ``node`` stands, found by identity: a text node equals any other of the
    same characters, so ``Element.replace`` could take an earlier sibling for it."""
    parent = node.parent
    at = next(i for i, child in enumerate(parent.children) if child is node)
    parent[at : at + 1] = new if isinstance(new, list) else [new]


def within(node: nodes.Node, kind: type[nodes.Element] | tuple[type[nodes.Element], ...]) -> bool:
    """Whether ``node`` stands somewhere inside a node of class ``kind`` (or of one of them)."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, kind):
            return True
        parent = parent.parent
    return False


#: The classes a resolved reference carries.
REFERENCE_CLASSES = ["msp-term-ref"]
#: The class of ``:term-ref:`!name```: the text, unlinked on purpose (not an unlinked mention).
NO_LINK_CLASS = "msp-term-ref--no-link"
#: The classes of a resolved automatic link (autolink.py).
AUTO_REFERENCE_CLASSES = ["msp-term-ref", "msp-term-ref--auto"]
#: The classes of a term reference's text, as Sphinx's XRefRole gives them.
TEXT_CLASSES = ["xref", "msp", "msp-term"]


#: A card whose body is made when its page is resolved (resolved_cards.py), holding the name
#: of the document it was read in.
BODY_PENDING = "msp_body_pending"

#: A resolved reference whose text is still bare, for HTML writers that give it its inline (a
#: node attribute); and, in the domain's per-build data, that the writer in use does.
INLINE_AT_WRITE = "msp_inline_at_write"


def reference_text(contnode: nodes.Node) -> nodes.Element:
    """A resolved term reference's content. References in body text and automatic links hold
    bare text until they are resolved, which keeps the doctrees held in memory smaller (fewer
    objects for the garbage collector to walk); each of our resolvers (domain, term pages,
    external) gives them here the inline that Sphinx's roles make, or, where our HTML visitor
    writes it (``INLINE_AT_WRITE``), leaves them bare (docs/performance.rst)."""
    if isinstance(contnode, nodes.Text):
        inline = nodes.inline("", "", classes=list(TEXT_CLASSES))
        inline += contnode
        return inline
    return contnode  # type: ignore[return-value]


def setup_nodes(app: Sphinx) -> None:
    # HTML visitors are methods of a translator subclass (html.py), not handlers given here;
    # writers.py adds the card's LaTeX and Texinfo visitors
    for node_class in (msp_term_card, msp_unresolved_reference, msp_glossary, msp_term_reference,
                       msp_backlinks, msp_backlinks_line):
        app.add_node(node_class)
