"""What an incremental build re-reads, or only writes again, when glossary data changed,
though no page did.

A page comes out of the glossary as it did in the last build when every name it uses names
the same term as then, and every term it shows shows the same. So the domain keeps, for the
next build: what each term's card showed (``term_states``), and what the lookup of names
depended on (``names_state``); the records keep, per document, the term each name named. A
page that only references a term whose tooltip changed is written again, not read: the
tooltip is written with the page (``rewrite_for_tooltips``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .after_reads import docs_using, docs_with_cards
from .domain import MspDomain
from .terms import digest

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .glossary import Glossary


#: Per build: the pages to write again (not read) because a tooltip of theirs changed.
REWRITE = "rewrite_for_tooltips"


def term_id_of(glossary: Glossary, name: str) -> str | None:
    term = glossary.lookup(name)
    return term.id if term else None


def term_states(glossary: Glossary) -> dict[str, tuple[str, tuple[str | None, ...], str, str]]:
    """Term id -> what its card and its references show: its fingerprint (all a card shows),
    the term each of its related names names (a link, or text when it names none), what
    reading a page that references it depends on (names, expansion, deprecation), and its
    tooltips (written when pages are, from the tooltip file but for a page's first reference)."""
    return {
        term.id: (
            term.fingerprint,
            tuple(term_id_of(glossary, name) for name in term.related),
            digest((term.name, term.aliases, term.expansion, term.deprecated, term.deprecated_reason,
                     term.replaced_by)),
            digest((term.summary, term.alias_glosses)),
        )
        for term in glossary
    }


def names_state(glossary: Glossary) -> str:
    """What looking names up depends on: each term's id, name, aliases and expansion, in order
    (the first term to claim a name keeps it). The suggestions of an unknown-term warning, and
    the names the unlinked scan looks for, come from these too."""
    keys = [(term.id, term.name, term.aliases, term.expansion) for term in glossary]
    return digest(keys)


def renamed(domain: MspDomain) -> set[str]:
    """Documents with a name that now names another term than it did when they were read,
    or a term where it named none, or none where it named one."""
    glossary = domain.glossary
    return {
        docname
        for key in ("refs", "names")
        for docname, records in domain.data[key].items()
        if any(term_id_of(glossary, record.target) != record.term_id for record in records)
    }


def with_unknown_names(domain: MspDomain) -> set[str]:
    return {
        docname
        for key in ("refs", "names")
        for docname, records in domain.data[key].items()
        if any(record.term_id is None for record in records)
    }


def on_env_get_outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Re-read the documents that would come out otherwise with the glossary of this build."""
    domain: MspDomain = env.get_domain("msp")  # type: ignore[assignment]
    glossary = domain.glossary
    old, old_names = domain.data["fingerprints"], domain.data["names_state"]
    new, new_names = term_states(glossary), names_state(glossary)
    domain.data["fingerprints"], domain.data["names_state"] = new, new_names
    if not old:
        return []
    outdated = renamed(domain)

    def changed(index: int) -> set[str]:
        return {tid for tid in old.keys() | new.keys() if old.get(tid, ("",) * 4)[index] != new.get(tid, ("",) * 4)[index]}

    changed_terms = changed(0)
    if changed_terms:
        # its cards; and the pages that reference it, where reading them depends on what changed
        outdated |= docs_with_cards(domain, changed_terms) | docs_using(domain, changed(2))
        # a glossary page lists every term, and which cards it shows can depend on the term
        # itself (:deprecated:, :categories:): a term that came, went or changed re-reads them
        outdated |= set(domain.data["glossaries"])
        # a changed tooltip: the pages that reference the term are written again, not read
        domain.derived[REWRITE] = docs_using(domain, changed(3)) - outdated
    # a card whose related names now name other terms (or start or stop naming one)
    related_moved = {tid for tid in old.keys() & new.keys() if old[tid][1] != new[tid][1]}
    if related_moved:
        outdated |= {card.docname for card in domain.all_cards() if card.term_id in related_moved}
    if old_names != new_names:
        # an unknown name's warning suggests the closest names, which may now be others
        outdated |= with_unknown_names(domain)
        if app.config.msp_glossary_check_unlinked:  # any page's text may hold a new name
            outdated |= env.found_docs
    return sorted(outdated)


def rewrite_for_tooltips(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The pages to write again, unread, for a changed tooltip (their first reference's title)."""
    domain: MspDomain = env.get_domain("msp")  # type: ignore[assignment]
    return sorted(domain.derived.pop(REWRITE, set()) & env.found_docs)


def setup_incremental(app: Sphinx) -> None:
    app.connect("env-get-outdated", on_env_get_outdated)
    app.connect("env-updated", rewrite_for_tooltips)
