"""The glossary: terms, their layers (packaged data and project files), and lookup."""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

PACKAGED_LAYER = "packaged"
PACKAGED_FILE = "msp-glossary.toml"
#: Beside this module, as the static files are (importlib.resources costs more to import).
PACKAGED_PATH = Path(__file__).parent / "data" / PACKAGED_FILE

#: Keys a ``[[term]]`` table may hold, with the type each must have.
FIELD_TYPES: dict[str, type] = {
    "name": str,
    "id": str,
    "expansion": str,
    "definition": str,
    "why": str,
    "related": list,
    "aliases": list,
    "category": str,
}
#: Keys a ``[[category]]`` table may hold.
CATEGORY_FIELDS: dict[str, type] = {"name": str, "description": str}
REQUIRED_FIELDS = ("name", "definition")


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
        import hashlib  # here, not at import: it loads OpenSSL (see docs/performance.rst)

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

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """Up to ``limit`` term names close to ``name``, best first."""
        key = normalize(name)
        candidates = list(self._keys) + list(self._expansions)
        found: list[str] = []
        import difflib

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

    def related_problems(self) -> list[Problem]:
        """A located problem, with suggestions, for each related name that resolves to nothing."""
        return [
            Problem(
                "related",
                f"term {term.name!r}: related name {name!r} is no term{did_you_mean(self.suggest(name))}",
                term.layer,
                term.lineno or None,
            )
            for term, name in self.unresolved_related()
        ]


# -- loading -----------------------------------------------------------------

_TERM_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*term[ \t]*\]\]", re.MULTILINE)
_DECODE_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_DEEP_NESTING = re.compile(r"(?:[\[{][ \t\r\n]*){32}")


def _table_lines(text: str, header: re.Pattern = _TERM_HEADER) -> list[int]:
    """Line number of each ``[[term]]`` header, in order (counted on from the last one: a
    count from the start of the file for each header would take time quadratic in its size)."""
    lines, line, counted = [], 1, 0
    for match in header.finditer(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        lines.append(line)
    return lines


def _field_line(text: str, start_line: int, key: str) -> int:
    """Line of ``key =`` in the table that starts at ``start_line`` (the header's if absent)."""
    lines = _toml_lines(text)
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for index in range(start_line, len(lines)):  # the table's own lines, not the whole file
        if _TERM_HEADER.match(lines[index]) or _CATEGORY_HEADER.match(lines[index]):
            break
        if pattern.match(lines[index]):
            return index + 1
    return start_line


@functools.lru_cache(maxsize=2)
def _toml_lines(text: str) -> list[str]:
    """The lines of a TOML file: split at newlines only (str.splitlines() also splits at
    characters such as U+0085 or U+2028 inside strings), once per file, not per problem."""
    return text.split("\n")


class ParsedFile(NamedTuple):
    """What one glossary file holds: its valid terms and categories, and its problems."""

    terms: list[Term]
    categories: list[Category]
    problems: list[Problem]


_CATEGORY_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*category[ \t]*\]\]", re.MULTILINE)


