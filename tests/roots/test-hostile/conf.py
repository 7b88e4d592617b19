project = "Hostile"
extensions = ["myst_parser", "sphinx_msp_glossary"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
msp_glossary_files = ["hostile.toml"]
