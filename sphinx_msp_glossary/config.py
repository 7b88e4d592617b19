"""Settings: each declared once, with its default and types, and checked at start-up."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .conf_reader import setting_line, unknown_settings
from .diagnostics import warn
from .terms import did_you_mean

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: Every termcheck status, in report order.
STATUSES = ("unknown", "related", "duplicate", "no-card", "unused", "unlinked", "deprecated", "override", "ok")


class Setting(NamedTuple):
    default: Any
    rebuild: str
    kind: type | tuple[type, ...]  # list means: a list of strings
    choices: tuple[Any, ...] = ()  # other values it may take, e.g. "first"


SETTINGS: dict[str, Setting] = {
    # Project glossary files, relative to conf.py; their content is tracked per term.
    "msp_glossary_files": Setting([], "env", list),
    "msp_glossary_exclude": Setting([], "env", list),
    "msp_glossary_tooltips": Setting(True, "html", bool),
    "msp_glossary_backlinks": Setting(True, "html", bool),
    # Report statuses that fail the msp-termcheck builder (and warn under other builders).
    "msp_glossary_fail_on": Setting(["unknown", "related", "duplicate"], "", list),
    # Look for term names in body text that are not wrapped in :term-ref: (read time).
    # True: every unlinked mention; "first": the first of each term per page.
    "msp_glossary_check_unlinked": Setting(False, "env", bool, ("first",)),
    # Spell out the first reference per page to a term whose expansion is one of its aliases.
    "msp_glossary_expand_first": Setting(False, "env", bool),
    # Link the first mention of each term in body text: False, "page" or "section" (autolink.py).
    "msp_glossary_autolink": Setting(False, "env", (bool, str)),
    # A schema.org DefinedTermSet (JSON-LD) in the head of every HTML page with cards.
    "msp_glossary_structured_data": Setting(True, "html", bool),
    # A page per term: True, False or "used" (values checked in term_pages.py).
    "msp_glossary_term_pages": Setting(False, "env", (bool, str)),
}

PREFIX = "msp_glossary_"


def setting_location(app: Sphinx, name: str) -> str:
    """Where ``name`` is set, for messages about it: ``conf.py:LINE``, or the command line for
    a value given with ``-D``."""
    return setting_location_in(app.confdir, app.config, name)


def setting_location_in(confdir: str | Path, config: Config, name: str) -> str:
    """:func:`setting_location` for the conf.py in ``confdir`` and its ``config``."""
    if name in config.overrides:
        return f"command line: -D {name}"
    path = Path(confdir, "conf.py")
    return f"{path}:{setting_line(path, name)}"


def kinds(setting: Setting) -> tuple[type, ...]:
    return setting.kind if isinstance(setting.kind, tuple) else (setting.kind,)


def is_valid(value: Any, kind: type) -> bool:
    if kind is list:  # Sphinx checks the container, not what is in it
        return isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value)
    return isinstance(value, kind)


def check_config(app: Sphinx, config: Config) -> None:
    """Replace a value of the wrong type by its default, with a located warning. Runs before
    Sphinx's own type check, which names no place, keeps the value, and has no subtype."""
    for name, setting in SETTINGS.items():
        value = config[name]
        if not is_valid(value, setting.kind) and value not in setting.choices:
            expected = "a list of strings" if setting.kind is list else " or ".join(k.__name__ for k in kinds(setting))
            expected += "".join(f" or {choice!r}" for choice in setting.choices)
            warn("config", f"{name} must be {expected}, not {value!r}; using the default {setting.default!r}",
                 setting_location(app, name))
            config[name] = setting.default
    for status in config.msp_glossary_fail_on:
        if status not in STATUSES:
            near = did_you_mean(difflib.get_close_matches(status, STATUSES, n=1, cutoff=0.6))
            warn("config", f"msp_glossary_fail_on: unknown status {status!r}{near}; it is ignored "
                 f"(known: {', '.join(STATUSES)})", setting_location(app, "msp_glossary_fail_on"))
    config.msp_glossary_fail_on = [s for s in config.msp_glossary_fail_on if s in STATUSES]
    warn_unknown_settings(app, config)


def warn_unknown_settings(app: Sphinx, config: Config) -> None:
    """A setting of ours that does not exist, set in conf.py or with -D: Sphinx keeps such
    names to itself, so conf.py's top-level assignments are scanned."""
    path = Path(app.confdir, "conf.py")
    found = [(name, f"{path}:{line}", near) for name, line, near in unknown_settings(path, list(SETTINGS), PREFIX)]
    for name in config.overrides:
        if name.startswith(PREFIX) and name not in SETTINGS:
            near = next(iter(difflib.get_close_matches(name, list(SETTINGS), n=1, cutoff=0.6)), "")
            found.append((name, f"command line: -D {name}", near))
    for name, where, near in found:
        warn("config", f"unknown setting {name!r}{did_you_mean([near] if near else [])}; it has no effect",
             where)


def setup_config(app: Sphinx) -> None:
    for name, setting in SETTINGS.items():
        types = (list, tuple) if setting.kind is list else (*kinds(setting), *map(type, setting.choices))
        app.add_config_value(name, setting.default, setting.rebuild, types=types)
    app.connect("config-inited", check_config, priority=100)
