"""Find term names and aliases in body text that are not wrapped in ``:term-ref:``.

Opt-in (``msp_glossary_check_unlinked = True``, or ``"first"`` for the first mention of
each term per page). ``:term-ref:`!name``` is unlinked on purpose and not reported. Matching is case-sensitive and
on whole words, and runs in time linear in the text: candidates are looked up
by their first word, never by trying every name at every position.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.utils import get_source_line
from sphinx import addnodes

from .domain import MspDomain
from .nodes import NO_LINK_CLASS, msp_glossary, msp_term_card, msp_unresolved_reference
from .records import UnlinkedRecord

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .terms import Glossary

_WORD = re.compile(r"\w+")
#: Text under these is not prose a reader would expect to be linked.
_SKIP = (
    nodes.FixedTextElement, nodes.literal, nodes.reference, nodes.title, nodes.raw, nodes.Invisible,
    nodes.comment, addnodes.pending_xref, addnodes.index, msp_term_card, msp_glossary, msp_unresolved_reference,
)


def _in_word(char: str) -> bool:
    """Whether a character continues a word: a name matches only as a whole word."""
    return char.isalnum() or char in "-_"


class NameIndex:
    """Names and aliases by their first word, longest first."""

    def __init__(self, glossary: Glossary) -> None:
        self.by_first_word: dict[str, list[tuple[str, str]]] = {}
        for term in glossary:
            for name in {term.name, *term.aliases}:
                first = _WORD.match(name)
                if first:
                    self.by_first_word.setdefault(first.group(), []).append((name, term.id))
        for candidates in self.by_first_word.values():
            candidates.sort(key=lambda c: -len(c[0]))

    def find(self, text: str):
        """(name, term id) for each whole-word occurrence in ``text``."""
        position = 0
        while True:
            word = _WORD.search(text, position)
            if word is None:
                return
            position = word.end()
            if word.start() and _in_word(text[word.start() - 1]):
                continue
            for name, term_id in self.by_first_word.get(word.group(), ()):
                end = word.start() + len(name)
                if text.startswith(name, word.start()) and (end == len(text) or not _in_word(text[end])):
                    yield name, term_id
                    position = end
                    break


def _skipped(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, _SKIP) or NO_LINK_CLASS in parent.get("classes", ()):
            return True
        parent = parent.parent
    return False


def find_unlinked(app: Sphinx, doctree: nodes.document) -> None:
    if not app.config.msp_glossary_check_unlinked:
        return
    domain: MspDomain = app.env.get_domain("msp")  # type: ignore[assignment]
    index = domain.derived.get("name_index")
    if index is None:  # built once per build, from the glossary of the build
        index = domain.derived["name_index"] = NameIndex(domain.glossary)
    docname = app.env.docname
    first_only = app.config.msp_glossary_check_unlinked == "first"
    seen: set[str] = set()  # terms with an unlinked mention on this page, for "first"
    for text in doctree.findall(nodes.Text):
        if _skipped(text):
            continue
        found = list(index.find(str(text)))
        if not found:
            continue
        block = text.parent
        lineno = block.line or get_source_line(block)[1] or 0  # type: ignore[union-attr]
        raw = block.rawsource or ""
        for name, term_id in found:
            if first_only and term_id in seen:
                continue
            seen.add(term_id)
            offset = raw.find(name)
            line = lineno + (raw.count("\n", 0, offset) if offset > 0 else 0)
            domain.note_unlinked(UnlinkedRecord(docname, line, term_id, name))


def setup_unlinked(app: Sphinx) -> None:
    app.connect("doctree-read", find_unlinked)
