"""Settings: each declared once, with its default and types, and checked at start-up."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .diagnostics import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: Every termcheck status, in report order.
STATUSES = ("unknown", "related", "duplicate", "no-card", "unused", "unlinked", "override", "ok")


class Setting(NamedTuple):
    default: Any
    rebuild: str
    kind: type | tuple[type, ...]  # list means: a list of strings


SETTINGS: dict[str, Setting] = {
    # Project glossary files, relative to conf.py; their content is tracked per term.
    "msp_glossary_files": Setting([], "env", list),
    "msp_glossary_exclude": Setting([], "env", list),
    "msp_glossary_tooltips": Setting(True, "html", bool),
    "msp_glossary_backlinks": Setting(True, "html", bool),
    # Report statuses that fail the msp-termcheck builder (and warn under other builders).
    "msp_glossary_fail_on": Setting(["unknown", "related", "duplicate"], "", list),
    # Look for term names in body text that are not wrapped in :term-ref: (read time).
    "msp_glossary_check_unlinked": Setting(False, "env", bool),
    # A schema.org DefinedTermSet (JSON-LD) in the head of every HTML page with cards.
    "msp_glossary_structured_data": Setting(True, "html", bool),
    # A page per term: True, False or "used" (values checked in term_pages.py).
    "msp_glossary_term_pages": Setting(False, "env", (bool, str)),
}

PREFIX = "msp_glossary_"


def setting_location(app: Sphinx, name: str) -> str:
    """Where ``name`` is set, for messages about it: ``conf.py:LINE``, or the command line for
    a value given with ``-D``."""
    if name in app.config.overrides:
        return f"command line: -D {name}"
    path = Path(app.confdir, "conf.py")
    try:
        for lineno, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if re.match(rf"\s*{re.escape(name)}\b", line):
                return f"{path}:{lineno}"
    except OSError:
        pass
    return f"{path}:1"


def is_valid(value: Any, kind: type) -> bool:
    if kind is list:  # Sphinx checks the container, not what is in it
        return isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value)
    return isinstance(value, kind)


def check_config(app: Sphinx, config: Config) -> None:
    """Replace a value of the wrong type by its default, with a located warning. Runs before
    Sphinx's own type check, which names no place, keeps the value, and has no subtype."""
    for name, setting in SETTINGS.items():
        value = config[name]
        if not is_valid(value, setting.kind):
            kinds = setting.kind if isinstance(setting.kind, tuple) else (setting.kind,)
            expected = "a list of strings" if setting.kind is list else " or ".join(k.__name__ for k in kinds)
            warn("config", f"{name} must be {expected}, not {value!r}; using the default {setting.default!r}",
                 setting_location(app, name))
            config[name] = setting.default
    unknown = [s for s in config.msp_glossary_fail_on if s not in STATUSES]
    if unknown:
        warn("config", f"msp_glossary_fail_on: unknown status {', '.join(map(repr, unknown))} "
             f"(known: {', '.join(STATUSES)})", setting_location(app, "msp_glossary_fail_on"))
        config.msp_glossary_fail_on = [s for s in config.msp_glossary_fail_on if s in STATUSES]


def setup_config(app: Sphinx) -> None:
    for name, setting in SETTINGS.items():
        types = (list, tuple) if setting.kind is list else (
            setting.kind if isinstance(setting.kind, tuple) else (setting.kind,))
        app.add_config_value(name, setting.default, setting.rebuild, types=types)
    app.connect("config-inited", check_config, priority=100)
