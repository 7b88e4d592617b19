extensions = ["sphinx_msp_glossary"]
project = "Other domains"
default_role = "any"
