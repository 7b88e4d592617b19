"""sphinx-msp-glossary: a glossary of managed IT services for Sphinx documentation."""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

#: Bump when the shape of the domain's records changes: old environments are re-read.
ENV_VERSION = 2


def setup(app: Sphinx) -> ExtensionMetadata:
    from .backlinks import setup_backlinks
    from .builder import setup_builder
    from .checks import setup_checks
    from .config import setup_config
    from .directives import setup_directives
    from .domain import setup_domain
    from .html import setup_html
    from .locale import LOCALE_DIR, MESSAGE_CATALOG_NAME
    from .nodes import setup_nodes
    from .roles import setup_roles
    from .unlinked import setup_unlinked

    app.add_message_catalog(MESSAGE_CATALOG_NAME, str(LOCALE_DIR))
    setup_config(app)
    setup_nodes(app)
    setup_domain(app)
    setup_roles(app)
    setup_directives(app)
    setup_checks(app)
    setup_backlinks(app)
    setup_html(app)
    setup_builder(app)
    setup_unlinked(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
