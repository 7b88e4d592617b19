extensions = ["sphinx_msp_glossary"]
exclude_patterns = ["part.rst"]
