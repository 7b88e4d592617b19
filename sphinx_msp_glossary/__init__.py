"""sphinx-msp-glossary: a glossary of managed IT services for Sphinx documentation.

Each feature module has its own ``setup_<feature>(app)``; docs/architecture.rst says what each
module owns and which it may import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"

#: Bump when the shape of the domain's records changes: old environments are re-read.
ENV_VERSION = 12


def setup(app: Sphinx) -> ExtensionMetadata:
    # Imported here, not at the top: the command line imports this package too (for its
    # version and its data modules), and must not pay for importing Sphinx's builders.
    from .after_reads import setup_after_reads
    from .assets import setup_assets
    from .autolink import setup_autolink
    from .builder import setup_builder
    from .categories import setup_categories
    from .config import setup_config
    from .directives import setup_directives
    from .domain import setup_domain
    from .expand import setup_expand
    from .external import setup_external
    from .html import setup_html
    from .incremental import setup_incremental
    from .locale import LOCALE_DIR, MESSAGE_CATALOG_NAME
    from .nodes import setup_nodes
    from .resolved_cards import setup_resolved_cards
    from .roles import setup_roles
    from .single_page import setup_single_page
    from .structured_data import setup_structured_data
    from .term_pages import setup_term_pages
    from .tips import setup_tips
    from .unlinked import setup_unlinked
    from .writers import setup_writers

    app.add_message_catalog(MESSAGE_CATALOG_NAME, str(LOCALE_DIR))
    setup_config(app)
    setup_nodes(app)
    setup_writers(app)
    setup_domain(app)
    setup_roles(app)
    setup_directives(app)
    setup_incremental(app)
    setup_after_reads(app)
    setup_external(app)
    setup_resolved_cards(app)
    setup_single_page(app)
    setup_html(app)
    setup_assets(app)
    setup_tips(app)
    setup_builder(app)
    setup_expand(app)  # before auto links are made: they are not spelled out
    setup_autolink(app)  # before the unlinked check: a linked mention is not unlinked
    setup_unlinked(app)
    setup_categories(app)
    setup_structured_data(app)
    setup_term_pages(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
