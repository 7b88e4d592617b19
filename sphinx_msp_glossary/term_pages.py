"""A page per term (``msp_glossary_term_pages``): ``terms/<id>.html`` (``terms/<id>/`` under
dirhtml), in the project's theme, for builders that write a page per document (html,
dirhtml); the others (singlehtml, EPUB, LaTeX, text...) behave as without it.

Term pages are documents of the build without a source file: after all reads
(``env-updated``, once the link targets and backlinks are known) each one gets its doctree
written to the doctree folder and an entry in the environment (title, an empty table of
contents, ``orphan``), so that Sphinx writes it like any page, indexes it for search, lists
it in objects.inv and gives it to extensions such as sphinx-sitemap. Only the pages whose
content changed (their term, its backlinks, its neighbours, where its related terms link,
the build's configuration) are written again. At the start of the next build Sphinx sees them
as removed (there is no file), and they are added again after the reads; the output of a
page the build no longer has (a term no longer used, the setting off) is deleted.

References to a term without a card link to its term page (``missing-reference``, before
intersphinx); the page's links to other pages are filled in per builder (``doctree-resolved``).
"""

from __future__ import annotations

import pickle
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.util.docutils import new_document

from .categories import category_label
from .config import setting_location
from .diagnostics import warn
from .card_body import build_card_body
from .domain import MspDomain
from .locale import _
from .nodes import AUTO_REFERENCE_CLASSES, REFERENCE_CLASSES, msp_term_card, msp_term_reference, reference_text
from .terms import Term, digest, slugify

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

SETTING = "msp_glossary_term_pages"
FOLDER = "terms"
#: The attribute of a link whose URI is filled in per builder: the docname it links to.
PAGE = "msp_page"


def check_setting(app: Sphinx, config: Config) -> None:
    value = config[SETTING]
    if value not in (True, False, "used"):
        warn("config", f"{SETTING} must be True, False or 'used', not {value!r}; using False",
             setting_location(app, SETTING))
        config[SETTING] = False


def has_pages(builder: Builder) -> bool:
    """Whether the builder writes a page per document (html, dirhtml; not singlehtml, EPUB)."""
    return (isinstance(builder, StandaloneHTMLBuilder) and not isinstance(builder, SingleFileHTMLBuilder)
            and not getattr(builder, "embedded", False))


def term_pages(domain: MspDomain) -> dict[str, str]:
    """Term id -> docname of its page, in this build."""
    return domain.data.setdefault("term_pages", {})


def wanted(app: Sphinx, domain: MspDomain) -> list[Term]:
    terms = domain.glossary.sorted_terms()
    if app.config[SETTING] == "used":
        return [term for term in terms if term.id in domain.data["used"]]
    return terms


def page_names(app: Sphinx, env: BuildEnvironment, terms: list[Term]) -> dict[str, str]:
    """Term id -> ``terms/<slug of its id>``; a name a source document has is skipped, with a warning."""
    names: dict[str, str] = {}
    taken = set(env.found_docs)
    for term in terms:
        base = f"{FOLDER}/{slugify(term.id) or 'term'}"
        name, n = base, 1
        while name in names.values():
            n += 1
            name = f"{base}-{n}"
        if name in taken:
            warn("config", f"{SETTING}: no page for term {term.name!r}: the document {name!r} exists",
                 setting_location(app, SETTING))
            continue
        names[term.id] = name
    return names


def glossary_page(domain: MspDomain, term: Term) -> tuple[str, str] | None:
    """(docname, anchor) of the glossary page a term page links to: the page of the term's card,
    if that is a glossary page, else the first glossary page, at the top."""
    card = domain.data["targets"].get(term.id)
    if card is not None and card.on_glossary_page:
        return card.docname, card.node_id
    return (min(domain.data["glossaries"]), "") if domain.data["glossaries"] else None


def related_target(domain: MspDomain, name: str) -> object:
    """Where a related link leads, and what its tooltip shows of its term."""
    term = domain.glossary.lookup(name)
    if term is None:
        return None
    card = domain.data["targets"].get(term.id)
    return (card.docname, card.node_id) if card else term_pages(domain).get(term.id), term.fingerprint


def page_state(app: Sphinx, domain: MspDomain, term: Term, neighbours: tuple, glossary: object) -> str:
    """What a term page shows, as a hash: its page is written again when this changes."""
    env = domain.env
    build_info = getattr(app.builder, "build_info", None)
    state = (
        term.fingerprint, term.name, term.category, neighbours, glossary,
        domain.backlinks.get(term.id, ()) if app.config.msp_glossary_backlinks else (),
        tuple(related_target(domain, name) for name in term.related),
        env.get_domain("std").anonlabels.get(category_label(term.category)) if term.category else None,
        getattr(build_info, "config_hash", ""), getattr(build_info, "tags_hash", ""), app.builder.name,
    )
    return digest(state)


