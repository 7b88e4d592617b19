"""The records come back from the pickled environment as they were built: every record type
(cards, references, names, unlinked mentions), in included files too, under every feature."""

from __future__ import annotations

import pickle

import pytest

from helpers import build_root, copy_root

PER_DOCUMENT = ("cards", "refs", "names", "unlinked")


@pytest.mark.parametrize("root, overrides", [
    ("parallel-features", {}),
    ("locations", {"msp_glossary_check_unlinked": True}),
    ("unlinked-scope", {"msp_glossary_check_unlinked": True}),
])
def test_records_survive_the_pickle(make_app, tmp_path, root, overrides):
    app = build_root(make_app, root, tmp_path / root, confoverrides=overrides)
    built = app.env.get_domain("msp").data
    with open(app.doctreedir / "environment.pickle", "rb") as stream:
        loaded = pickle.load(stream).domaindata["msp"]
    assert any(records for key in PER_DOCUMENT for records in built[key].values())
    if overrides:
        assert any(built["unlinked"].values())
    for key in PER_DOCUMENT:
        assert dict(loaded[key]) == dict(built[key]), key
        for docname, records in loaded[key].items():
            assert [type(r) for r in records] == [type(r) for r in built[key][docname]]
    assert loaded["targets"] == built["targets"]
    assert loaded["backlink_states"] == built["backlink_states"]


def test_a_parallel_reader_sends_back_its_own_documents_records_only(make_app, tmp_path):
    """Each chunk of a ``-j`` read comes back as a whole pickled environment: its records are
    those of the chunk's documents, not of every document the main process holds already."""
    app = make_app("html", srcdir=copy_root("parallel-features", tmp_path / "src"), parallel=2)
    merged: list[tuple[set[str], set[str]]] = []

    def note_merge(app, env, docnames, other):
        data = other.domaindata["msp"]
        merged.append((set(docnames), {docname for key in PER_DOCUMENT for docname in data[key]}))

    app.connect("env-merge-info", note_merge)
    app.build()
    assert len(merged) > 1
    for docnames, carried in merged:
        assert carried <= docnames, carried - docnames
    assert any(records for records in app.env.get_domain("msp").data["refs"].values())
