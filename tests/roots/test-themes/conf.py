project = "Themes"
extensions = ["sphinx_msp_glossary"]
