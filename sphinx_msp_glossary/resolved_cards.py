"""What a card gets when its page is written: its body, before the references in it are
resolved (a post-transform); and once links are known (``doctree-resolved``), its "Referenced
in" line filled, or, for a ``:used-only:`` card of a term the project does not use, removal.

A card's body is made when its page is resolved, not when it is read: the transforms that
run on every page read (smart quotes, references, ids, the collectors) then walk a glossary
page of empty cards, and the doctree kept from reading to writing is a fraction of its size
(docs/performance.rst)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .after_reads import assembles, may_show_cards
from .card_body import build_card_body
from .categories import narrow_buttons
from .domain import BUILDER, MspDomain
from .html import has_msp_visitors
from .locale import _
from .nodes import BODY_PENDING, msp_backlinks, msp_backlinks_line, msp_glossary, msp_term_card

if TYPE_CHECKING:
    from sphinx.application import Sphinx


#: In the domain's per-build data: whether the builder resolves documents as one tree.
ASSEMBLES = "assembles"


class CardBodies(SphinxPostTransform):
    """Each card's body, for every builder, on the pages that can hold cards."""

    default_priority = 5  # before the references in it are resolved (ReferencesResolver: 10)

    def run(self, **kwargs: object) -> None:
        domain: MspDomain = self.env.get_domain("msp")  # type: ignore[assignment]
        docname = self.env.docname
        if not (docname in domain.data["cards"] or docname in domain.data["glossaries"]
                or domain.derived.get(ASSEMBLES)):
            return
        glossary = domain.glossary
        # EPUB takes colons out of the fragments of references (and of targets' ids): out of
        # cards' ids too, or links to a term with a colon in its id would lead nowhere
        fix_fragment = getattr(domain.derived.get(BUILDER), "fix_fragment", None)
        for card in self.document.findall(msp_term_card):
            if fix_fragment is not None:
                card["ids"] = list(dict.fromkeys(fix_fragment("", node_id) for node_id in card["ids"]))
            read_in = card.attributes.pop(BODY_PENDING, None)
            term = glossary.terms.get(card.get("term_id", "")) if read_in is not None else None
            if term is not None:
                body = nodes.Element()
                build_card_body(body, term, glossary, [], read_in)
                card[0:0] = body.children


def note_builder(app: Sphinx) -> None:
    domain: MspDomain = app.env.get_domain("msp")  # type: ignore[assignment]
    domain.derived[ASSEMBLES] = assembles(app.builder)


def prune_unused_cards(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Drop the :used-only: cards of terms the project does not use (known after all reads),
    the groups they leave empty, and the category buttons of categories left without cards."""
    domain: MspDomain = app.env.get_domain("msp")  # type: ignore[assignment]
    if not may_show_cards(domain, docname, app.builder):
        return
    removed = False
    for card in list(doctree.findall(msp_term_card)):
        if card.get("used_only") and not domain.in_use(card["term_id"], card.get("used_depth", -1)):
            card.parent.remove(card)
            removed = True
    if not removed:
        return
    for page in doctree.findall(msp_glossary):
        for group in list(page.children):
            if isinstance(group, nodes.container) and not any(
                isinstance(child, msp_term_card) for child in group.children
            ):
                page.remove(group)
        narrow_buttons(page, domain.glossary)


def fill_backlinks(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    domain: MspDomain = app.env.get_domain("msp")  # type: ignore[assignment]
    if not may_show_cards(domain, docname, app.builder):
        return
    placeholders = list(doctree.findall(msp_backlinks))
    if not placeholders:
        return
    backlinks: dict[str, tuple[tuple[str, str], ...]] = domain.backlinks
    as_html = has_msp_visitors(app)

    def uri(page: str) -> str:
        return domain.relative_uri(app.builder, docname, page)

    for placeholder in placeholders:
        pages = backlinks.get(placeholder["term_id"], ()) if app.config.msp_glossary_backlinks else ()
        if not pages:
            placeholder.parent.remove(placeholder)
            continue
        line = (msp_backlinks_line if as_html else nodes.paragraph)(classes=["msp-term-card__backlinks", "no-search"])
        line += nodes.strong("", _("Referenced in:"), classes=["msp-term-card__label"])
        line += nodes.Text(" ")
        if as_html:
            line["links"] = [(uri(page), title) for page, title in pages]
        else:
            for index, (page, title) in enumerate(pages):
                if index:
                    line += nodes.Text(", ")
                line += nodes.reference(
                    "", "", nodes.inline(title, title), internal=True, refuri=uri(page), classes=["msp-backlink"]
                )
        placeholder.replace_self(line)


def setup_resolved_cards(app: Sphinx) -> None:
    app.connect("builder-inited", note_builder, priority=600)  # after the domain loads its glossary
    app.add_post_transform(CardBodies)
    app.connect("doctree-resolved", prune_unused_cards)
    app.connect("doctree-resolved", fill_backlinks)
