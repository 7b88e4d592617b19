"""Sphinx configuration of the sphinx-msp-glossary documentation."""

from sphinx_msp_glossary import __version__

project = "sphinx-msp-glossary"
author = "sphinx-msp-glossary developers"
copyright = "sphinx-msp-glossary developers"
release = version = __version__

extensions = ["sphinx_msp_glossary", "myst_parser"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}

# snippets/ holds examples shown both as source (literalinclude) and rendered (include).
exclude_patterns = ["_build", "snippets"]

# a page per term: see publishing.rst
msp_glossary_term_pages = True

html_theme = "furo"
html_title = f"sphinx-msp-glossary {release}"
