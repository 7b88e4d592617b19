"""The ``msp`` domain: the glossary of the build, every card and reference per document, and
how a reference resolves. What spans documents is computed in after_reads.py."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.domains import Domain, ObjType

from .config import setting_location, setting_location_in
from .diagnostics import file_location, warn
from .glossary import Glossary
from .layers import PACKAGED_PATH, merge_layers, read_layers
from .nodes import (
    AUTO_REFERENCE_CLASSES,
    INLINE_AT_WRITE,
    REFERENCE_CLASSES,
    msp_term_reference,
    msp_unresolved_reference,
    reference_text,
    within,
)
from .records import ByDocument, CardRecord, NameRecord, Records, RefRecord, UnlinkedRecord
from .terms import PACKAGED_LAYER, Term, inventory_safe

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


PER_DOCUMENT = ("cards", "refs", "names", "unlinked", "glossaries")
#: In the domain's per-build data: the builder in use (for post-transforms, which reach it
#: through no public API), and the id of the process whose records ``data`` holds.
BUILDER = "builder"
RECORDS_OF = "records_of"


def fix_double_fragment(refnode: nodes.reference) -> nodes.reference:
    """singlehtml gives ``#document-x#anchor``, which no browser follows: keep ``#anchor``."""
    uri = refnode.get("refuri", "")
    if uri.startswith("#") and "#" in uri[1:]:
        refnode["refuri"] = "#" + uri.rsplit("#", 1)[1]
    return refnode


def inside_link(node: nodes.Node) -> bool:
    """Whether ``node`` stands in a link's text (``|name|_`` of a substitution holding a
    ``:term-ref:``, a MyST link's text)."""
    return within(node, nodes.reference)


def load_glossary(confdir: str | Path, config: Config) -> Glossary:
    glossary = merge_layers(read_layers(confdir, config.msp_glossary_files), config.msp_glossary_exclude)
    glossary.setting_locations["msp_glossary_exclude"] = setting_location_in(confdir, config, "msp_glossary_exclude")
    return glossary


