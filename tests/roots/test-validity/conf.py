extensions = ["sphinx_msp_glossary"]
project = "Validity"
copyright = "2026, the authors"
author = "the authors"
version = release = "1.0"
language = "en"
