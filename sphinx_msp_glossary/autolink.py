"""Automatic links (``msp_glossary_autolink``): the first mention of each term in the body text
of a page (``"page"``) or of each section (``"section"``) becomes a term reference.

Found when a document has been read (``doctree-read``): each mention is noted in the domain as
a reference of kind "auto", so that backlinks, the term report and incremental builds treat
it as they treat an explicit one, and the text that holds it is marked (``msp_linked_text``).
When the page is resolved, each mention becomes its reference (``AutoLinks``). What a mention
is, and which text is prose, is unlinked.py's scanner, shared with the unlinked check.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform

from .config import setting_location
from .diagnostics import file_location, warn
from .domain import BUILDER, MspDomain
from .nodes import INLINE_AT_WRITE, msp_linked_text, msp_term_reference, replace_by, within
from .records import RefRecord
from .terms import digest
from .unlinked import Lines, name_index, prose

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

SETTING = "msp_glossary_autolink"
MODES = ("page", "section")
#: The file-wide field (MyST: front matter key) with which a page opts out.
FIELD = "msp-autolink"
OFF = {"off", "false", "no", "0"}
ON = {"on", "true", "yes", "1", *MODES}


def check_mode(app: Sphinx, config: Config) -> None:
    """``False`` (never), ``"page"`` or ``"section"``; anything else is a located warning, and off."""
    value = config[SETTING]
    if value is True:  # "link the prose": per page
        config[SETTING] = "page"
    if value is True or value is False or value is None or value in MODES:
        return
    warn("config", f"{SETTING} must be False, 'page' or 'section', not {value!r}; using False",
         setting_location(app, SETTING))
    config[SETTING] = False


def field_line(env: BuildEnvironment, docname: str) -> int:
    """The line of the page's ``msp-autolink`` field, for a warning about its value."""
    try:
        lines = Path(env.doc2path(docname)).read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((number for number, line in enumerate(lines, 1) if FIELD in line), 1)


def page_mode(app: Sphinx, docname: str) -> str | None:
    """The mode for one page: the setting's, unless the page opts out with its field."""
    mode = app.config[SETTING]
    if mode not in MODES:
        return None
    value = app.env.metadata.get(docname, {}).get(FIELD)
    if value is None:
        return mode
    text = str(value).strip().lower()
    if text in OFF:
        return None
    if text not in ON:
        warn("usage", f"field :{FIELD}: must be 'off' (or 'on'), not {value!r}; the page is linked",
             (docname, field_line(app.env, docname)))
    return mode


def make_link(text: msp_linked_text, start: int, end: int, name: str, line: int | None) -> addnodes.pending_xref:
    """A pending reference to the term, as :term-ref: makes it but with bare text, marked as
    automatic. (The node knows its document before it gets a child: docutils otherwise looks
    for it up the parents of a node not yet in the tree, and pays for an exception each time.)"""
    docname, source, _mentions = text.msp_links
    written = str(text)[start:end]
    xref = addnodes.pending_xref(
        written, refdomain="msp", reftype="term", reftarget=name, refexplicit=False,
        refwarn=False, refdoc=docname, msp_auto=True,
    )
    xref.document = text.document
    xref += nodes.Text(written)  # its inline comes when it is resolved (reference_text)
    xref.source, xref.line = source, line
    return xref


def linked(text: msp_linked_text, domain: MspDomain, builder: Builder | None) -> list[nodes.Node]:
    """The text with each of its mentions as its reference: resolved here where the project
    has the term's card, as the domain resolves a pending reference (the common case, without
    one: fewer objects made per link); else a pending reference, for the other resolvers."""
    docname = text.msp_links[0]
    in_link = within(text, nodes.reference)
    parts: list[nodes.Node] = []
    done = 0
    for start, end, name, line in text.msp_links[2]:
        if start > done:
            parts.append(nodes.Text(text[done:start]))
        try:
            reference = None if builder is None else domain.reference_to_card(
                docname, builder, name, nodes.Text(text[start:end]), in_link, auto=True)
        except NoUri:  # the builder has no address for the card's page: the text
            reference = nodes.Text(text[start:end])
        parts.append(reference if reference is not None else make_link(text, start, end, name, line))
        done = end
    if done < len(text):
        parts.append(nodes.Text(text[done:]))
    return parts


