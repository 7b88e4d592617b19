"""The "Referenced in" line of glossary-page cards, filled after all documents are read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.nodes import make_refnode

from .locale import _
from .nodes import msp_backlinks

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .domain import MspDomain


def fill_backlinks(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(msp_backlinks))
    if not placeholders:
        return
    domain: MspDomain = app.env.get_domain("msp")  # type: ignore[assignment]
    backlinks: dict[str, tuple[tuple[str, str], ...]] = domain.data["backlinks"]
    for placeholder in placeholders:
        pages = backlinks.get(placeholder["term_id"], ()) if app.config.msp_glossary_backlinks else ()
        if not pages:
            placeholder.parent.remove(placeholder)
            continue
        line = nodes.paragraph(classes=["msp-term-card__backlinks"])
        line += nodes.strong("", _("Referenced in:"), classes=["msp-term-card__label"])
        line += nodes.Text(" ")
        for index, (page, title) in enumerate(pages):
            if index:
                line += nodes.Text(", ")
            link = make_refnode(app.builder, docname, page, None, nodes.inline(title, title))
            link["classes"].append("msp-backlink")
            line += link
        placeholder.replace_self(line)


def setup_backlinks(app: Sphinx) -> None:
    app.connect("doctree-resolved", fill_backlinks)
