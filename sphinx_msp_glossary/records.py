"""The domain's records: small immutable tuples, each carrying its document's name."""

from __future__ import annotations

import array
import functools
import itertools
import os
from collections.abc import Iterable
from typing import NamedTuple


def included_source(srcdir: str, document: str, source: str | None) -> str:
    """What a record's ``source`` holds: the file its line is in, relative to the source
    directory, when that is not the document itself (a file ``.. include::`` brings in);
    else "" (the document, also for text with no file of its own, such as rst_prolog)."""
    if not source or source == document or source.startswith("<"):
        return ""
    path = os.path.abspath(source)
    return "" if path == os.path.abspath(document) else os.path.relpath(path, srcdir).replace(os.sep, "/")


class CardRecord(NamedTuple):
    """A card of a term, as it stands in one document."""

    docname: str
    lineno: int
    term_id: str
    node_id: str  # the anchor; "" for a card that is no link target
    on_glossary_page: bool
    related_ids: tuple[str, ...]  # terms its Related line links to
    used_only: bool = False  # shown only if the project uses the term (msp-glossary :used-only:)
    used_depth: int = -1  # with used_only: how many related steps from a used term count (-1: all)
    source: str = ""  # the included file that holds the card, relative to srcdir; "" the document

    @property
    def indexed(self) -> bool:
        return bool(self.node_id)


class RefRecord(NamedTuple):
    """A name a document uses: a ``:term-ref:`` (kind "ref"), or the argument of an
    ``msp-term`` that names no term (kind "msp-term"). ``term_id`` is None when it names no term."""

    docname: str
    lineno: int
    term_id: str | None
    target: str
    kind: str = "ref"
    source: str = ""  # the included file that holds the reference, relative to srcdir; "" the document


class NameRecord(NamedTuple):
    """A name a directive looked up while reading: the argument of an ``msp-term``, a name in
    an ``msp-glossary`` option. ``term_id`` is the term it named, None for none: a later build
    looks the name up again, to know whether the page would come out otherwise."""

    docname: str
    target: str
    term_id: str | None


class UnlinkedRecord(NamedTuple):
    """A term's name or alias in body text, not wrapped in ``:term-ref:``."""

    docname: str
    lineno: int
    term_id: str
    text: str
    source: str = ""  # the included file that holds the mention, relative to srcdir; "" the document


class Records(list):
    """One document's records, of one record type (pickled with the others: ByDocument)."""


class ByDocument(dict):
    """Docname -> Records, of one record type. Pickled by columns, not one tuple per record: a
    column whose values are all the same in a document (the docname, a default) once, line
    numbers as packed integers, and the other values of a record (its term id and the name
    as written) as one index into a table of the distinct combinations, shared by all
    documents. The environment is pickled after every build and once per chunk of documents
    by ``-j N`` builds: this keeps it small and quick to load."""

    def __reduce__(self):
        table: dict[tuple, int] = {}
        documents = []
        for docname, records in self.items():
            if not records:
                documents.append((docname, None, (), ((), ())))
                continue
            columns = [_column(values) for values in zip(*records)]
            keyed = tuple(i for i, column in enumerate(columns) if column[0] == "values")
            keys = zip(*(columns[i][1] for i in keyed))
            index = _column([table.setdefault(key, len(table)) for key in keys]) if keyed else ()
            plain = tuple(None if i in keyed else column for i, column in enumerate(columns))
            documents.append((docname, type(records[0]), plain, (keyed, index)))
        return (_load_by_document, (tuple(table), tuple(documents)))


def _column(values: list | tuple) -> tuple:
    first = values[0]
    if all(value == first and type(value) is type(first) for value in values):
        return ("same", first, len(values))
    if all(type(value) is int and 0 <= value < 1 << 32 for value in values):
        code = "H" if max(values) < 1 << 16 else "I"
        return ("ints", array.array(code, values).tobytes(), code)
    return ("values", values)


def _values(column: tuple) -> Iterable:
    kind = column[0]
    if kind == "same":
        return itertools.repeat(column[1], column[2])
    if kind == "ints":
        return array.array(column[2], column[1])
    return column[1]


def _load_by_document(table: tuple, documents: tuple) -> ByDocument:
    loaded = ByDocument()
    for docname, cls, plain, (keyed, index) in documents:
        if cls is None:
            loaded[docname] = Records()
            continue
        columns = [None if column is None else _values(column) for column in plain]
        if keyed:
            keys = [table[i] for i in _values(index)]
            for position, i in enumerate(keyed):
                columns[i] = [key[position] for key in keys]
        loaded[docname] = Records(map(functools.partial(tuple.__new__, cls), zip(*columns)))
    return loaded
