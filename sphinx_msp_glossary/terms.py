"""The term model and lookup: terms, categories, problems, and the Glossary of one build.

No Sphinx here: the command line imports this module too, and starts fast.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from collections.abc import Container, Iterable, Sequence
from typing import NamedTuple

#: The label of the packaged glossary's terms, where a project file's path stands for theirs.
PACKAGED_LAYER = "packaged"


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

    def line_of(self, field: str) -> int | None:
        """The line of ``field`` in the term's file; the ``[[term]]`` line if it is not there."""
        return dict(self.field_lines).get(field) or self.lineno or None

    @property
    def origin(self) -> str:
        """Where the term is defined, for messages that name it: ``file:line``."""
        if self.layer == PACKAGED_LAYER:
            return f"the packaged glossary, line {self.lineno}"
        return f"{self.layer}:{self.lineno}"
    explicit_id: bool = False  # its file sets ``id``: an override by id, never renumbered

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
        return hashlib.sha1(repr(fields).encode("utf-8")).hexdigest()[:16]


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


class Glossary:
    """Terms by id, and a case-insensitive index of names, ids, aliases and expansions."""

    def __init__(self, terms: Iterable[Term], problems: Sequence[Problem] = ()) -> None:
        self.terms: dict[str, Term] = {}
        self.problems: list[Problem] = list(problems)
        self.overrides: dict[str, str] = {}
        self.changes: dict[str, list[Change]] = {}  # term id -> the extends tables that changed it
        self.excluded_keys: dict[str, str] = {}  # normalized name, id or alias -> excluded term's name
        self.rejected: dict[str, Rejected] = {}  # normalized name or alias -> why it did not load
        #: Where a setting is set, for messages about it (``conf.py:4``, ``--exclude``).
        self.setting_locations: dict[str, str] = {}
        self.categories: dict[str, Category] = {}  # name -> declaration, in declaration order
        self._keys: dict[str, str] = {}
        self._expansions: dict[str, str] = {}
        self._spellings: dict[str, str] = {}  # key -> the name, alias or expansion as written
        self._found: dict[str, Term | None] = {}  # lookup() by name as written
        self._tooltips: dict[str, str] = {}  # term id -> summary
        for term in terms:
            self.terms[term.id] = term
        self._index()

    def _index(self) -> None:
        """Names and ids first, then aliases: a name always answers to its own term."""
        kinds: dict[str, str] = {}
        for term in self.terms.values():
            for field, key in (("name", term.name), ("id", term.id)):
                key = normalize(key)
                owner = self._keys.get(key)
                if owner is not None and owner != term.id:
                    self._clash(term, field, key, self.terms[owner], kinds[key])
                    continue
                self._keys[key] = term.id
                kinds.setdefault(key, field)
                self._spellings.setdefault(key, term.name)
        for term in self.terms.values():
            for alias in term.aliases:
                key = normalize(alias)
                owner = self._keys.get(key)
                if owner is not None and owner != term.id:
                    self._clash(term, "aliases", alias, self.terms[owner], kinds[key])
                    continue
                self._keys[key] = term.id
                kinds.setdefault(key, "alias")
                self._spellings.setdefault(key, alias)
            if term.expansion:
                key = normalize(term.expansion)
                self._expansions.setdefault(key, term.id)
                self._spellings.setdefault(key, term.expansion)

    def _clash(self, term: Term, field: str, value: str, owner: Term, owner_kind: str) -> None:
        """``term``'s ``field`` value is already ``owner``'s; ``term`` loses it. The problem is
        located at the term that causes it, the later of the two, and names the other one."""
        order = list(self.terms)
        if order.index(owner.id) < order.index(term.id):  # the loser came later: its own field
            message = (f"term {term.name!r}: field {field!r}: {value!r} is already the {owner_kind} of term "
                       f"{owner.name!r} ({owner.origin}); it is ignored for {term.name!r}")
            where, line = term, term.line_of(field)
        else:  # the later term's name or id takes the value from an earlier term's alias
            owner_field = {"alias": "aliases"}.get(owner_kind, owner_kind)
            message = (f"term {owner.name!r}: field {owner_field!r}: {value!r} is also the "
                       f"{'alias' if field == 'aliases' else field} of term {term.name!r} ({term.origin}); "
                       f"it names {owner.name!r}, not {term.name!r}")
            where, line = owner, owner.line_of(owner_field)
        self.problems.append(Problem("data", message, where.layer, line))

    def __len__(self) -> int:
        return len(self.terms)

    def __iter__(self):
        return iter(self.terms.values())

    def sorted_terms(self) -> list[Term]:
        return sorted(self.terms.values(), key=lambda t: (normalize(t.name), t.id))

    def lookup(self, name: str) -> Term | None:
        """The term a reader's name stands for: name, id, alias, expansion, or a plural of one."""
        try:  # a project writes the same few names thousands of times
            return self._found[name]
        except KeyError:
            if len(self._found) > 100_000:
                self._found.clear()
            term = self._found[name] = self._lookup(name)
            return term

    def _lookup(self, name: str) -> Term | None:
        key = normalize(name)
        if not key:
            return None
        term_id = self._keys.get(key) or self._expansions.get(key)
        if term_id is None:
            for stem in plural_stems(key):
                term_id = self._keys.get(stem) or self._expansions.get(stem)
                if term_id:
                    break
        return self.terms.get(term_id) if term_id else None

    def tooltip(self, term: Term, written: str = "") -> str:
        """The title of a reference to ``term`` written as ``written``: the alias's own gloss,
        if it has one, else the term's summary (computed once per term)."""
        if written and term.alias_glosses:
            gloss = dict((normalize(alias), gloss) for alias, gloss in term.alias_glosses).get(normalize(written))
            if gloss:
                return shorten(gloss)
        text = self._tooltips.get(term.id)
        if text is None:
            text = self._tooltips[term.id] = term.summary
        return text

    def unknown_cause(self, name: str) -> str | None:
        """Why ``name`` is no term, when the glossary knows: its data was rejected, its file did
        not load, or it was excluded. None for a name no glossary file defines."""
        key = normalize(name)
        for candidate in (key, *plural_stems(key)):
            rejected = self.rejected.get(candidate)
            if rejected is not None:
                return rejected.message(name)
            excluded = self.excluded_keys.get(candidate)
            if excluded is not None:
                where = self.setting_locations.get("msp_glossary_exclude", "msp_glossary_exclude")
                subject = f"term {excluded!r}" if candidate == normalize(excluded) else \
                    f"{name!r} names term {excluded!r}, which"
                return f"{subject} was excluded by msp_glossary_exclude ({where})"
        return None

    def unknown_message(self, name: str) -> str:
        return self.unknown_cause(name) or f"unknown term {name!r}{did_you_mean(self.suggest(name))}"

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """Up to ``limit`` names, aliases or expansions close to ``name``, best first, one per
        term, each spelled as the glossary writes it (the alias the user was closest to)."""
        key = normalize(name)
        candidates = list(self._keys) + list(self._expansions)
        found: dict[str, str] = {}  # term id -> spelling
        for match in difflib.get_close_matches(key, candidates, n=limit * 4, cutoff=0.6):
            term_id = self._keys.get(match) or self._expansions[match]
            found.setdefault(term_id, self._spellings.get(match, self.terms[term_id].name))
            if len(found) == limit:
                break
        return list(found.values())

    def unresolved_related(self) -> list[tuple[Term, str]]:
        """(term, name) for each related name that no term answers to. A name of a term the
        project excluded on purpose (``msp_glossary_exclude``) is shown as text, not reported."""
        return [
            (term, name)
            for term in self.terms.values()
            for name in term.related
            if self.lookup(name) is None and normalize(name) not in self.excluded_keys
        ]

    def related_problems(self) -> list[Problem]:
        """A problem at the ``related`` line, naming the cause or with suggestions, for each
        related name that resolves to nothing."""
        return [
            Problem(
                "related",
                f"term {term.name!r}: related name {name!r}"
                + (f": {cause}" if (cause := self.unknown_cause(name))
                   else f" is no term{did_you_mean(self.suggest(name))}"),
                term.layer,
                term.line_of("related"),
            )
            for term, name in self.unresolved_related()
        ]
