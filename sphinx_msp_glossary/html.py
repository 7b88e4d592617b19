"""What HTML builders get: the visitors of the extension's nodes, and static assets.

The visitors are methods of a subclass of the builder's translator class, made
when the builder starts. Handlers given to ``app.add_node`` are bound to every
translator object Sphinx makes (about six a page: the page, its title, its
tables of contents), and a bound method pointing back at its translator makes
each of them a reference cycle that only the garbage collector frees: on a
large project, several per cent of the build (docs/performance.rst).

The stylesheet goes on every page. The script (glossary filter and term
tooltips) goes on every page when ``msp_glossary_tooltips`` is on; when it is
off, only on pages with an ``msp-glossary``, marked ``data-msp-tooltips="false"``
so that it leaves the references' native titles alone. Builders of embedded
formats (EPUB, HTML Help) get no script: their pages work without it.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes

from .locale import _
from .nodes import (
    REFERENCE_CLASSES,
    msp_backlinks_line,
    msp_glossary,
    msp_term_card,
    msp_term_reference,
    msp_unresolved_reference,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STATIC_DIR = Path(__file__).parent / "static"
CSS_FILE = "msp-glossary.css"
JS_FILE = "msp-glossary.js"


def visit_card_html(self: MspHTMLTranslator, node: msp_term_card) -> None:
    attributes = {"data-msp-term": node["term_id"]} if node.get("term_id") else {}
    parent = node.parent
    while parent is not None and not isinstance(parent, msp_glossary):
        parent = parent.parent
    if parent is not None and node.get("term_id"):
        # A glossary-page card: what its filter matches (name, expansion, aliases, definition).
        term = self.builder.env.get_domain("msp").glossary.terms.get(node["term_id"])
        if term is not None:
            fields = (term.name, term.expansion, *term.aliases, term.definition)
            attributes["data-msp-search"] = " ".join(f for f in fields if f).lower()
            if term.category:  # what the category buttons match
                attributes["data-msp-category"] = term.category
    self.body.append(self.starttag(node, "div", **attributes))


def depart_div_html(self: MspHTMLTranslator, node: nodes.Element) -> None:
    self.body.append("</div>\n")


def visit_unresolved_reference_html(self: MspHTMLTranslator, node: msp_unresolved_reference) -> None:
    attributes = {}
    if node.get("title"):
        attributes["title"] = node["title"]
    if node.get("term_id"):
        attributes["data-msp-term"] = node["term_id"]
    self.body.append(self.starttag(node, "span", "", **attributes))


def depart_unresolved_reference_html(self: MspHTMLTranslator, node: msp_unresolved_reference) -> None:
    self.body.append("</span>")


def visit_glossary_html(self: MspHTMLTranslator, node: msp_glossary) -> None:
    """The container, then a letter bar, a filter box (shown by the JS) and its empty state."""
    self.body.append(self.starttag(node, "div"))
    anchors: dict[str, str] = {}  # letter -> id of its group
    for group in node.children:
        if isinstance(group, nodes.Element) and group.get("letter") and group["ids"]:
            anchors.setdefault(group["letter"], group["ids"][0])
    letters = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    letters += sorted(set(anchors) - set(letters) - {"#"})  # letters beyond A-Z, such as É
    if "#" in anchors:  # where its group is: first (names such as "2FA") or last
        letters.insert(0 if next(iter(anchors)) == "#" else len(letters), "#")
    links = []
    for letter in letters:
        label = f' aria-label="{escape(str(_("Other")))}"' if letter == "#" else ""
        if letter in anchors:
            links.append(f'<a class="msp-glossary__letter-link" href="#{escape(anchors[letter])}"'
                         f"{label}>{escape(letter)}</a>")
        else:
            links.append('<span class="msp-glossary__letter-link is-disabled" role="link" '
                         f'aria-disabled="true"{label}>{escape(letter)}</span>')
    if node.get("group_by") == "category":  # the letter bar is for letter groups only
        links = []
    self.body.append(
        (f'<nav class="msp-glossary__letters" aria-label="{escape(str(_("Glossary letters")))}">'
         + "".join(links) + "</nav>\n" if links else "")
        + f'<input type="search" class="msp-glossary__search" placeholder="{escape(str(_("Filter terms…")))}"'
        f' aria-label="{escape(str(_("Filter glossary terms")))}" autocomplete="off">\n'
        '<div class="msp-glossary__empty" role="status" hidden><p class="msp-glossary__empty-text">'
        + escape(str(_("No terms match your search. Try a different keyword or clear the filter.")))
        + '</p><button type="button" class="msp-glossary__clear">'
        + escape(str(_("Clear filter"))) + "</button></div>\n"
    )


def _attval(self: MspHTMLTranslator, value: str) -> str:
    """``value`` escaped for an attribute, once per build: a build has a few distinct titles
    and links, written tens of thousands of times."""
    escaped = self.msp_escaped.get(value)
    if escaped is None:
        escaped = self.msp_escaped[value] = self.attval(value)
    return escaped


#: The class attribute of a resolved reference's start tag.
_REFERENCE_CLASS_ATTRIBUTE = " ".join([*REFERENCE_CLASSES, "reference", "internal"])


def visit_term_reference_html(self: MspHTMLTranslator, node: msp_term_reference) -> None:
    """The start tag Sphinx's ``visit_reference`` writes for an internal reference with a
    title, written directly: a project has tens of thousands of references and a few dozen
    distinct titles and links, and escaping them and building the tag is most of the cost.
    Anything else (other classes, ids, a section number, a target) goes through
    ``visit_reference``. No container is allocated here, so no garbage collection is due to it."""
    attributes = node.attributes
    if "refuri" in attributes:
        href = attributes["refuri"] or "#"
    elif "refid" in attributes:
        href = "#" + attributes["refid"]
    else:
        href = None
    if (
        href is None
        or attributes["classes"] != REFERENCE_CLASSES
        or attributes["ids"]
        or not attributes.get("internal")
        or "reftitle" not in attributes
        or "secnumber" in attributes
        or "target" in attributes
        or "rel" in attributes
        or not isinstance(node.parent, nodes.TextElement)
    ):
        self.visit_reference(node)
        return
    self.body.append(
        f'<a class="{_REFERENCE_CLASS_ATTRIBUTE}" href="{_attval(self, href)}" '
        f'title="{_attval(self, attributes["reftitle"])}">'
    )


def depart_term_reference_html(self: MspHTMLTranslator, node: msp_term_reference) -> None:
    self.depart_reference(node)


def visit_line_html(self: MspHTMLTranslator, node: msp_backlinks_line) -> None:
    self.visit_paragraph(node)


def _backlink(self: MspHTMLTranslator, uri: str, title: str) -> str:
    """A page's link, as the translator writes an internal reference node around an inline:
    escaped once per build, however many cards list the page."""
    html = self.msp_backlinks.get((uri, title))
    if html is None:
        html = self.msp_backlinks[uri, title] = (
            f'<a class="msp-backlink reference internal" href="{self.attval(uri or "#")}">'
            f"<span>{self.encode(title)}</span></a>"
        )
    return html


def depart_line_html(self: MspHTMLTranslator, node: msp_backlinks_line) -> None:
    self.body.append(", ".join([_backlink(self, uri, title) for uri, title in node["links"]]))
    self.depart_paragraph(node)


class MspHTMLTranslator:
    """Mixed into the builder's translator class: the HTML of the extension's nodes.

    ``msp_escaped`` and ``msp_backlinks`` are per-build caches: class attributes of the
    subclass made for one build's builder, so that builds in one process share nothing."""

    msp_escaped: dict[str, str]  # attribute value -> escaped
    msp_backlinks: dict[tuple[str, str], str]  # (uri, title) -> a backlink's HTML

    visit_msp_term_card = visit_card_html
    depart_msp_term_card = depart_div_html
    visit_msp_glossary = visit_glossary_html
    depart_msp_glossary = depart_div_html
    visit_msp_unresolved_reference = visit_unresolved_reference_html
    depart_msp_unresolved_reference = depart_unresolved_reference_html
    visit_msp_term_reference = visit_term_reference_html
    depart_msp_term_reference = depart_term_reference_html
    visit_msp_backlinks_line = visit_line_html
    depart_msp_backlinks_line = depart_line_html