def page_link(docname: str, text: str, fragment: str = "", classes: list[str] | None = None) -> nodes.reference:
    """A link to another page, its URI filled in when the page is resolved."""
    return nodes.reference("", "", nodes.inline(text, text), internal=True, classes=classes or [],
                           **{PAGE: docname, "msp_fragment": fragment})


def labelled(label: str, classes: list[str]) -> nodes.paragraph:
    line = nodes.paragraph(classes=[*classes, "no-search"])
    line += nodes.strong("", label, classes=["msp-term-card__label"])
    line += nodes.Text(" ")
    return line


def make_doctree(app: Sphinx, domain: MspDomain, term: Term, docname: str,
                 neighbours: tuple, glossary: tuple[str, str] | None) -> nodes.document:
    """The term page: its name as title, the card with its backlinks, and links to the previous
    and next term pages and the glossary page."""
    doctree = new_document(str(domain.env.doc2path(docname)))
    section = nodes.section(ids=["msp-term-page"], classes=["msp-term-page"])
    section += nodes.title(term.name, term.name)
    card = msp_term_card(classes=["msp-term-card", "msp-term-page__card"], term_id=term.id)
    build_card_body(card, term, domain.glossary, [], docname)
    pages = domain.backlinks.get(term.id, ()) if app.config.msp_glossary_backlinks else ()
    if pages:
        line = labelled(_("Referenced in:"), ["msp-term-card__backlinks"])
        for index, (page, title) in enumerate(pages):
            if index:
                line += nodes.Text(", ")
            line += page_link(page, title, classes=["msp-backlink"])
        card += line
    section += card
    nav = nodes.paragraph(classes=["msp-term-page__nav", "no-search"])
    parts = []
    (previous_id, previous_name), (next_id, next_name) = neighbours
    if previous_id:
        parts.append((_("Previous:"), page_link(term_pages(domain)[previous_id], previous_name)))
    if glossary is not None:
        parts.append(("", page_link(glossary[0], str(_("Glossary")), glossary[1])))
    if next_id:
        parts.append((_("Next:"), page_link(term_pages(domain)[next_id], next_name)))
    for index, (label, link) in enumerate(parts):
        if index:
            nav += nodes.Text(" · ")
        if label:
            nav += nodes.Text(f"{label} ")
        nav += link
    section += nav
    doctree += section
    return doctree


def write_doctree(env: BuildEnvironment, docname: str, doctree: nodes.document) -> None:
    """As Sphinx writes a read document's doctree, for ``env.get_doctree``."""
    doctree.reporter = None  # type: ignore[assignment]
    doctree.transformer = None  # type: ignore[assignment]
    doctree.settings = doctree.settings.copy()
    doctree.settings.warning_stream = None
    doctree.settings.env = None
    doctree.settings.record_dependencies = None
    path = Path(env.doctreedir, f"{docname}.doctree")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(doctree, pickle.HIGHEST_PROTOCOL))
    for cache in ("_pickled_doctree_cache", "_write_doc_doctree_cache"):
        getattr(env, cache, {}).pop(docname, None)


def register(env: BuildEnvironment, docname: str, term: Term) -> None:
    """The environment's entries of a document, for a page without a source."""
    env.all_docs[docname] = time.time_ns() // 1_000
    env.titles[docname] = nodes.title(term.name, term.name)
    env.longtitles[docname] = nodes.title(term.name, term.name)
    env.tocs[docname] = nodes.bullet_list("")
    env.toc_num_entries[docname] = 0
    env.metadata[docname] = {"orphan": True}


def out_of_date(builder: Builder, docname: str) -> bool:
    try:
        written = Path(builder.get_outfilename(docname)).stat().st_mtime  # type: ignore[attr-defined]
    except OSError:
        return True
    return written < builder.templates.newest_template_mtime()  # type: ignore[attr-defined]


def remove_pages(builder: Builder, env: BuildEnvironment, docnames: set[str]) -> None:
    """The output and doctree of term pages of the last build that this build does not have
    (a term no longer used, the setting turned off), so that the site equals a fresh build's."""
    for docname in sorted(docnames):
        if not docname.startswith(f"{FOLDER}/") or docname in env.found_docs:
            continue
        output = Path(builder.get_outfilename(docname))  # type: ignore[attr-defined]
        output.unlink(missing_ok=True)
        if output.name == "index.html" and output.parent.is_dir() and not any(output.parent.iterdir()):
            output.parent.rmdir()  # dirhtml: terms/<id>/
        Path(env.doctreedir, f"{docname}.doctree").unlink(missing_ok=True)


