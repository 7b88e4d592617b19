"""The "Referenced in" line of glossary-page cards, filled after all documents are read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from .locale import _
from .nodes import msp_backlinks

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

    from .domain import MspDomain


class msp_backlinks_line(nodes.paragraph):
    """A filled "Referenced in" line, for HTML builders: the label is a child node, the links
    are ``(uri, title)`` pairs in ``links``, written straight to HTML. A glossary page of a
    large project carries tens of thousands of them; as reference nodes they cost more
    (allocation and garbage collection) than all of Sphinx's own work on that page."""


def fill_backlinks(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    domain: MspDomain = app.env.get_domain("msp")  # type: ignore[assignment]
    if not domain.may_show_cards(docname, app.builder):
        return
    placeholders = list(doctree.findall(msp_backlinks))
    if not placeholders:
        return
    backlinks: dict[str, tuple[tuple[str, str], ...]] = domain.data["backlinks"]
    as_html = app.builder.format == "html"
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
        line = (msp_backlinks_line if as_html else nodes.paragraph)(classes=["msp-term-card__backlinks"])
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


def visit_line_html(self: HTML5Translator, node: msp_backlinks_line) -> None:
    self.visit_paragraph(node)


def depart_line_html(self: HTML5Translator, node: msp_backlinks_line) -> None:
    """The links, as the translator writes an internal reference node around an inline."""
    self.body.append(", ".join(
        f'<a class="msp-backlink reference internal" href="{self.attval(uri or "#")}">'
        f"<span>{self.encode(title)}</span></a>"
        for uri, title in node["links"]
    ))
    self.depart_paragraph(node)


def setup_backlinks(app: Sphinx) -> None:
    app.add_node(msp_backlinks_line, html=(visit_line_html, depart_line_html))
    app.connect("doctree-resolved", fill_backlinks)
