"""Structured data: a schema.org ``DefinedTermSet`` as JSON-LD in the ``<head>`` of every HTML
page with cards (a glossary page, ``msp-term`` cards), one ``DefinedTerm`` per card.
``msp_glossary_structured_data = False`` leaves it out.

The JSON is written with ``<``, ``>``, ``&``, U+2028 and U+2029 as ``\\uXXXX`` escapes
(exports.script_json), so that no glossary data can end the script element or open a comment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from .exports import defined_term_set, script_json
from .nodes import msp_term_card

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .terms import Term


def page_url(app: Sphinx, pagename: str) -> str | None:
    """The page's absolute URL when ``html_baseurl`` is set; else None (URLs stay relative)."""
    base = app.config.html_baseurl
    if not base:
        return None
    return base.rstrip("/") + "/" + app.builder.get_target_uri(pagename)


def page_terms(app: Sphinx, pagename: str, doctree: nodes.document) -> list[tuple[Term, str | None]]:
    """(term, the card's URL) of each card on the page, in page order, one per term: absolute
    with ``html_baseurl``, else the card's fragment (a card with no anchor: the page's URL, or none)."""
    glossary = app.env.get_domain("msp").glossary  # type: ignore[attr-defined]
    base = page_url(app, pagename) or ""
    found: dict[str, tuple[Term, str | None]] = {}
    for card in doctree.findall(msp_term_card):
        term = glossary.terms.get(card.get("term_id", ""))
        if term is None or term.id in found:
            continue
        fragment = "#" + card["ids"][0] if card["ids"] else ""
        found[term.id] = (term, (base + fragment) or None)
    return list(found.values())


def add_structured_data(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                        doctree: nodes.document | None) -> None:
    if doctree is None or app.builder.format != "html" or not app.config.msp_glossary_structured_data:
        return
    terms = page_terms(app, pagename, doctree)
    if not terms:
        return
    name = f"{app.config.project} glossary"
    data = defined_term_set(name, page_url(app, pagename), terms)
    script = f'<script type="application/ld+json">{script_json(data)}</script>\n'
    context["metatags"] = context.get("metatags", "") + script


def setup_structured_data(app: Sphinx) -> None:
    app.connect("html-page-context", add_structured_data)
