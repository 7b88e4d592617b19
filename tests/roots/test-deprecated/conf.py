extensions = ["sphinx_msp_glossary"]
msp_glossary_files = ["terms.toml"]
