"""Fuzzing: whatever contributors write, the build finishes and every problem is a located warning.

Generated with hypothesis:

- input to the glossary file loader (``parse_file``, ``merge_layers``, ``read_layers``
  and the CLI exports): structured TOML documents serialized here (wrong types at every
  field, deep nesting, huge strings), raw random text, mutations of a valid file, bytes;
- ``:term-ref:`` role targets (``text <target>`` forms, backslashes, nested angle
  brackets, empty parts, whitespace, any Unicode), built in a real Sphinx project, with
  the HTML builder and with msp-termcheck;
- the ``msp-term`` and ``msp-glossary`` directives' arguments, options and content,
  in reStructuredText and in MyST Markdown;
- whole glossary files, loaded by a real build (HTML and msp-termcheck).

Properties: no exception escapes to Sphinx (the build finishes, nothing logs
"Exception occurred" or a traceback); every ``msp_glossary`` warning is one line
located at ``file:line`` inside the file; every problem of the loader is located and
one line; loaded terms have valid, unique ids and one-line names; objects.inv reads back
as the terms' names at their cards; the termcheck report is one line per entry.
Problems of reST syntax itself (an unterminated role, a duplicate option) are docutils'
own located messages. Also here: related chains that loop build without warning.

One Sphinx application serves all the examples of a test: each example rewrites the
page and rebuilds it. By default the module takes about 20 s (40 examples per test; the
loader tests run 5 times as many, the whole-file builds a quarter). For a long run, set
``MSP_FUZZ_EXAMPLES`` (the examples per test)::

    MSP_FUZZ_EXAMPLES=5000 python -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import datetime
import json
import math
import os
import re
import shutil
import tempfile
import tomllib
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from helpers import msp_terms, parse_html
from sphinx_msp_glossary.diagnostics import SUBTYPES
from sphinx_msp_glossary.exports import export_json, export_markdown
from sphinx_msp_glossary.layers import Layer, merge_layers, read_layers
from sphinx_msp_glossary.parsing import FIELD_TYPES, parse_file
from sphinx_msp_glossary.glossary import Glossary
from sphinx_msp_glossary.terms import normalize

pytestmark = pytest.mark.slow


EXAMPLES = int(os.environ.get("MSP_FUZZ_EXAMPLES", "40"))
settings.register_profile(
    "msp-fuzz",
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.function_scoped_fixture,  # one Sphinx application for all the examples of a test
    ],
)
FUZZ = settings.get_profile("msp-fuzz")
#: The loader runs without Sphinx and is fast: it gets more examples.
FUZZ_FAST = settings(FUZZ, max_examples=EXAMPLES * 5)
#: A whole build per example (the glossary is loaded when the builder starts): fewer.
FUZZ_SLOW = settings(FUZZ, max_examples=max(EXAMPLES // 4, 5))

MSP_WARNING = re.compile(
    r"^(?P<file>\S+?):(?P<line>\d+): WARNING: (?P<message>.*) \[msp_glossary\.(?P<subtype>[\w-]+)\]$"
)
CRASH = ("Exception occurred", "Traceback (most recent call last)")


# -- TOML, serialized here ----------------------------------------------------


def toml_string(text: str) -> str:
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def toml_key(key: str) -> str:
    return key if BARE_KEY.fullmatch(key) else toml_string(key)


def toml_value(value: object) -> str:
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(value)


class Raw:
    """TOML text written as is: nesting deeper than a serializer would recurse."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"Raw({self.text[:40]!r}...)"


def toml_document(top: dict[str, object], terms: object, inline: bool) -> str:
    """Top-level keys, then ``[[term]]`` tables (or ``term = [...]`` when asked or needed)."""
    lines = [f"{toml_key(key)} = {toml_value(value)}" for key, value in top.items() if key != "term"]
    if isinstance(terms, list) and terms and all(isinstance(t, dict) for t in terms) and not inline:
        for table in terms:
            lines.append("")
            lines.append("[[term]]")
            lines.extend(f"{toml_key(key)} = {toml_value(value)}" for key, value in table.items())
    elif terms is not None:
        lines.insert(0, f"term = {toml_value(terms)}")
    return "\n".join(lines) + "\n"


