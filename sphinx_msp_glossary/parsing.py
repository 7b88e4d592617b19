"""One glossary file: TOML parsed into terms and categories, every problem located at its line.

No Sphinx here, so that the command line starts fast.
"""

from __future__ import annotations

import functools
import hashlib
import re
import tomllib
from typing import NamedTuple

from .terms import (
    Category,
    Problem,
    Term,
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
    "deprecated": (bool, str),  # true, or a sentence saying why
    "replaced_by": str,
}
#: Keys a ``[[category]]`` table may hold.
CATEGORY_FIELDS: dict[str, type] = {"name": str, "description": str}
REQUIRED_FIELDS = ("name", "definition")


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


def field_line(text: str, start_line: int, key: str) -> int:
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
    table: object, index: int, text: str, lineno: int, source: str
) -> tuple[Term | None, list[Problem]]:
    if not isinstance(table, dict):
        return None, [Problem("data", f"term #{index + 1} is not a table", source, lineno)]
    raw_name = table.get("name")
    label = f"term {raw_name!r}" if isinstance(raw_name, str) and raw_name.strip() else f"term #{index + 1}"
    problems: list[Problem] = []

    def problem(field: str, message: str) -> None:
        problems.append(
            Problem("data", f"{label}: field {field!r}: {message}", source, field_line(text, lineno, field))
        )

    values: dict[str, object] = {}
    for key, value in table.items():
        expected = FIELD_TYPES.get(key)
        if expected is None:
            problem(key, f"unknown key (allowed: {', '.join(FIELD_TYPES)})")
            continue
        if not isinstance(value, expected):
            kind = {list: "list of strings", str: "string"}.get(expected, "boolean or string")
            problem(key, f"must be a {kind}, "
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
        **_deprecation(values, problem),
    )
    for field, value in (("name", term.name), *(("aliases", alias) for alias in term.aliases)):
        if not inventory_safe(value):
            problem(field, ("it" if field == "name" else repr(value)) + " is left out of objects.inv, "
                    "where a word followed by a number would read as the end of the name")
    return term, problems
