extensions = ["sphinx_msp_glossary"]
msp_glossary_exclude = ["Brake-fix"]
msp_glossary_fail_on = ["unknown", "no_card"]
msp_glossary_tooltip = False
msp_glossary_check_unlinked = True
