extensions = ["sphinx_msp_glossary"]
