extensions = ["sphinx_msp_glossary"]
project = "Ids"
msp_glossary_files = ["first.toml", "second.toml"]
