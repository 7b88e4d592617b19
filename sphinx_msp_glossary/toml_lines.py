"""Where things stand in a TOML glossary file: the line of each table header and of each key.

tomllib gives values, not lines; messages name the line of the field they are about.
"""

from __future__ import annotations

import functools
import re

TERM_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*term[ \t]*\]\]", re.MULTILINE)
CATEGORY_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*category[ \t]*\]\]", re.MULTILINE)


def table_lines(text: str, header: re.Pattern = TERM_HEADER) -> list[int]:
    """Line number of each ``[[term]]`` header, in order (counted on from the last one: a
    count from the start of the file for each header would take time quadratic in its size)."""
    lines, line, counted = [], 1, 0
    for match in header.finditer(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        lines.append(line)
    return lines


@functools.lru_cache(maxsize=2)
def toml_lines(text: str) -> list[str]:
    """The lines of a TOML file: split at newlines only (str.splitlines() also splits at
    characters such as U+0085 or U+2028 inside strings), once per file, not per problem."""
    return text.split("\n")


_KEY_LINE = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")


_SUBTABLE = re.compile(r"^\s*\[\s*(?:term|category)\s*\.\s*([A-Za-z0-9_-]+)\s*\]")


def field_lines(text: str, start_line: int) -> tuple[tuple[str, int], ...]:
    """(key, line) of each ``key =`` of the table that starts at ``start_line``, and of each
    sub-table (``[term.alias_glosses]``) by its header."""
    lines = toml_lines(text)
    found: dict[str, int] = {}
    in_subtable = False
    for index in range(start_line, len(lines)):
        if TERM_HEADER.match(lines[index]) or CATEGORY_HEADER.match(lines[index]):
            break
        subtable = _SUBTABLE.match(lines[index])
        if subtable:
            found.setdefault(subtable[1], index + 1)
            in_subtable = True
        match = None if in_subtable else _KEY_LINE.match(lines[index])
        if match:
            found.setdefault(match[1], index + 1)
    return tuple(found.items())
