extensions = ["sphinx_msp_glossary"]
msp_glossary_files = ["glossary/terms.toml", "glossary/bad.toml", "glossary/missing.toml"]
