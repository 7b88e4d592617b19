"""What an incremental build re-reads when glossary data changed, though no page did."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .after_reads import docs_using
from .domain import MspDomain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def on_env_get_outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Re-read the documents that show or reference a term whose data changed."""
    domain: MspDomain = env.get_domain("msp")  # type: ignore[assignment]
    old = domain.data["fingerprints"]
    new = {term.id: term.fingerprint for term in domain.glossary}
    domain.data["fingerprints"] = new
    if not old:
        return []
    changed_terms = {tid for tid in old.keys() | new.keys() if old.get(tid) != new.get(tid)}
    if not changed_terms:
        return []
    # a new term or alias may be what an unknown name was waiting for
    waiting = {r.docname for r in domain.all_refs() if r.term_id is None}
    if old.keys() != new.keys():  # a term came or went: glossary pages list every term
        waiting |= set(domain.data["glossaries"])
    return sorted(docs_using(domain, changed_terms) | waiting)


def setup_incremental(app: Sphinx) -> None:
    app.connect("env-get-outdated", on_env_get_outdated)
