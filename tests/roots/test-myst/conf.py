extensions = ["myst_parser", "sphinx_msp_glossary"]
