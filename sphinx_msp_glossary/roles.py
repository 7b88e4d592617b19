"""The ``term-ref`` role: ``:term-ref:`SLA``` and ``:term-ref:`our agreement <SLA>```."""

from __future__ import annotations

import weakref
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.roles import XRefRole

from .checks import unknown_term_message, warn
from .records import RefRecord

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .domain import MspDomain


class TermRefRole(XRefRole):
    """A cross-reference to a term, in the ``msp`` domain whatever name it is used under."""

    def __init__(self) -> None:
        super().__init__(innernodeclass=nodes.inline, warn_dangling=False)

    # The lines of each source read for the document being parsed, read once per document:
    # a process that builds again after an edit (sphinx-autobuild, tests) parses a new
    # document, so it reads the file again; no single role pays for a file system call.
    _lines: tuple[weakref.ref | None, dict[str, list[str] | None]] = (None, {})

    def source_lines(self, source: str) -> list[str] | None:
        document = self.inliner.document
        owner, cache = TermRefRole._lines
        if owner is None or owner() is not document:
            cache = {}
            TermRefRole._lines = (weakref.ref(document), cache)
        if source not in cache:
            try:
                cache[source] = Path(source).read_text("utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                cache[source] = None
        return cache[source]

    def exact_line(self, source: str | None = None, lineno: int | None = None) -> int:
        """The line of the role itself: docutils gives the line its paragraph starts on.
        ``source`` and ``lineno`` are that paragraph's, when a node already holds them."""
        if lineno is None:
            source, lineno = self.get_source_info()
        if not source or not lineno:
            return lineno or 0
        lines = self.source_lines(source)
        if lines is None:
            return lineno
        raw = self.rawtext
        newline = raw.find("\n")
        first = raw if newline < 0 else raw[:newline]
        for index in range(lineno - 1, min(len(lines), lineno + 100)):
            if first in lines[index]:
                return index + 1
        return lineno

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        self.refdomain, self.reftype = "msp", "term"
        self.classes = ["xref", "msp", "msp-term"]
        if self.disabled:  # Sphinx's convention: :term-ref:`!SLA` is the text, with no link
            return self.create_non_xref_node()
        if not self.target.strip():
            warn("usage", f"empty term name in {' '.join(self.rawtext.split())}", (self.env.docname, self.exact_line()))
            return [nodes.inline(self.rawtext, self.title, classes=["msp-term-ref", "msp-term-ref--unknown"])], []
        return self.create_xref_node()

    def result_nodes(
        self, document: nodes.document, env: BuildEnvironment, node: nodes.Element, is_ref: bool
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        if not is_ref:
            return [node], []

        domain: MspDomain = env.get_domain("msp")  # type: ignore[assignment]
        target = node["reftarget"]
        term = domain.glossary.lookup(target)
        # create_xref_node has set the node's source and line: asking docutils again costs
        # more than the rest of this method
        lineno = node.line = self.exact_line(node.source, node.line)
        if term is None:
            warn("unknown", unknown_term_message(target, domain.glossary), (env.docname, lineno))
        domain.note_ref(RefRecord(env.docname, lineno, term.id if term else None, target))
        return [node], []


def setup_roles(app: Sphinx) -> None:
    app.add_role("term-ref", TermRefRole())
