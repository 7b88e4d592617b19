extensions = ["myst_parser", "sphinx_msp_glossary"]
project = "Locations"
exclude_patterns = ["part.rst"]
