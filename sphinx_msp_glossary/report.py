"""The term report: one entry per use of a term, per related name and per card.

The ``msp-termcheck`` builder writes it out; every other builder warns about
the statuses named in ``msp_glossary_fail_on`` that are not warned elsewhere.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from .after_reads import duplicate_cards, terms_in_use
from .config import STATUSES
from .domain import MspDomain
from .layers import PACKAGED_FILE
from .terms import PACKAGED_LAYER, did_you_mean

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


class Entry(NamedTuple):
    filename: str
    lineno: int
    status: str
    term: str | None  # the term's name, when the target is one
    target: str  # what the source wrote
    info: str

    def line(self) -> str:
        return f"{self.filename}:{self.lineno}: [{self.status}] {self.target}: {self.info}"

    def as_json(self) -> dict:
        return self._asdict()


def layer_file(layer: str, srcdir: str) -> str:
    """A glossary layer's file, as the report names it: relative to the source directory,
    like documents; the packaged file by its place in the package."""
    if layer == PACKAGED_LAYER:
        return f"{__package__}/data/{PACKAGED_FILE}"
    return os.path.relpath(layer, srcdir)


def entries(env: BuildEnvironment) -> Iterator[Entry]:
    domain: MspDomain = env.get_domain("msp")  # type: ignore[assignment]
    glossary = domain.glossary
    targets = domain.data["targets"]

    srcdir = str(env.srcdir)

    def path(docname: str, source: str = "") -> str:
        """A record's file: the included file it stands in, else its document's."""
        return source or os.path.relpath(env.doc2path(docname), srcdir)

    def layer_path(layer: str) -> str:
        return layer_file(layer, srcdir)

    def card_place(term_id: str) -> str:
        card = targets[term_id]
        return f"card at {path(card.docname, card.source)}:{card.lineno}"

    for ref in sorted(domain.all_refs(), key=lambda r: (r.docname, r.lineno, r.target)):
        term = glossary.terms.get(ref.term_id) if ref.term_id else None
        if term is None:
            info = glossary.unknown_cause(ref.target) or "no such term" + did_you_mean(glossary.suggest(ref.target))
            yield Entry(path(ref.docname, ref.source), ref.lineno, "unknown", None, ref.target, info)
            continue
        where = path(ref.docname, ref.source)
        if term.deprecated:  # in place of "ok"; warned at the reference as msp_glossary.deprecated
            yield Entry(where, ref.lineno, "deprecated", term.name, ref.target, glossary.deprecation_message(term))
        auto = ref.kind == "auto"  # an automatic link: with no card to link to, it stays plain text
        if term.id not in targets:
            if not auto:
                yield Entry(where, ref.lineno, "no-card", term.name, ref.target,
                            "the project has no card for this term; shown as text with a tooltip")
        elif not term.deprecated:
            yield Entry(where, ref.lineno, "ok", term.name, ref.target,
                        ("automatic link to the " if auto else "") + card_place(term.id))

    duplicates = dict(duplicate_cards(domain))
    for card in sorted(domain.all_cards()):
        term = glossary.terms.get(card.term_id)
        name = term.name if term else card.term_id
        first = duplicates.get(card)
        if first is not None:
            yield Entry(path(card.docname, card.source), card.lineno, "duplicate", name, name,
                        f"second link-target card; links go to {path(first.docname, first.source)}:{first.lineno}")
            continue
        where = "glossary page card" if card.on_glossary_page else "card"
        info = where + ("" if card.indexed else " (no-index)")
        yield Entry(path(card.docname, card.source), card.lineno, "ok", name, name, info)

    unresolved = set(glossary.unresolved_related())
    for term in glossary:
        for name in term.related:
            target = glossary.lookup(name)
            if (term, name) in unresolved:
                cause = glossary.unknown_cause(name)
                info = f"related name of {term.name!r}" + (
                    f": {cause}" if cause else f" is no term{did_you_mean(glossary.suggest(name))}")
                yield Entry(layer_path(term.layer), term.line_of("related") or 1, "related", None, name, info)
            elif target is None:
                yield Entry(layer_path(term.layer), term.line_of("related") or 1, "ok", None, name,
                            f"related name of {term.name!r}; excluded by msp_glossary_exclude, shown as text")
            else:
                yield Entry(layer_path(term.layer), term.line_of("related") or 1, "ok", target.name, name,
                            f"related name of {term.name!r}")

    unreplaced = set(glossary.unresolved_replacements())
    for term in glossary:
        if term.replaced_by:
            replacement = glossary.replacement(term)
            info = f"replaced_by name of {term.name!r}"
            if term in unreplaced:
                yield Entry(layer_path(term.layer), term.line_of("replaced_by") or 1, "related", None, term.replaced_by,
                            f"{info} is no term{did_you_mean(glossary.suggest(term.replaced_by))}")
            else:
                yield Entry(layer_path(term.layer), term.line_of("replaced_by") or 1, "ok", replacement and replacement.name,
                            term.replaced_by, info)

    for term_id, layer in sorted(glossary.overrides.items()):
        term = glossary.terms[term_id]
        where = f"{layer_path(term.layer)}:{term.lineno}"
        yield Entry(layer_path(term.layer), term.lineno, "override", term.name, term.name,
                    f"{'packaged term' if layer == PACKAGED_LAYER else 'term of ' + layer_path(layer)} "
                    f"overridden by {where}")
    for term_id, changes in sorted(glossary.changes.items()):
        term = glossary.terms[term_id]
        for change in changes:
            what = [f"{', '.join(change.fields)} set"] if change.fields else []
            what += [f"alias {alias!r} dropped" for alias in change.dropped]
            yield Entry(layer_path(change.source), change.lineno, "override", term.name, term.name,
                        f"changed by {layer_path(change.source)}:{change.lineno}: {', '.join(what) or 'nothing'}")

    used = terms_in_use(domain)
    for term in glossary:
        if term.layer != PACKAGED_LAYER and term.id not in used:
            yield Entry(layer_path(term.layer), term.lineno, "unused", term.name, term.name,
                        "no page references this term or shows its card")

    if env.config.msp_glossary_check_unlinked:
        for records in domain.data["unlinked"].values():
            for record in sorted(records):
                term = glossary.terms.get(record.term_id)
                if term is not None:
                    yield Entry(path(record.docname, record.source), record.lineno, "unlinked", term.name, record.text,
                                f"write :term-ref:`{record.text}` to link it")


def sorted_entries(env: BuildEnvironment) -> list[Entry]:
    return sorted(entries(env), key=lambda e: (e.filename, e.lineno, STATUSES.index(e.status), e.target))
