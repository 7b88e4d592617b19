extensions = ["sphinx_msp_glossary"]
msp_glossary_check_unlinked = "first"
msp_glossary_fail_on = ["unknown", "related", "duplicate", "unlinked"]
