"""The command line reads the project: conf.py given with --conf or found from the current
folder, -D overrides, --exclude with several names, and the pre-commit hook."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_msp_glossary.cli import main

REPO = Path(__file__).parent.parent

CONF = """\
from pathlib import Path
extensions = ["sphinx_msp_glossary"]
msp_glossary_exclude = ["Break-fix"]
# run in its own folder, as Sphinx runs it
msp_glossary_files = [str(path) for path in sorted(Path("glossary").glob("*.toml"))]
"""

TERMS = """\
[[term]]
name = "Client Portal"
definition = "The website where clients open tickets."
related = ["Break-fix", "Vault"]
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project with its conf.py in docs/, the commands run from its root."""
    (tmp_path / "docs" / "glossary").mkdir(parents=True)
    (tmp_path / "docs" / "conf.py").write_text(CONF, "utf-8")
    (tmp_path / "docs" / "glossary" / "terms.toml").write_text(TERMS, "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_finds_conf_py_and_says_which(project, capsys):
    code, out, err = run(capsys, "validate")
    assert err.splitlines()[0] == "sphinx-msp-glossary: using docs/conf.py"
    # Break-fix is excluded in conf.py, so a related name of it is no problem; Vault is
    assert out.splitlines() == [
        "docs/glossary/terms.toml:4: term 'Client Portal': related name 'Vault' is no term",
    ]
    assert code == 1


def test_show_names_the_exclusion_in_conf_py(project, capsys):
    code, _, err = run(capsys, "show", "Break-fix")
    assert code == 1
    assert err.splitlines() == [
        "sphinx-msp-glossary: using docs/conf.py",
        "sphinx-msp-glossary: term 'Break-fix' was excluded by msp_glossary_exclude (docs/conf.py:3)",
    ]


def test_conf_option_and_overrides(project, capsys):
    code, out, err = run(capsys, "list", "--conf", "docs/conf.py", "-D", "msp_glossary_exclude=AUP,SLA")
    assert code == 0 and err == ""  # a conf.py given is not announced
    names = {line.split("  ")[0] for line in out.splitlines()}
    assert {"Break-fix", "Client Portal"} <= names and not {"AUP", "SLA"} & names
    code, _, err = run(capsys, "show", "SLA", "--conf", "docs/conf.py", "-D", "msp_glossary_exclude=AUP,SLA")
    assert code == 1
    assert err.strip() == "sphinx-msp-glossary: term 'SLA' was excluded by msp_glossary_exclude " \
                          "(command line: -D msp_glossary_exclude)"


def test_exclude_takes_several_names_in_every_command(project, capsys):
    code, out, _ = run(capsys, "list", "--no-conf", "--exclude", "SLA", "MSP")
    names = {line.split("  ")[0] for line in out.splitlines()}
    assert code == 0 and "Break-fix" in names and not {"SLA", "MSP"} & names
    code, out, _ = run(capsys, "export", "--format", "json", "--no-conf", "--exclude", "SLA", "MSP")
    assert code == 0 and '"name": "SLA"' not in out and '"name": "MSP"' not in out
    code, out, _ = run(capsys, "validate", "docs/glossary/terms.toml", "--no-conf", "--exclude", "Break-fix", "Vault")
    assert code == 1
    assert out.splitlines() == [
        "--exclude: msp_glossary_exclude names 'Vault', which is not a packaged term",
        "docs/glossary/terms.toml:4: term 'Client Portal': related name 'Vault' is no term",
    ]


def test_conf_py_that_fails_is_located(project, capsys):
    (project / "docs" / "conf.py").write_text('extensions = []\nmsp_glossary_files = [missing_name]\n', "utf-8")
    code, _, err = run(capsys, "validate")
    assert code == 1
    assert err.splitlines()[-1] == ("sphinx-msp-glossary: error: docs/conf.py:2: conf.py raised NameError: "
                                    "name 'missing_name' is not defined; --no-conf reads no conf.py")


def test_pre_commit_hook_needs_no_arguments(project):
    hook = (REPO / ".pre-commit-hooks.yaml").read_text("utf-8")
    entry = shlex.split(re.search(r"^\s*entry:\s*(.+)$", hook, re.MULTILINE)[1])
    assert re.search(r"^\s*pass_filenames:\s*false\s*$", hook, re.MULTILINE)
    assert entry[0] == "sphinx-msp-glossary"
    done = subprocess.run([sys.executable, "-m", "sphinx_msp_glossary", *entry[1:]], cwd=project,
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "docs/glossary/terms.toml:4: term 'Client Portal': related name 'Vault' is no term",
    ]
