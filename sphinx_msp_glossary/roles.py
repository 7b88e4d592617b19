"""The ``term-ref`` role: ``:term-ref:`SLA``` and ``:term-ref:`our agreement <SLA>```."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.roles import XRefRole

from .checks import unknown_term_message, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class TermRefRole(XRefRole):
    """A cross-reference to a term, in the ``msp`` domain whatever name it is used under."""

    def __init__(self) -> None:
        super().__init__(innernodeclass=nodes.inline, warn_dangling=False)

    _lines: tuple[str, list[str]] = ("", [])  # the last source read: path, lines

    def exact_line(self) -> int:
        """The line of the role itself: docutils gives the line its paragraph starts on."""
        source, lineno = self.get_source_info()
        if not source or not lineno:
            return lineno or 0
        if self._lines[0] != source:
            try:
                text = Path(source).read_text("utf-8")
            except (OSError, UnicodeDecodeError):
                return lineno
            TermRefRole._lines = (source, text.splitlines())
        lines = self._lines[1]
        first = self.rawtext.split("\n", 1)[0]
        for index in range(lineno - 1, min(len(lines), lineno + 100)):
            if first in lines[index]:
                return index + 1
        return lineno

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        self.refdomain, self.reftype = "msp", "term"
        self.classes = ["xref", "msp", "msp-term"]
        if not self.target.strip():
            warn("usage", f"empty term name in {self.rawtext}", (self.env.docname, self.exact_line()))
            return [nodes.inline(self.rawtext, self.title, classes=["msp-term-ref", "msp-term-ref--unknown"])], []
        return self.create_xref_node()

    def result_nodes(
        self, document: nodes.document, env: BuildEnvironment, node: nodes.Element, is_ref: bool
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        from .domain import MspDomain, RefRecord

        domain: MspDomain = env.get_domain("msp")  # type: ignore[assignment]
        target = node["reftarget"]
        term = domain.glossary.lookup(target)
        lineno = node.line = self.exact_line()
        if term is None:
            warn("unknown", unknown_term_message(target, domain.glossary), (env.docname, lineno))
        domain.note_ref(RefRecord(env.docname, lineno, term.id if term else None, target))
        return [node], []


def setup_roles(app: Sphinx) -> None:
    app.add_role("term-ref", TermRefRole())
