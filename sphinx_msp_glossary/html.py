"""What HTML builders get: the visitors of the extension's nodes.

The visitors are methods of a subclass of the builder's translator class, made
when the builder starts. Handlers given to ``app.add_node`` are bound to every
translator object Sphinx makes (about six a page: the page, its title, its
tables of contents), and a bound method pointing back at its translator makes
each of them a reference cycle that only the garbage collector frees: on a
large project, several per cent of the build (docs/performance.rst).

With tooltips on, references leave their tooltips to the build's tooltip file (tips.py),
all but a page's first. The stylesheet and the script: assets.py.
"""

from __future__ import annotations

from html import escape
from types import FunctionType
from typing import TYPE_CHECKING, Any

from docutils import nodes

from .config import setting_location
from .diagnostics import warn
from .locale import _
from .nodes import (
    AUTO_REFERENCE_CLASSES,
    INLINE_AT_WRITE,
    REFERENCE_CLASSES,
    TEXT_CLASSES,
    msp_backlinks_line,
    msp_glossary,
    msp_linked_text,
    msp_term_card,
    msp_term_reference,
    msp_unresolved_reference,
)
from .tips import TipTable, runs_script, tip_table, writes_tips

if TYPE_CHECKING:
    from sphinx.application import Sphinx

def visit_card_html(self: MspHTMLTranslator, node: msp_term_card) -> None:
    attributes = {"data-msp-term": node["term_id"]} if node.get("term_id") else {}
    parent = node.parent
    while parent is not None and not isinstance(parent, msp_glossary):
        parent = parent.parent
    if parent is not None and node.get("term_id"):
        # A glossary-page card: what its filter matches besides the card's own text.
        term = self.builder.env.get_domain("msp").glossary.terms.get(node["term_id"])
        if term is not None:
            attributes["data-msp-search"] = " ".join(term.aliases).lower()
            if term.category:  # what the category buttons match
                attributes["data-msp-category"] = term.category
    self.body.append(self.starttag(node, "div", **attributes))


def depart_div_html(self: MspHTMLTranslator, node: nodes.Element) -> None:
    self.body.append("</div>\n")


def file_tips(self: MspHTMLTranslator) -> TipTable | None:
    """The build's tooltip file, when references leave their tooltips to it; once per page."""
    if "msp_tips" not in self.__dict__:
        self.msp_tips = tip_table(self.builder.env.get_domain("msp")) if self.msp_uses_tips_file else None
    return self.msp_tips


def needs_title(self: MspHTMLTranslator, tip: str | None, title: str) -> bool:
    """Whether a reference writes its tooltip as its title. With the tooltip file, the script
    finds the tooltip ``tip`` there, and only the page's first such reference keeps it as its
    title, for readers without the script; a reference whose tooltip the file does not hold
    (an alias with a gloss of its own, a term of another project) writes its own."""
    if tip is None or tip != title:
        return True
    if "msp_titled" in self.__dict__:  # per page: a translator writes one document
        return False
    self.msp_titled = True
    return True


def visit_unresolved_reference_html(self: MspHTMLTranslator, node: msp_unresolved_reference) -> None:
    attributes = {}
    tips = file_tips(self)
    tip = tips.by_term(node["term_id"]) if tips is not None and node.get("term_id") else None
    if node.get("title") and needs_title(self, tip, node["title"]):
        attributes["title"] = node["title"]
    if node.get("term_id"):
        attributes["data-msp-term"] = node["term_id"]
    self.body.append(self.starttag(node, "span", "", **attributes))


def depart_unresolved_reference_html(self: MspHTMLTranslator, node: msp_unresolved_reference) -> None:
    self.body.append("</span>")


