"""The term model and lookup: terms, categories, problems, and the Glossary of one build.

No Sphinx here: the command line imports this module too, and starts fast.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
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
    deprecated: bool = False  # data field ``deprecated``: true, or a sentence saying why
    deprecated_reason: str = ""  # that sentence
    replaced_by: str = ""  # the name of the term to use instead (implies ``deprecated``)

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
                  self.category)
        if self.deprecated:
            fields += (self.deprecated_reason, self.replaced_by)
        return hashlib.sha1(repr(fields).encode("utf-8")).hexdigest()[:16]


class Category(NamedTuple):
    """A category a glossary file declares (``[[category]]``); terms name one in ``category``."""

    name: str
    description: str = ""
    layer: str = PACKAGED_LAYER
    lineno: int = 0


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
        self.excluded_keys: set[str] = set()
        self.categories: dict[str, Category] = {}  # name -> declaration, in declaration order
        self._keys: dict[str, str] = {}
        self._expansions: dict[str, str] = {}
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
        for term in self.terms.values():
            for alias in term.aliases:
                key = normalize(alias)
                owner = self._keys.get(key)
                if owner is not None and owner != term.id:
                    self._clash(term, "aliases", alias, self.terms[owner], kinds[key])
                    continue
                self._keys[key] = term.id
                kinds.setdefault(key, "alias")
            if term.expansion:
                self._expansions.setdefault(normalize(term.expansion), term.id)

    def _clash(self, term: Term, field: str, value: str, owner: Term, owner_kind: str) -> None:
        """``term``'s ``field`` value is already ``owner``'s; ``term`` loses it. The problem
        is located at the project's term, since the packaged glossary has no clashes."""
        where = owner if term.layer == PACKAGED_LAYER and owner.layer != PACKAGED_LAYER else term
        self.problems.append(
            Problem(
                "data",
                f"term {term.name!r}: field {field!r}: {value!r} is already the {owner_kind} of term "
                f"{owner.name!r} (from {owner.layer}); it is ignored for {term.name!r}",
                where.layer,
                where.lineno or None,
            )
        )

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

    def tooltip(self, term: Term) -> str:
        """A term's summary, the title of every reference to it: computed once per term."""
        text = self._tooltips.get(term.id)
        if text is None:
            text = self._tooltips[term.id] = term.summary
        return text

    def unknown_message(self, name: str) -> str:
        return f"unknown term {name!r}{did_you_mean(self.suggest(name))}"

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """Up to ``limit`` term names close to ``name``, best first."""
        key = normalize(name)
        candidates = list(self._keys) + list(self._expansions)
        found: list[str] = []
        for match in difflib.get_close_matches(key, candidates, n=limit * 4, cutoff=0.6):
            term_id = self._keys.get(match) or self._expansions[match]
            term_name = self.terms[term_id].name
            if term_name not in found:
                found.append(term_name)
            if len(found) == limit:
                break
        return found

    def unresolved_related(self) -> list[tuple[Term, str]]:
        """(term, name) for each related name that no term answers to. A name of a term the
        project excluded on purpose (``msp_glossary_exclude``) is shown as text, not reported."""
        return [
            (term, name)
            for term in self.terms.values()
            for name in term.related
            if self.lookup(name) is None and normalize(name) not in self.excluded_keys
        ]

    def replacement(self, term: Term) -> Term | None:
        """The term ``replaced_by`` names, if it names one."""
        return self.lookup(term.replaced_by) if term.replaced_by else None

    def deprecation_message(self, term: Term) -> str:
        """``term 'Gold Plan' is deprecated: use 'Per-Seat Pricing' (Sold until 2024.)``"""
        message = f"term {term.name!r} is deprecated"
        if term.replaced_by:
            replacement = self.replacement(term)
            message += f": use {(replacement.name if replacement else term.replaced_by)!r}"
        return message + (f" ({term.deprecated_reason})" if term.deprecated_reason else "")

    def unresolved_replacements(self) -> list[Term]:
        """Terms whose ``replaced_by`` names no term (an excluded term's name is shown as text)."""
        return [
            term for term in self.terms.values()
            if term.replaced_by and self.replacement(term) is None
            and normalize(term.replaced_by) not in self.excluded_keys
        ]

    def related_problems(self) -> list[Problem]:
        """A located problem, with suggestions, for each related or ``replaced_by`` name that
        resolves to nothing."""
        replacements = [
            Problem(
                "related",
                f"term {term.name!r}: replaced_by name {term.replaced_by!r} is no term"
                f"{did_you_mean([s for s in self.suggest(term.replaced_by) if s != term.name])}",
                term.layer,
                term.lineno or None,
            )
            for term in self.unresolved_replacements()
        ]
        return replacements + [
            Problem(
                "related",
                f"term {term.name!r}: related name {name!r} is no term{did_you_mean(self.suggest(name))}",
                term.layer,
                term.lineno or None,
            )
            for term, name in self.unresolved_related()
        ]
