"""The ``msp`` domain: where each card stands and every reference, per document."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.domains import Domain, ObjType

from .glossary import Glossary, Layer, Term, inventory_safe, merge_layers, read_layers
from .nodes import REFERENCE_CLASSES, msp_term_reference, msp_term_text
from .records import CardRecord, Records, RefRecord, UnlinkedRecord
from .roles import TermRefRole

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


PER_DOCUMENT = ("cards", "refs", "unlinked", "glossaries")


def fix_double_fragment(refnode: nodes.reference) -> nodes.reference:
    """singlehtml gives ``#document-x#anchor``, which no browser follows: keep ``#anchor``."""
    uri = refnode.get("refuri", "")
    if uri.startswith("#") and "#" in uri[1:]:
        refnode["refuri"] = "#" + uri.rsplit("#", 1)[1]
    return refnode


@functools.lru_cache(maxsize=4096)
def tooltip(term: Term) -> str:
    """A term's summary, the title of every reference to it: computed once per term (and
    per version of it), not once per reference."""
    return term.summary


def card_priority(card: CardRecord) -> tuple:
    """The documented rule for the card a reference targets, whatever the read order.

    An ``msp-term`` card beats a glossary-page card; among equals, the first
    document by name, then the first line.
    """
    return (card.on_glossary_page, card.docname, card.lineno)


def load_glossary(confdir: str | Path, config: Config) -> Glossary:
    layers: list[Layer] = read_layers(confdir, config.msp_glossary_files)
    return merge_layers(layers, config.msp_glossary_exclude)