def add_term_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After all reads (and after after_reads.py): register every term page, write the doctrees
    of those whose content changed, and return them to be written."""
    domain: MspDomain = env.get_domain("msp")  # type: ignore[assignment]
    old_states: dict[str, str] = domain.data.get("term_page_states", {})
    pages_here = has_pages(app.builder)
    if not app.config[SETTING] or not pages_here:
        if pages_here:  # the setting turned off: the pages of the last build go
            remove_pages(app.builder, env, set(old_states))
        domain.data["term_pages"] = {}
        domain.data["term_page_states"] = {}
        return []
    terms = wanted(app, domain)
    pages = domain.data["term_pages"] = page_names(app, env, terms)
    terms = [term for term in terms if term.id in pages]
    states, due = {}, []
    for index, term in enumerate(terms):
        before = terms[index - 1] if index else None
        after = terms[index + 1] if index + 1 < len(terms) else None
        neighbours = tuple((t.id, t.name) if t else ("", "") for t in (before, after))
        glossary = glossary_page(domain, term)
        docname = pages[term.id]
        register(env, docname, term)
        states[docname] = page_state(app, domain, term, neighbours, glossary)
        if old_states.get(docname) != states[docname] or out_of_date(app.builder, docname):
            write_doctree(env, docname, make_doctree(app, domain, term, docname, neighbours, glossary))
            due.append(docname)
    remove_pages(app.builder, env, set(old_states) - set(states))
    domain.data["term_page_states"] = states
    domain.derived["term_pages_due"] = set(due)
    return due


def link_to_term_page(app: Sphinx, env: BuildEnvironment, node: Any, contnode: nodes.Element) -> nodes.Node | None:
    """A reference to a term without a card: a link to its term page."""
    if node.get("refdomain") != "msp" or not has_pages(app.builder):
        return None
    domain: MspDomain = env.get_domain("msp")  # type: ignore[assignment]
    term = domain.glossary.lookup(node["reftarget"])
    page = term_pages(domain).get(term.id) if term is not None else None
    if page is None:
        return None
    classes = AUTO_REFERENCE_CLASSES if node.get("msp_auto") else REFERENCE_CLASSES
    refnode = msp_term_reference("", "", internal=True, reftitle=domain.glossary.tooltip(term),
                                 classes=classes, term_id=term.id)
    refnode["refuri"] = domain.relative_uri(app.builder, node.get("refdoc", env.docname), page)
    refnode += reference_text(contnode)
    return refnode


def fill_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """A term page's links to other pages, for this builder; and a note that it was written."""
    domain: MspDomain = app.env.get_domain("msp")  # type: ignore[assignment]
    if docname not in term_pages(domain).values():
        return
    for node in doctree.findall(nodes.reference):
        if PAGE in node:
            uri = app.builder.get_relative_uri(docname, node[PAGE])
            node["refuri"] = uri + (f"#{node['msp_fragment']}" if node.get("msp_fragment") else "")
    domain.derived.setdefault("term_pages_due", set()).discard(docname)


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """A term page has no source to show or copy; its neighbours are the theme's prev/next."""
    domain: MspDomain = app.env.get_domain("msp")  # type: ignore[assignment]
    pages = term_pages(domain)
    if doctree is None or pagename not in pages.values():
        return
    context["sourcename"] = ""
    order = list(pages.values())
    index = order.index(pagename)
    for key, other in (("prev", index - 1), ("next", index + 1)):
        if 0 <= other < len(order):
            title = app.env.titles[order[other]].astext()
            context[key] = {"link": app.builder.get_relative_uri(pagename, order[other]), "title": title}


def write_missed(app: Sphinx) -> list:
    """Term pages due but not written (``sphinx-build -a`` writes the source documents only)."""
    domain: MspDomain = app.env.get_domain("msp")  # type: ignore[assignment]
    for docname in sorted(domain.derived.get("term_pages_due", ())):
        doctree = app.env.get_and_resolve_doctree(docname, app.builder)
        app.builder.write_doc_serialized(docname, doctree)
        app.builder.write_doc(docname, doctree)
    return []


def setup_term_pages(app: Sphinx) -> None:
    app.connect("config-inited", check_setting, priority=110)
    app.connect("env-updated", add_term_pages, priority=600)  # after after_reads.py's targets
    app.connect("missing-reference", link_to_term_page, priority=300)  # before external.py
    app.connect("doctree-resolved", fill_links)
    app.connect("html-page-context", page_context)
    app.connect("html-collect-pages", write_missed)