def visit_glossary_html(self: MspHTMLTranslator, node: msp_glossary) -> None:
    """The container, then a letter bar, and for builders with the script a filter box (shown
    by the script) and its empty state."""
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
        f'<nav class="msp-glossary__letters" aria-label="{escape(str(_("Glossary letters")))}">'
        + "".join(links) + "</nav>\n" if links else ""
    )
    if not runs_script(self.builder):
        return  # the filter box and its empty state work only with the script (not in EPUB)
    # Attributes written out in full (hidden="hidden"), so that the markup is also valid XML.
    self.body.append(
        f'<input type="search" class="msp-glossary__search" placeholder="{escape(str(_("Filter terms…")))}"'
        f' aria-label="{escape(str(_("Filter glossary terms")))}" autocomplete="off" />\n'
        '<div class="msp-glossary__empty" role="status" hidden="hidden"><p class="msp-glossary__empty-text">'
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


#: The class attribute of a resolved reference's start tag, by its classes (explicit or automatic).
_REFERENCE_CLASS_ATTRIBUTES = {
    tuple(classes): " ".join([*classes, "reference", "internal"])
    for classes in (REFERENCE_CLASSES, AUTO_REFERENCE_CLASSES)
}


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
    class_attribute = _REFERENCE_CLASS_ATTRIBUTES.get(tuple(attributes["classes"]))
    if (
        href is None
        or class_attribute is None
        or attributes["ids"]
        or not attributes.get("internal")
        or "reftitle" not in attributes
        or "secnumber" in attributes
        or "target" in attributes
        or "rel" in attributes
        or not isinstance(node.parent, nodes.TextElement)
    ):
        self.visit_reference(node)
        if INLINE_AT_WRITE in attributes:
            self.body.append(_TEXT_START)
        return
    tip, term_attribute = None, ""
    tips = file_tips(self)
    if tips is not None and "term_id" in attributes:
        term_id = attributes["term_id"]
        tip = tips.by_link(term_id, href.rpartition("#")[2] if "#" in href else "")
        if tip is None:  # the link does not lead to the term's card: the script looks up its id
            tip = tips.by_term(term_id)
            if tip is not None:
                term_attribute = f' data-msp-term="{_attval(self, term_id)}"'
    href = _attval(self, href)
    text = _TEXT_START if INLINE_AT_WRITE in attributes else ""
    if needs_title(self, tip, attributes["reftitle"]):
        self.body.append(f'<a class="{class_attribute}" href="{href}"{term_attribute} '
                         f'title="{_attval(self, attributes["reftitle"])}">{text}')
    else:
        self.body.append(f'<a class="{class_attribute}" href="{href}"{term_attribute}>{text}')


#: The start tag of the inline Sphinx's roles put in a reference (``nodes.reference_text``).
_TEXT_START = f'<span class="{" ".join(TEXT_CLASSES)}">'


def depart_term_reference_html(self: MspHTMLTranslator, node: msp_term_reference) -> None:
    if INLINE_AT_WRITE in node.attributes:
        self.body.append("</span>")
    self.depart_reference(node)


def visit_line_html(self: MspHTMLTranslator, node: msp_backlinks_line) -> None:
    self.visit_paragraph(node)


def _backlink(self: MspHTMLTranslator, uri: str, title: str) -> str:
    """A page's link, with its own class only (a glossary page of a large project holds tens of
    thousands: docs/performance.rst), escaped once per build, however many cards list the page."""
    html = self.msp_backlinks.get((uri, title))
    if html is None:
        html = self.msp_backlinks[uri, title] = (
            f'<a class="msp-backlink" href="{self.attval(uri or "#")}">{self.encode(title)}</a>'
        )
    return html


def depart_line_html(self: MspHTMLTranslator, node: msp_backlinks_line) -> None:
    self.body.append(", ".join([_backlink(self, uri, title) for uri, title in node["links"]]))
    self.depart_paragraph(node)


def visit_linked_text_html(self: MspHTMLTranslator, node: msp_linked_text) -> None:
    """A text with automatic links: its pieces of text and its references (autolink.py),
    written where it stands."""
    parts = node.__dict__.get("msp_parts")
    if parts is None:
        self.visit_Text(node)
        return
    for part in parts:
        if isinstance(part, nodes.Text):
            self.visit_Text(part)
        else:
            part.parent = node.parent  # the start tag looks at where the reference stands
            part.walkabout(self)


class MspHTMLTranslator:
    """Mixed into the builder's translator class: the HTML of the extension's nodes.

    ``msp_escaped`` and ``msp_backlinks`` are per-build caches: class attributes of the
    subclass made for one build's builder, so that builds in one process share nothing."""

    msp_escaped: dict[str, str]  # attribute value -> escaped
    msp_backlinks: dict[tuple[str, str], str]  # (uri, title) -> a backlink's HTML
    msp_uses_tips_file: bool  # references leave their tooltips to the tooltip file (tips.py)

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
    visit_msp_linked_text = visit_linked_text_html


def node_handler_methods(app: Sphinx) -> tuple[dict[str, Any], dict[str, tuple]]:
    """The HTML handlers other extensions gave ``app.add_node`` (myst-parser, sphinx.ext.todo,
    sphinx-design...), as methods for our translator class, taken from what Sphinx binds to
    each translator object: bound there, each makes its translator a reference cycle left to
    the garbage collector (docs/performance.rst). Handlers that are not plain functions stay."""
    handlers_by_builder = getattr(app.registry, "translation_handlers", None)
    if not isinstance(handlers_by_builder, dict):
        return {}, {}
    handlers = handlers_by_builder.get(app.builder.name)
    if handlers is None:
        handlers = handlers_by_builder.get(app.builder.format, {})
    methods: dict[str, Any] = {}
    remaining = {}
    for name, (visit, depart) in handlers.items():
        if isinstance(visit, FunctionType) and (depart is None or isinstance(depart, FunctionType)):
            methods["visit_" + name] = visit
            if depart is not None:
                methods["depart_" + name] = depart
        else:
            remaining[name] = (visit, depart)
    return methods, remaining


def install_translator(app: Sphinx, *args: Any) -> None:
    """Derive from the translator class in use (another extension's too) for HTML builders:
    when the builder starts, and again once all documents are read (``env-updated``), in case a
    theme or an extension set a translator of its own in between; then other extensions'
    ``add_node`` handlers become methods too. If no class can derive from the translator in
    use, say so: cards and references still render, as their docutils base nodes."""
    if app.builder.format != "html":
        return
    base = app.registry.get_translator_class(app.builder)
    adopted, remaining = node_handler_methods(app) if args else ({}, {})  # env-updated passes env
    if issubclass(base, MspHTMLTranslator) and not adopted:
        return
    bases: tuple[type, ...] = (base,) if issubclass(base, MspHTMLTranslator) else (MspHTMLTranslator, base)
    attributes = {"msp_escaped": {}, "msp_backlinks": {}, "__module__": __name__,
                  "msp_uses_tips_file": writes_tips(app), **adopted}
    try:
        translator = type(f"Msp{base.__name__}", bases, attributes)
    except TypeError as error:  # e.g. a class that refuses subclasses
        warn("config", f"the HTML translator {base.__qualname__} cannot take the visitors of "
             f"sphinx_msp_glossary ({error}): cards and glossary pages are written as plain "
             "containers, and references without a card have no tooltip",
             setting_location(app, "extensions"))
        return
    app.set_translator(app.builder.name, translator, override=True)
    if adopted:  # Sphinx binds what is left to each translator object
        app.registry.translation_handlers[app.builder.name] = remaining


def note_inline_at_write(app: Sphinx, env: Any) -> None:
    """Once the translator is known (after all reads): whether references may stay bare text
    when resolved, their inline written by our visitor. Under ``-j`` builds, references are
    resolved in the main process and written in the others: this keeps the main one's part,
    which the others wait for, small."""
    env.get_domain("msp").derived[INLINE_AT_WRITE] = has_msp_visitors(app)


def has_msp_visitors(app: Sphinx) -> bool:
    """Whether the builder's translator renders the extension's nodes (an extension that set
    a translator class of its own later than ``builder-inited`` would have replaced ours)."""
    if app.builder.format != "html":
        return False
    return issubclass(app.registry.get_translator_class(app.builder), MspHTMLTranslator)


def setup_html(app: Sphinx) -> None:
    app.connect("builder-inited", install_translator, priority=900)  # after others set theirs
    app.connect("env-updated", install_translator)  # after all reads, before writing
    app.connect("env-updated", note_inline_at_write, priority=550)  # after install_translator
