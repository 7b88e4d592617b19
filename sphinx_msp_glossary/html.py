"""Static assets, added for HTML builders only."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STATIC_DIR = Path(__file__).parent / "static"
CSS_FILE = "msp-glossary.css"


def add_assets(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    app.config.html_static_path.append(str(STATIC_DIR))
    app.add_css_file(CSS_FILE)


def setup_html(app: Sphinx) -> None:
    app.connect("builder-inited", add_assets)
