"""The msp-termcheck builder: both report files, the summary, and its exit status."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main
from helpers import msp_warnings, ROOTS




def termcheck(tmp_path: Path, root: str, *options: str, quiet: bool = True) -> tuple[int, Path]:
    src = tmp_path / "src"
    if not src.exists():
        shutil.copytree(ROOTS / f"test-{root}", src)
    out = tmp_path / "out"
    shutil.rmtree(out, ignore_errors=True)
    status = build_main([*(["-q"] if quiet else []), "-b", "msp-termcheck", *options, str(src), str(out)])
    return status, out


def report(out: Path) -> list[str]:
    return (out / "output.txt").read_text("utf-8").splitlines()


def test_every_status_in_both_files(tmp_path, capsys):
    status, out = termcheck(tmp_path, "termcheck", quiet=False)
    assert status == 1  # unknown, related and duplicate fail by default, without -W
    lines = report(out)
    expected = [
        "cards.rst:6: [duplicate] SLA: second link-target card; links go to cards.rst:4",
        "index.rst:8: [unknown] Nonexistent: no such term",
        "index.rst:8: [ok] SLA: card at cards.rst:4",
        "index.rst:9: [no-card] MDR: the project has no card for this term; shown as text with a tooltip",
        "index.rst:9: [ok] runbook: card at cards.rst:10",
        "index.rst:11: [unlinked] RMM: write :term-ref:`RMM` to link it",
        "terms.toml:4: [related] Nowhere: related name of 'Runbook' is no term",  # at the related line
        "terms.toml:4: [ok] Escalation: related name of 'Runbook'",
        "terms.toml:6: [unused] Orphan Term: no page references this term or shows its card",
        "terms.toml:10: [override] Ticket: packaged term overridden by terms.toml:10",
        "cards.rst:4: [ok] SLA: card",
    ]
    for line in expected:
        assert line in lines, line
    # the packaged glossary's related lists are checked too, and are closed
    packaged = [line for line in lines if line.startswith("sphinx_msp_glossary/data/msp-glossary.toml:")]
    assert packaged and all("[ok]" in line for line in packaged)

    records = [json.loads(line) for line in (out / "output.json").read_text("utf-8").splitlines()]
    assert len(records) == len(lines)
    assert {tuple(r) for r in records} == {("filename", "lineno", "status", "term", "target", "info")}
    unknown = next(r for r in records if r["status"] == "unknown")
    assert unknown == {"filename": "index.rst", "lineno": 8, "status": "unknown", "term": None,
                       "target": "Nonexistent", "info": "no such term"}
    no_card = next(r for r in records if r["status"] == "no-card")
    assert (no_card["term"], no_card["target"]) == ("MDR", "MDR")
    statuses = {r["status"] for r in records}
    assert statuses == {"ok", "unknown", "related", "duplicate", "no-card", "unused", "unlinked", "override"}

    printed = capsys.readouterr()
    counts = {s: sum(1 for r in records if r["status"] == s) for s in statuses}
    summary = ", ".join(f"{counts[s]} {s}" for s in
                        ("unknown", "related", "duplicate", "no-card", "unused", "unlinked", "deprecated", "override", "ok")
                        if s in counts)
    assert f"msp-termcheck: {summary}" in printed.out + printed.err
    # each problem is printed once: as the warning of the build, not again by the builder
    assert (printed.out + printed.err).count("Nonexistent") == 1
    assert (printed.out + printed.err).count("'Nowhere'") == 1


def test_no_html_is_written_and_clean_project_passes(tmp_path):
    status, out = termcheck(tmp_path, "basic")
    assert status == 0
    assert not list(out.glob("*.html"))
    lines = report(out)
    assert lines and all("[ok]" in line or "[no-card]" in line for line in lines)


@pytest.mark.parametrize(
    ("fail_on", "expected"),
    [("", 0), ("unknown", 1), ("unused", 1), ("no-card,override", 1)],
)
def test_fail_on_decides_the_exit_status(tmp_path, fail_on, expected):
    # -D sets a list from a comma-separated value
    status, _out = termcheck(tmp_path, "termcheck", "-D", f"msp_glossary_fail_on={fail_on}")
    assert status == expected


def test_unlinked_only_when_asked(tmp_path):
    status, out = termcheck(tmp_path, "termcheck", "-D", "msp_glossary_check_unlinked=0")
    assert not [line for line in report(out) if "[unlinked]" in line]


@pytest.mark.sphinx("html", testroot="termcheck",
                    confoverrides={"msp_glossary_fail_on": ["unknown", "no-card", "unused", "unlinked"]})
def test_other_builders_warn_about_failing_statuses(app, warning):
    app.build()
    found = msp_warnings(warning.getvalue())
    assert ("index.rst", 9, "no-card",
            "MDR: the project has no card for this term; shown as text with a tooltip") in found
    assert ("terms.toml", 6, "unused", "Orphan Term: no page references this term or shows its card") in found
    assert ("index.rst", 11, "unlinked", "RMM: write :term-ref:`RMM` to link it") in found


@pytest.mark.sphinx("html", testroot="termcheck", confoverrides={"msp_glossary_fail_on": ["unknwon"]})
def test_unknown_status_in_fail_on_is_a_config_warning(app, warning):
    app.build()
    found = msp_warnings(warning.getvalue())
    assert [w for w in found if w[2] == "config"] == [
        ("command line", 0, "config", "msp_glossary_fail_on: unknown status 'unknwon' (did you mean 'unknown'?); "
         "it is ignored (known: unknown, related, duplicate, no-card, unused, unlinked, deprecated, override, ok)")
    ]
