"""Message catalogs for the labels the extension writes into pages."""

from pathlib import Path

from sphinx.locale import get_translation

MESSAGE_CATALOG_NAME = "sphinx_msp_glossary"
LOCALE_DIR = Path(__file__).parent

_ = get_translation(MESSAGE_CATALOG_NAME)