class MspDomain(Domain):
    """Cross-document state of the glossary: cards, references, link targets."""

    name = "msp"
    label = "MSP glossary"
    object_types = {"term": ObjType("term", "term")}
    initial_data: dict[str, Any] = {
        "cards": ByDocument(),  # docname -> [CardRecord]
        "refs": ByDocument(),  # docname -> [RefRecord]
        "names": ByDocument(),  # docname -> [NameRecord]: what its directives' names named
        "unlinked": ByDocument(),  # docname -> [UnlinkedRecord], when msp_glossary_check_unlinked
        "glossaries": {},  # docname -> [line of each msp-glossary directive]
        "targets": {},  # term id -> CardRecord; computed after all reads
        "backlink_states": {},  # term id -> digest of its backlinks, to compare with the next build's
        "used": {},  # term id -> related steps from a used term (terms_in_use_with_related())
        "fingerprints": {},  # term id -> what its card showed in the last build (incremental.py)
        "names_state": "",  # what lookups depended on in the last build (incremental.py)
    }
    data_version = 1

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._glossary: Glossary | None = None
        self.derived: dict[str, Any] = {}  # what other modules compute once from the glossary

    # -- the glossary of this build --------------------------------------------

    @property
    def glossary(self) -> Glossary:
        if self._glossary is None:  # builder-inited loads it with the real confdir
            self.load_glossary(self.env.srcdir)
        return self._glossary  # type: ignore[return-value]

    def load_glossary(self, confdir: str | Path) -> Glossary:
        self._glossary = load_glossary(confdir, self.env.config)
        self.derived = {}
        return self._glossary

    # -- per-document records --------------------------------------------------

    def _note(self, key: str, record: CardRecord | RefRecord | NameRecord | UnlinkedRecord) -> None:
        # not setdefault(docname, Records()): that makes a list per reference, kept or not
        records = self.data[key]
        if record.docname not in records:
            records[record.docname] = Records()
        records[record.docname].append(record)

    def note_card(self, card: CardRecord) -> None:
        self._note("cards", card)

    def note_ref(self, ref: RefRecord) -> None:
        self._note("refs", ref)

    def note_name(self, record: NameRecord) -> None:
        self._note("names", record)

    def note_glossary(self, docname: str, lineno: int) -> None:
        self.data["glossaries"].setdefault(docname, []).append(lineno)

    def note_unlinked(self, record: UnlinkedRecord) -> None:
        self._note("unlinked", record)

    def all_cards(self) -> Iterator[CardRecord]:
        for cards in self.data["cards"].values():
            yield from cards

    def all_refs(self) -> Iterator[RefRecord]:
        for refs in self.data["refs"].values():
            yield from refs

    def clear_doc(self, docname: str) -> None:
        for key in PER_DOCUMENT:
            self.data[key].pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            for key in PER_DOCUMENT:
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]

    def shown(self, card: CardRecord) -> bool:
        """Whether a card stands in the output (a :used-only: card of an unused term does not)."""
        return not card.used_only or self.in_use(card.term_id, card.used_depth)

    def relative_uri(self, builder: Builder, fromdocname: str, docname: str) -> str:
        """The builder's link from one page to another, computed once per pair of pages in a
        build: every reference and backlink between them would compute it again."""
        uris = self.derived.setdefault("relative_uris", {})
        uri = uris.get((fromdocname, docname))
        if uri is None:
            uri = uris[fromdocname, docname] = builder.get_relative_uri(fromdocname, docname)
        return uri

    @property
    def backlinks(self) -> dict[str, tuple[tuple[str, str], ...]]:
        """Term id -> (docname, title) of each document that references it; computed after all
        reads in every build (after_reads.py), so not kept in the pickled environment."""
        return self.derived.get("backlinks", {})

    def in_use(self, term_id: str, depth: int = -1) -> bool:
        """Whether the project uses the term, or a term up to ``depth`` related steps from
        it does (-1: any number of steps)."""
        steps = self.data["used"].get(term_id)
        return steps is not None and (depth < 0 or steps <= depth)

    # -- resolving -------------------------------------------------------------

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.Element | None:
        return self.reference_to_card(fromdocname, builder, target, contnode, inside_link(node),
                                      bool(node.get("msp_auto")))

    def reference_to_card(self, fromdocname: str, builder: Builder, target: str, contnode: nodes.Node,
                          in_link: bool, auto: bool) -> nodes.Element | None:
        """A reference to the card of the term named ``target``; None where this project has
        no card for it. (Automatic links come here straight, without a pending reference.)"""
        glossary = self.glossary
        term = glossary.lookup(target)
        card = self.data["targets"].get(term.id) if term else None
        if card is None:
            return None  # another project may have it; else external.py renders text
        if in_link:  # a link in a link is no valid HTML: the text, with its tooltip
            return self.no_card_text(term, reference_text(contnode), target, why="in-link")
        classes = AUTO_REFERENCE_CLASSES if auto else REFERENCE_CLASSES
        refnode = msp_term_reference(
            "", "", internal=True, reftitle=glossary.tooltip(term, target), classes=classes, term_id=term.id
        )
        if isinstance(contnode, nodes.Text) and self.derived.get(INLINE_AT_WRITE):
            refnode[INLINE_AT_WRITE] = True  # the HTML visitor writes its inline (html.py)
        else:
            contnode = reference_text(contnode)
        if fromdocname == card.docname and card.node_id:
            refnode["refid"] = card.node_id
        else:  # as make_refnode does
            uri = self.relative_uri(builder, fromdocname, card.docname)
            refnode["refuri"] = f"{uri}#{card.node_id}" if card.node_id else uri
        refnode += contnode
        return fix_double_fragment(refnode)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        """Only where the project has a card: an ``:any:`` reference (``default_role = "any"``)
        to a name with no card resolves as it would without the extension, so that a Python
        class ``Ticket`` is not made ambiguous by the packaged term Ticket."""
        refnode = self.resolve_xref(env, fromdocname, builder, "term", target, node, contnode)
        if refnode is not None and isinstance(refnode, msp_term_reference):
            return [("msp:term", refnode)]
        return []

    def no_card_text(self, term: Term, contnode: nodes.Element, written: str = "",
                     why: str = "no-card") -> msp_unresolved_reference:
        """A term the project has no card for (or a reference in a link's text, ``why`` "in-link"):
        its text, with the summary (or the gloss of the alias ``written``) as a tooltip."""
        return msp_unresolved_reference(
            "", "", *contnode.children, classes=["msp-term-ref", f"msp-term-ref--{why}"],
            title=self.glossary.tooltip(term, written), term_id=term.id,
        )

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        glossary = self.glossary
        for term_id, card in sorted(self.data["targets"].items()):
            term = glossary.terms.get(term_id)
            if term is None:
                continue
            # Only the names that answer to this term (an alias that is another term's name
            # is not its own), and that read back as themselves (a data warning says so).
            for name, priority in ((term.name, 1), *((alias, 2) for alias in term.aliases)):
                if glossary.lookup(name) is term and inventory_safe(name):
                    yield (name, name, "term", card.docname, card.node_id, priority)
        # terms with no card: their term pages (term_pages.py), where the builder has them
        for term_id, docname in sorted(self.data.get("term_pages", {}).items()):
            term = glossary.terms.get(term_id)
            if term is None or term_id in self.data["targets"]:
                continue
            for name, priority in ((term.name, 1), *((alias, 2) for alias in term.aliases)):
                if glossary.lookup(name) is term and inventory_safe(name):
                    yield (name, name, "term", docname, "", priority)

    def get_full_qualified_name(self, node: nodes.Element) -> str | None:
        term = self.glossary.lookup(node.get("reftarget", ""))
        return term.name if term else None


