"""The command line: ``sphinx-msp-glossary`` / ``python -m sphinx_msp_glossary``.

Glossary files are written into tmp_path; commands run in it (monkeypatch.chdir)
with relative paths, so that the paths printed are the ones given.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from sphinx_msp_glossary import __version__
from sphinx_msp_glossary.cli import main
from sphinx_msp_glossary.exports import md_escape
from sphinx_msp_glossary.layers import packaged_terms
from sphinx_msp_glossary.terms import normalize

PACKAGED = packaged_terms()
BY_NAME = {term.name: term for term in PACKAGED}

VALID = """\
# A project glossary.

[[term]]
name = "Annual Business Review"
expansion = "ABR"
definition = "A meeting every year to review the service."
why = "It keeps both sides honest."
related = ["SLA", "Onboarding Call"]
aliases = ["ABRs"]

[[term]]
name = "Onboarding Call"
definition = "The first call with a new client."
related = ["Annual Business Review"]
"""

SLA_OVERRIDE = """\
[[term]]
name = "SLA"
expansion = "Service Level Agreement"
definition = "Our own service level agreement, with four severity levels."
aliases = ["Service Level Agreement", "SLAs"]
"""


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line of the nth line containing ``needle``."""
    hits = [no for no, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(hits) >= nth, (needle, text)
    return hits[nth - 1]


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(directory: Path, name: str, text: str) -> str:
    (directory / name).write_text(text, "utf-8")
    return name


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- usage -------------------------------------------------------------------


def test_no_command_prints_usage(capsys):
    code, out, err = run(capsys)
    assert code == 2
    assert "usage: sphinx-msp-glossary" in err
    for command in ("list", "show", "validate", "export"):
        assert command in err


def test_help_and_version(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "usage: sphinx-msp-glossary" in out
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.strip() == f"sphinx-msp-glossary {__version__}"


@pytest.mark.parametrize("command", ["list", "show", "validate", "export"])
def test_each_command_has_help(capsys, command):
    code, out, _ = run(capsys, command, "--help")
    assert code == 0
    assert f"usage: sphinx-msp-glossary {command}" in out


@pytest.mark.parametrize(
    "argv", [["frobnicate"], ["show"], ["validate"], ["export"], ["export", "--format", "yaml"]]
)
def test_usage_errors_exit_2(capsys, argv):
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert "error:" in err


# -- list --------------------------------------------------------------------


def parse_list(out: str) -> list[list[str]]:
    """Columns of ``list`` output (cells are separated by 2+ spaces)."""
    return [re.split(r"\s{2,}", line.strip()) for line in out.splitlines()]


def test_list_packaged(capsys, workdir):
    code, out, err = run(capsys, "list")
    assert code == 0 and err == ""
    rows = parse_list(out)
    assert [row[0] for row in rows] == sorted(BY_NAME, key=normalize)
    for name, term_id, layer, *rest in rows:
        assert term_id == BY_NAME[name].id
        assert layer == "packaged"
        assert rest == []
    # Plain aligned columns: the id column starts at the same offset on every line.
    lines = out.splitlines()
    offsets = {line.index(row[1], len(row[0])) for line, row in zip(lines, rows)}
    assert len(offsets) == 1


def test_list_shows_override_and_project_terms(capsys, workdir):
    project = write(workdir, "project.toml", VALID)
    override = write(workdir, "override.toml", SLA_OVERRIDE)
    code, out, err = run(capsys, "list", "--files", project, override)
    assert code == 0, err
    rows = {row[0]: row for row in parse_list(out)}
    assert len(rows) == len(PACKAGED) + 2
    assert rows["SLA"] == ["SLA", "sla", "override.toml", "overrides packaged"]
    assert rows["Annual Business Review"] == [
        "Annual Business Review", "annual-business-review", "project.toml"
    ]
    assert rows["MSP"] == ["MSP", "msp", "packaged"]


def test_list_later_file_overrides_earlier_file(capsys, workdir):
    first = write(workdir, "first.toml", VALID)
    second = write(workdir, "second.toml", VALID.replace("first call", "second call"))
    code, out, _ = run(capsys, "list", "--files", first, "--files", second)
    assert code == 0
    rows = {row[0]: row for row in parse_list(out)}
    assert rows["Onboarding Call"][2:] == ["second.toml", "overrides first.toml"]


def test_list_exclude(capsys, workdir):
    code, out, err = run(capsys, "list", "--exclude", "SLA", "msp")
    assert code == 0 and err == ""
    names = [row[0] for row in parse_list(out)]
    assert "SLA" not in names and "MSP" not in names
    assert len(names) == len(PACKAGED) - 2


def test_list_exclude_unknown_name_warns(capsys, workdir):
    code, out, err = run(capsys, "list", "--exclude", "Not A Term")
    assert code == 0
    assert "--exclude" in err and "'Not A Term'" in err and "not a packaged term" in err
    assert len(out.splitlines()) == len(PACKAGED)


def test_list_missing_file_is_an_error(capsys, workdir):
    code, out, err = run(capsys, "list", "--files", "missing.toml")
    assert code == 1
    assert out == ""
    assert "missing.toml" in err and "not found" in err
    assert "Traceback" not in err


def test_list_data_problems_are_warnings(capsys, workdir):
    text = VALID + '\n[[term]]\nname = "Broken"\n'
    path = write(workdir, "broken.toml", text)
    code, out, err = run(capsys, "list", "--files", path)
    assert code == 0
    assert f"{path}:{line_of(text, '[[term]]', nth=3)}: warning:" in err
    assert "'definition': is required" in err
    assert "Annual Business Review" in out and "Broken" not in out


# -- show --------------------------------------------------------------------


def fields(out: str) -> dict[str, str]:
    """``Label: value`` lines of ``show``, continuation lines joined."""
    result: dict[str, str] = {}
    label = None
    for line in out.splitlines():
        match = re.match(r"^(\S[^:]*):\s+(.*)$", line)
        if match:
            label = match[1]
            result[label] = match[2]
        else:
            assert label is not None, line
            result[label] += " " + line.strip()
    return result


@pytest.mark.parametrize("name", ["SLA", "sla", "SLAs", "slas", "Service Level Agreement", "service level agreements"])
def test_show_resolves_like_the_role(capsys, workdir, name):
    code, out, err = run(capsys, "show", name)
    assert code == 0 and err == ""
    sla = BY_NAME["SLA"]
    shown = fields(out)
    assert shown["Name"] == sla.name
    assert shown["Id"] == sla.id
    assert shown["Expansion"] == sla.expansion
    assert shown["Definition"] == " ".join(sla.definition.split())
    assert shown["Why it matters"] == " ".join(sla.why.split())
    assert shown["Related"] == ", ".join(sla.related)
    assert shown["Aliases"] == ", ".join(sla.aliases)
    assert shown["Layer"] == "packaged"


def test_show_project_alias_and_override(capsys, workdir):
    project = write(workdir, "project.toml", VALID)
    override = write(workdir, "override.toml", SLA_OVERRIDE)
    code, out, _ = run(capsys, "show", "ABRs", "--files", project, override)
    assert code == 0
    shown = fields(out)
    assert shown["Name"] == "Annual Business Review"
    assert shown["Layer"] == "project.toml"

    code, out, _ = run(capsys, "show", "--files", project, override, "--", "SLAs")
    assert code == 0
    shown = fields(out)
    assert shown["Definition"].startswith("Our own service level agreement")
    assert shown["Layer"] == "override.toml (overrides packaged)"
    assert shown["Why it matters"] == "-"


def test_show_unknown_name_suggests(capsys, workdir):
    code, out, err = run(capsys, "show", "Escalaton")
    assert code == 1
    assert out == ""
    assert "unknown term 'Escalaton'" in err
    assert "'Escalation'" in err


def test_show_suggests_at_most_three(capsys, workdir):
    code, _, err = run(capsys, "show", "Tier")
    assert code == 1
    suggestions = re.search(r"did you mean (.*)\?\)", err)
    assert suggestions is not None, err
    assert 1 <= len(re.findall(r"'[^']+'", suggestions[1])) <= 3


def test_show_unknown_without_suggestions(capsys, workdir):
    code, out, err = run(capsys, "show", "zzzzzzzzqqqq")
    assert code == 1 and out == ""
    assert "unknown term 'zzzzzzzzqqqq'" in err and "did you mean" not in err


# -- validate ----------------------------------------------------------------


def test_validate_valid_file(capsys, workdir):
    path = write(workdir, "project.toml", VALID)
    code, out, err = run(capsys, "validate", path)
    assert code == 0, out
    assert out.strip() == "2 terms OK (1 file)"


def test_validate_override_of_packaged_term_is_fine(capsys, workdir):
    path = write(workdir, "override.toml", SLA_OVERRIDE)
    code, out, _ = run(capsys, "validate", path)
    assert code == 0, out
    assert "1 term OK" in out


def problems_of(out: str) -> list[tuple[str, int, str]]:
    result = []
    for line in out.splitlines():
        match = re.match(r"^(.+?):(\d+): (.*)$", line)
        assert match, f"not 'file:line: message': {line!r}"
        result.append((match[1], int(match[2]), match[3]))
    return result


def assert_one_problem(capsys, path: str, lineno: int, *fragments: str) -> str:
    code, out, err = run(capsys, "validate", path)
    assert code == 1
    problems = problems_of(out)
    assert len(problems) == 1, out
    source, line, message = problems[0]
    assert (source, line) == (path, lineno), out
    for fragment in fragments:
        assert fragment in message, message
    assert "1 problem" in err
    return message


def test_validate_toml_syntax_error(capsys, workdir):
    text = VALID.replace('definition = "The first call', 'definition = The first call')
    path = write(workdir, "syntax.toml", text)
    assert_one_problem(capsys, path, line_of(text, "definition = The first"), "TOML syntax error")


def test_validate_missing_required_field(capsys, workdir):
    text = VALID + '\n[[term]]\nname = "No Definition"\n'
    path = write(workdir, "missing.toml", text)
    assert_one_problem(
        capsys, path, line_of(text, "[[term]]", nth=3),
        "term 'No Definition'", "'definition'", "is required",
    )


def test_validate_wrong_type(capsys, workdir):
    text = VALID.replace('related = ["Annual Business Review"]', 'related = "Annual Business Review"')
    path = write(workdir, "type.toml", text)
    assert_one_problem(
        capsys, path, line_of(text, 'related = "Annual'),
        "term 'Onboarding Call'", "'related'", "must be a list of strings", "not str",
    )


def test_validate_unknown_key(capsys, workdir):
    text = VALID.replace('why = "It keeps', 'synonyms = ["ABR"]\nwhy = "It keeps')
    path = write(workdir, "unknown.toml", text)
    assert_one_problem(capsys, path, line_of(text, "synonyms"), "'synonyms'", "unknown key")


def test_validate_duplicate_names(capsys, workdir):
    text = VALID + '\n[[term]]\nname = "onboarding call"\ndefinition = "Again."\n'
    path = write(workdir, "dup.toml", text)
    assert_one_problem(
        capsys, path, line_of(text, 'name = "onboarding call"'), "'onboarding call'", "already has a term",
    )


def test_validate_alias_clashing_with_packaged_term(capsys, workdir):
    text = VALID.replace('aliases = ["ABRs"]', 'aliases = ["ABRs", "MSP"]')
    path = write(workdir, "clash.toml", text)
    assert_one_problem(
        capsys, path, line_of(text, "aliases = "),  # at the field that causes the clash
        "field 'aliases': 'MSP'", "'Annual Business Review'", "the name of term 'MSP'",
    )


def test_validate_name_that_is_a_packaged_alias(capsys, workdir):
    alias = BY_NAME["SLA"].aliases[0]
    text = f'[[term]]\nname = "{alias}"\ndefinition = "Shadowed."\n'
    path = write(workdir, "shadow.toml", text)
    # reported at the term that causes the clash, the later one, naming the other one
    assert_one_problem(capsys, path, 2, f"term {alias!r}: field 'name'",
                       f"is also the alias of term 'SLA' (the packaged glossary, line {BY_NAME['SLA'].lineno})")


def test_validate_unresolved_related(capsys, workdir):
    text = VALID.replace('related = ["SLA", "Onboarding Call"]', 'related = ["SLA", "Onboarding Cal"]')
    path = write(workdir, "related.toml", text)
    message = assert_one_problem(
        capsys, path, line_of(text, "related = "),
        "term 'Annual Business Review'", "related name 'Onboarding Cal' is no term",
    )
    assert "'Onboarding Call'" in message  # suggestion


def test_validate_related_resolves_across_files(capsys, workdir):
    qbr, _, call = VALID.partition("\n[[term]]\nname = \"Onboarding Call\"")
    first = write(workdir, "a.toml", qbr)
    second = write(workdir, "b.toml", "[[term]]\nname = \"Onboarding Call\"" + call)
    code, out, _ = run(capsys, "validate", first)
    assert code == 1 and "'Onboarding Call' is no term" in out
    code, out, _ = run(capsys, "validate", first, second)
    assert code == 0, out
    assert out.strip() == "2 terms OK (2 files)"


def test_validate_excluded_term_is_no_related_problem(capsys, workdir):
    # excluding a packaged term on purpose leaves related names to it as plain text
    target = "Escalation"
    assert [t.name for t in PACKAGED if target in t.related], "pick a packaged term that others relate to"
    path = write(workdir, "project.toml", VALID)
    code, out, _ = run(capsys, "validate", path, "--exclude", target)
    assert code == 0, out
    code, out, _ = run(capsys, "validate", path, "--exclude", "Escalatoin")
    assert code == 1 and "msp_glossary_exclude names 'Escalatoin'" in out


def test_validate_missing_file(capsys, workdir):
    path = write(workdir, "project.toml", VALID)
    code, out, err = run(capsys, "validate", path, "missing.toml")
    assert code == 1
    assert problems_of(out) == [("missing.toml", 1, "glossary file not found")]
    assert "Traceback" not in err


def test_validate_reports_every_problem_in_order(capsys, workdir):
    text = (
        VALID.replace('aliases = ["ABRs"]', 'aliases = ["ABRs", "MSP"]\ncolour = "red"')
        + '\n[[term]]\nname = "No Definition"\nrelated = ["Nowhere"]\n'
    )
    bad = write(workdir, "bad.toml", text)
    other = write(workdir, "other.toml", 'term = 1\n')
    code, out, _ = run(capsys, "validate", other, bad)
    assert code == 1
    problems = problems_of(out)
    assert [(source, line) for source, line, _ in problems] == [
        (other, 1),
        (bad, line_of(text, "aliases = ")),  # the alias clash, located at its field
        (bad, line_of(text, "colour")),
        (bad, line_of(text, "[[term]]", nth=3)),
    ]


# -- export ------------------------------------------------------------------


def test_export_json(capsys, workdir):
    project = write(workdir, "project.toml", VALID)
    override = write(workdir, "override.toml", SLA_OVERRIDE)
    code, out, err = run(capsys, "export", "--format", "json", "--files", project, override)
    assert code == 0, err
    records = json.loads(out)
    data = tomllib.loads(
        resources.files("sphinx_msp_glossary").joinpath("data", "msp-glossary.toml").read_text("utf-8")
    )
    assert len(data["term"]) == len(PACKAGED) > 26
    assert len(records) == len(PACKAGED) + 2  # SLA is replaced, not added
    keys = ["id", "name", "category", "expansion", "definition", "why", "related", "aliases", "layer"]
    assert all(list(record) == keys for record in records)
    by_name = {record["name"]: record for record in records}
    assert by_name["SLA"]["layer"] == override
    assert by_name["SLA"]["definition"].startswith("Our own")
    assert by_name["Annual Business Review"]["related"] == ["SLA", "Onboarding Call"]
    assert by_name["Annual Business Review"]["layer"] == project
    for table in data["term"]:
        if table["name"] != "SLA":
            record = by_name[table["name"]]
            assert record["layer"] == "packaged"
            assert record["definition"] == table["definition"]
            assert record["aliases"] == table["aliases"]
    assert [r["name"] for r in records] == sorted(by_name, key=normalize)
    # ensure_ascii=False: non-ASCII characters of the data are written as they are.
    assert "—" in out and "\\u2014" not in out


def test_export_to_file(capsys, workdir):
    code, out, _ = run(capsys, "export", "--format", "json", "-o", "out.json")
    assert code == 0 and out == ""
    assert len(json.loads((workdir / "out.json").read_text("utf-8"))) == len(PACKAGED)


def test_export_markdown(capsys, workdir):
    code, out, _ = run(capsys, "export", "--format", "markdown")
    assert code == 0
    assert out.startswith("# Glossary\n")
    assert out.count("\n## ") == len(PACKAGED)
    sla = BY_NAME["SLA"]
    block = out.split("\n## SLA\n", 1)[1].split("\n## ", 1)[0]
    assert f"*{md_escape(sla.expansion)}*" in block
    assert md_escape(sla.definition) in block
    assert f"**Why it matters:** {md_escape(sla.why)}" in block
    assert "**Related:** " + ", ".join(sla.related) in block


HOSTILE = """\
[[term]]
name = "<img src=x onerror=alert(1)> _Evil_"
expansion = "*bold* `code` [link](http://example.com)"
definition = "Click <script>alert('x')</script> & see [here](javascript:alert(1)) or {role}`x`."
why = "# not a heading\\n- not a list"
related = ["<b>SLA</b>", "SLA"]
"""


def test_export_markdown_escapes_data(capsys, workdir):
    path = write(workdir, "hostile.toml", HOSTILE)
    code, out, _ = run(capsys, "export", "--format", "markdown", "--files", path)
    assert code == 0
    assert "<script>" not in out and "<img" not in out and "<b>" not in out
    assert "&lt;script&gt;" in out
    assert "](" not in out.replace("\\](", "")
    assert "\n# not a heading" not in out and "\n- not a list" not in out


def test_export_markdown_renders_data_as_text(capsys, workdir):
    markdown_it = pytest.importorskip("markdown_it")
    path = write(workdir, "hostile.toml", HOSTILE)
    code, out, _ = run(capsys, "export", "--format", "markdown", "--files", path)
    assert code == 0
    md = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])
    rendered = md.render(out)
    tags = set(re.findall(r"</?([a-zA-Z0-9]+)", rendered))
    assert tags <= {"h1", "h2", "p", "em", "strong"}, tags
    assert "<p>Click &lt;script&gt;alert('x')&lt;/script&gt; &amp; see [here](javascript:alert(1))" in rendered
    assert "<h2>&lt;img src=x onerror=alert(1)&gt; _Evil_</h2>" in rendered
    assert "<p><em>*bold* `code` [link](http://example.com)</em></p>" in rendered


