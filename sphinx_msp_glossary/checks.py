"""The one warning type of the extension, its subtypes, and the checks that span documents."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util import logging

from .glossary import PACKAGED_LAYER, PACKAGED_PATH, did_you_mean

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .glossary import Glossary

logger = logging.getLogger(__name__)

WARNING_TYPE = "msp_glossary"

#: Stable subtypes: ``suppress_warnings = ["msp_glossary.<subtype>"]`` silences one.
SUBTYPES = {
    "unknown": "a :term-ref:, msp-term or :terms:/:exclude: name that is no term",
    "related": "a related name in glossary data that resolves to no term",
    "duplicate": "two link-target cards of one term outside the glossary page",
    "usage": "malformed usage: empty role target, missing argument, unknown option or value",
    "data": "a project glossary file that is missing, not valid TOML, or holds invalid terms",
    "config": "a configuration value of the wrong type or naming no term",
    # Warned only when msp_glossary_fail_on names them:
    "no-card": "a reference to a term that has no card in the project",
    "unused": "a term of the project's own glossary files that no page references or shows",
    "unlinked": "a term name in body text not wrapped in :term-ref: (msp_glossary_check_unlinked)",
}

Location = nodes.Node | str | tuple[str, int | None] | None


def warn(subtype: str, message: str, location: Location) -> None:
    assert subtype in SUBTYPES, subtype
    logger.warning(message, type=WARNING_TYPE, subtype=subtype, location=location)


def file_location(path: str | Path, lineno: int | None) -> str:
    """A location string Sphinx prints as it is: ``path:line``."""
    return f"{path}:{lineno or 1}"


def unknown_term_message(name: str, glossary: Glossary) -> str:
    return f"unknown term {name!r}{did_you_mean(glossary.suggest(name))}"


def report_glossary_problems(app: Sphinx, glossary: Glossary) -> None:
    """Warn once per build about the glossary data itself (layers and related names)."""
    from .config import conf_location

    for problem in [*glossary.problems, *glossary.related_problems()]:
        if problem.in_conf:
            where = conf_location(app, problem.source)
        else:
            source = str(PACKAGED_PATH) if problem.source == PACKAGED_LAYER else problem.source
            where = file_location(source, problem.lineno)
        warn(problem.subtype, problem.message, where)


def check_duplicate_cards(env: BuildEnvironment) -> None:
    """Warn about terms carded twice as link targets outside glossary pages."""
    from .domain import MspDomain

    domain: MspDomain = env.get_domain("msp")  # type: ignore[assignment]
    for card, first in domain.duplicate_cards():
        term = domain.glossary.terms.get(card.term_id)
        name = term.name if term else card.term_id
        warn(
            "duplicate",
            f"term {name!r} already has a card at {env.doc2path(first.docname)}:{first.lineno}; "
            "links go to that one (add :no-index: to this card)",
            (card.docname, card.lineno),
        )


def on_builder_inited(app: Sphinx) -> None:
    from .domain import MspDomain

    domain: MspDomain = app.env.get_domain("msp")  # type: ignore[assignment]
    report_glossary_problems(app, domain.load_glossary(app.confdir))


def on_consistency_check(app: Sphinx, env: BuildEnvironment) -> None:
    check_duplicate_cards(env)


def setup_checks(app: Sphinx) -> None:
    app.connect("builder-inited", on_builder_inited)
    app.connect("env-check-consistency", on_consistency_check)
