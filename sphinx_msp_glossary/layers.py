"""The glossary of a project: the packaged terms, minus exclusions, overridden and extended by
each project file in turn. No Sphinx here, so that the command line starts fast.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from .extensions import apply
from .glossary import Glossary
from .parsing import ParsedFile, parse_file
from .terms import (
    PACKAGED_LAYER,
    Category,
    Change,
    Problem,
    Rejected,
    Term,
    did_you_mean,
    free_id,
    normalize,
    slugify,
)

PACKAGED_FILE = "msp-glossary.toml"
#: Beside this module, as the static files are (importlib.resources costs more to import).
PACKAGED_PATH = Path(__file__).parent / "data" / PACKAGED_FILE


@functools.cache
def packaged_file() -> ParsedFile:
    """The glossary that ships in the package (read once per process: it never changes)."""
    parsed = parse_file(PACKAGED_PATH.read_text("utf-8"), PACKAGED_LAYER)
    declared = {category.name for category in parsed.categories}
    undeclared = [term.name for term in parsed.terms if term.category and term.category not in declared]
    if parsed.problems or undeclared:  # a packaging bug, caught by the test suite
        raise RuntimeError(f"packaged glossary is invalid: {parsed.problems} {undeclared}")
    return parsed


def packaged_terms() -> tuple[Term, ...]:
    return tuple(packaged_file().terms)


class Layer(NamedTuple):
    """One project glossary file: where it is, its text, and a label for messages."""

    label: str
    text: str | None  # None: the file could not be read


def read_layers(confdir: str | Path, files: Sequence[str]) -> list[Layer]:
    layers = []
    for name in files:
        path = Path(confdir, name)
        try:
            layers.append(Layer(str(path), path.read_text("utf-8")))
        except (OSError, UnicodeDecodeError):
            layers.append(Layer(str(path), None))
    return layers


def merge_layers(
    layers: Sequence[Layer], exclude: Sequence[str] = (), *, packaged: bool = True
) -> Glossary:
    """Packaged terms, minus ``exclude``, overridden and extended by each layer in turn.

    A term of a later layer replaces an earlier term with the same name, with the id its
    file sets (``id =``), or with its slug when it lists the earlier name in ``aliases``. Any
    other term whose name only slugs like an earlier term's id is another term: it gets the
    first free id of ``<slug>-2``, ``<slug>-3``... (docs/own-terms.rst).
    """
    problems: list[Problem] = []
    merged: dict[str, Term] = {}
    by_key: dict[str, str] = {}  # normalized name or id -> term id in merged
    replaced: dict[str, str] = {}  # term id -> layer of the term it replaced
    excluded_keys: dict[str, str] = {}  # normalized name, id or alias -> the excluded term's name
    rejected: dict[str, Rejected] = {}
    changes: dict[str, list[Change]] = {}  # term id -> the extends tables that changed it
    category_from: dict[str, tuple[str, int]] = {}  # term id -> where an extends table set its category
    categories: dict[str, Category] = {}

    def add(term: Term) -> None:
        same_name, same_id = by_key.get(normalize(term.name)), by_key.get(term.id)
        if (same_id is not None and same_id != same_name and not term.explicit_id
                and normalize(merged[same_id].name) not in map(normalize, term.aliases)):
            # a name that only slugs like another term's id: both kept, the later renumbered
            base = slugify(term.name) or term.id  # its slug, even if its file numbered it already
            term = term._replace(id=free_id(base, by_key.keys() | merged.keys()))
            same_id = None
        # the term with the same name and the one with the same id, if they differ, both go
        for previous in dict.fromkeys(filter(None, (same_name, same_id))):
            old = merged.pop(previous)
            by_key.pop(normalize(old.name), None)
            by_key.pop(old.id, None)
            replaced[term.id] = old.layer
            if normalize(old.name) not in {normalize(term.name), *map(normalize, term.aliases)}:
                # replaced for its id alone (two names that slug alike): say so, where it happens
                same = "has the same id" if old.id == term.id else "has a name equal to its id"
                problems.append(
                    Problem(
                        "data",
                        f"term {term.name!r} replaces term {old.name!r} ({old.origin}), which {same} "
                        f"{term.id!r}; {old.name!r} names no term any more: add it to 'aliases' to keep "
                        "the name, or set another 'id' to keep both terms",
                        term.layer,
                        term.line_of("id" if old.id == term.id and "id" in dict(term.field_lines) else "name"),
                    )
                )
        merged[term.id] = term
        by_key[normalize(term.name)] = term.id
        by_key[term.id] = term.id

    if packaged:
        categories.update((c.name, c) for c in packaged_file().categories)
        excluded = {normalize(name) for name in exclude}
        matched: set[str] = set()
        for term in packaged_terms():
            keys = {normalize(term.name), term.id, *map(normalize, term.aliases)}
            hit = keys & excluded
            if hit:
                matched |= hit
                excluded_keys.update(dict.fromkeys(keys, term.name))
                continue
            add(term)
        for name in exclude:
            if normalize(name) not in matched:
                names = [term.name for term in packaged_terms()]
                close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
                problems.append(
                    Problem("config", f"msp_glossary_exclude names {name!r}, which is not a packaged term"
                            f"{did_you_mean(close)}", "msp_glossary_exclude", in_conf=True)
                )

    for layer in layers:
        if layer.text is None:
            problems.append(
                Problem("data", f"glossary file {layer.label} not found or not readable",
                        "msp_glossary_files", in_conf=True)
            )
            continue
        parsed = parse_file(layer.text, layer.label)
        problems.extend(parsed.problems)
        for reject in parsed.rejected:
            for name in (reject.name, *reject.aliases):
                rejected[normalize(name)] = reject
        for category in parsed.categories:
            categories.setdefault(category.name, category)
        for term in parsed.terms:
            add(term)
        for extension in parsed.extensions:
            term_id = by_key.get(normalize(extension.target)) or by_key.get(extension.target)
            if term_id is None:
                close = difflib.get_close_matches(extension.target, [t.name for t in merged.values()], n=1)
                problems.append(Problem("data", f"field 'extends': {extension.target!r} is no earlier term"
                                        f"{did_you_mean(close)}; the table is ignored", extension.source,
                                        extension.line_of("extends")))
                continue
            merged[term_id], found, change = apply(extension, merged[term_id])
            problems.extend(found)
            changes.setdefault(term_id, []).append(change)
            if "category" in extension.values:
                category_from[term_id] = (extension.source, extension.line_of("category"))
    for term_id, term in list(merged.items()):
        if term.category and term.category not in categories:
            close = difflib.get_close_matches(term.category, list(categories), n=3, cutoff=0.6)
            source, line = category_from.get(term_id, (term.layer, term.line_of("category")))
            problems.append(
                Problem("data", f"term {term.name!r}: field 'category': {term.category!r} is no declared "
                        f"category{did_you_mean(close)}; the term is shown without one", source, line)
            )
            merged[term_id] = term._replace(category="")
    glossary = Glossary(merged.values(), problems)
    glossary.categories = categories
    glossary.overrides = replaced
    glossary.excluded_keys = excluded_keys
    glossary.rejected = rejected
    glossary.changes = changes
    return glossary
