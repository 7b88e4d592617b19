"""The command line: list, show, validate and export the glossary.

Standard library only (plus the package's data modules, which do not import
Sphinx), so it starts fast and works in a pre-commit hook.

The glossary is merged as a Sphinx build merges it: the packaged terms, minus
``msp_glossary_exclude``, then each file of ``msp_glossary_files`` in turn, a
later term replacing an earlier one with the same name or id. Both come from the
project's conf.py (``--conf``, or found from the current folder; cli_load.py),
extended by ``--exclude`` and ``--files``.
"""

from __future__ import annotations

import argparse
import difflib
import os
import shutil
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from . import __version__
from .cli_load import PROG, CliError, add_project_options, load, located, merge, project, read_files
from .exports import EXPORTS
from .glossary import Glossary
from .terms import Term, did_you_mean

#: Exit codes.
OK = 0
FAILED = 1  # validation problems, unknown term, unreadable file
USAGE = 2  # bad command line (argparse uses 2 as well)


# -- formatting --------------------------------------------------------------


def layer_note(glossary: Glossary, term: Term) -> str:
    replaced = glossary.overrides.get(term.id)
    return f"overrides {replaced}" if replaced else ""


def format_table(rows: Sequence[Sequence[str]]) -> list[str]:
    """Rows as plain text columns, each as wide as its widest cell."""
    if not rows:
        return []
    widths = [max(len(row[col]) for row in rows) for col in range(len(rows[0]))]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]


def format_term(glossary: Glossary, term: Term, width: int = 79) -> list[str]:
    """One term in full, as ``Label: value`` lines with wrapped values."""
    layer = term.layer
    note = layer_note(glossary, term)
    if note:
        layer += f" ({note})"
    fields = [
        ("Name", term.name),
        ("Id", term.id),
        ("Expansion", term.expansion),
        ("Category", term.category),
        ("Definition", term.definition),
        ("Why it matters", term.why),
        ("Related", ", ".join(term.related)),
        ("Aliases", ", ".join(term.aliases)),
        ("Layer", layer),
    ]
    if term.deprecated:
        fields.insert(3, ("Deprecated", glossary.deprecation_message(term)))
    label_width = max(len(label) for label, _ in fields) + 2
    lines = []
    for label, value in fields:
        head = f"{label}:".ljust(label_width)
        wrapped = textwrap.wrap(
            " ".join(value.split()) or "-",
            width=max(width - label_width, 20),
            break_long_words=False,
            break_on_hyphens=False,
        )
        lines.append(head + wrapped[0])
        lines.extend(" " * label_width + line for line in wrapped[1:])
    return lines


# -- commands ----------------------------------------------------------------


def cmd_list(args: argparse.Namespace) -> int:
    glossary = load(project(args, args.files))
    terms = glossary.sorted_terms()
    if args.category is not None:
        names = {name.casefold(): name for name in glossary.categories}
        category = names.get(args.category.strip().casefold())
        if category is None:
            close = difflib.get_close_matches(args.category, list(glossary.categories), n=3, cutoff=0.5)
            print(f"{PROG}: unknown category {args.category!r}{did_you_mean(close)} "
                  f"(known: {', '.join(glossary.categories)})", file=sys.stderr)
            return FAILED
        terms = [term for term in terms if term.category == category]
    rows = [(term.name, term.id, term.layer, layer_note(glossary, term)) for term in terms]
    for line in format_table(rows):
        print(line)
    return OK


def cmd_show(args: argparse.Namespace) -> int:
    glossary = load(project(args, args.files))
    term = glossary.lookup(args.name)
    if term is None:
        print(f"{PROG}: {glossary.unknown_message(args.name)}", file=sys.stderr)
        return FAILED
    width = min(shutil.get_terminal_size((80, 24)).columns, 100) - 1
    for line in format_term(glossary, term, width):
        print(line)
    return OK


