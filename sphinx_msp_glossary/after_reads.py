"""What spans documents, computed after all reads: which card each term's references target,
which terms the project uses, backlinks, duplicate cards, and which pages to rewrite."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.builders.singlehtml import SingleFileHTMLBuilder

from .diagnostics import file_location, warn
from .domain import MspDomain
from .records import CardRecord
from .terms import digest

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


def card_priority(card: CardRecord) -> tuple:
    """The documented rule for the card a reference targets, whatever the read order.

    An ``msp-term`` card beats a glossary-page card; among equals, the first
    document by name, then the document's own cards before those of files it includes
    (by the included file's name), then the first line.
    """
    return (card.on_glossary_page, card.docname, card.source, card.lineno)


def may_show_cards(domain: MspDomain, docname: str, builder: Builder) -> bool:
    """Whether the resolved doctree of ``docname`` can hold cards: when the document has
    some (recorded while reading), or for a builder that resolves several documents as one
    tree (singlehtml, LaTeX, Texinfo, man). Spares the other pages a walk of their tree."""
    if docname in domain.data["cards"] or docname in domain.data["glossaries"]:
        return True
    return assembles(builder)


def assembles(builder: Builder) -> bool:
    """Whether the builder resolves several documents as one tree (singlehtml, LaTeX, Texinfo,
    man), so that any page's tree can hold the cards of others."""
    return not isinstance(builder, StandaloneHTMLBuilder) or isinstance(builder, SingleFileHTMLBuilder)


#: The kinds of RefRecord that reference a term: a :term-ref:, and an automatic link.
REFERENCE_KINDS = ("ref", "auto")


def referenced_terms(domain: MspDomain) -> dict[str, set[str]]:
    """Docname -> ids of the terms its references (explicit and automatic) name: one pass over the
    references, shared by everything computed after all reads."""
    referenced = {}
    for docname, refs in domain.data["refs"].items():
        ids = {r.term_id for r in refs if r.term_id is not None and r.kind in REFERENCE_KINDS}
        if ids:
            referenced[docname] = ids
    return referenced


def terms_in_use(domain: MspDomain) -> set[str]:
    """Terms a page names: in a ``:term-ref:``, an ``msp-glossary`` option, or an ``msp-term``
    card (glossary-page cards do not count). The termcheck report's "unused" is the rest."""
    used = {r.term_id for r in domain.all_refs() if r.term_id is not None}
    return used | {c.term_id for c in domain.all_cards() if not c.on_glossary_page}


def terms_in_use_with_related(domain: MspDomain, referenced: dict[str, set[str]]) -> dict[str, int]:
    """Terms a :term-ref: or an msp-term card uses (depth 0), and the terms their related lists
    name (and their replacements), transitively, each with its fewest related steps from a used term: what
    ``:used-only:`` shows (up to its ``:related-depth:``)."""
    used = set().union(*referenced.values())
    used |= {c.term_id for c in domain.all_cards() if not c.on_glossary_page}
    glossary = domain.glossary
    depths = dict.fromkeys(used, 0)
    level = [term_id for term_id in used if term_id in glossary.terms]
    while level:  # breadth first, so that each term gets its fewest steps
        following = []
        for term_id in level:
            term = glossary.terms[term_id]
            for name in (*term.related, *filter(None, [term.replaced_by])):
                related = glossary.lookup(name)
                if related is not None and related.id not in depths:
                    depths[related.id] = depths[term_id] + 1
                    following.append(related.id)
        level = following
    return depths


def link_targets(domain: MspDomain) -> dict[str, CardRecord]:
    targets: dict[str, CardRecord] = {}
    for card in domain.all_cards():
        if card.indexed and domain.shown(card):
            best = targets.get(card.term_id)
            if best is None or card_priority(card) < card_priority(best):
                targets[card.term_id] = card
    return targets


def duplicate_cards(domain: MspDomain) -> list[tuple[CardRecord, CardRecord]]:
    """(card, the card links go to) for each further link-target ``msp-term`` card of a
    term: by :func:`card_priority`, the target of such a term is its first msp-term card."""
    targets = domain.data["targets"]
    return sorted(
        (card, targets[card.term_id])
        for card in domain.all_cards()
        if card.indexed and not card.on_glossary_page and targets.get(card.term_id) not in (None, card)
    )


def docs_using(domain: MspDomain, term_ids: set[str], referenced: dict[str, set[str]] | None = None) -> set[str]:
    """Documents whose output shows or links to any of ``term_ids``."""
    if referenced is None:
        referenced = referenced_terms(domain)
    docs = {docname for docname, ids in referenced.items() if not ids.isdisjoint(term_ids)}
    docs |= {u.docname for records in domain.data["unlinked"].values() for u in records if u.term_id in term_ids}
    docs |= {c.docname for c in domain.all_cards() if c.term_id in term_ids or term_ids.intersection(c.related_ids)}
    return docs


def docs_with_cards(domain: MspDomain, term_ids: set[str]) -> set[str]:
    """Documents with a card of any of ``term_ids``."""
    return {c.docname for c in domain.all_cards() if c.term_id in term_ids}


def backlinks(domain: MspDomain, referenced: dict[str, set[str]]) -> dict[str, tuple[tuple[str, str], ...]]:
    """Term id -> (docname, title) of each document that references it, by docname.

    Titles are part of the value, so that a retitled page rewrites the glossary pages."""
    titles = domain.env.titles
    pages: dict[str, list[tuple[str, str]]] = {}
    for docname in sorted(referenced):
        # one (docname, title) pair per page, shared by every term it references: its title
        # is computed once, and the pickled environment holds it once
        entry = (docname, titles[docname].astext() if docname in titles else docname)
        for term_id in referenced[docname]:
            pages.setdefault(term_id, []).append(entry)
    return {term_id: tuple(entries) for term_id, entries in pages.items()}


def _anchor(card: CardRecord | None) -> tuple[str, str] | None:
    return (card.docname, card.node_id) if card else None


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After all reads: pick link targets; rewrite pages whose links or backlinks moved."""
    domain: MspDomain = env.get_domain("msp")  # type: ignore[assignment]
    old_used: dict[str, int] = domain.data["used"]
    referenced = referenced_terms(domain)
    domain.data["used"] = terms_in_use_with_related(domain, referenced)
    old_targets: dict[str, CardRecord] = domain.data["targets"]
    new_targets = domain.data["targets"] = link_targets(domain)

    moved = {
        tid
        for tid in old_targets.keys() | new_targets.keys()
        if _anchor(old_targets.get(tid)) != _anchor(new_targets.get(tid))
    }
    domain.derived["backlinks"] = new_backlinks = backlinks(domain, referenced)
    old_states: dict[str, str] = domain.data["backlink_states"]
    new_states = domain.data["backlink_states"] = {
        tid: digest(pages) for tid, pages in new_backlinks.items()
    }
    rewrite = docs_using(domain, moved, referenced) if moved else set()
    grown = {t for t in new_states.keys() | old_states.keys() if new_states.get(t) != old_states.get(t)}
    if grown:
        rewrite |= {c.docname for c in domain.all_cards() if c.on_glossary_page and c.term_id in grown}
    if domain.data["used"] != old_used:
        rewrite |= {c.docname for c in domain.all_cards() if c.used_only}
    return sorted(rewrite & env.found_docs)


def card_file(env: BuildEnvironment, card: CardRecord) -> str:
    """The file a card stands in: an included file, else its document."""
    return str(env.srcdir / card.source) if card.source else str(env.doc2path(card.docname))


def check_duplicate_cards(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn about terms carded twice as link targets outside glossary pages."""
    domain: MspDomain = env.get_domain("msp")  # type: ignore[assignment]
    for card, first in duplicate_cards(domain):
        term = domain.glossary.terms.get(card.term_id)
        name = term.name if term else card.term_id
        warn(
            "duplicate",
            f"term {name!r} already has a card at {card_file(env, first)}:{first.lineno}; "
            "links go to that one (add :no-index: to this card)",
            file_location(card_file(env, card), card.lineno),
        )


def setup_after_reads(app: Sphinx) -> None:
    app.connect("env-updated", on_env_updated)
    # after all reads, in every build: Sphinx checks consistency only when a page was read, and
    # a warm build must warn as a fresh one does
    app.connect("env-updated", check_duplicate_cards, priority=600)