# -- strategies ------------------------------------------------------------------

NAMES = ["SLA", "sla", "Service Level Agreement", "Help Desk", "MDR", "Patch-Management", "A", "<b>", "a\nb"]
keys = st.one_of(st.sampled_from([*FIELD_TYPES, "Name", "unknown", "名前", "", " "]), st.text(max_size=8))
text = st.one_of(
    st.text(max_size=20),
    st.sampled_from([*NAMES, "", " ", "\t\n", "\u00a0", "\u200b", "\u2028", "é", "ﬁ", "ß", "İ", "🚀", "\x00"]),
)
huge = st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=4), st.integers(1_000, 20_000))
deep = st.builds(lambda n, open_: Raw(open_ * n + "1" + ("]" if open_ == "[" else "}") * n),
                 st.integers(1, 1_200), st.sampled_from(["[", "{a="]))
scalars = st.one_of(
    text,
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(),
    st.booleans(),
    st.dates(),
    st.times(),
    st.datetimes(),
)
values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=3),
    max_leaves=12,
)
#: A field: its right type most of the time, any value (or a huge or deeply nested one) else.
def field_value(key: str):
    right = st.lists(text, max_size=4) if FIELD_TYPES.get(key) is list else text
    return st.one_of(right, right, values, huge, deep)


@st.composite
def term_table(draw) -> dict[str, object]:
    table: dict[str, object] = {}
    if draw(st.booleans()):
        table["name"] = draw(st.sampled_from(NAMES) | text)
    if draw(st.booleans()):
        table["definition"] = draw(text)
    for key in draw(st.lists(keys, max_size=5, unique=True)):
        table[key] = draw(field_value(key))
    return table


@st.composite
def toml_documents(draw) -> tuple[dict[str, object], object, bool]:
    terms = draw(st.one_of(
        st.lists(term_table(), max_size=6),
        st.lists(term_table(), max_size=3).map(lambda ts: [*ts, 1]),  # an entry that is no table
        values,
    ))
    top = draw(st.dictionaries(keys, values, max_size=2))
    return top, terms, draw(st.booleans())


VALID = """\
[[term]]
name = "Quarterly Business Review"
expansion = "QBR"
definition = "A meeting every quarter. It reviews the service."
related = ["SLA", "Onboarding Call"]
aliases = ["QBRs"]

[[term]]
name = "Onboarding Call"
definition = "The first call with a new client."
"""


@st.composite
def mutated_toml(draw) -> str:
    """The valid file with a slice replaced by random text."""
    start = draw(st.integers(0, len(VALID)))
    end = draw(st.integers(start, min(len(VALID), start + 20)))
    return VALID[:start] + draw(st.text(max_size=20)) + VALID[end:]


# -- the loader ------------------------------------------------------------------


def check_problems(problems, text: str, sources: set[str]) -> None:
    lines = text.count("\n") + 1
    for problem in problems:
        assert problem.subtype in SUBTYPES, problem
        assert "\n" not in problem.message and "\r" not in problem.message, problem
        if problem.in_conf:
            continue
        # a project term that replaces a packaged one may leave a packaged related name dangling
        allowed = sources | {"packaged"} if problem.subtype == "related" else sources
        assert problem.source in allowed, problem
        if problem.source in sources:
            assert problem.lineno is None or 1 <= problem.lineno <= lines, (problem, lines)


def check_terms(terms) -> None:
    ids, names = set(), set()
    for term in terms:
        assert term.name and term.name == term.name.strip(), term
        assert term.definition.strip(), term
        assert term.id and not re.search(r"\s", term.id), term
        assert term.id not in ids and normalize(term.name) not in names, term
        assert all(isinstance(s, str) and s.strip() for s in (*term.related, *term.aliases)), term
        for one_line in (term.name, term.expansion, *term.related, *term.aliases):  # names are one line
            assert one_line == " ".join(one_line.split()), term
        ids.add(term.id)
        names.add(normalize(term.name))


