extensions = ["sphinx_msp_glossary"]
project = "Categories"
msp_glossary_files = ["terms.toml"]
