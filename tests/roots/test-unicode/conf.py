project = "Unicode"
extensions = ["sphinx_msp_glossary"]
msp_glossary_files = ["unicode.toml"]
