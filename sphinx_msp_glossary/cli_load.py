"""What the command line merges, and where its problems are: the project's conf.py (given with
``--conf`` or found from the current folder), ``-D`` overrides, ``--files`` and ``--exclude``.

No Sphinx here, so that the command line starts fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from .conf_reader import CANDIDATES, ConfError, ProjectConf, find_conf, read_conf
from .glossary import Glossary
from .layers import Layer, merge_layers
from .terms import PACKAGED_LAYER, Problem

PROG = "sphinx-msp-glossary"
#: Labels of command-line options in messages, for problems that merge_layers locates at a
#: conf.py setting when no conf.py is read.
OPTION_LABELS = {"msp_glossary_exclude": "--exclude", "msp_glossary_files": "--files"}


class CliError(Exception):
    """An error that ends the command with a message on stderr and exit code 1."""


class Project(NamedTuple):
    """The glossary files and exclusions of a command, and where each setting comes from."""

    files: list[str]
    exclude: list[str]
    locations: dict[str, str]  # setting -> ``conf.py:LINE``, ``command line: -D name`` or the option


def add_project_options(parser: argparse.ArgumentParser, files: bool = True) -> None:
    group = parser.add_argument_group("project")
    group.add_argument(
        "--conf", metavar="PATH",
        help="the project's conf.py: msp_glossary_files (relative to it) and msp_glossary_exclude are "
             f"read from it; by default the first of {', '.join(CANDIDATES)} found in the current folder",
    )
    group.add_argument("--no-conf", action="store_true", help="read no conf.py")
    group.add_argument(
        "-D", metavar="NAME=VALUE", dest="define", action="append", default=[],
        help="override a setting of conf.py, as sphinx-build -D does (lists: comma-separated)",
    )
    if files:
        group.add_argument(
            "--files", metavar="F", nargs="+", action="extend", default=[],
            help="more glossary files, merged in order after conf.py's (like msp_glossary_files); "
                 "may be repeated",
        )
    group.add_argument(
        "--exclude", metavar="NAME", nargs="+", action="extend", default=[],
        help="more packaged terms to leave out (like msp_glossary_exclude); may be repeated",
    )


def _overrides(defines: Sequence[str]) -> dict[str, str]:
    overrides = {}
    for define in defines:
        name, equals, value = define.partition("=")
        if not equals or not name.strip():
            raise CliError(f"-D {define!r}: expected NAME=VALUE")
        overrides[name.strip()] = value
    return overrides


def project(args: argparse.Namespace, files: Sequence[str]) -> Project:
    """The files and exclusions of a command: conf.py's (with -D), then those given."""
    overrides = _overrides(args.define)
    path = Path(args.conf) if args.conf else None if args.no_conf else find_conf()
    if path is None:
        if args.conf is None and overrides:
            raise CliError("-D needs a conf.py (--conf PATH); none was found")
        return Project(list(files), list(args.exclude), dict(OPTION_LABELS))
    if not args.conf:
        print(f"{PROG}: using {path}", file=sys.stderr)
    try:
        conf: ProjectConf = read_conf(path, overrides)
        conf_files = [conf.relative(name) for name in conf.get_list("msp_glossary_files")]
        conf_exclude = conf.get_list("msp_glossary_exclude")
    except ConfError as err:
        raise CliError(str(err) + ("" if args.conf else "; --no-conf reads no conf.py")) from None
    locations = {name: conf.location(name) for name in OPTION_LABELS}
    return Project([*conf_files, *files], [*conf_exclude, *args.exclude], locations)


def _read_text(path: str) -> str:
    """The text of a glossary file, or a CliError saying why it cannot be read."""
    try:
        return Path(path).read_text("utf-8")
    except FileNotFoundError:
        raise CliError("not found") from None
    except IsADirectoryError:
        raise CliError("is a directory, not a file") from None
    except UnicodeDecodeError as err:
        raise CliError(f"is not UTF-8 text ({err.reason} at byte {err.start})") from None
    except OSError as err:
        raise CliError(f"cannot be read ({err.strerror or err})") from None


def read_files(files: Sequence[str]) -> tuple[list[Layer], list[Problem]]:
    """Layers of the readable files (labelled with the path as given), and a problem for each other one."""
    layers: list[Layer] = []
    unreadable: list[Problem] = []
    for path in files:
        try:
            layers.append(Layer(path, _read_text(path)))
        except CliError as err:
            unreadable.append(Problem("data", f"glossary file {err}", path, 1))
    return layers, unreadable


def merge(found: Project, layers: Sequence[Layer]) -> Glossary:
    glossary = merge_layers(layers, found.exclude)
    glossary.setting_locations.update(found.locations)
    return glossary


def load(found: Project) -> Glossary:
    """The merged glossary for list/show/export: unreadable files are an error, data problems warnings."""
    layers, unreadable = read_files(found.files)
    if unreadable:
        raise CliError("; ".join(f"{p.source}: {p.message}" for p in unreadable))
    glossary = merge(found, layers)
    for location, message in located(glossary.problems, [layer.label for layer in layers], found.locations):
        print(f"{location}: warning: {message}", file=sys.stderr)
    return glossary


def location_of(problem: Problem, locations: dict[str, str]) -> str:
    """``file:line`` of a problem; ``packaged``, or where the setting is, for the others."""
    if problem.in_conf:
        return locations.get(problem.source, problem.source)
    if problem.source == PACKAGED_LAYER:
        return PACKAGED_LAYER
    return f"{problem.source}:{problem.lineno or 1}"


def located(problems: Sequence[Problem], labels: Sequence[str], locations: dict[str, str]) -> list[tuple[str, str]]:
    """(location, message) of each problem: settings first, then by file (in the order given) and line."""
    order = {label: index for index, label in enumerate(labels)}

    def key(problem: Problem) -> tuple[int, int]:
        if problem.in_conf:
            return (-2, 0)
        if problem.source == PACKAGED_LAYER:
            return (-1, 0)
        return (order.get(problem.source, len(order)), problem.lineno or 1)

    return [(location_of(p, locations), p.message) for p in sorted(problems, key=key)]
