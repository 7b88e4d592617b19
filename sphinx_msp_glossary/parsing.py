"""One glossary file: TOML parsed into terms and categories, every problem located at its line.

No Sphinx here, so that the command line starts fast.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import tomllib
from typing import NamedTuple

from .extensions import EXTENSION_ONLY, Extension, extension_from, glosses
from .toml_lines import CATEGORY_HEADER, field_lines, table_lines
from .terms import (
    Category,
    Problem,
    Rejected,
    Term,
    free_id,
    inventory_safe,
    normalize,
    one_line,
    slugify,
)

#: Keys a ``[[term]]`` table may hold, with the type each must have.
FIELD_TYPES: dict[str, type | tuple[type, ...]] = {
    "name": str,
    "id": str,
    "expansion": str,
    "definition": str,
    "why": str,
    "related": list,
    "aliases": list,
    "category": str,
    "alias_glosses": dict,  # alias -> its own short gloss (extensions.py)
    "extends": str,  # change single fields of an earlier term (extensions.py)
    "drop_aliases": list,
    "deprecated": (bool, str),  # true, or a sentence saying why
    "replaced_by": str,
}
#: Keys a ``[[category]]`` table may hold.
CATEGORY_FIELDS: dict[str, type] = {"name": str, "description": str}
REQUIRED_FIELDS = ("name", "definition")


_DECODE_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_DEEP_NESTING = re.compile(r"(?:[\[{][ \t\r\n]*){32}")


class ParsedFile(NamedTuple):
    """What one glossary file holds: its valid terms and categories, its problems, and the
    names of the tables that did not load."""

    terms: list[Term]
    categories: list[Category]
    problems: list[Problem]
    rejected: tuple[Rejected, ...] = ()
    extensions: tuple[Extension, ...] = ()


#: tomllib's reasons, in plain words.
_PLAIN_REASONS = (
    (re.compile(r"Illegal character '\\n'"), "unterminated string: the closing quote is missing"),
    (re.compile(r"Unterminated string"), "unterminated multi-line string: the closing quotes are missing"),
    (re.compile(r"Expected \"'\""), "unterminated string: the closing ' is missing"),
    (re.compile(r"Unclosed array"), "unclosed list: a ']' is missing"),
    (re.compile(r"Unclosed inline table"), "unclosed inline table: a '}' is missing"),
    (re.compile(r"Invalid value"), "a value is missing or not valid TOML (text needs quotes)"),
    (re.compile(r"Cannot overwrite a value|Cannot declare .* twice"), "a key is set twice in one table"),
)
_NAME_LINE = re.compile(r"""^[ \t]*name[ \t]*=[ \t]*["']([^"'\n]+)""", re.MULTILINE)


def _syntax_error(err: tomllib.TOMLDecodeError, text: str, source: str) -> ParsedFile:
    """One problem naming line, column and a plain reason; every name the file seems to
    define (a tolerant scan of its ``name = "..."`` lines) is remembered as rejected."""
    raw = str(err)
    match = _DECODE_POSITION.search(raw)
    if match:
        line, column = int(match[1]), int(match[2])
    else:  # "at end of document"
        lines = text.rstrip("\n").split("\n")
        line, column = len(lines), len(lines[-1]) + 1
    reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", raw).strip()
    reason = next((plain for pattern, plain in _PLAIN_REASONS if pattern.search(reason)), reason)
    message = f"TOML syntax error at line {line}, column {column}: {reason}"
    rejected = tuple(
        Rejected(one_line(found[1]), source, line, f"the file is not valid TOML ({reason})")
        for found in _NAME_LINE.finditer(text) if found[1].strip()
    )
    count = len(rejected)
    message += f"; the file is not loaded ({count} term{'s' if count != 1 else ''})" if count else \
        "; the file is not loaded"
    return ParsedFile([], [], [Problem("data", message, source, line)], rejected)




def parse_file(text: str, source: str) -> ParsedFile:
    """Parse one glossary file. Every valid term and category is kept; every problem is located."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        return _syntax_error(err, text, source)
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

    header_lines = table_lines(text)
    terms: list[Term] = []
    rejected: list[Rejected] = []
    extensions: list[Extension] = []
    seen: dict[str, Term] = {}
    for index, table in enumerate(tables):
        lineno = header_lines[index] if index < len(header_lines) else 1
        term, term_problems = _parse_table(table, index, text, lineno, source, rejected)
        problems.extend(term_problems)
        if isinstance(term, Extension):
            extensions.append(term)
            continue
        if term is None:
            continue
        # the same name, or an id the file sets to another term's: an error. Two names that
        # only slug alike are two terms: the later one gets the next free id (docs/own-terms.rst).
        clash = seen.get(normalize(term.name)) or (seen.get(term.id) if term.explicit_id else None)
        if clash:
            problems.append(
                Problem(
                    "data",
                    f"term {term.name!r}: field 'name': the file already has a term "
                    f"{clash.name!r} with this name or id (line {clash.lineno}); the later one is ignored",
                    source,
                    term.line_of("name"),
                )
            )
            continue
        if term.id in seen:
            term = term._replace(id=free_id(term.id, seen))
        seen[normalize(term.name)] = term
        seen[term.id] = term
        terms.append(term)
    return ParsedFile(terms, categories, problems, tuple(rejected), tuple(extensions))


def _parse_categories(tables: object, text: str, source: str, problems: list[Problem]) -> list[Category]:
    if not isinstance(tables, list):
        problems.append(Problem("data", "'category' must be an array of tables ([[category]])", source, 1))
        return []
    header_lines = table_lines(text, CATEGORY_HEADER)
    categories: list[Category] = []
    seen: set[str] = set()
    for index, table in enumerate(tables):
        lineno = header_lines[index] if index < len(header_lines) else 1
        if not isinstance(table, dict):
            problems.append(Problem("data", f"category #{index + 1} is not a table", source, lineno))
            continue
        valid = True
        lines = dict(field_lines(text, lineno))
        for key, value in table.items():
            if key not in CATEGORY_FIELDS:
                problems.append(Problem("data", f"category #{index + 1}: unknown key {key!r}"
                                        f"{_nearest(key, CATEGORY_FIELDS)}(allowed: "
                                        f"{', '.join(CATEGORY_FIELDS)})", source, lines.get(key, lineno)))
            elif not isinstance(value, str) or (key == "name" and not value.strip()):
                problems.append(Problem("data", f"category #{index + 1}: field {key!r} must be a non-empty "
                                        f"string", source, lines.get(key, lineno)))
                valid = valid and key != "name"
        if "name" not in table:
            problems.append(Problem("data", f"category #{index + 1}: field 'name' is required", source, lineno))
            valid = False
        if not valid:
            continue
        name = one_line(table["name"])
        if normalize(name) in seen:
            problems.append(Problem("data", f"category {name!r} is declared twice in this file", source,
                                    lines.get("name", lineno)))
            continue
        seen.add(normalize(name))
        description = table.get("description")
        categories.append(Category(name, description.strip() if isinstance(description, str) else "",
                                   source, lineno))
    return categories


def _nearest(key: str, allowed) -> str:
    """`` (did you mean 'x'?) `` for the allowed key nearest to ``key``, else a space."""
    close = difflib.get_close_matches(key, list(allowed), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?) " if close else " "


def _deprecation(values: dict[str, object], problem) -> dict[str, object]:
    """The Term fields of ``deprecated`` and ``replaced_by``; a replacement implies deprecation."""
    deprecated = values.get("deprecated", False)
    replaced_by = one_line(str(values.get("replaced_by", "")))
    if "replaced_by" in values and not replaced_by:
        problem("replaced_by", "must not be empty")
    if isinstance(deprecated, str) and not deprecated.strip():
        problem("deprecated", "must be true or a sentence saying why, not an empty string")
        deprecated = True
    reason = deprecated.strip() if isinstance(deprecated, str) else ""
    return {"deprecated": bool(deprecated or replaced_by), "deprecated_reason": reason, "replaced_by": replaced_by}


def _parse_table(
    table: object, index: int, text: str, lineno: int, source: str, rejected: list[Rejected]
) -> tuple[Term | Extension | None, list[Problem]]:
    if not isinstance(table, dict):
        return None, [Problem("data", f"term #{index + 1} is not a table", source, lineno)]
    raw_name = table.get("name")
    label = f"term {raw_name!r}" if isinstance(raw_name, str) and raw_name.strip() else f"term #{index + 1}"
    if isinstance(table.get("extends"), str):
        label = f"term #{index + 1} (extends {table['extends']!r})"
    problems: list[Problem] = []
    lines = field_lines(text, lineno)
    at = dict(lines)
    causes: list[tuple[str, int, str]] = []  # (reason, line) of what keeps the term from loading

    def problem(field: str, message: str, fatal: bool = False) -> None:
        line = at.get(field, lineno)
        problems.append(Problem("data", f"{label}: field {field!r}: {message}", source, line))
        if fatal:
            causes.append((f"field {field!r}: {message}", line, field))

    values: dict[str, object] = {}
    guessed: set[str] = set()  # required fields an unknown key was a misspelling of
    for key, value in table.items():
        expected = FIELD_TYPES.get(key)
        if expected is None:
            near = _nearest(key, FIELD_TYPES)
            missing = next((f for f in REQUIRED_FIELDS if f not in table and f"{f!r}" in near), None)
            if missing:
                guessed.add(missing)
                problem(key, f"unknown key{near.rstrip()}; without {missing!r} the term is not loaded", True)
            else:
                problem(key, f"unknown key{near}(allowed: {', '.join(FIELD_TYPES)})")
            continue
        if not isinstance(value, expected):
            kind = {list: "list of strings", dict: "table", str: "string"}.get(expected, "boolean or string")
            problem(key, f"must be a {kind}, not {type(value).__name__}", key in REQUIRED_FIELDS)
            continue
        if expected is list:
            bad = [item for item in value if not isinstance(item, str) or not item.strip()]
            if bad:
                problem(key, "every entry must be a non-empty string")
                value = [item for item in value if isinstance(item, str) and item.strip()]
        values[key] = value

    if "extends" in values:
        return extension_from(values, problem, source, lineno, lines), problems
    for key in EXTENSION_ONLY:
        if key in values:
            problem(key, "is only allowed with 'extends'; it is ignored")
    for field in REQUIRED_FIELDS:
        if field not in table:
            if field not in guessed:
                problem(field, "is required", True)
        elif field in values and not str(values[field]).strip():
            problem(field, "must not be empty", True)
            values.pop(field)
    if "name" not in values or "definition" not in values:
        if isinstance(raw_name, str) and raw_name.strip():
            reason, line, _ = min(causes, key=lambda cause: cause[1]) if causes else ("", lineno, "")
            aliases = table.get("aliases")
            aliases = tuple(one_line(a) for a in aliases if isinstance(a, str) and a.strip()) \
                if isinstance(aliases, list) else ()
            rejected.append(Rejected(one_line(raw_name), source, line, reason, aliases))
        return None, problems

    name = one_line(str(values["name"]))
    term_id = str(values.get("id", "")).strip()
    if "id" in values and (not term_id or re.search(r"\s", term_id)):
        problem("id", "must be non-empty and contain no whitespace; the slug of the name is used")
        term_id = ""
    if not term_id:
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
        field_lines=lines,
        explicit_id=bool(values.get("id")) and term_id == str(values.get("id", "")).strip(),
        **_deprecation(values, problem),
    )
    if "alias_glosses" in values:
        term = term._replace(alias_glosses=glosses(values["alias_glosses"], term.aliases, problem))  # type: ignore[arg-type]
    for field, value in (("name", term.name), *(("aliases", alias) for alias in term.aliases)):
        if not inventory_safe(value):
            problem(field, ("it" if field == "name" else repr(value)) + " is left out of objects.inv, "
                    "where a word followed by a number would read as the end of the name")
    return term, problems
