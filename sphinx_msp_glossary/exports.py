"""The glossary as data for other tools: JSON, Markdown, CSV and JSON-LD (schema.org). No
Sphinx here."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable

from .glossary import Glossary
from .terms import Term


def term_record(glossary: Glossary, term: Term) -> dict[str, object]:
    return {
        "id": term.id,
        "name": term.name,
        "category": term.category,
        "expansion": term.expansion,
        "definition": term.definition,
        "why": term.why,
        "related": list(term.related),
        "aliases": list(term.aliases),
        "layer": term.layer,
    }


def export_json(glossary: Glossary) -> str:
    records = [term_record(glossary, term) for term in glossary.sorted_terms()]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


_MD_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
#: Characters with inline meaning in CommonMark, GFM or MyST (roles, math,
#: substitutions, tables, strikethrough); escaping any ASCII punctuation with a
#: backslash is valid CommonMark, so escaping a few more than needed is harmless.
_MD_BACKSLASHED = frozenset("\\`*_[]{}#|~$")
#: At the start of a paragraph: list items, setext/thematic lines, MyST colon fences.
_MD_BLOCK_START = re.compile(r"^(?:([-+=:])|(\d+)([.)]))")


def md_escape(text: str) -> str:
    """Text as literal Markdown: no data can open markup, a link or raw HTML.

    Whitespace (newlines included) is collapsed, as in the HTML rendering, so
    a value is one line and cannot start a block of its own mid-way.
    """
    text = " ".join(text.split())
    escaped = "".join(
        _MD_ENTITIES.get(ch) or ("\\" + ch if ch in _MD_BACKSLASHED else ch) for ch in text
    )
    return _MD_BLOCK_START.sub(
        lambda m: "\\" + m[1] if m[1] else m[2] + "\\" + m[3], escaped, count=1
    )


def export_markdown(glossary: Glossary) -> str:
    parts = ["# Glossary"]
    for term in glossary.sorted_terms():
        parts.append(f"## {md_escape(term.name)}")
        if term.expansion:
            parts.append(f"*{md_escape(term.expansion)}*")
        if term.category:
            parts.append(f"**Category:** {md_escape(term.category)}")
        parts.append(md_escape(term.definition))
        if term.why:
            parts.append(f"**Why it matters:** {md_escape(term.why)}")
        if term.related:
            parts.append("**Related:** " + ", ".join(md_escape(name) for name in term.related))
    return "\n\n".join(parts) + "\n"


CSV_FIELDS = ("id", "name", "category", "expansion", "definition", "why", "related", "aliases")
#: What a spreadsheet reads as a formula at the start of a cell (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    """A value as a spreadsheet shows it: one starting like a formula gets a leading "'"."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def export_csv(glossary: Glossary) -> str:
    """One row per term under a header row; lists joined with "; ". UTF-8 with a byte order
    mark, so that spreadsheets (Excel too) read it as UTF-8 when opened as is."""
    out = io.StringIO()
    writer = csv.writer(out)  # RFC 4180: quoted as needed, CRLF line ends
    writer.writerow(CSV_FIELDS)
    for term in glossary.sorted_terms():
        row = (term.id, term.name, term.category, term.expansion, term.definition, term.why,
               "; ".join(term.related), "; ".join(term.aliases))
        writer.writerow([csv_cell(value) for value in row])
    return "\ufeff" + out.getvalue()


def defined_term(term: Term, url: str | None, term_set: dict[str, object]) -> dict[str, object]:
    """A schema.org DefinedTerm."""
    record: dict[str, object] = {"@type": "DefinedTerm", "name": term.name, "description": term.definition}
    if term.aliases:
        record["alternateName"] = list(term.aliases)
    if url:
        record["url"] = url
    record["inDefinedTermSet"] = term_set
    return record


def defined_term_set(name: str, url: str | None, terms: Iterable[tuple[Term, str | None]]) -> dict[str, object]:
    """A schema.org DefinedTermSet of ``(term, its URL or None)``."""
    reference: dict[str, object] = {"@type": "DefinedTermSet", "name": name}
    if url:
        reference["url"] = url
    return {"@context": "https://schema.org", **reference,
            "hasDefinedTerm": [defined_term(term, term_url, reference) for term, term_url in terms]}


_SCRIPT_SAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data: object, indent: int | None = None) -> str:
    """JSON that no data can end a ``<script>`` element with (``</script>``, ``<!--``), nor
    break in older JavaScript parsers (U+2028, U+2029): those characters as ``\\uXXXX``,
    which only stand inside JSON strings. Without ``indent``, the compact form (a page's script)."""
    text = json.dumps(data, ensure_ascii=False, indent=indent, separators=None if indent else (",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_SAFE[m[0]], text)


def export_jsonld(glossary: Glossary) -> str:
    data = defined_term_set("Glossary", None, ((term, None) for term in glossary.sorted_terms()))
    return script_json(data, indent=2) + "\n"


#: The formats of ``sphinx-msp-glossary export --format``.
EXPORTS: dict[str, Callable[[Glossary], str]] = {
    "json": export_json, "markdown": export_markdown, "csv": export_csv, "jsonld": export_jsonld,
}
