from sphinx.writers.html5 import HTML5Translator

extensions = ["sphinx_msp_glossary"]

# a translator of the project's own, set as extensions and projects set theirs
replace_translator_late = False


class MarkedTranslator(HTML5Translator):
    def visit_paragraph(self, node):
        super().visit_paragraph(node)
        self.body.append('<span class="own-translator"></span>')


def replace_late(app):
    # a translator set after sphinx_msp_glossary made its own: no visitors of ours
    if app.config.replace_translator_late:
        app.set_translator(app.builder.name, MarkedTranslator, override=True)


def setup(app):
    app.add_config_value("replace_translator_late", False, "env")
    app.set_translator("html", MarkedTranslator)
    app.connect("builder-inited", replace_late, priority=990)
