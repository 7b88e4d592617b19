extensions = ["sphinx_msp_glossary"]
msp_glossary_files = ["contoso.toml", "broken.toml"]
msp_glossary_exclude = ["Break-fix"]
