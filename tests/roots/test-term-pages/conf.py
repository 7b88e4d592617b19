project = "Term pages"
extensions = ["sphinx_msp_glossary"]
msp_glossary_files = ["terms.toml"]
msp_glossary_term_pages = True
