extensions = ["sphinx_msp_glossary"]
project = "Builders"
copyright = "2026, the authors"
version = release = "1.0"
man_pages = [("index", "builders", "Builders", ["the authors"], 7)]
texinfo_documents = [("index", "builders", "Builders", "the authors", "builders", "A test.", "Misc")]
