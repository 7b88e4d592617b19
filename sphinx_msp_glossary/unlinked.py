"""Find term names and aliases in body text that are not wrapped in ``:term-ref:``.

Opt-in (``msp_glossary_check_unlinked = True``, or ``"first"`` for the first mention of each
term per page); ``:term-ref:`!name``` is unlinked on purpose and not reported. The scanner
here is the one automatic links use too (autolink.py), so the two always agree on what a
mention is: whole words, and one case rule, documented in docs/linking-prose.rst: a name
written in capitals only (an acronym such as ``SLA``) matches only in capitals, any other name
in any case. Matching runs in time linear in the text: candidates are looked up by their first
word, never by trying every name at every position.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from docutils import nodes
from docutils.utils import get_source_line
from sphinx import addnodes

from .domain import MspDomain
from .nodes import NO_LINK_CLASS, msp_linked_text, msp_glossary, msp_term_card, msp_unresolved_reference
from .records import UnlinkedRecord, included_source

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .glossary import Glossary

_WORD = re.compile(r"\w+")
#: Text under these is not prose a reader would expect to be linked: titles and headings,
#: literal text and code, links and references, raw and invisible nodes, captions, tables of
#: contents, signatures, the extension's own cards and glossaries.
SKIP = (
    nodes.FixedTextElement, nodes.literal, nodes.math, nodes.reference, nodes.title, nodes.subtitle,
    nodes.rubric, nodes.caption, nodes.raw, nodes.Invisible, nodes.comment, nodes.problematic,
    nodes.system_message, addnodes.pending_xref, addnodes.index, addnodes.toctree, addnodes.desc_signature,
    msp_term_card, msp_glossary, msp_unresolved_reference,
)


def _in_word(char: str) -> bool:
    """Whether a character continues a word: a name matches only as a whole word."""
    return char.isalnum() or char in "-_"


def capitals_only(name: str) -> bool:
    """Whether a name is written in capitals only (``SLA``, ``2FA``): it then matches only so."""
    return name.upper() == name and name.lower() != name


class Mention(NamedTuple):
    """A name of a term in a text: where, what the text says there, which name and term."""

    start: int
    end: int
    written: str
    name: str
    term_id: str


class NameIndex:
    """The names and aliases that answer to their term, by their first word (lower case),
    longest first, each with the pattern that matches it (whitespace between its words may be
    any run of whitespace, a line break too)."""

    def __init__(self, glossary: Glossary) -> None:
        self.by_first_word: dict[str, list[tuple[str, str, re.Pattern[str]]]] = {}
        for term in glossary:
            for name in {term.name, *term.aliases}:
                first = _WORD.match(name)
                if not first or glossary.lookup(name) is not term:  # an alias another term owns
                    continue
                pattern = r"\s+".join(map(re.escape, name.split()))
                flags = 0 if capitals_only(name) else re.IGNORECASE
                self.by_first_word.setdefault(first.group().lower(), []).append(
                    (name, term.id, re.compile(pattern, flags)))
        for candidates in self.by_first_word.values():
            candidates.sort(key=lambda c: -len(c[0]))
        self.first_words = frozenset(self.by_first_word)

    def find(self, text: str) -> Iterator[Mention]:
        """Each whole-word mention in ``text``, the longest name where several start at one word."""
        if self.first_words.isdisjoint(_WORD.findall(text.lower())):
            return  # most texts mention no term: one pass in C decides it
        position = 0
        while True:
            word = _WORD.search(text, position)
            if word is None:
                return
            position = word.end()
            if word.start() and _in_word(text[word.start() - 1]):
                continue
            for name, term_id, pattern in self.by_first_word.get(word.group().lower(), ()):
                match = pattern.match(text, word.start())
                if match and (match.end() == len(text) or not _in_word(text[match.end()])):
                    yield Mention(match.start(), match.end(), match.group(), name, term_id)
                    position = match.end()
                    break


def name_index(domain: MspDomain) -> NameIndex:
    """The index of the build's glossary, made once per build."""
    index = domain.derived.get("name_index")
    if index is None:
        index = domain.derived["name_index"] = NameIndex(domain.glossary)
    return index


def skipped(node: nodes.Node) -> bool:
    """Whether no text under ``node`` is prose: a skipped node, or the text of
    ``:term-ref:`!name``` (a term's name, on purpose not a link)."""
    return isinstance(node, SKIP) or (isinstance(node, nodes.inline) and (
        "msp-term" in node["classes"] or NO_LINK_CLASS in node["classes"]))


def prose(node: nodes.Element) -> Iterator[nodes.Node]:
    """In document order: every Text node of body prose under ``node``, and on the way each
    section (as it starts) and each ``msp`` reference."""
    for child in node.children:
        if isinstance(child, nodes.Text):
            yield child
        elif isinstance(child, addnodes.pending_xref):
            if child.get("refdomain") == "msp":
                yield child
        elif isinstance(child, nodes.section):
            yield child
            yield from prose(child)
        elif not skipped(child):
            yield from prose(child)  # type: ignore[arg-type]


class Lines:
    """Where mentions are, for one document: the line of a character of a Text node is the
    line of the block the text is in, plus the line breaks before it in the block's text (which
    keeps those of the source). Each block's texts are counted once, however many mentions."""

    def __init__(self) -> None:
        self.starts: dict[int, tuple[str | None, int]] = {}  # id of a Text -> (source, its line)

    def block_of(self, text: nodes.Text) -> nodes.Element:
        block = text.parent
        while block.line is None and block.parent is not None and isinstance(block, nodes.Inline):
            block = block.parent
        return block

    def start(self, text: nodes.Text) -> tuple[str | None, int]:
        found = self.starts.get(id(text))
        if found is None:
            block = self.block_of(text)
            source, line = get_source_line(block)
            line = block.line or line or 0
            for node in block.findall(nodes.Text):
                self.starts[id(node)] = (source, line)
                line += str(node).count("\n")
            found = self.starts[id(text)]
        return found

    def where(self, text: nodes.Text, start: int) -> tuple[str | None, int]:
        """The file and line of the character at ``start`` of ``text``."""
        source, line = self.start(text)
        return source, line + str(text).count("\n", 0, start)


def find_unlinked(app: Sphinx, doctree: nodes.document) -> None:
    if not app.config.msp_glossary_check_unlinked:
        return
    domain: MspDomain = app.env.get_domain("msp")  # type: ignore[assignment]
    index = name_index(domain)
    docname = app.env.docname
    srcdir, document = str(app.env.srcdir), str(app.env.doc2path(docname))
    first_only = app.config.msp_glossary_check_unlinked == "first"
    seen: set[str] = set()  # terms with an unlinked mention on this page, for "first"
    lines = Lines()
    for text in prose(doctree):
        if isinstance(text, nodes.Text):
            auto = {start for start, *_ in text.msp_links[2]} if isinstance(text, msp_linked_text) else ()
            for mention in index.find(str(text)):
                if mention.start in auto or first_only and mention.term_id in seen:
                    continue  # an automatic link is no unlinked mention
                seen.add(mention.term_id)
                source, line = lines.where(text, mention.start)
                domain.note_unlinked(UnlinkedRecord(docname, line, mention.term_id, mention.written,
                                                    included_source(srcdir, document, source)))


def setup_unlinked(app: Sphinx) -> None:
    app.connect("doctree-read", find_unlinked)
