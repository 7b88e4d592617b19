"""The term model: terms, categories, problems, and the text rules names follow (lookup keys,
ids, tooltips). The Glossary that looks terms up is in glossary.py.

No Sphinx here: the command line imports this module too, and starts fast.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Container, Iterable, Sequence
from typing import NamedTuple

#: The label of the packaged glossary's terms, where a project file's path stands for theirs.
PACKAGED_LAYER = "packaged"



def digest(value: object) -> str:
    """A short hash of ``value``'s repr, stable across processes: the states that incremental
    builds keep to compare with the next build's."""
    return hashlib.sha1(repr(value).encode("utf-8")).hexdigest()[:16]

class Term(NamedTuple):
    """One glossary term. Immutable and picklable, so it can live in the environment."""

    id: str
    name: str
    expansion: str
    definition: str
    why: str
    related: tuple[str, ...]
    aliases: tuple[str, ...]
    layer: str = PACKAGED_LAYER
    lineno: int = 0
    category: str = ""
    field_lines: tuple[tuple[str, int], ...] = ()  # (key, line of ``key =``) in its file
    alias_glosses: tuple[tuple[str, str], ...] = ()  # (alias, its own short gloss: its tooltip)
    explicit_id: bool = False  # its file sets ``id``: an override by id, never renumbered
    deprecated: bool = False  # data field ``deprecated``: true, or a sentence saying why
    deprecated_reason: str = ""  # that sentence
    replaced_by: str = ""  # the name of the term to use instead (implies ``deprecated``)

    def line_of(self, field: str) -> int | None:
        """The line of ``field`` in the term's file; the ``[[term]]`` line if it is not there."""
        return dict(self.field_lines).get(field) or self.lineno or None

    @property
    def origin(self) -> str:
        """Where the term is defined, for messages that name it: ``file:line``."""
        if self.layer == PACKAGED_LAYER:
            return f"the packaged glossary, line {self.lineno}"
        return f"{self.layer}:{self.lineno}"

    @property
    def summary(self) -> str:
        """Expansion and the first sentence of the definition: the tooltip text."""
        first = first_sentence(self.definition)
        expansion = self.expansion.casefold()
        if expansion and expansion != self.name.casefold() and not first.casefold().startswith(expansion):
            first = f"{self.expansion[:SUMMARY_LIMIT]}: {first}"
        return shorten(first)

    @property
    def fingerprint(self) -> str:
        """What the rendered pages depend on; stable across processes."""
        fields = (self.name, self.expansion, self.definition, self.why, self.related, self.aliases,
                  self.category) + ((self.alias_glosses,) if self.alias_glosses else ())
        if self.deprecated:
            fields += (self.deprecated_reason, self.replaced_by)
        return digest(fields)


class Category(NamedTuple):
    """A category a glossary file declares (``[[category]]``); terms name one in ``category``."""

    name: str
    description: str = ""
    layer: str = PACKAGED_LAYER
    lineno: int = 0


class Rejected(NamedTuple):
    """A name a glossary file defines but that did not load, and why: a reference to it
    names this cause rather than "unknown term"."""

    name: str
    source: str  # the file
    lineno: int | None
    reason: str
    aliases: tuple[str, ...] = ()

    def message(self, written: str) -> str:
        where = f"{self.source}:{self.lineno or 1}"
        if normalize(written) == normalize(self.name):
            return f"term {self.name!r} was not loaded: {where}: {self.reason}"
        return f"{written!r} names term {self.name!r}, which was not loaded: {where}: {self.reason}"


class Change(NamedTuple):
    """An ``extends`` table's change to an earlier term, for the report."""

    source: str
    lineno: int
    fields: tuple[str, ...]  # the fields it set
    dropped: tuple[str, ...]  # the aliases it removed


class Problem(NamedTuple):
    """Something wrong with glossary data, located in its file."""

    subtype: str
    message: str
    source: str  # the file; for a problem with a setting, the setting's name
    lineno: int | None = None
    in_conf: bool = False  # located at the conf.py line that sets ``source``


def normalize(text: str) -> str:
    """The lookup key of a name: case-folded, NFKC, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def slugify(name: str) -> str:
    """The id of a term: lower case, every run of other characters one '-'.

    Letters and digits of any script are kept, so that non-ASCII names get
    readable ids; the result is a valid HTML id (no whitespace).
    """
    text = unicodedata.normalize("NFKC", name).casefold()
    slug = re.sub(r"[\W_]+", "-", text).strip("-")
    return slug


def free_id(base: str, taken: Container[str]) -> str:
    """The id of a term whose name slugs like an earlier term's: ``base-2``, ``base-3``...,
    the first not ``taken`` (docs/own-terms.rst)."""
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


#: The longest tooltip, in characters: every reference to a term carries it, so a huge
#: definition must not make every page that references it huge too.
SUMMARY_LIMIT = 500


def first_sentence(text: str) -> str:
    """The first sentence of a definition, for tooltips (looked for in its first
    ``SUMMARY_LIMIT`` characters: a longer one is shortened anyway)."""
    match = re.search(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(])", text[: SUMMARY_LIMIT + 1])
    return text[: match.start()] if match else text


def shorten(text: str, limit: int = SUMMARY_LIMIT) -> str:
    """``text``, or its first ``limit`` characters or fewer, cut at a space, and "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip() + "…"


def did_you_mean(suggestions: Sequence[str]) -> str:
    if not suggestions:
        return ""
    return " (did you mean " + ", ".join(repr(s) for s in suggestions) + "?)"


def plural_stems(key: str) -> Iterable[str]:
    """Singular forms to try for a key that did not match: 'slas' -> 'sla'."""
    if key.endswith("ies") and len(key) > 3:
        yield key[:-3] + "y"
    if key.endswith("es") and len(key) > 2:
        yield key[:-2]
    if key.endswith("s") and len(key) > 1:
        yield key[:-1]


def one_line(text: str) -> str:
    """A name, alias or expansion as one line: every run of whitespace one space."""
    return " ".join(text.split())


_INVENTORY_LINE = re.compile(r"(.+?)\s+(\S+)\s+(-?\d+)\s+?(\S*)\s+(.*)")  # as Sphinx reads objects.inv


def inventory_safe(name: str) -> bool:
    """Whether ``name`` reads back as itself from a line of objects.inv (version 2)."""
    match = _INVENTORY_LINE.match(f"{name} msp:term 1 page.html#anchor -")
    return match is not None and match[1] == name
