"""The stylesheet and the script of HTML builders, from ``static/``.

The stylesheet goes on every page. The script (glossary filter and term tooltips) goes on
every page when ``msp_glossary_tooltips`` is on; when it is off, only on pages with an
``msp-glossary``, marked ``data-msp-tooltips="false"`` so that it leaves the references'
native titles alone. Builders of embedded formats (EPUB, HTML Help) get no script: their
pages work without it, every reference with its title.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .nodes import msp_glossary
from .tips import runs_script

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

STATIC_DIR = Path(__file__).parent / "static"
CSS_FILE = "msp-glossary.css"
JS_FILE = "msp-glossary.js"


def add_assets(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    app.config.html_static_path.append(str(STATIC_DIR))
    app.add_css_file(CSS_FILE)
    if runs_script(app.builder) and app.config.msp_glossary_tooltips:
        app.add_js_file(JS_FILE, loading_method="defer")


def add_page_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """With tooltips off, the script still serves the filter of a glossary page."""
    if app.config.msp_glossary_tooltips or doctree is None or not runs_script(app.builder):
        return
    if doctree.next_node(msp_glossary) is not None:
        # Page-specific: the builder drops it again before the next page.
        attributes = {"defer": "defer", "data-msp-tooltips": "false"}
        app.builder.add_js_file(JS_FILE, **attributes)  # type: ignore[attr-defined]


def setup_assets(app: Sphinx) -> None:
    app.connect("builder-inited", add_assets)
    app.connect("html-page-context", add_page_script)
