"""A project's conf.py, read without Sphinx: where it is, what it sets, and at which line.

The command line reads ``msp_glossary_files`` and ``msp_glossary_exclude`` from it as a build
does; the build uses the scan of its assignments to find settings it does not know.
"""

from __future__ import annotations

import ast
import difflib
import os
import re
import traceback
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

#: Where the command line looks for conf.py, from the current folder, in this order.
CANDIDATES = ("conf.py", "docs/conf.py", "doc/conf.py", "source/conf.py", "docs/source/conf.py")


class ConfError(Exception):
    """conf.py could not be executed; the message names its file and line."""


def find_conf(start: str | Path = ".") -> Path | None:
    """The first of :data:`CANDIDATES` below ``start`` that exists."""
    for candidate in CANDIDATES:
        path = Path(start, candidate)
        if path.is_file():
            return path
    return None


def assignments(path: str | Path) -> dict[str, int]:
    """Each name conf.py assigns at its top level (``=``, ``+=``, ``name: type =``), with the line
    of its first assignment. Empty if the file cannot be read or parsed."""
    try:
        tree = ast.parse(Path(path).read_text("utf-8"), str(path))
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError):
        return {}
    found: dict[str, int] = {}
    for node in tree.body:
        targets: Iterable[ast.expr] = ()
        if isinstance(node, ast.Assign):
            targets = [t for target in node.targets for t in _flat(target)]
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        for target in targets:
            if isinstance(target, ast.Name):
                found.setdefault(target.id, node.lineno)
    return found


def _flat(target: ast.expr) -> list[ast.expr]:
    if isinstance(target, (ast.Tuple, ast.List)):
        return [t for element in target.elts for t in _flat(element)]
    return [target]


def setting_line(path: str | Path, name: str) -> int:
    """The line of conf.py that sets ``name``: its first top-level assignment, else the first
    line that starts with the name (``name.append(...)``), else 1."""
    line = assignments(path).get(name)
    if line:
        return line
    try:
        for lineno, text in enumerate(Path(path).read_text("utf-8").splitlines(), start=1):
            if re.match(rf"\s*{re.escape(name)}\b", text):
                return lineno
    except (OSError, UnicodeDecodeError):
        pass
    return 1


def unknown_settings(path: str | Path, known: Sequence[str], prefix: str) -> list[tuple[str, int, str]]:
    """(name, line, nearest known name or "") of each name with ``prefix`` that conf.py sets
    but that is not in ``known``."""
    return [
        (name, line, next(iter(difflib.get_close_matches(name, known, n=1, cutoff=0.6)), ""))
        for name, line in assignments(path).items()
        if name.startswith(prefix) and name not in known
    ]


class _Tags(set):
    """What conf.py sees as ``tags`` in a build: none are set on the command line."""

    def has(self, tag: str) -> bool:
        return tag in self

    def remove(self, tag: str) -> None:
        self.discard(tag)


class ProjectConf(NamedTuple):
    """The values of one conf.py, with the -D overrides given on the command line."""

    path: Path
    values: dict[str, Any]
    overrides: dict[str, str]

    def get_list(self, name: str) -> list[str]:
        """A list setting: the override split at commas (as sphinx-build does), else conf.py's."""
        if name in self.overrides:
            return [item.strip() for item in self.overrides[name].split(",") if item.strip()]
        value = self.values.get(name, [])
        if isinstance(value, str) or not isinstance(value, (list, tuple)):
            raise ConfError(f"{self.location(name)}: {name} must be a list of strings, not {value!r}")
        return [str(item) for item in value]

    def location(self, name: str) -> str:
        if name in self.overrides:
            return f"command line: -D {name}"
        return f"{self.path}:{setting_line(self.path, name)}"

    def relative(self, name: str) -> str:
        """A path of conf.py's (relative to its folder, as Sphinx takes them), as seen from
        the current folder."""
        path = self.path.parent / name
        try:
            return os.path.relpath(path)
        except ValueError:  # another drive, on Windows
            return str(path)


def read_conf(path: str | Path, overrides: Mapping[str, str] = {}) -> ProjectConf:
    """Execute conf.py as Sphinx does: a fresh namespace with ``__file__`` set, in its folder."""
    path = Path(path)
    try:
        source = path.read_bytes()
    except OSError as err:
        raise ConfError(f"{path}: cannot be read ({err.strerror or err})") from None
    namespace: dict[str, Any] = {"__file__": str(path.resolve()), "tags": _Tags()}
    cwd = os.getcwd()
    try:
        os.chdir(path.parent.resolve())
        exec(compile(source, str(path), "exec"), namespace)  # noqa: S102 - the project's own conf.py
    except SyntaxError as err:
        raise ConfError(f"{path}:{err.lineno or 1}: syntax error: {err.msg}") from None
    except (Exception, SystemExit) as err:
        frames = [f for f in traceback.extract_tb(err.__traceback__) if f.filename == str(path)]
        line = frames[-1].lineno if frames else 1
        raise ConfError(f"{path}:{line}: conf.py raised {type(err).__name__}: {err}") from None
    finally:
        os.chdir(cwd)
    return ProjectConf(path, namespace, dict(overrides))
