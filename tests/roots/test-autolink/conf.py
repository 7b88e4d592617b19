extensions = ["myst_parser", "sphinx_msp_glossary"]
msp_glossary_files = ["terms.toml"]
msp_glossary_autolink = "page"