def check_loader(text: str) -> None:
    parsed = parse_file(text, "fuzz.toml")
    terms, problems = parsed.terms, parsed.problems
    check_problems(problems, text, {"fuzz.toml"})
    check_terms(terms)

    # merged over the packaged glossary, twice (the second file overrides the first)
    glossary = merge_layers([Layer("a.toml", text), Layer("b.toml", text), Layer("gone.toml", None)])
    check_problems([*glossary.problems, *glossary.related_problems()], text, {"a.toml", "b.toml"})
    check_terms(glossary)
    for term in glossary:
        for key in (term.name, term.id):  # answers to its own term, or a clash was reported
            if glossary.lookup(key) is not term:
                assert any(repr(term.name) in p.message for p in glossary.problems), (key, term)
        if term.layer != "packaged":
            for name in (*term.related, *term.aliases):
                glossary.lookup(name)
            glossary.suggest(term.name + "x")
            term.summary, term.fingerprint  # noqa: B018 - computed without error

    # the CLI exports: JSON round-trips, Markdown holds no raw markup
    records = json.loads(export_json(glossary))
    assert [r["name"] for r in records] == [t.name for t in glossary.sorted_terms()]
    markdown = export_markdown(glossary)
    assert "<" not in markdown and ">" not in markdown


@FUZZ_FAST
@given(toml_documents())
@example(({}, [{"name": "a", "definition": "d", "related": Raw("[" * 2000 + "]" * 2000)}], False))
@example(({}, [{"name": "a", "definition": "d", "x": Raw("{a=" * 600 + "1" + "}" * 600)}], False))
@example(({}, [{"name": "Co-Managed IT!", "definition": "d"}, {"name": "Co-managed IT", "definition": "e"}], False))
@example(({}, [{"name": "a\nb msp:term 1 https://evil.example/ -", "definition": "d"}], False))
def test_loader_structured_toml(document) -> None:
    top, terms, inline = document
    text = toml_document(top, terms, inline)
    if not any(isinstance(v, Raw) for t in (terms if isinstance(terms, list) else []) if isinstance(t, dict)
               for v in t.values()):
        # the serializer writes what was generated (NaN aside, which equals nothing)
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            assume(False)  # duplicate keys that differ only as written ("a" and a)
        if "nan" not in text:
            expected = dict(top)
            if terms is not None:
                expected["term"] = terms
            assert data == expected
    check_loader(text)


@FUZZ_FAST
@given(st.one_of(st.text(), mutated_toml()))
@example("[[term]]\nname = ")
@example("[[term]]\n" * 3 + "[term]\n")
@example('term = "x"')
@example("[[ term ]]\nname='a'\ndefinition='b'\n[[term]]\nname='A'\ndefinition='c'\n")
def test_loader_raw_text(text: str) -> None:
    check_loader(text)


@FUZZ
@given(st.binary(max_size=200))
def test_loader_random_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as directory:
        Path(directory, "terms.toml").write_bytes(data)
        layers = read_layers(directory, ["terms.toml", "missing.toml"])
        glossary = merge_layers(layers)
        assert isinstance(glossary, Glossary)
        check_problems(glossary.problems, data.decode("utf-8", "replace"), {layers[0].label})


# -- real builds -------------------------------------------------------------------

TERMS = """\
[[term]]
name = "Runbook"
expansion = "Operations runbook"
definition = "Step-by-step instructions for a routine task. Kept in the wiki."
related = ["SLA", "Escalation"]
aliases = ["Runbooks", "run book"]

[[term]]
name = "Société Gérée"
definition = "A managed company."
"""


