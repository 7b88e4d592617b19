"""The ``term-ref`` role: ``:term-ref:`SLA``` and ``:term-ref:`our agreement <SLA>```."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.roles import XRefRole

from .diagnostics import warn
from .nodes import NO_LINK_CLASS, within
from .records import RefRecord, included_source

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .domain import MspDomain

#: The environment's temporary entry (per document read) of the references the role made.
READ_REFERENCES = "msp_read_references"


def first_line_with(lines: Sequence[str], start: int, text: str, skip: int = 0) -> int | None:
    """The index of the line, of the hundred from ``start``, that holds the occurrence of
    ``text`` after the first ``skip`` ones (a paragraph can hold one role text twice)."""
    for index in range(max(start, 0), min(len(lines), start + 100)):
        skip -= lines[index].count(text)
        if skip < 0:
            return index
    return None


def myst_form(raw: str) -> str:
    """A role's text as a MyST page writes it: MyST hands ``:term-ref:`SLA``` to the role for
    ``{term-ref}`SLA``` in the source."""
    match = re.match(r":([\w.:+-]+):(`.*)", raw, re.DOTALL)
    return f"{{{match[1]}}}{match[2]}" if match else raw


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
        skip = self.earlier_occurrences(source, lineno, first)
        found = self.line_in_input(first, source, skip)
        if found:
            return found
        lines = self.source_lines(source)
        if lines is None:
            return lineno
        for text in dict.fromkeys((first, myst_form(first))):
            index = first_line_with(lines, lineno - 1, text, skip)
            if index is not None:
                return index + 1
        return lineno

    def earlier_occurrences(self, source: str, lineno: int, first: str) -> int:
        """How many roles of the same text the paragraph starting at ``lineno`` had before
        this one: the second ``:term-ref:`Nope``` of a paragraph is the second occurrence."""
        seen = self.env.temp_data.setdefault("msp_role_occurrences", {})
        key = (source, lineno, first)
        count = seen[key] = seen.get(key, -1) + 1
        return count

    def included_file(self, source: str | None) -> str:
        """The record's ``source``: the included file the role stands in, else ""."""
        document = self.env.temp_data.get("msp_document_path")
        if document is None:
            document = self.env.temp_data["msp_document_path"] = str(self.env.doc2path(self.env.docname))
        return included_source(str(self.env.srcdir), document, source)

    def line_in_input(self, first: str, source: str, skip: int = 0) -> int | None:
        """The line, from the lines docutils is parsing: the reporter's ``get_source_and_line``
        belongs to the document's root state machine, whose input holds every line of the
        document (included files too) with the file and line each came from. None where the
        parser is another (MyST) or the role's text is not found there."""
        machine = getattr(self.inliner.reporter.get_source_and_line, "__self__", None)
        input_lines = getattr(machine, "input_lines", None)
        if input_lines is None or getattr(machine, "input_offset", None) != 0:
            return None
        index = first_line_with(input_lines.data, self.lineno - 1, first, skip)  # from the paragraph's line
        if index is None:
            return None
        origin, offset = input_lines.info(index)
        return offset + 1 if origin == source and offset is not None else None

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        self.refdomain, self.reftype = "msp", "term"
        self.classes = ["xref", "msp", "msp-term"]
        if self.disabled:  # Sphinx's convention: :term-ref:`!SLA` is the text, with no link
            result, messages = self.create_non_xref_node()
            result[0]["classes"].append(NO_LINK_CLASS)  # unlinked on purpose: no unlinked mention
            return result, messages
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
        domain.note_ref(RefRecord(env.docname, lineno, term.id if term else None, target, "ref",
                                  self.included_file(node.source)))
        env.temp_data.setdefault(READ_REFERENCES, []).append(node)
        return [node], []


def to_bare_text(app: Sphinx, doctree: nodes.document) -> None:
    """Once a page is read, its references in body text hold their bare text until they are
    resolved (``nodes.reference_text`` gives them their inline then), as automatic links do:
    fewer objects in the doctrees Sphinx keeps in memory, so less garbage-collector time. A
    heading's keep their inline: the title and the table of contents are copied from it next."""
    for node in app.env.temp_data.pop(READ_REFERENCES, ()):
        inner = node[0] if len(node) == 1 else None
        if isinstance(inner, nodes.inline) and not within(node, (nodes.title, nodes.subtitle)):
            node[:] = inner.children


def setup_roles(app: Sphinx) -> None:
    app.connect("doctree-read", to_bare_text, priority=400)  # before Sphinx's title and toc collectors
    app.add_role("term-ref", TermRefRole())
    app.add_role_to_domain("msp", "term", TermRefRole())
