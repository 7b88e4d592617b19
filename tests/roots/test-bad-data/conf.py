extensions = ["sphinx_msp_glossary"]
msp_glossary_files = ["broken.toml", "mixed.toml", "missing.toml"]
msp_glossary_tooltips = "yes"
