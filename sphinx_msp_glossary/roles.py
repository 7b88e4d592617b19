"""The ``term-ref`` role: ``:term-ref:`SLA``` and ``:term-ref:`our agreement <SLA>```."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.roles import XRefRole

from .diagnostics import warn
from .records import RefRecord

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .domain import MspDomain


def first_line_with(lines: Sequence[str], start: int, text: str) -> int | None:
    """The index of the first of the hundred lines from ``start`` that holds ``text``."""
    for index in range(max(start, 0), min(len(lines), start + 100)):
        if text in lines[index]:
            return index
    return None


class TermRefRole(XRefRole):
    """A cross-reference to a term, in the ``msp`` domain whatever name it is used under."""

    def __init__(self) -> None:
        super().__init__(innernodeclass=nodes.inline, warn_dangling=False)

    def source_lines(self, source: str) -> list[str] | None:
        """For parsers whose input docutils does not hold (MyST): the lines of a source, read
        once per document read (the environment's temp_data is cleared after each)."""
        cache = self.env.temp_data.setdefault("msp_source_lines", {})
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
        raw = self.rawtext
        newline = raw.find("\n")
        first = raw if newline < 0 else raw[:newline]
        found = self.line_in_input(first, source)
        if found:
            return found
        lines = self.source_lines(source)
        index = None if lines is None else first_line_with(lines, lineno - 1, first)
        return lineno if index is None else index + 1

    def line_in_input(self, first: str, source: str) -> int | None:
        """The line, from the lines docutils is parsing: the reporter's ``get_source_and_line``
        belongs to the document's root state machine, whose input holds every line of the
        document (included files too) with the file and line each came from. None where the
        parser is another (MyST) or the role's text is not found there."""
        machine = getattr(self.inliner.reporter.get_source_and_line, "__self__", None)
        input_lines = getattr(machine, "input_lines", None)
        if input_lines is None or getattr(machine, "input_offset", None) != 0:
            return None
        index = first_line_with(input_lines.data, self.lineno - 1, first)  # from the paragraph's line
        if index is None:
            return None
        origin, offset = input_lines.info(index)
        return offset + 1 if origin == source and offset is not None else None

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        self.refdomain, self.reftype = "msp", "term"
        self.classes = ["xref", "msp", "msp-term"]
        if self.disabled:  # Sphinx's convention: :term-ref:`!SLA` is the text, with no link
            return self.create_non_xref_node()
        if not self.target.strip():
            node = nodes.inline(self.rawtext, self.title, classes=["msp-term-ref", "msp-term-ref--unknown"])
            self.set_source_info(node)
            node.line = self.exact_line(node.source, node.line)
            warn("usage", f"empty term name in {' '.join(self.rawtext.split())}", node)
            return [node], []
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
        if term is None:  # located by the node: its file is the included one, if it is
            warn("unknown", domain.glossary.unknown_message(target), node)
        elif term.deprecated:
            warn("deprecated", domain.glossary.deprecation_message(term), node)
        domain.note_ref(RefRecord(env.docname, lineno, term.id if term else None, target))
        return [node], []


def setup_roles(app: Sphinx) -> None:
    app.add_role("term-ref", TermRefRole())
    app.add_role_to_domain("msp", "term", TermRefRole())