class Project:
    """One Sphinx application, rebuilt with a new page for each example."""

    def __init__(self, srcdir: Path, glossary: str = TERMS, builder: str = "html", suffix: str = ".rst") -> None:
        self.srcdir = srcdir
        self.builder = builder
        self.index = srcdir / f"index{suffix}"
        srcdir.mkdir(parents=True, exist_ok=True)
        extensions = ["sphinx_msp_glossary", *(["myst_parser"] if suffix == ".md" else [])]
        (srcdir / "conf.py").write_text(
            f'extensions = {extensions!r}\nmsp_glossary_files = ["terms.toml"]\n', "utf-8"
        )
        (srcdir / "terms.toml").write_text(glossary, "utf-8")
        self.index.write_text("# Fuzz\n" if suffix == ".md" else "Fuzz\n====\n", "utf-8")
        self.app: SphinxTestApp | None = None
        self.stamp = 0

    def start(self) -> SphinxTestApp:
        self.app = SphinxTestApp(self.builder, srcdir=self.srcdir, status=StringIO(), warning=StringIO())
        self.app.build()
        self.last_read = self.app.env.all_docs["index"]
        return self.app

    def build(self, page: str) -> tuple[str, str]:
        """Build with ``page`` as the index page; the warnings and the status output of the build."""
        assert self.app is not None
        index = self.index
        self.stamp += 1
        index.write_text(page, "utf-8")  # newer than the last read, however fast the examples come:
        os.utime(index, (os.path.getmtime(index) + self.stamp,) * 2)
        for stream in (self.app._warning, self.app._status):
            stream.seek(0)
            stream.truncate()
        self.app.build()
        assert self.app.env.all_docs["index"] > self.last_read, "index.rst was not read again"
        self.last_read = self.app.env.all_docs["index"]
        return self.app._warning.getvalue(), self.app._status.getvalue()

    def stop(self) -> None:
        if self.app is not None:
            self.app.cleanup()
            self.app = None


# Function-scoped: an application is unusable once another one has been cleaned up (its
# nodes, roles and directives are unregistered), and other tests here make their own.
# Hypothesis runs every example of a test with the one application, on purpose.
@pytest.fixture
def project(tmp_path_factory) -> Iterator[Project]:
    project = Project(tmp_path_factory.mktemp("fuzz") / "src")
    project.start()
    yield project
    project.stop()


def lines_of(text: str) -> int:
    """Lines as docutils counts them: str.splitlines() also breaks at \\x1c-\\x1e, \\x85, \\u2028..."""
    return len(text.splitlines()) + 1


def check_build(warnings: str, status: str, files: dict[str, str]) -> None:
    """No crash; every msp_glossary warning one line, at a line of a file of the project."""
    for crash in CRASH:
        assert crash not in warnings and crash not in status, warnings + status
    for line in warnings.splitlines():
        line = re.sub(r"\x1b\[[0-9;]*m", "", line)
        if "[msp_glossary" in line or "msp_glossary." in line:
            match = MSP_WARNING.match(line)
            assert match, f"unlocated or malformed warning: {line!r}\n{warnings}"
            name = Path(match["file"]).name
            if name == "msp-glossary.toml" and match["subtype"] == "related":
                continue  # a project term replaced a packaged one that a packaged term relates to
            assert name in files, line
            assert 1 <= int(match["line"]) <= lines_of(files[name]), (line, files[name])
            assert match["subtype"] in SUBTYPES, line


@pytest.fixture
def termcheck(tmp_path_factory) -> Iterator[Project]:
    project = Project(tmp_path_factory.mktemp("fuzz-termcheck") / "src", builder="msp-termcheck")
    project.start()
    yield project
    project.stop()


def check_report(outdir: Path) -> list[dict]:
    """output.txt has one line per entry of output.json, each ``file:line: [status] ...``."""
    lines = (outdir / "output.txt").read_text("utf-8").split("\n")
    assert lines.pop() == ""
    records = [json.loads(line) for line in (outdir / "output.json").read_text("utf-8").splitlines()]
    assert len(lines) == len(records)
    for line, record in zip(lines, records):
        assert line.startswith(f"{record['filename']}:{record['lineno']}: [{record['status']}] "), line
        assert record["lineno"] >= 1, record
    return records


def check_page(project: Project, page: str) -> None:
    warnings, status = project.build(page)
    check_build(warnings, status, {project.index.name: page, "terms.toml": TERMS})
    if project.builder == "msp-termcheck":
        check_report(project.app.outdir)
    else:
        assert (project.app.outdir / "index.html").is_file()
    lines = lines_of(page)
    for ref in project.app.env.get_domain("msp").data["refs"].get("index", []):
        assert 1 <= ref.lineno <= lines, ref


