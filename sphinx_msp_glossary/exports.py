"""The glossary as data for other tools: JSON and Markdown. No Sphinx here."""

from __future__ import annotations

import json
import re

from .glossary import Glossary
from .terms import Term


def term_record(glossary: Glossary, term: Term) -> dict[str, object]:
    return {
        "id": term.id,
        "name": term.name,
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
        parts.append(md_escape(term.definition))
        if term.why:
            parts.append(f"**Why it matters:** {md_escape(term.why)}")
        if term.related:
            parts.append("**Related:** " + ", ".join(md_escape(name) for name in term.related))
    return "\n\n".join(parts) + "\n"
