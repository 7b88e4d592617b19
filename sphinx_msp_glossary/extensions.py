"""Alias-level data and changes to earlier terms: an alias's own short gloss
(``alias_glosses``), and ``[[term]]`` tables with ``extends`` that change single fields of an
earlier term (packaged or of an earlier file) without restating it.

The rule of an ``extends`` table: each field it gives replaces the term's, except ``aliases``
(added to the term's) and ``alias_glosses`` (merged, alias by alias); ``drop_aliases`` removes
single aliases. It takes no ``name`` or ``id``: the term keeps its own.

No Sphinx here, so that the command line starts fast.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from .terms import Change, Problem, Term, did_you_mean, normalize, one_line

#: Keys only an ``extends`` table may hold.
EXTENSION_ONLY = ("extends", "drop_aliases")
#: Keys an ``extends`` table may not hold: the extended term keeps its own.
NOT_IN_EXTENSION = ("name", "id")


class Extension(NamedTuple):
    """An ``extends`` table: the term it names, the fields it gives, where it is."""

    target: str
    values: dict[str, object]  # the valid fields it gives, as parsed
    drop_aliases: tuple[str, ...]
    source: str
    lineno: int
    field_lines: tuple[tuple[str, int], ...]

    def line_of(self, field: str) -> int:
        return dict(self.field_lines).get(field) or self.lineno


def extension_from(
    values: dict[str, object], problem: Callable[[str, str], None], source: str, lineno: int,
    lines: tuple[tuple[str, int], ...],
) -> Extension | None:
    """An ``extends`` table: the fields it may change, valid and non-empty."""
    for key in NOT_IN_EXTENSION:
        if values.pop(key, None) is not None:
            problem(key, "is not allowed with 'extends' (the term keeps its own); it is ignored")
    for key in ("definition", "extends"):
        if key in values and not str(values[key]).strip():
            problem(key, "must not be empty")
            values.pop(key)
    if "extends" not in values:
        return None
    target = one_line(str(values.pop("extends")))
    dropped = tuple(map(one_line, values.pop("drop_aliases", ())))  # type: ignore[call-overload]
    return Extension(target, values, dropped, source, lineno, lines)


def glosses(
    value: Mapping[str, object], aliases: Sequence[str], problem: Callable[[str, str], None]
) -> tuple[tuple[str, str], ...]:
    """``alias_glosses`` as (alias, gloss) pairs, each for one of ``aliases``; a problem for
    every other entry, with the nearest alias."""
    known = {normalize(alias): alias for alias in aliases}
    pairs = []
    for alias, gloss in value.items():
        if not isinstance(gloss, str) or not gloss.strip():
            problem("alias_glosses", f"the gloss of {alias!r} must be a non-empty string")
        elif normalize(alias) not in known:
            close = difflib.get_close_matches(alias, list(known.values()), n=1, cutoff=0.6)
            problem("alias_glosses", f"{alias!r} is no alias of this term{did_you_mean(close)}")
        else:
            pairs.append((known[normalize(alias)], one_line(gloss)))
    return tuple(pairs)


def apply(extension: Extension, old: Term) -> tuple[Term, list[Problem], Change]:
    """``old`` with the extension's fields; the problems it has; the change, for the report."""
    problems: list[Problem] = []
    label = f"term {old.name!r} (extends)"

    def problem(field: str, message: str) -> None:
        problems.append(Problem("data", f"{label}: field {field!r}: {message}", extension.source,
                                extension.line_of(field)))

    values = dict(extension.values)
    changed = {key: value for key, value in values.items() if key not in ("aliases", "alias_glosses")}
    aliases = list(old.aliases)
    dropped = []
    for alias in extension.drop_aliases:
        match = next((a for a in aliases if normalize(a) == normalize(alias)), None)
        if match is None:
            problem("drop_aliases", f"{alias!r} is no alias of {old.name!r}"
                    f"{did_you_mean(difflib.get_close_matches(alias, aliases, n=1, cutoff=0.6))}")
            continue
        aliases.remove(match)
        dropped.append(match)
    added = [one_line(a) for a in values.get("aliases", ()) if normalize(a) not in map(normalize, aliases)]  # type: ignore[union-attr]
    aliases.extend(added)
    kept = {normalize(a) for a in aliases}
    merged = {alias: gloss for alias, gloss in old.alias_glosses if normalize(alias) in kept}
    if "alias_glosses" in values:
        merged.update(glosses(values["alias_glosses"], aliases, problem))  # type: ignore[arg-type]
    fields: dict[str, object] = {key: (tuple(map(one_line, value)) if isinstance(value, list) else
                                       one_line(value) if key in ("expansion", "category") else str(value).strip())
                                 for key, value in changed.items()}
    term = old._replace(**fields, aliases=tuple(aliases), alias_glosses=tuple(merged.items()))
    given = sorted({*changed, *(["aliases"] if added else []), *(["alias_glosses"] if "alias_glosses" in values else [])})
    return term, problems, Change(extension.source, extension.lineno, tuple(given), tuple(dropped))
