"""The command line and categories: ``list --category``, ``show``'s Category, and the exports
(JSON, Markdown, CSV and JSON-LD) with each term's category."""

from __future__ import annotations

import csv
import json
import re

import pytest

from sphinx_msp_glossary.cli import main
from sphinx_msp_glossary.layers import Layer, merge_layers
from sphinx_msp_glossary.exports import CSV_FIELDS

GLOSSARY = merge_layers([])
TERMS = GLOSSARY.sorted_terms()

HOSTILE = '''\
[[category]]
name = "=cmd|' /C calc'!A0"
description = "Formulas, quotes \\" and, commas; </script> too."

[[term]]
name = "Hostile, \\"quoted\\""
category = "=cmd|' /C calc'!A0"
expansion = "@SUM(1+1)"
definition = """Line one,
line two; with "quotes" and </script><!-- \\u2028."""
why = "-2+3"
related = ["SLA", "MSP"]
aliases = ["Hostile; alias", "+plus"]
'''


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "hostile.toml").write_text(HOSTILE, "utf-8")
    return tmp_path


def test_list_category(capsys, workdir):
    category = "Security"
    code, out, err = run(capsys, "list", "--category", "security")  # case-insensitive
    assert code == 0 and err == ""
    names = [re.split(r"\s{2,}", line)[0] for line in out.splitlines()]
    assert names == [t.name for t in TERMS if t.category == category] and len(names) > 1


def test_list_unknown_category_exits_1_with_a_suggestion(capsys, workdir):
    code, out, err = run(capsys, "list", "--category", "Securty")
    assert code == 1 and out == ""
    assert "unknown category 'Securty' (did you mean 'Security'?)" in err
    assert ", ".join(GLOSSARY.categories) in err


def test_show_prints_the_category(capsys):
    code, out, _ = run(capsys, "show", "SLA")
    assert code == 0
    assert re.search(r"^Category:\s+(.*)$", out, re.M)[1] == GLOSSARY.lookup("SLA").category


def test_json_and_markdown_exports_have_the_category(capsys):
    code, out, _ = run(capsys, "export", "--format", "json")
    assert code == 0
    assert [(r["name"], r["category"]) for r in json.loads(out)] == [(t.name, t.category) for t in TERMS]
    code, out, _ = run(capsys, "export", "--format", "markdown")
    sla = GLOSSARY.lookup("SLA")
    section = out.split("## SLA\n", 1)[1].split("\n## ", 1)[0]
    assert f"**Category:** {sla.category.replace('&', '&amp;')}" in section


def test_csv_round_trips(capsys, workdir):
    code, out, err = run(capsys, "export", "--format", "csv", "--files", "hostile.toml", "-o", "out.csv")
    assert code == 0 and out == ""
    data = (workdir / "out.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte order mark, for spreadsheets
    with open(workdir / "out.csv", encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert tuple(rows[0]) == CSV_FIELDS
    glossary = merge_layers([Layer("hostile.toml", HOSTILE)])
    terms = glossary.sorted_terms()
    assert len(rows) == len(terms) + 1

    def shown(value: str) -> str:  # what starts like a formula gets a leading "'"
        return "'" + value if value[:1] in ("=", "+", "-", "@") else value

    for row, term in zip(rows[1:], terms):
        expected = [term.id, term.name, term.category, term.expansion, term.definition, term.why,
                    "; ".join(term.related), "; ".join(term.aliases)]
        assert row == [shown(value) for value in expected]
    hostile = next(row for row in rows if row[1] == 'Hostile, "quoted"')
    assert hostile[2].startswith("'=") and hostile[3] == "'@SUM(1+1)" and hostile[5] == "'-2+3"
    assert "\n" in hostile[4] and hostile[7] == "Hostile; alias; +plus"


def test_jsonld_export(capsys, workdir):
    code, out, _ = run(capsys, "export", "--format", "jsonld", "--files", "hostile.toml")
    assert code == 0
    assert not re.search("[<>&\u2028\u2029]", out)  # safe inside a <script> element too
    data = json.loads(out)
    assert data["@context"] == "https://schema.org" and data["@type"] == "DefinedTermSet"
    terms = data["hasDefinedTerm"]
    assert len(terms) == len(GLOSSARY) + 1
    hostile = next(t for t in terms if t["name"] == 'Hostile, "quoted"')
    assert hostile["description"] == 'Line one,\nline two; with "quotes" and </script><!-- \u2028.'
    assert hostile["alternateName"] == ["Hostile; alias", "+plus"]
    assert all(t["@type"] == "DefinedTerm" and t["inDefinedTermSet"]["name"] == data["name"] for t in terms)