ROLE_PIECES = st.sampled_from([
    "SLA", "sla", "SLAs", "Runbook", "run book", "Société Gérée", "société gérée", "MDR", "Service Level Agreement",
    "<", ">", "<>", "<<", ">>", " <", "> ", "\\", "\\<", "\\>", "\\\\", " ", "  ", "\n", "\t", "!", "~", ":",
    "`", "_", "*", "|", "text <SLA>", "text <>", " <SLA>", "<SLA> <MDR>", "a <b <c>>", "\u00a0", "\u200b", "🚀",
])
role_targets = st.lists(st.one_of(ROLE_PIECES, st.text(max_size=6)), max_size=8).map("".join)


@FUZZ
@given(st.lists(role_targets, min_size=1, max_size=4), st.sampled_from(["term-ref", "msp:term"]))
@example(["text <>", "<>", "\\<", "a <b <c>>", "x\n<SLA>", "!SLA", " SLA"], "term-ref")
def test_role_targets(project, targets: list[str], role: str) -> None:
    body = "\n\n".join(f"Ref {i}: :{role}:`{target}` end." for i, target in enumerate(targets))
    check_page(project, f"Fuzz\n====\n\n{body}\n")


@FUZZ
@given(st.lists(role_targets, min_size=1, max_size=4))
@example(["foo\nbar", "SLA\n<MDR>", "x <a\nb>", "a\u2028b"])
def test_role_targets_in_the_report(termcheck, targets: list[str]) -> None:
    """The msp-termcheck report writes what the role says: one line per entry still."""
    body = "\n\n".join(f"Ref {i}: :term-ref:`{target}` end." for i, target in enumerate(targets))
    check_page(termcheck, f"Fuzz\n====\n\n{body}\n")


OPTION_NAMES = st.sampled_from(["class", "no-index", "noindex", "terms", "exclude", "used-only", "colour", "x"])
OPTION_VALUES = st.one_of(
    st.just(""),
    st.sampled_from(["SLA", "SLA, MDR", ",", " , ,", "Nonsense", "a b", "yes", "<script>", "Runbook,run book"]),
    st.text(max_size=12).map(lambda s: " ".join(s.split())),
)
ARGUMENTS = st.one_of(ROLE_PIECES, st.text(max_size=12)).map(lambda s: " ".join(s.split()))
CONTENT = st.lists(st.one_of(st.text(max_size=20), st.sampled_from([
    "Notes with :term-ref:`SLA`.", ".. msp-term:: MDR", "   nested", "* a list", "", ":term-ref:`<>`",
    ".. msp-glossary::", "`unterminated", ".. raw:: html", "<script>alert(1)</script>",
])), max_size=4)


@st.composite
def directive(draw) -> str:
    name = draw(st.sampled_from(["msp-term", "msp-glossary"]))
    argument = draw(st.one_of(st.just(""), ARGUMENTS))
    lines = [f".. {name}:: {argument}".rstrip()]
    for option in draw(st.lists(OPTION_NAMES, max_size=3, unique=True)):
        lines.append(f"   :{option}: {draw(OPTION_VALUES)}".rstrip())
    content = draw(CONTENT)
    if content:
        lines.append("")
        lines.extend(f"   {line}".rstrip() for text in content for line in (text.splitlines() or [""]))
    return "\n".join(lines)


@FUZZ
@given(st.lists(directive(), min_size=1, max_size=4))
@example([".. msp-term::", ".. msp-term:: SLA\n   :class: a\n   :class: b", ".. msp-glossary:: x\n   :terms: ,\n\n   c"])
@example([".. msp-term:: Runbook\n\n   .. msp-term:: Runbook\n\n      .. msp-glossary::\n         :terms: SLA"])
def test_directives(project, blocks: list[str]) -> None:
    check_page(project, "Fuzz\n====\n\n" + "\n\n".join(blocks) + "\n")


@pytest.fixture
def myst_project(tmp_path_factory) -> Iterator[Project]:
    pytest.importorskip("myst_parser")
    project = Project(tmp_path_factory.mktemp("fuzz-myst") / "src", suffix=".md")
    project.start()
    yield project
    project.stop()


