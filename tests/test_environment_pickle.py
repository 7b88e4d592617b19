"""The records come back from the pickled environment as they were built: every record type
(cards, references, names, unlinked mentions), in included files too, under every feature."""

from __future__ import annotations

import pickle

import pytest

from helpers import build_root

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