class MspDomain(Domain):
    """Cross-document state of the glossary: cards, references, link targets."""

    name = "msp"
    label = "MSP glossary"
    object_types = {"term": ObjType("term", "term")}
    roles = {"term": TermRefRole()}
    initial_data: dict[str, Any] = {
        "cards": {},  # docname -> [CardRecord]
        "refs": {},  # docname -> [RefRecord]
        "unlinked": {},  # docname -> [UnlinkedRecord], when msp_glossary_check_unlinked
        "glossaries": {},  # docname -> [line of each msp-glossary directive]
        "targets": {},  # term id -> CardRecord; computed after all reads
        "backlinks": {},  # term id -> ((docname, title), ...) of its references; after all reads
        "used": set(),  # term ids the project uses, with related closure; after all reads
        "fingerprints": {},  # term id -> Term.fingerprint of the last build
    }
    data_version = 1

    _glossary: Glossary | None = None

    # -- the glossary of this build --------------------------------------------

    @property
    def glossary(self) -> Glossary:
        if self._glossary is None:  # builder-inited loads it with the real confdir
            self._glossary = load_glossary(self.env.srcdir, self.env.config)
        return self._glossary

    def load_glossary(self, confdir: str | Path) -> Glossary:
        self._glossary = load_glossary(confdir, self.env.config)
        self._name_index = None
        return self._glossary

    _name_index = None

    def name_index(self):
        """Names and aliases by first word, for the unlinked-term scan (built once)."""
        if self._name_index is None:
            from .unlinked import NameIndex

            self._name_index = NameIndex(self.glossary)
        return self._name_index

    # -- per-document records --------------------------------------------------

    def _note(self, key: str, record: CardRecord | RefRecord | UnlinkedRecord) -> None:
        # not setdefault(docname, Records()): that makes a list per reference, kept or not
        records = self.data[key]
        if record.docname not in records:
            records[record.docname] = Records()
        records[record.docname].append(record)

    def note_card(self, card: CardRecord) -> None:
        self._note("cards", card)

    def note_ref(self, ref: RefRecord) -> None:
        self._note("refs", ref)

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

    # -- after all reads -------------------------------------------------------

    def may_show_cards(self, docname: str, builder: Builder) -> bool:
        """Whether the resolved doctree of ``docname`` can hold cards: when the document has
        some (recorded while reading), or for a builder that resolves several documents as one
        tree (singlehtml, LaTeX, Texinfo, man). Spares the other pages a walk of their tree."""
        if docname in self.data["cards"] or docname in self.data["glossaries"]:
            return True
        from sphinx.builders.html import StandaloneHTMLBuilder
        from sphinx.builders.singlehtml import SingleFileHTMLBuilder

        return not isinstance(builder, StandaloneHTMLBuilder) or isinstance(builder, SingleFileHTMLBuilder)

    def referenced_terms(self) -> dict[str, set[str]]:
        """Docname -> ids of the terms its ``:term-ref:`` references name: one pass over the
        references, shared by everything computed after all reads."""
        referenced = {}
        for docname, refs in self.data["refs"].items():
            ids = {r.term_id for r in refs if r.term_id is not None and r.kind == "ref"}
            if ids:
                referenced[docname] = ids
        return referenced

    def compute_used(self, referenced: dict[str, set[str]]) -> set[str]:
        """Terms the project uses (a :term-ref: or an msp-term card), and the terms their
        related lists name, transitively."""
        used = set().union(*referenced.values())
        used |= {c.term_id for c in self.all_cards() if not c.on_glossary_page}
        terms = self.glossary.terms
        todo = [term_id for term_id in used if term_id in terms]
        while todo:
            for name in terms[todo.pop()].related:
                related = self.glossary.lookup(name)
                if related is not None and related.id not in used:
                    used.add(related.id)
                    todo.append(related.id)
        return used

    def shown(self, card: CardRecord) -> bool:
        """Whether a card stands in the output (a :used-only: card of an unused term does not)."""
        return not card.used_only or card.term_id in self.data["used"]

    def duplicate_cards(self) -> list[tuple[CardRecord, CardRecord]]:
        """(card, the card links go to) for each further link-target ``msp-term`` card of a
        term: by :func:`card_priority`, the target of such a term is its first msp-term card."""
        targets = self.data["targets"]
        return sorted(
            (card, targets[card.term_id])
            for card in self.all_cards()
            if card.indexed and not card.on_glossary_page and targets.get(card.term_id) not in (None, card)
        )

    def compute_targets(self) -> dict[str, CardRecord]:
        targets: dict[str, CardRecord] = {}
        for card in self.all_cards():
            if card.indexed and self.shown(card):
                best = targets.get(card.term_id)
                if best is None or card_priority(card) < card_priority(best):
                    targets[card.term_id] = card
        return targets

    def docs_using(self, term_ids: set[str], referenced: dict[str, set[str]] | None = None) -> set[str]:
        """Documents whose output shows or links to any of ``term_ids``."""
        if referenced is None:
            referenced = self.referenced_terms()
        docs = {docname for docname, ids in referenced.items() if not ids.isdisjoint(term_ids)}
        docs |= {u.docname for records in self.data["unlinked"].values() for u in records if u.term_id in term_ids}
        docs |= {
            c.docname
            for c in self.all_cards()
            if c.term_id in term_ids or term_ids.intersection(c.related_ids)
        }
        return docs

    def compute_backlinks(self, referenced: dict[str, set[str]]) -> dict[str, tuple[tuple[str, str], ...]]:
        """Term id -> (docname, title) of each document that references it, by docname.

        Titles are part of the value, so that a retitled page rewrites the glossary pages."""
        titles = self.env.titles
        pages: dict[str, list[tuple[str, str]]] = {}
        for docname in sorted(referenced):
            # one (docname, title) pair per page, shared by every term it references: its title
            # is computed once, and the pickled environment holds it once
            entry = (docname, titles[docname].astext() if docname in titles else docname)
            for term_id in referenced[docname]:
                pages.setdefault(term_id, []).append(entry)
        return {term_id: tuple(entries) for term_id, entries in pages.items()}

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
    ) -> nodes.reference | None:
        term = self.glossary.lookup(target)
        card = self.data["targets"].get(term.id) if term else None
        if card is None:
            return None  # another project may have it; else resolve_missing renders text
        refnode = msp_term_reference("", "", internal=True, reftitle=tooltip(term), classes=REFERENCE_CLASSES)
        if fromdocname == card.docname and card.node_id:
            refnode["refid"] = card.node_id
        else:  # as make_refnode does
            uri = builder.get_relative_uri(fromdocname, card.docname)
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
        refnode = self.resolve_xref(env, fromdocname, builder, "term", target, node, contnode)
        if refnode is not None:
            return [("msp:term", refnode)]
        term = self.glossary.lookup(target)
        return [("msp:term", no_card_text(term, contnode))] if term is not None else []

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for term_id, card in sorted(self.data["targets"].items()):
            term = self.glossary.terms.get(term_id)
            if term is None:
                continue
            # Only the names that answer to this term (an alias that is another term's name
            # is not its own), and that read back as themselves (a data warning says so).
            for name, priority in ((term.name, 1), *((alias, 2) for alias in term.aliases)):
                if self.glossary.lookup(name) is term and inventory_safe(name):
                    yield (name, name, "term", card.docname, card.node_id, priority)

    def get_full_qualified_name(self, node: nodes.Element) -> str | None:
        term = self.glossary.lookup(node.get("reftarget", ""))
        return term.name if term else None