@st.composite
def myst_block(draw) -> str:
    """A paragraph of {term-ref} roles, or an msp-term / msp-glossary fence."""
    if draw(st.booleans()):
        return " ".join(f"{{term-ref}}`{target}`" for target in draw(st.lists(role_targets, min_size=1, max_size=3)))
    name = draw(st.sampled_from(["msp-term", "msp-glossary"]))
    lines = [f"```{{{name}}} {draw(st.one_of(st.just(''), ARGUMENTS))}".rstrip()]
    for option in draw(st.lists(OPTION_NAMES, max_size=3, unique=True)):
        lines.append(f":{option}: {draw(OPTION_VALUES)}".rstrip())
    content = [line for text in draw(CONTENT) for line in text.splitlines() if not line.startswith("```")]
    if content:
        lines += ["", *content]
    return "\n".join([*lines, "```"])


@FUZZ
@given(st.lists(myst_block(), min_size=1, max_size=4))
@example(["{term-ref}`text <>` {term-ref}`<>` {term-ref}`\\<`", "```{msp-term}\n:class:\n:colour: red\n```"])
def test_myst_roles_and_directives(myst_project, blocks: list[str]) -> None:
    check_page(myst_project, "# Fuzz\n\n" + "\n\n".join(blocks) + "\n")


@FUZZ_SLOW
@given(toml_documents(), st.lists(st.sampled_from(NAMES) | text, max_size=3))
@example(({}, [{"name": "Forger msp:term 1 https://evil.example/ -", "definition": "d"},
               {"name": "Line\nbreak", "definition": "d", "aliases": ["x\ny msp:term 1 /evil -", "ok"]}], False),
         ["Forger", "Line break"])
def test_glossary_files_in_a_build(tmp_path_factory, document, names: list[str]) -> None:
    """Random glossary files, loaded by a build (one application per example: the glossary
    is read when the builder starts), with pages that reference and show their terms."""
    top, terms, inline = document
    glossary = toml_document(top, terms, inline)
    srcdir = tmp_path_factory.mktemp("fuzz-glossary") / "src"
    project = Project(srcdir, glossary)
    refs = " ".join(f":term-ref:`{' '.join(n.split()) or 'x'}`" for n in names if "`" not in n)
    page = f"Fuzz\n====\n\n{refs}\n\n.. msp-glossary::\n"
    (srcdir / "index.rst").write_text(page, "utf-8")
    files = {"index.rst": page, "terms.toml": glossary}
    try:
        app = project.start()
        check_build(app._warning.getvalue(), app._status.getvalue(), files)
        assert (app.outdir / "index.html").is_file()
        check_inventory(app)
        project.stop()
        project.builder = "msp-termcheck"
        app = project.start()
        check_build(app._warning.getvalue(), app._status.getvalue(), files)
        check_report(app.outdir)
    finally:
        project.stop()
        shutil.rmtree(srcdir.parent, ignore_errors=True)


def check_inventory(app: SphinxTestApp) -> None:
    """objects.inv, read back as intersphinx reads it, holds each term's names, at its card."""
    domain = app.env.get_domain("msp")
    found = msp_terms((app.outdir / "objects.inv").read_bytes(), "https://docs.example/")
    for name, uri in found.items():
        term = domain.glossary.lookup(name)  # the inventory agrees with the :term-ref: role
        assert term is not None and name in (term.name, *term.aliases), f"objects.inv names {name!r}"
        card = domain.data["targets"][term.id]
        assert uri == f"https://docs.example/{card.docname}.html#{card.node_id}", (name, uri)


# -- loops ---------------------------------------------------------------------------

LOOPS = """\
[[term]]
name = "Loop A"
definition = "Relates to B, which relates back."
related = ["Loop B"]

[[term]]
name = "Loop B"
definition = "Relates to A."
related = ["Loop A", "Loop C"]

[[term]]
name = "Loop C"
definition = "Relates to itself and to A: a cycle of three through B."
related = ["Loop C", "Loop A"]
"""