def cmd_validate(args: argparse.Namespace) -> int:
    found = project(args, args.files)
    if not found.files:  # a usage error: nothing was given, and no conf.py names files
        print(f"{PROG}: error: no glossary files to validate: give FILE, or --conf PATH of a conf.py that "
              "sets msp_glossary_files", file=sys.stderr)
        return USAGE
    layers, unreadable = read_files(found.files)
    glossary = merge(found, layers)
    labels = [layer.label for layer in layers]
    problems = located([*unreadable, *glossary.problems, *glossary.related_problems()], found.files,
                       found.locations)
    for location, message in problems:
        print(f"{location}: {message}")
    if problems:
        count = len(problems)
        print(f"{PROG}: {count} problem{'s' if count != 1 else ''} found", file=sys.stderr)
        return FAILED
    given = set(labels)
    count = sum(1 for term in glossary if term.layer in given)
    files = len(labels)
    print(f"{count} term{'s' if count != 1 else ''} OK ({files} file{'s' if files != 1 else ''})")
    return OK


def cmd_export(args: argparse.Namespace) -> int:
    glossary = load(project(args, args.files))
    text = EXPORTS[args.format](glossary)
    if args.output and args.output != "-":
        try:
            Path(args.output).write_text(text, "utf-8")
        except OSError as err:
            raise CliError(f"cannot write {args.output} ({err.strerror or err})") from None
    else:
        sys.stdout.write(text)
    return OK


# -- parser ------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="List, show, validate and export the sphinx-msp-glossary glossary: the packaged "
                    "terms merged with project glossary files, as a Sphinx build merges them.",
        epilog=f"Run '{PROG} COMMAND --help' for the options of a command.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", title="commands", metavar="COMMAND")

    p = commands.add_parser(
        "list", help="one line per term: name, id, layer",
        description="One line per term of the merged glossary, sorted by name: the name, the id, the "
                    "layer it comes from ('packaged' or the file), and the layer of the term it overrides.",
    )
    p.add_argument("--category", metavar="NAME", help="only the terms of category NAME")
    add_project_options(p)
    p.set_defaults(func=cmd_list)

    p = commands.add_parser(
        "show", help="one term in full",
        description="One term in full. NAME is resolved like the :term-ref: role: case-insensitively, "
                    "by name, id, alias or expansion, or a plural of one. Exit 1 if it is no term.",
        epilog="Give NAME before --files/--exclude, or after '--': "
               f"'{PROG} show SLA --files a.toml', '{PROG} show --files a.toml -- SLA'.",
    )
    p.add_argument("name", metavar="NAME", help="a term's name, id, alias or expansion")
    add_project_options(p)
    p.set_defaults(func=cmd_show)

    p = commands.add_parser(
        "validate", help="check glossary files (exit 1 on any problem)",
        description="Parse each glossary file, merged in order after the packaged terms, and report "
                    "every problem as 'file:line: message': TOML syntax, missing or unknown keys, wrong "
                    "types, duplicate names, clashing aliases, names that are another term's alias, "
                    "and related names that resolve to no term. Exit 1 on any problem, else 0.",
    )
    p.add_argument("files", metavar="FILE", nargs="*",
                   help="glossary files (TOML), after those of conf.py; give them before the options")
    add_project_options(p, files=False)
    p.set_defaults(func=cmd_validate)

    p = commands.add_parser(
        "export", help="write the glossary as JSON, Markdown, CSV or JSON-LD",
        description="Write the merged glossary, sorted by name, as JSON (a list of objects with id, "
                    "name, category, expansion, definition, why, related, aliases, layer), as Markdown, "
                    "as CSV (UTF-8 with a byte order mark, one row per term) or as JSON-LD (a schema.org "
                    "DefinedTermSet).",
    )
    p.add_argument("--format", required=True, choices=list(EXPORTS), help="output format")
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of standard output")
    add_project_options(p)
    p.set_defaults(func=cmd_export)
    return parser


def _tolerant(stream: TextIO) -> None:
    """Print characters the terminal's encoding lacks as escapes, not a UnicodeEncodeError."""
    reconfigure = getattr(stream, "reconfigure", None)
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    if reconfigure is not None and encoding and encoding != "utf8":
        try:
            reconfigure(errors="backslashreplace")
        except (ValueError, OSError):  # pragma: no cover - stream already in use or closed
            pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help, --version, usage errors
        return exit_.code if isinstance(exit_.code, int) else USAGE
    if args.command is None:
        parser.print_help(sys.stderr)
        return USAGE
    _tolerant(sys.stdout)
    _tolerant(sys.stderr)
    try:
        return args.func(args)
    except CliError as err:
        print(f"{PROG}: error: {err}", file=sys.stderr)
        return FAILED
    except BrokenPipeError:  # e.g. `list | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return FAILED
