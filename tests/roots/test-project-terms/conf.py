extensions = ["sphinx_msp_glossary"]
msp_glossary_files = ["glossary/base.toml", "glossary/team.toml"]
msp_glossary_exclude = ["Break-fix"]
