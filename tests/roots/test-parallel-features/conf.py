project = "Parallel features"
extensions = ["myst_parser", "sphinx_msp_glossary"]
msp_glossary_files = ["terms.toml"]
msp_glossary_autolink = "page"
msp_glossary_expand_first = True
msp_glossary_term_pages = "used"
