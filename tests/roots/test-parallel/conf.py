extensions = ["sphinx_msp_glossary"]
project = "Parallel"
