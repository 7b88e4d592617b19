"""Regenerate the message catalogs of the labels the extension writes into pages.

Run after changing a label: ``python scripts/update_catalogs.py``. It extracts the
``_("...")`` messages from the package into the .pot template, merges them into each
language's .po (new messages stay untranslated until someone translates them), and
compiles each .po to the .mo file Sphinx loads.
"""

from __future__ import annotations

import ast
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

PACKAGE = Path(__file__).resolve().parent.parent / "sphinx_msp_glossary"
LOCALE = PACKAGE / "locale"
DOMAIN = "sphinx_msp_glossary"


def extract() -> list[tuple[str, str, int]]:
    """(message, file, line) of every ``_("literal")`` call in the package."""
    found = []
    for path in sorted(PACKAGE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                found.append((node.args[0].value, f"sphinx_msp_glossary/{path.name}", node.lineno))
    return found


def template() -> Catalog:
    catalog = Catalog(project="sphinx-msp-glossary", domain=DOMAIN, charset="utf-8")
    for message, filename, lineno in extract():
        catalog.add(message, locations=[(filename, lineno)])
    return catalog


def compiled(po_path: Path) -> bytes:
    with open(po_path, "rb") as po:
        catalog = read_po(po, domain=DOMAIN)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def main() -> int:
    pot = template()
    with open(LOCALE / f"{DOMAIN}.pot", "wb") as out:
        write_po(out, pot, omit_header=True, sort_output=True)
    for po_path in sorted(LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        with open(po_path, "rb") as po:
            catalog = read_po(po, domain=DOMAIN)
        catalog.update(pot)
        with open(po_path, "wb") as out:
            write_po(out, catalog, omit_header=True, sort_output=True, ignore_obsolete=True)
        po_path.with_suffix(".mo").write_bytes(compiled(po_path))
        print(f"{po_path.relative_to(PACKAGE)}: {sum(1 for m in catalog if m.id and m.string)} translated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
