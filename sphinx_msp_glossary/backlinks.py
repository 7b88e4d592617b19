"""The "Referenced in" line of glossary-page cards, filled after all documents are read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from .locale import _
from .html import has_msp_visitors
from .nodes import msp_backlinks, msp_backlinks_line

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .domain import MspDomain


def fill_backlinks(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    domain: MspDomain = app.env.get_domain("msp")  # type: ignore[assignment]
    if not domain.may_show_cards(docname, app.builder):
        return
    placeholders = list(doctree.findall(msp_backlinks))
    if not placeholders:
        return
    backlinks: dict[str, tuple[tuple[str, str], ...]] = domain.data["backlinks"]
    as_html = has_msp_visitors(app)
    uris: dict[str, str] = {}  # one relative URI per page, however many terms it references

    def uri(page: str) -> str:
        if page not in uris:
            uris[page] = app.builder.get_relative_uri(docname, page)
        return uris[page]

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


def setup_backlinks(app: Sphinx) -> None:
    app.connect("doctree-resolved", fill_backlinks)
