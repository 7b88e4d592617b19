extensions = ["sphinx_msp_glossary"]
msp_glossary_tooltips = "yes"
msp_glossary_files = "terms.toml"
msp_glossary_exclude = ["AUP", "Nonsense"]
msp_glossary_fail_on = ["unknown", "unlinkd"]
msp_glossary_tooltip = False