class AutoLinks(SphinxPostTransform):
    """The mentions found when a page was read become references, before references are
    resolved. (Found at reading, for the records that backlinks, the report and incremental
    builds need; linked at resolving, so that the doctrees held until writing stay light.)

    Where our HTML visitors write the page and every mention of a text links to a card, the
    references stay out of the tree: the text keeps them (``msp_parts``)."""

    default_priority = 5  # ReferencesResolver: 10

    def run(self, **kwargs: object) -> None:
        if self.config[SETTING] not in MODES:
            return
        domain: MspDomain = self.env.get_domain("msp")  # type: ignore[assignment]
        builder = domain.derived.get(BUILDER)  # none: every mention a pending reference
        # embedded builders (EPUB) rewrite the references of a page's tree after resolving
        written_by_visitor = domain.derived.get(INLINE_AT_WRITE) and not getattr(builder, "embedded", False)
        for text in list(self.document.findall(msp_linked_text)):
            parts = linked(text, domain, builder)
            if written_by_visitor and all(isinstance(part, (nodes.Text, msp_term_reference)) for part in parts):
                text.msp_parts = parts
            else:
                replace_by(text, parts)


def link_mentions(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    mode = page_mode(app, docname)
    domain: MspDomain = app.env.get_domain("msp")  # type: ignore[assignment]
    if mode is None or docname in domain.data["glossaries"]:  # a glossary page is the cards themselves
        return
    glossary = domain.glossary
    index = name_index(domain)
    mentioned: set[str] = set()  # terms already referenced or linked, in this page or section
    lines = Lines()
    for node in list(prose(doctree)):
        if isinstance(node, nodes.section):
            if mode == "section":
                mentioned = set()
        elif isinstance(node, addnodes.pending_xref):  # an explicit reference counts as the first mention
            term = glossary.lookup(node.get("reftarget", ""))
            if term is not None:
                mentioned.add(term.id)
        else:
            found: list[tuple[int, int, str, int | None]] = []
            source = None
            for mention in index.find(str(node)):
                if mention.term_id in mentioned:
                    continue
                mentioned.add(mention.term_id)
                source, line = lines.where(node, mention.start)
                term = glossary.terms[mention.term_id]
                if term.deprecated:
                    where = file_location(source, line) if source else (docname, line)
                    warn("deprecated", glossary.deprecation_message(term), where)
                domain.note_ref(RefRecord(docname, line or 0, term.id, mention.written, "auto"))
                found.append((mention.start, mention.end, mention.name, line))
            if found:
                marked = msp_linked_text(str(node))
                marked.msp_links = (docname, source, tuple(found))
                replace_by(node, marked)


def names_key(domain: MspDomain) -> str:
    """What automatic links depend on beyond a page's own text: every name and alias."""
    index = name_index(domain)
    names = sorted((word, name, term_id) for word, found in index.by_first_word.items()
                   for name, term_id, _pattern in found)
    return digest(names)


def on_env_get_outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """A name or alias that came, went or changed may be mentioned on any page: re-read them all
    (a change to a definition only re-reads the pages that link to the term, by the records)."""
    if app.config[SETTING] not in MODES:
        return []
    domain: MspDomain = env.get_domain("msp")  # type: ignore[assignment]
    key = names_key(domain)
    old = domain.data.get("autolink_names")
    domain.data["autolink_names"] = key
    if old is None or old == key:
        return []
    return sorted(env.found_docs)


def setup_autolink(app: Sphinx) -> None:
    app.connect("config-inited", check_mode, priority=100)
    app.connect("doctree-read", link_mentions)
    app.connect("env-get-outdated", on_env_get_outdated)
    app.add_post_transform(AutoLinks)
