"""What HTML builders get: the visitors of the extension's nodes, and static assets.

The visitors are methods of a subclass of the builder's translator class, made
when the builder starts. Handlers given to ``app.add_node`` are bound to every
translator object Sphinx makes (about six a page: the page, its title, its
tables of contents), and a bound method pointing back at its translator makes
each of them a reference cycle that only the garbage collector frees: on a
large project, several per cent of the build (docs/performance.rst).

The stylesheet goes on every page. The script (glossary filter and term
tooltips) goes on every page when ``msp_glossary_tooltips`` is on; when it is
off, only on pages with an ``msp-glossary``, marked ``data-msp-tooltips="false"``
so that it leaves the references' native titles alone. Builders of embedded
formats (EPUB, HTML Help) get no script: their pages work without it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .nodes import (
    depart_div_html,
    depart_line_html,
    depart_term_reference_html,
    depart_term_text_html,
    msp_glossary,
    visit_card_html,
    visit_glossary_html,
    visit_line_html,
    visit_term_reference_html,
    visit_term_text_html,
)

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

STATIC_DIR = Path(__file__).parent / "static"
CSS_FILE = "msp-glossary.css"
JS_FILE = "msp-glossary.js"


class MspHTMLTranslator:
    """Mixed into the builder's translator class: the HTML of the extension's nodes."""

    visit_msp_term_card = visit_card_html
    depart_msp_term_card = depart_div_html
    visit_msp_glossary = visit_glossary_html
    depart_msp_glossary = depart_div_html
    visit_msp_term_text = visit_term_text_html
    depart_msp_term_text = depart_term_text_html
    visit_msp_term_reference = visit_term_reference_html
    depart_msp_term_reference = depart_term_reference_html
    visit_msp_backlinks_line = visit_line_html
    depart_msp_backlinks_line = depart_line_html


def install_translator(app: Sphinx) -> None:
    """Derive from the translator class in use (another extension's too) for HTML builders."""
    if app.builder.format != "html":
        return
    base = app.registry.get_translator_class(app.builder)
    if not issubclass(base, MspHTMLTranslator):
        translator = type(f"Msp{base.__name__}", (MspHTMLTranslator, base), {"__module__": __name__})
        app.set_translator(app.builder.name, translator, override=True)


def has_msp_visitors(app: Sphinx) -> bool:
    """Whether the builder's translator renders the extension's nodes (an extension that set
    a translator class of its own later than ``builder-inited`` would have replaced ours)."""
    if app.builder.format != "html":
        return False
    return issubclass(app.registry.get_translator_class(app.builder), MspHTMLTranslator)


def wants_script(app: Sphinx) -> bool:
    return app.builder.format == "html" and not getattr(app.builder, "embedded", False)


def add_assets(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    app.config.html_static_path.append(str(STATIC_DIR))
    app.add_css_file(CSS_FILE)
    if wants_script(app) and app.config.msp_glossary_tooltips:
        app.add_js_file(JS_FILE, loading_method="defer")


def add_page_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """With tooltips off, the script still serves the filter of a glossary page."""
    if app.config.msp_glossary_tooltips or doctree is None or not wants_script(app):
        return
    if doctree.next_node(msp_glossary) is not None:
        # Page-specific: the builder drops it again before the next page.
        attributes = {"defer": "defer", "data-msp-tooltips": "false"}
        app.builder.add_js_file(JS_FILE, **attributes)  # type: ignore[attr-defined]


def setup_html(app: Sphinx) -> None:
    app.connect("builder-inited", install_translator, priority=900)  # after others set theirs
    app.connect("builder-inited", add_assets)
    app.connect("html-page-context", add_page_script)