@pytest.mark.parametrize("builder", ["html", "msp-termcheck"])
def test_related_loops_build_without_warning(tmp_path, builder):
    """Related chains that loop (A -> B -> A, a cycle of three, a term related to itself)."""
    project = Project(tmp_path / "src", LOOPS, builder=builder)
    (project.srcdir / "index.rst").write_text(
        "Loops\n=====\n\n:term-ref:`Loop A` and :term-ref:`Loop C`.\n\n.. msp-term:: Loop A\n\n"
        ".. msp-term:: Loop B\n\n.. msp-glossary::\n   :terms: Loop A, Loop B, Loop C\n", "utf-8"
    )
    try:
        app = project.start()
        assert app._warning.getvalue() == ""
        if builder == "html":
            page = parse_html(app.outdir / "index.html")
            related = [a.get("href") for a in page.find_all("a") if "msp-term-card__related" in a.parent.classes]
            assert "#msp-term-loop-b" in related and "#msp-term-loop-a" in related
        else:
            assert all("[ok]" in line or "[unused]" in line for line in (app.outdir / "output.txt").read_text().splitlines())
    finally:
        project.stop()


# -- found by fuzzing: kept as plain tests -------------------------------------------


def test_deep_nesting_is_a_located_problem():
    """tomllib recurses once per level: a RecursionError used to escape and end the build."""
    text = '[[term]]\nname = "A"\ndefinition = "d"\n\n[[term]]\nname = "B"\nx = ' + "[" * 5000 + "]" * 5000 + "\n"
    parsed = parse_file(text, "deep.toml")
    terms, problems = parsed.terms, parsed.problems
    assert terms == []
    assert [(p.subtype, p.lineno) for p in problems] == [("data", 7)]
    assert "nesting too deep" in problems[0].message


def test_lines_count_newlines_only():
    """U+2028 or U+0085 inside a string is no line break in TOML: later lines stay right."""
    text = '[[term]]\nname = "A\u2028B\x85C"\ndefinition = "d"\nbad = 1\n'
    problems = parse_file(text, "lines.toml").problems
    assert [p.lineno for p in problems] == [4]


def test_huge_definition_keeps_pages_small(tmp_path):
    """The tooltip is the first sentence, at most 500 characters, written once per page (on the
    first reference; the script gives the others the same)."""
    huge = "word " * 200_000  # one sentence of a megabyte
    project = Project(tmp_path / "src", f'[[term]]\nname = "Huge"\ndefinition = "{huge}"\n')
    (project.srcdir / "index.rst").write_text("Huge\n====\n\n" + ":term-ref:`Huge` " * 200 + "\n", "utf-8")
    try:
        app = project.start()
        assert app._warning.getvalue() == ""
        assert (app.outdir / "index.html").stat().st_size < 200_000
        refs = parse_html(app.outdir / "index.html").find_all(class_="msp-term-ref")
        titles = [a.get("title") for a in refs if a.get("title") is not None]
        assert len(refs) == 200 and len(titles) == 1 and len(titles[0]) <= 500
    finally:
        project.stop()


def test_role_lines_after_an_edit_in_the_same_process(tmp_path):
    """The role finds its exact line in the file it reads; a file edited between two builds of
    one process (sphinx-autobuild, these tests) is read again, not taken from a cache."""
    project = Project(tmp_path / "src")
    project.start()
    try:
        warnings, _ = project.build("Edit\n====\n\n:term-ref:`Nope`\n")
        assert [w[1] for w in msp_lines(warnings)] == [4]
        warnings, _ = project.build("Edit\n====\n\nA new paragraph.\n\n:term-ref:`SLA` and\n:term-ref:`Nope`\n")
        assert [w[1] for w in msp_lines(warnings)] == [7]
    finally:
        project.stop()


def msp_lines(warnings: str) -> list[tuple[str, int]]:
    found = [MSP_WARNING.match(re.sub(r"\x1b\[[0-9;]*m", "", line)) for line in warnings.splitlines()]
    return [(Path(m["file"]).name, int(m["line"])) for m in found if m]


def test_warning_about_a_role_over_two_lines_is_one_line(project):
    warnings, _ = project.build("Two\n===\n\nSee :term-ref:`SLA\ntext <>` here.\n")
    assert msp_lines(warnings) == [("index.rst", 4)]
    assert "empty term name in :term-ref:`SLA text <>`" in warnings