def install_translator(app: Sphinx) -> None:
    """Derive from the translator class in use (another extension's too) for HTML builders."""
    if app.builder.format != "html":
        return
    base = app.registry.get_translator_class(app.builder)
    if not issubclass(base, MspHTMLTranslator):
        caches = {"msp_escaped": {}, "msp_backlinks": {}, "__module__": __name__}
        translator = type(f"Msp{base.__name__}", (MspHTMLTranslator, base), caches)
        app.set_translator(app.builder.name, translator, override=True)


def has_msp_visitors(app: Sphinx) -> bool:
    """Whether the builder's translator renders the extension's nodes (an extension that set
    a translator class of its own later than ``builder-inited`` would have replaced ours)."""
    if app.builder.format != "html":
        return False
    return issubclass(app.registry.get_translator_class(app.builder), MspHTMLTranslator)


def wants_script(app: Sphinx) -> bool:
    return app.builder.format == "html" and not getattr(app.builder, "embedded", False)


def add_assets(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    app.config.html_static_path.append(str(STATIC_DIR))
    app.add_css_file(CSS_FILE)
    if wants_script(app) and app.config.msp_glossary_tooltips:
        app.add_js_file(JS_FILE, loading_method="defer")


def add_page_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """With tooltips off, the script still serves the filter of a glossary page."""
    if app.config.msp_glossary_tooltips or doctree is None or not wants_script(app):
        return
    if doctree.next_node(msp_glossary) is not None:
        # Page-specific: the builder drops it again before the next page.
        attributes = {"defer": "defer", "data-msp-tooltips": "false"}
        app.builder.add_js_file(JS_FILE, **attributes)  # type: ignore[attr-defined]


def setup_html(app: Sphinx) -> None:
    app.connect("builder-inited", install_translator, priority=900)  # after others set theirs
    app.connect("builder-inited", add_assets)
    app.connect("html-page-context", add_page_script)
