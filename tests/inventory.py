"""objects.inv read back by Sphinx's own loader, on every Sphinx version the project supports."""

from __future__ import annotations

import io
import posixpath

from sphinx.util.inventory import InventoryFile


def msp_terms(data: bytes, uri: str) -> dict[str, str]:
    """name -> URI of every ``msp:term`` object, as intersphinx would read them."""
    if hasattr(InventoryFile, "loads"):  # Sphinx 8.2 and later
        inventory = InventoryFile.loads(data, uri=uri)
        return {name: item.uri for name, item in inventory.data.get("msp:term", {}).items()}
    inventory = InventoryFile.load(io.BytesIO(data), uri, posixpath.join)
    return {name: entry[2] for name, entry in inventory.get("msp:term", {}).items()}