def resolve_missing(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.Element
) -> nodes.Node | None:
    """A term with no card in this project: another project's card through intersphinx,
    else text with a tooltip. Never a link to nothing."""
    if node.get("refdomain") != "msp":
        return None
    domain: MspDomain = env.get_domain("msp")  # type: ignore[assignment]
    term = domain.glossary.lookup(node["reftarget"])
    external = resolve_external(app, env, node, contnode, term)
    if external is not None:
        return external
    if term is None:
        return msp_term_text("", "", *contnode.children, classes=["msp-term-ref", "msp-term-ref--unknown"])
    return no_card_text(term, contnode)


def no_card_text(term: Term, contnode: nodes.Element) -> msp_term_text:
    """A term the project has no card for: its text, with the summary as a tooltip."""
    return msp_term_text(
        "", "", *contnode.children, classes=["msp-term-ref", "msp-term-ref--no-card"],
        title=tooltip(term), term_id=term.id,
    )


def resolve_external(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.Element, term: Term | None
) -> nodes.reference | None:
    """The card of another project, through its objects.inv: by the name as written,
    then by this glossary's name and aliases of the term (inventories match exactly)."""
    if "sphinx.ext.intersphinx" not in app.extensions:
        return None
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
                    refnode["reftitle"] = tooltip(term)
                return refnode
    finally:
        node["reftarget"] = written
    return None


def on_env_get_outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Re-read the documents that show or reference a term whose data changed."""
    domain: MspDomain = env.get_domain("msp")  # type: ignore[assignment]
    old = domain.data["fingerprints"]
    new = {term.id: term.fingerprint for term in domain.glossary}
    domain.data["fingerprints"] = new
    if not old:
        return []
    changed_terms = {tid for tid in old.keys() | new.keys() if old.get(tid) != new.get(tid)}
    if not changed_terms:
        return []
    # a new term or alias may be what an unknown name was waiting for
    waiting = {r.docname for r in domain.all_refs() if r.term_id is None}
    if old.keys() != new.keys():  # a term came or went: glossary pages list every term
        waiting |= set(domain.data["glossaries"])
    return sorted(domain.docs_using(changed_terms) | waiting)


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After all reads: pick link targets; rewrite pages whose links or backlinks moved."""
    domain: MspDomain = env.get_domain("msp")  # type: ignore[assignment]
    old_used: set[str] = domain.data["used"]
    referenced = domain.referenced_terms()
    domain.data["used"] = domain.compute_used(referenced)
    old_targets: dict[str, CardRecord] = domain.data["targets"]
    new_targets = domain.compute_targets()
    domain.data["targets"] = new_targets

    moved = {
        tid
        for tid in old_targets.keys() | new_targets.keys()
        if _anchor(old_targets.get(tid)) != _anchor(new_targets.get(tid))
    }
    backlinks = domain.compute_backlinks(referenced)
    old_backlinks = domain.data["backlinks"]
    domain.data["backlinks"] = backlinks
    rewrite = domain.docs_using(moved, referenced) if moved else set()
    grown = {tid for tid in backlinks.keys() | old_backlinks.keys() if backlinks.get(tid) != old_backlinks.get(tid)}
    if grown:
        rewrite |= {c.docname for c in domain.all_cards() if c.on_glossary_page and c.term_id in grown}
    if domain.data["used"] != old_used:
        rewrite |= {c.docname for c in domain.all_cards() if c.used_only}
    return sorted(rewrite & env.found_docs)


def _anchor(card: CardRecord | None) -> tuple[str, str] | None:
    return (card.docname, card.node_id) if card else None


def setup_domain(app: Sphinx) -> None:
    app.add_domain(MspDomain)
    app.connect("missing-reference", resolve_missing, priority=400)  # before intersphinx's own
    app.connect("env-get-outdated", on_env_get_outdated)
    app.connect("env-updated", on_env_updated)