def parse_file(text: str, source: str) -> ParsedFile:
    """Parse one glossary file. Every valid term and category is kept; every problem is located."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        match = _DECODE_POSITION.search(str(err))
        line, column = (int(match[1]), int(match[2])) if match else (None, None)
        message = _DECODE_POSITION.sub("", str(err)).strip()
        where = f" (column {column})" if column else ""
        return ParsedFile([], [], [Problem("data", f"TOML syntax error: {message}{where}", source, line)])
    except RecursionError:  # tomllib recurses once per level of nested arrays or tables
        deep = _DEEP_NESTING.search(text)
        line = text.count("\n", 0, deep.start()) + 1 if deep else 1
        return ParsedFile([], [], [Problem("data", "TOML nesting too deep (arrays or inline tables)", source, line)])

    problems: list[Problem] = []
    for key in data:
        if key not in ("term", "category"):
            problems.append(
                Problem("data", f"unknown top-level key {key!r} (expected [[term]] or [[category]] tables)",
                        source, 1)
            )
    categories = _parse_categories(data.get("category", []), text, source, problems)
    tables = data.get("term", [])
    if not isinstance(tables, list):
        problems.append(Problem("data", "'term' must be an array of tables ([[term]])", source, 1))
        return ParsedFile([], categories, problems)

    header_lines = _table_lines(text)
    terms: list[Term] = []
    seen: dict[str, str] = {}
    for index, table in enumerate(tables):
        lineno = header_lines[index] if index < len(header_lines) else 1
        term, term_problems = _parse_table(table, index, text, lineno, source)
        problems.extend(term_problems)
        if term is None:
            continue
        clash = seen.get(normalize(term.name)) or seen.get(term.id)
        if clash:
            problems.append(
                Problem(
                    "data",
                    f"term {term.name!r}: field 'name': the file already has a term "
                    f"{clash!r} with this name or id; the later one is ignored",
                    source,
                    lineno,
                )
            )
            continue
        seen[normalize(term.name)] = term.name
        seen[term.id] = term.name
        terms.append(term)
    return ParsedFile(terms, categories, problems)


def _parse_categories(tables: object, text: str, source: str, problems: list[Problem]) -> list[Category]:
    if not isinstance(tables, list):
        problems.append(Problem("data", "'category' must be an array of tables ([[category]])", source, 1))
        return []
    header_lines = _table_lines(text, _CATEGORY_HEADER)
    categories: list[Category] = []
    seen: set[str] = set()
    for index, table in enumerate(tables):
        lineno = header_lines[index] if index < len(header_lines) else 1
        if not isinstance(table, dict):
            problems.append(Problem("data", f"category #{index + 1} is not a table", source, lineno))
            continue
        valid = True
        for key, value in table.items():
            if key not in CATEGORY_FIELDS:
                problems.append(Problem("data", f"category #{index + 1}: unknown key {key!r} (allowed: "
                                        f"{', '.join(CATEGORY_FIELDS)})", source, lineno))
            elif not isinstance(value, str) or (key == "name" and not value.strip()):
                problems.append(Problem("data", f"category #{index + 1}: field {key!r} must be a non-empty "
                                        f"string", source, lineno))
                valid = valid and key != "name"
        if "name" not in table:
            problems.append(Problem("data", f"category #{index + 1}: field 'name' is required", source, lineno))
            valid = False
        if not valid:
            continue
        name = one_line(table["name"])
        if normalize(name) in seen:
            problems.append(Problem("data", f"category {name!r} is declared twice in this file", source, lineno))
            continue
        seen.add(normalize(name))
        description = table.get("description")
        categories.append(Category(name, description.strip() if isinstance(description, str) else "",
                                   source, lineno))
    return categories


def _parse_table(
    table: object, index: int, text: str, lineno: int, source: str
) -> tuple[Term | None, list[Problem]]:
    if not isinstance(table, dict):
        return None, [Problem("data", f"term #{index + 1} is not a table", source, lineno)]
    raw_name = table.get("name")
    label = f"term {raw_name!r}" if isinstance(raw_name, str) and raw_name.strip() else f"term #{index + 1}"
    problems: list[Problem] = []

    def problem(field: str, message: str) -> None:
        problems.append(
            Problem("data", f"{label}: field {field!r}: {message}", source, _field_line(text, lineno, field))
        )

    values: dict[str, object] = {}
    for key, value in table.items():
        expected = FIELD_TYPES.get(key)
        if expected is None:
            problem(key, f"unknown key (allowed: {', '.join(FIELD_TYPES)})")
            continue
        if not isinstance(value, expected):
            problem(key, f"must be a {'list of strings' if expected is list else 'string'}, "
                         f"not {type(value).__name__}")
            continue
        if expected is list:
            bad = [item for item in value if not isinstance(item, str) or not item.strip()]
            if bad:
                problem(key, "every entry must be a non-empty string")
                value = [item for item in value if isinstance(item, str) and item.strip()]
        values[key] = value

    for field in REQUIRED_FIELDS:
        if field not in table:
            problem(field, "is required")
        elif field in values and not str(values[field]).strip():
            problem(field, "must not be empty")
            values.pop(field)
    if "name" not in values or "definition" not in values:
        return None, problems

    name = one_line(str(values["name"]))
    term_id = str(values.get("id", "")).strip()
    if "id" in values and (not term_id or re.search(r"\s", term_id)):
        problem("id", "must be non-empty and contain no whitespace; the slug of the name is used")
        term_id = ""
    if not term_id:
        import hashlib

        term_id = slugify(name) or "term-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    term = Term(
        id=term_id,
        name=name,
        expansion=one_line(str(values.get("expansion", ""))),
        definition=str(values["definition"]).strip(),
        why=str(values.get("why", "")).strip(),
        related=tuple(map(one_line, values.get("related", ()))),  # type: ignore[arg-type]
        aliases=tuple(map(one_line, values.get("aliases", ()))),  # type: ignore[arg-type]
        layer=source,
        lineno=lineno,
        category=one_line(str(values.get("category", ""))),
    )
    for field, value in (("name", term.name), *(("aliases", alias) for alias in term.aliases)):
        if not inventory_safe(value):
            problem(field, ("it" if field == "name" else repr(value)) + " is left out of objects.inv, "
                    "where a word followed by a number would read as the end of the name")
    return term, problems


def one_line(text: str) -> str:
    """A name, alias or expansion as one line: every run of whitespace one space."""
    return " ".join(text.split())


_INVENTORY_LINE = re.compile(r"(.+?)\s+(\S+)\s+(-?\d+)\s+?(\S*)\s+(.*)")  # as Sphinx reads objects.inv


def inventory_safe(name: str) -> bool:
    """Whether ``name`` reads back as itself from a line of objects.inv (version 2)."""
    match = _INVENTORY_LINE.match(f"{name} msp:term 1 page.html#anchor -")
    return match is not None and match[1] == name


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

    A term of a later layer replaces an earlier term with the same name or id.
    """
    problems: list[Problem] = []
    merged: dict[str, Term] = {}
    by_key: dict[str, str] = {}  # normalized name or id -> term id in merged
    replaced: dict[str, str] = {}  # term id -> layer of the term it replaced
    excluded_keys: set[str] = set()
    categories: dict[str, Category] = {}
    texts: dict[str, str] = {}  # layer -> its text, to locate problems found after parsing

    def add(term: Term) -> None:
        # the term with the same name and the one with the same id, if they differ, both go
        for previous in dict.fromkeys(filter(None, (by_key.get(normalize(term.name)), by_key.get(term.id)))):
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
                        f"term {term.name!r} replaces term {old.name!r} (from {old.layer}), which {same} "
                        f"{term.id!r}; {old.name!r} names no term any more: add it to 'aliases' to keep "
                        "the name, or set another 'id' to keep both terms",
                        term.layer,
                        term.lineno or None,
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
                excluded_keys.update(keys)
                continue
            add(term)
        for name in exclude:
            if normalize(name) not in matched:
                problems.append(
                    Problem("config", f"msp_glossary_exclude names {name!r}, which is not a packaged term",
                            "msp_glossary_exclude", in_conf=True)
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
        texts[layer.label] = layer.text
        for category in parsed.categories:
            categories.setdefault(category.name, category)
        for term in parsed.terms:
            add(term)
    for term_id, term in list(merged.items()):
        if term.category and term.category not in categories:
            import difflib

            close = difflib.get_close_matches(term.category, list(categories), n=3, cutoff=0.6)
            line = _field_line(texts[term.layer], term.lineno, "category") if term.layer in texts else term.lineno
            problems.append(
                Problem("data", f"term {term.name!r}: field 'category': {term.category!r} is no declared "
                        f"category{did_you_mean(close)}; the term is shown without one", term.layer, line)
            )
            merged[term_id] = term._replace(category="")
    glossary = Glossary(merged.values(), problems)
    glossary.categories = categories
    glossary.overrides = replaced
    glossary.excluded_keys = excluded_keys
    return glossary