def report_glossary_problems(app: Sphinx, glossary: Glossary) -> None:
    """Warn once per build about the glossary data itself (layers and related names)."""
    for problem in [*glossary.problems, *glossary.related_problems()]:
        if problem.in_conf:
            where = setting_location(app, problem.source)
        else:
            source = str(PACKAGED_PATH) if problem.source == PACKAGED_LAYER else problem.source
            where = file_location(source, problem.lineno)
        warn(problem.subtype, problem.message, where)


def on_builder_inited(app: Sphinx) -> None:
    """The glossary of this build: loaded once, from the real conf.py's folder."""
    domain: MspDomain = app.env.get_domain("msp")  # type: ignore[assignment]
    report_glossary_problems(app, domain.load_glossary(app.confdir))
    domain.derived[BUILDER] = app.builder
    domain.derived[RECORDS_OF] = os.getpid()


def keep_own_records(app: Sphinx, docname: str, source: list[str]) -> None:
    """In a process that reads a chunk of a ``-j`` build (a fork of the main process, which
    sends its environment back whole, pickled, for the main process to take the chunk's
    documents from it), the records of the documents the main process holds already are
    dropped when the first document is read: each chunk then carries its own only, and the
    main process loads them once, not once per chunk (docs/performance.rst)."""
    domain: MspDomain = app.env.get_domain("msp")  # type: ignore[assignment]
    if domain.derived.setdefault(RECORDS_OF, os.getpid()) == os.getpid():
        return
    domain.derived[RECORDS_OF] = os.getpid()
    for key in PER_DOCUMENT:
        domain.data[key].clear()


def setup_domain(app: Sphinx) -> None:
    app.add_domain(MspDomain)
    app.connect("builder-inited", on_builder_inited)
    app.connect("source-read", keep_own_records, priority=0)
