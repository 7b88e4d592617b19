"""The Glossary of one build: terms by id, lookup by name, id, alias, expansion or plural,
suggestions, the causes of names that name nothing, tooltips. No Sphinx here."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from .terms import (
    Category,
    Change,
    Problem,
    Rejected,
    Term,
    did_you_mean,
    normalize,
    plural_stems,
    shorten,
)


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
                term.line_of("replaced_by"),
            )
            for term in self.unresolved_replacements()
        ]
        return replacements + [
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
