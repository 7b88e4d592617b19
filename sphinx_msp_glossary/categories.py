"""Categories in pages: a card's category line, a glossary page grouped by category
(``:group-by: category``), a subset of categories (``:categories:``), and the category
buttons of the glossary filter (the filter script, ``static/msp-glossary-filter.js``, runs them).

A category-grouped glossary page that is a link target names each group
``msp-category-<slug>``; a card's category links there through Sphinx's own ``:ref:``
machinery (an explicit-title reference to that label), and stays text where no such page
exists. When a group comes, goes or moves, the pages with cards of that category are written
again (Sphinx rewrites no page for a label that appeared).
"""

from __future__ import annotations

import difflib
from html import escape
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes

from .diagnostics import warn
from .locale import _
from .nodes import msp_glossary, msp_term_card
from .glossary import Glossary
from .terms import Term, did_you_mean, slugify
from .tips import runs_script

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .domain import MspDomain

GROUPINGS = ("letter", "category")
LABEL_PREFIX = "msp-category-"


def category_label(name: str) -> str:
    """The label (and anchor) of a category's group on a category-grouped glossary page."""
    return LABEL_PREFIX + (slugify(name) or "other")


def category_line(term: Term, docname: str) -> nodes.inline | None:
    """A card's category, for its header: a link to the category's group where one exists."""
    if not term.category:
        return None
    line = nodes.inline(classes=["msp-term-card__category", "no-search"])
    xref = addnodes.pending_xref(
        "", refdomain="std", reftype="ref", reftarget=category_label(term.category),
        refexplicit=True, refwarn=False, refdoc=docname,
    )
    xref += nodes.inline(term.category, term.category, classes=["msp-category"])
    line += xref
    return line


def grouping(value: str | None, location: Any) -> str:
    """The ``:group-by:`` option's value; an unknown one is a usage warning, and ``letter``."""
    choice = (value or "letter").strip().lower()
    if choice not in GROUPINGS:
        warn("usage", f"msp-glossary :group-by: unknown value {value!r} (known: {', '.join(GROUPINGS)})",
             location)
        return "letter"
    return choice


def chosen_categories(glossary: Glossary, value: str | None, location: Any) -> set[str] | None:
    """The categories ``:categories:`` names (None: all); each unknown name a usage warning."""
    if value is None:
        return None
    known = list(glossary.categories)
    chosen = set()
    for name in (part.strip() for part in value.split(",")):
        if not name:
            continue
        match = next((known_name for known_name in known if known_name.casefold() == name.casefold()), None)
        if match is None:
            close = difflib.get_close_matches(name, known, n=3, cutoff=0.5)
            warn("usage", f"msp-glossary :categories: unknown category {name!r}{did_you_mean(close)} "
                 f"(known: {', '.join(known)})", location)
        else:
            chosen.add(match)
    return chosen


def category_groups(glossary: Glossary, terms: list[Term]) -> list[tuple[str, list[Term]]]:
    """(category, its terms A-Z): declared categories in their order, then any others."""
    by_category: dict[str, list[Term]] = {}
    for term in terms:
        by_category.setdefault(term.category, []).append(term)
    order = [name for name in glossary.categories if name in by_category]
    order += sorted(name for name in by_category if name not in glossary.categories and name)
    if "" in by_category:
        order.append("")
    return [(name, by_category[name]) for name in order]


def group_heading(glossary: Glossary, name: str) -> list[nodes.Node]:
    """A category group's label and description."""
    label = name or str(_("Other"))
    result: list[nodes.Node] = [nodes.paragraph(label, label, classes=["msp-glossary__category"])]
    category = glossary.categories.get(name)
    if category is not None and category.description:
        result.append(nodes.paragraph(category.description, category.description,
                                      classes=["msp-glossary__category-description"]))
    return result


def filter_buttons(terms: list[Term], glossary: Glossary) -> nodes.raw | None:
    """The category buttons of a glossary page's filter: one per category of its cards, hidden
    until the script shows them (so that without JavaScript every card stays visible)."""
    present = {term.category for term in terms if term.category}
    order = [name for name in glossary.categories if name in present] + sorted(present - set(glossary.categories))
    return buttons_node(order)


def buttons_node(names: list[str]) -> nodes.raw | None:
    """The buttons for ``names`` in that order; none for fewer than two categories."""
    if len(names) < 2:
        return None
    buttons = "".join(
        f'<button type="button" class="msp-glossary__category-button" aria-pressed="false" '
        f'data-msp-category="{escape(name)}">{escape(name)}</button>'
        for name in names
    )
    html = (f'<div class="msp-glossary__categories" role="group" '
            f'aria-label="{escape(str(_("Filter by category")))}" hidden="hidden">{buttons}</div>\n')
    return nodes.raw("", html, format="html", msp_category_buttons=True, categories=names)


def narrow_buttons(page: msp_glossary, glossary: Glossary) -> None:
    """After :used-only: cards are dropped: buttons only for the categories of the cards left."""
    raw = next((n for n in page.children if isinstance(n, nodes.raw) and n.get("msp_category_buttons")), None)
    if raw is None:
        return
    left = {glossary.terms[card["term_id"]].category for card in page.findall(msp_term_card)
            if card.get("term_id") in glossary.terms}
    names = [name for name in raw["categories"] if name in left]
    if names == raw["categories"]:
        return
    narrowed = buttons_node(names)
    if narrowed is None:
        page.remove(raw)
    else:
        raw.replace_self(narrowed)


def drop_buttons_without_script(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Pages that run no script (EPUB) get no buttons: every card is shown there anyway."""
    if runs_script(app.builder):
        return
    for raw in list(doctree.findall(nodes.raw)):
        if raw.get("msp_category_buttons"):
            raw.parent.remove(raw)


def rewrite_moved_groups(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After all reads: the pages whose cards' category links now lead elsewhere, or nowhere."""
    domain: MspDomain = env.get_domain("msp")  # type: ignore[assignment]
    labels = env.get_domain("std").anonlabels  # type: ignore[attr-defined]
    categories = {term.category for term in domain.glossary if term.category}
    old: dict[str, Any] = domain.data.get("category_groups", {})
    new = domain.data["category_groups"] = {name: labels.get(category_label(name)) for name in categories}
    moved = {name for name in old.keys() | new.keys() if old.get(name) != new.get(name)}
    if not moved:
        return []
    terms = domain.glossary.terms
    return sorted({card.docname for card in domain.all_cards()
                   if card.term_id in terms and terms[card.term_id].category in moved} & env.found_docs)


def setup_categories(app: Sphinx) -> None:
    app.connect("env-updated", rewrite_moved_groups)
    app.connect("doctree-resolved", drop_buttons_without_script)
