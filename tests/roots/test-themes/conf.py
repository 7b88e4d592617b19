project = "Themes"
extensions = ["sphinx_msp_glossary"]
msp_glossary_term_pages = True
