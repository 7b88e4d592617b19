"""Configuration values, and their check at start-up."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .checks import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


class Option(NamedTuple):
    default: Any
    rebuild: str
    kind: type  # list means: a list of strings


OPTIONS: dict[str, Option] = {
    # Project glossary files, relative to conf.py; their content is tracked per term.
    "msp_glossary_files": Option([], "env", list),
    "msp_glossary_exclude": Option([], "env", list),
    "msp_glossary_tooltips": Option(True, "html", bool),
    "msp_glossary_backlinks": Option(True, "html", bool),
    # Report statuses that fail the msp-termcheck builder (and warn under other builders).
    "msp_glossary_fail_on": Option(["unknown", "related", "duplicate"], "", list),
    # Look for term names in body text that are not wrapped in :term-ref: (read time).
    "msp_glossary_check_unlinked": Option(False, "env", bool),
}


def conf_location(app: Sphinx, name: str) -> str:
    """``conf.py:LINE`` of the line that sets ``name``, for messages about it."""
    path = Path(app.confdir, "conf.py")
    try:
        for lineno, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if re.match(rf"\s*{re.escape(name)}\b", line):
                return f"{path}:{lineno}"
    except OSError:
        pass
    return f"{path}:1"


def check_config(app: Sphinx, config: Config) -> None:
    """Replace a value of the wrong type by its default, with a located warning."""
    for name, option in OPTIONS.items():
        value = config[name]
        if option.kind is list:
            if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
                ok = False
            else:
                ok = all(isinstance(item, str) for item in value)
        else:
            ok = isinstance(value, option.kind)
        if not ok:
            expected = "a list of strings" if option.kind is list else option.kind.__name__
            warn("config", f"{name} must be {expected}, not {value!r}; using the default {option.default!r}",
                 conf_location(app, name))
            config[name] = option.default
    from .report import STATUSES

    unknown = [s for s in config.msp_glossary_fail_on if s not in STATUSES]
    if unknown:
        warn("config", f"msp_glossary_fail_on: unknown status {', '.join(map(repr, unknown))} "
             f"(known: {', '.join(STATUSES)})", conf_location(app, "msp_glossary_fail_on"))
        config.msp_glossary_fail_on = [s for s in config.msp_glossary_fail_on if s in STATUSES]


def setup_config(app: Sphinx) -> None:
    for name, option in OPTIONS.items():
        app.add_config_value(name, option.default, option.rebuild)
    app.connect("config-inited", check_config, priority=100)
