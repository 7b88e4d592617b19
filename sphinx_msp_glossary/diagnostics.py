"""The warning vocabulary: the one warning type, its stable subtypes, and ``warn``.

The leaf of the package: every module may import it, it imports nothing of ours.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger(__package__)

WARNING_TYPE = "msp_glossary"

#: Stable subtypes: ``suppress_warnings = ["msp_glossary.<subtype>"]`` silences one.
SUBTYPES = {
    "unknown": "a :term-ref:, msp-term or :terms:/:exclude: name that is no term",
    "related": "a related name in glossary data that resolves to no term",
    "duplicate": "two link-target cards of one term outside the glossary page",
    "usage": "malformed usage: empty role target, missing argument, unknown option or value",
    "data": "a project glossary file that is missing, not valid TOML, or holds invalid terms",
    "config": "a configuration value of the wrong type or naming no term",
    "deprecated": "a reference to a term whose data marks it deprecated (names its replacement)",
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
