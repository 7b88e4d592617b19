from sphinx.writers.html5 import HTML5Translator

extensions = ["sphinx_msp_glossary"]

# a translator of the project's own, set as extensions and projects set theirs
replace_translator_late = False
add_a_class = False
sealed_translator = False


class MarkedTranslator(HTML5Translator):
    def visit_paragraph(self, node):
        super().visit_paragraph(node)
        self.body.append('<span class="own-translator"></span>')


class SealedTranslator(HTML5Translator):
    def __init_subclass__(cls, **kwargs):
        raise TypeError("SealedTranslator takes no subclasses")


def replace_late(app):
    # a translator set after sphinx_msp_glossary made its own: no visitors of ours
    if app.config.replace_translator_late:
        app.set_translator(app.builder.name, MarkedTranslator, override=True)
    if app.config.sealed_translator:
        app.set_translator(app.builder.name, SealedTranslator, override=True)


def add_class(app, doctree, docname):
    # another extension's touch on resolved references: an extra class
    if app.config.add_a_class:
        for node in doctree.findall(lambda n: "msp-term-ref" in getattr(n, "get", lambda *a: [])("classes", [])):
            node["classes"].append("extra")


def setup(app):
    app.add_config_value("replace_translator_late", False, "env")
    app.add_config_value("add_a_class", False, "env")
    app.add_config_value("sealed_translator", False, "env")
    app.connect("doctree-resolved", add_class)
    app.set_translator("html", MarkedTranslator)
    app.connect("builder-inited", replace_late, priority=990)
