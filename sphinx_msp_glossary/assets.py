"""The stylesheet and the script of HTML builders, from ``static/``.

The stylesheet goes on every page; the tooltip script on every page when
``msp_glossary_tooltips`` is on (off, the references keep their native titles); the filter
script (text and category buttons) on the pages with an ``msp-glossary`` only. Builders of
embedded formats (EPUB, HTML Help) get no script: their pages work without it, every
reference with its title, every card shown.
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
FILTER_JS_FILE = "msp-glossary-filter.js"


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
    """The filter script, on the pages with a glossary only."""
    if doctree is None or not runs_script(app.builder):
        return
    if doctree.next_node(msp_glossary) is not None:
        # Page-specific: the builder drops it again before the next page.
        app.builder.add_js_file(FILTER_JS_FILE, defer="defer")  # type: ignore[attr-defined]


def setup_assets(app: Sphinx) -> None:
    app.connect("builder-inited", add_assets)
    app.connect("html-page-context", add_page_script)
