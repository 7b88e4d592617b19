"""The documentation: it covers every warning subtype and config value, its example
warnings are what builds print, and it builds without a warning."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

from sphinx_msp_glossary.diagnostics import SUBTYPES
from sphinx_msp_glossary.config import SETTINGS
from sphinx_msp_glossary.layers import packaged_terms

DOCS = Path(__file__).parent.parent / "docs"
#: Small projects shown on the Warnings page, each with the output.txt a build of it prints.
EXAMPLES = DOCS / "snippets" / "warnings"


def docs_pages() -> dict[str, str]:
    """Text of every page of the docs, by its path relative to docs/."""
    pages = {
        str(path.relative_to(DOCS)): path.read_text("utf-8")
        for suffix in ("rst", "md")
        for path in DOCS.rglob(f"*.{suffix}")
        if not {"_build", "snippets"} & set(path.relative_to(DOCS).parts)
    }
    assert pages, f"no documentation pages in {DOCS}"
    return pages


@pytest.mark.parametrize("subtype", sorted(SUBTYPES))
def test_every_warning_subtype_is_documented(subtype):
    documented = [name for name, text in docs_pages().items() if f"msp_glossary.{subtype}" in text]
    assert documented, f"msp_glossary.{subtype} is in no page of the docs"


@pytest.mark.parametrize("name", sorted(SETTINGS))
def test_every_config_value_is_documented(name):
    table = (DOCS / "configuration.rst").read_text("utf-8")
    assert f"   * - ``{name}``" in table, f"{name} is not in the table of configuration.rst"


def test_every_warning_subtype_has_a_real_example():
    shown = set()
    for output in EXAMPLES.glob("*/output.txt"):
        shown |= set(re.findall(r"\[msp_glossary\.([\w-]+)\]$", output.read_text("utf-8"), re.MULTILINE))
    assert shown == set(SUBTYPES)


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir()))
def test_example_output_is_what_a_build_prints(example, tmp_path, capsys):
    src = tmp_path / "docs"
    shutil.copytree(EXAMPLES / example, src)
    expected = (src / "output.txt").read_text("utf-8").splitlines()
    (src / "output.txt").unlink()
    if not (src / "conf.py").exists():
        (src / "conf.py").write_text('extensions = ["sphinx_msp_glossary"]\n', "utf-8")
    capsys.readouterr()
    build_main(["-q", "--no-color", "-b", "html", str(src), str(tmp_path / "out")])
    printed = capsys.readouterr().err.replace(f"{src}/", "docs/")
    found = [line for line in printed.splitlines() if "[msp_glossary." in line]
    assert found == expected


def test_termcheck_example_is_what_the_builder_writes(tmp_path, capsys):
    example = DOCS / "snippets" / "termcheck"
    src = tmp_path / "docs"
    shutil.copytree(example, src, ignore=shutil.ignore_patterns("*.txt"))
    out = tmp_path / "termcheck"
    capsys.readouterr()
    status = build_main(["--no-color", "-b", "msp-termcheck", str(src), str(out)])
    assert status == 1  # the example has entries with a status of msp_glossary_fail_on
    report = [line for line in (out / "output.txt").read_text("utf-8").splitlines() if "[ok]" not in line]
    assert report == (example / "report.txt").read_text("utf-8").splitlines()
    summary = [line for line in capsys.readouterr().out.splitlines() if line.startswith("msp-termcheck:")]
    assert summary == (example / "summary.txt").read_text("utf-8").splitlines()


@pytest.mark.slow
def test_docs_build_without_warnings(tmp_path):
    out = tmp_path / "html"
    status = build_main(["-q", "-nW", "--keep-going", "-b", "html", str(DOCS), str(out)])
    assert status == 0
    # the live example on the front page renders a real card, the link target of SLA
    index = (out / "index.html").read_text("utf-8")
    assert re.search(r'<div class="msp-term-card[^"]*"[^>]*\bid="msp-term-sla"', index)
    assert 'href="#msp-term-sla"' in index
    # the glossary page shows every packaged term
    glossary = (out / "glossary.html").read_text("utf-8")
    cards = set(re.findall(r'<div class="msp-term-card[^"]*"[^>]*data-msp-term="([^"]+)"', glossary))
    assert cards == {term.id for term in packaged_terms()}


def test_quickstart_and_ci_recipe_match_the_package():
    pyproject = (DOCS.parent / "pyproject.toml").read_text("utf-8")
    lowest = re.search(r'"sphinx>=([\d.]+)"', pyproject)[1]
    quickstart = (DOCS / "quickstart.rst").read_text("utf-8")
    assert f"Sphinx {lowest} or later" in quickstart
    recipe = (DOCS / "termcheck.rst").read_text("utf-8").split("A CI recipe", 1)[1]
    install = next(line for line in recipe.splitlines() if "pip install" in line)
    assert "myst-parser" in install  # what a Markdown project needs
    html_build = next(line for line in recipe.splitlines() if "-b html" in line)
    assert " -E " in html_build  # a warm build directory would hide warnings of unchanged pages
