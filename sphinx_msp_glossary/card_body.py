"""What a card shows: its term's name and expansion, definition, why it matters, category,
related terms and replacement, as nodes. Shared by the cards of pages (resolved_cards.py
makes their body when their page is resolved) and term pages."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes

from .categories import category_line
from .glossary import Glossary
from .locale import _
from .terms import Term


def build_card_body(
    card: nodes.Element, term: Term, glossary: Glossary, related_ids: list[str], docname: str
) -> None:
    """Fill a card from a term. Data is text, never parsed markup, and shown as written
    (no smart quotes), so that cards reproduce the glossary word for word."""
    header = nodes.paragraph(classes=["msp-term-card__header"], support_smartquotes=False)
    header += nodes.strong(term.name, term.name, classes=["msp-term-card__name"])
    if term.expansion:
        header += nodes.Text(" ")
        header += nodes.inline(term.expansion, term.expansion, classes=["msp-term-card__expansion"])
    category = category_line(term, docname)
    if category is not None:
        header += nodes.Text(" ")
        header += category
    card += header
    if term.deprecated:
        card += deprecation_note(term, glossary, related_ids, docname)
    card += nodes.paragraph(
        term.definition, term.definition, classes=["msp-term-card__definition"], support_smartquotes=False
    )
    if term.why:
        why = nodes.paragraph(classes=["msp-term-card__why"], support_smartquotes=False)
        why += nodes.strong("", _("Why it matters:"), classes=["msp-term-card__label", "no-search"])
        why += nodes.Text(" " + term.why)
        card += why
    if term.related:
        # navigation, not content: Sphinx's search index skips "no-search" elements
        related = nodes.paragraph(classes=["msp-term-card__related", "no-search"], support_smartquotes=False)
        related += nodes.strong("", _("Related:"), classes=["msp-term-card__label"])
        related += nodes.Text(" ")
        for index, name in enumerate(term.related):
            if index:
                related += nodes.Text(", ")
            target = glossary.lookup(name)
            if target is None:  # reported once, as msp_glossary.related, for the data
                related += nodes.inline(name, name, classes=["msp-term-ref", "msp-term-ref--unknown"])
                continue
            related_ids.append(target.id)
            related += term_xref(name, docname)
        card += related


def related_ids_of(term: Term, glossary: Glossary) -> list[str]:
    """The terms a card of ``term`` links to, in the order ``build_card_body`` links them: its
    replacement, then its related terms (the names that name one)."""
    ids = []
    if term.deprecated and term.replaced_by:
        replacement = glossary.replacement(term)
        if replacement is not None:
            ids.append(replacement.id)
    for name in term.related:
        target = glossary.lookup(name)
        if target is not None:
            ids.append(target.id)
    return ids


def term_xref(name: str, docname: str) -> addnodes.pending_xref:
    """A card's link to another term, resolved like a :term-ref:."""
    xref = addnodes.pending_xref(
        "", refdomain="msp", reftype="term", reftarget=name, refexplicit=True, refwarn=False, refdoc=docname,
    )
    xref += nodes.inline(name, name, classes=["xref", "msp", "msp-term"])
    return xref


def deprecation_note(term: Term, glossary: Glossary, related_ids: list[str], docname: str) -> nodes.paragraph:
    """"Deprecated", the reason, and a link to the term to use instead."""
    note = nodes.paragraph(classes=["msp-term-card__deprecated"], support_smartquotes=False)
    note += nodes.strong("", _("Deprecated"), classes=["msp-term-card__label", "msp-term-card__deprecated-label"])
    if term.deprecated_reason:
        note += nodes.Text(" " + term.deprecated_reason)
    if term.replaced_by:
        note += nodes.Text(" ")
        note += nodes.strong("", _("Use instead:"), classes=["msp-term-card__label"])
        note += nodes.Text(" ")
        replacement = glossary.replacement(term)
        if replacement is None:  # reported once, as msp_glossary.related, for the data
            note += nodes.inline(term.replaced_by, term.replaced_by, classes=["msp-term-ref", "msp-term-ref--unknown"])
        else:
            related_ids.append(replacement.id)
            note += term_xref(term.replaced_by, docname)
    return note