@pytest.mark.parametrize(
    "text", ["- item", "+ item", "* item", "1. item", "12) item", "---", "===", "# heading", "> quote",
             "    indented", "```", "~~~", "<div>", "&amp;", "a  \\", "[x]: http://example.com"],
)
def test_md_escape_block_starts(text):
    markdown_it = pytest.importorskip("markdown_it")
    rendered = markdown_it.MarkdownIt("commonmark").render(md_escape(text))
    assert rendered == f"<p>{html.escape(' '.join(text.split()), quote=False)}</p>\n"


def test_md_escape_is_literal_text():
    """Any text, escaped, renders as one paragraph holding exactly that text."""
    markdown_it = pytest.importorskip("markdown_it")
    hypothesis = pytest.importorskip("hypothesis")
    from hypothesis import strategies as st

    md = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])
    alphabet = st.one_of(
        st.sampled_from(list("\\`*_[]{}()#|~$!<>&;:=+-.)0123456789 \n\tab")),
        st.characters(min_codepoint=0x20, max_codepoint=0x2FF),
    )

    @hypothesis.settings(max_examples=300, deadline=None)
    @hypothesis.given(st.text(alphabet, min_size=1).filter(lambda s: s.split()))
    def check(text):
        rendered = md.render(md_escape(text))
        assert rendered.startswith("<p>") and rendered.endswith("</p>\n"), rendered
        inner = rendered[3:-5]
        assert "<" not in inner, rendered
        assert html.unescape(inner) == " ".join(text.split())

    check()


# -- python -m ---------------------------------------------------------------


def test_python_dash_m_list(tmp_path):
    (tmp_path / "override.toml").write_text(SLA_OVERRIDE, "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_msp_glossary", "list", "--files", "override.toml"],
        cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", timeout=60,
    )
    assert result.returncode == 0, result.stderr
    rows = {row[0]: row for row in parse_list(result.stdout)}
    assert len(rows) == len(PACKAGED)
    assert rows["SLA"][2:] == ["override.toml", "overrides packaged"]


def test_python_dash_m_exit_code(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_msp_glossary", "validate", "missing.toml"],
        cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout.startswith("missing.toml:1: ")
    assert "Traceback" not in result.stderr
