#!/usr/bin/env python
"""Scale abuse: a build on oversized input finishes, in time that grows no faster than linearly.

At size x1 the generated project has a project glossary file of 5,000 terms (each related
to the next, and a related chain that loops: Loop A -> Loop B -> Loop A), a page with
10,000 :term-ref: references (by name, alias, id and plural; a tenth of them to the term
with a 1 MB definition, a 1 MB first sentence at that), and a glossary page that shows
every term. Sizes x2 and x4 multiply all of it (terms, references, definition size).

Each size is built with ``python -m sphinx -q -E`` in a subprocess, with the HTML
builder and with msp-termcheck; the script prints the times, the time per unit of size,
and checks that the builds finished with no warning and that x4 took at most
``--max-ratio`` (default 6) times as long as x1 (linear growth is 4).

    python benchmarks/scale_abuse.py                 # sizes 1 2 4 (a few minutes)
    python benchmarks/scale_abuse.py --quick         # a tenth of everything, for a smoke run
    python benchmarks/scale_abuse.py --sizes 1 2 --terms 1000 --refs 2000 --definition 100000
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CONF = """\
project = "scale"
extensions = ["sphinx_msp_glossary"]
msp_glossary_files = ["terms.toml"]
exclude_patterns = ["_build"]
"""


def glossary_file(terms: int, definition_size: int) -> str:
    out = []
    for n in range(terms):
        out.append(
            f'[[term]]\nname = "Term {n:06d}"\naliases = ["T{n}"]\n'
            f'definition = "Definition of term {n}. A second sentence."\n'
            f'related = ["Term {(n + 1) % terms:06d}"]\n'
        )
    out.append('[[term]]\nname = "Loop A"\ndefinition = "One end of a loop."\nrelated = ["Loop B"]\n')
    out.append('[[term]]\nname = "Loop B"\ndefinition = "The other end."\nrelated = ["Loop A"]\n')
    # one sentence, no break: the tooltip's "first sentence" is the whole megabyte
    big = ("word " * (definition_size // 5 + 1))[:definition_size]
    out.append(f'[[term]]\nname = "Huge"\ndefinition = "{big}"\nrelated = ["Loop A"]\n')
    return "\n".join(out)


def page(refs: int, terms: int) -> str:
    lines = ["References", "==========", ""]
    row: list[str] = []
    for n in range(refs):
        k = (n * 7919) % terms
        kind = n % 10
        if kind == 0:
            target = "Huge"
        elif kind == 1:
            target = f"T{k}"  # alias
        elif kind == 2:
            target = f"term-{k:06d}"  # id
        elif kind == 3:
            target = f"Term {k:06d}s"  # plural
        elif kind == 4:
            target = f"text <Loop {'AB'[n % 2]}>"
        else:
            target = f"Term {k:06d}"
        row.append(f":term-ref:`{target}`")
        if len(row) == 8:
            lines.append(", ".join(row) + ".")
            row = []
            if n % 80 == 79:
                lines.append("")  # paragraphs of ten lines
    lines.append(", ".join(row) + ".")
    return "\n".join(lines) + "\n"


def make_project(root: Path, size: int, args: argparse.Namespace) -> Path:
    src = root / f"x{size}"
    src.mkdir(parents=True)
    terms = args.terms * size
    (src / "conf.py").write_text(CONF, "utf-8")
    (src / "terms.toml").write_text(glossary_file(terms, args.definition * size), "utf-8")
    (src / "index.rst").write_text("Scale\n=====\n\n.. toctree::\n\n   refs\n   glossary\n", "utf-8")
    (src / "refs.rst").write_text(page(args.refs * size, terms), "utf-8")
    (src / "glossary.rst").write_text("Glossary\n========\n\n.. msp-glossary::\n", "utf-8")
    return src


def build(src: Path, builder: str) -> tuple[float, str, int]:
    out = src / "_build" / builder
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-E", "-b", builder, str(src), str(out)],
        capture_output=True, text=True,
    )
    return time.perf_counter() - start, result.stderr, result.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--terms", type=int, default=5000, help="project terms at size 1")
    parser.add_argument("--refs", type=int, default=10000, help="references on the page at size 1")
    parser.add_argument("--definition", type=int, default=1_000_000, help="characters of the huge definition")
    parser.add_argument("--max-ratio", type=float, default=6.0, help="allowed time(largest)/time(smallest) per size ratio x")
    parser.add_argument("--quick", action="store_true", help="a tenth of the terms, references and definition")
    args = parser.parse_args()
    if args.quick:
        args.terms, args.refs, args.definition = args.terms // 10, args.refs // 10, args.definition // 10

    failed = False
    times: dict[str, dict[int, float]] = {"html": {}, "msp-termcheck": {}}
    with tempfile.TemporaryDirectory(prefix="msp-scale-") as tmp:
        print(f"{'size':>5} {'terms':>7} {'refs':>7} {'definition':>10}  {'builder':<14} {'time':>8} {'per x1':>8}")
        for size in args.sizes:
            src = make_project(Path(tmp), size, args)
            for builder in times:
                seconds, stderr, code = build(src, builder)
                times[builder][size] = seconds
                status = "" if builder == "msp-termcheck" else code  # termcheck exits 1 on findings
                print(f"x{size:<4} {args.terms * size + 3:>7} {args.refs * size:>7} {args.definition * size:>10}  "
                      f"{builder:<14} {seconds:>7.1f}s {seconds / size:>7.2f}s")
                if stderr.strip() or status:
                    failed = True
                    print(f"  exit {code}; warnings or errors:\n" + "\n".join(
                        "    " + line for line in stderr.strip().splitlines()[:20]))
            if builder == "msp-termcheck":
                report = (src / "_build" / builder / "output.txt").read_text("utf-8").splitlines()
                bad = [line for line in report if "] " in line and "[ok]" not in line and "[unused]" not in line]
                if bad:
                    failed = True
                    print("  report problems:\n" + "\n".join("    " + line for line in bad[:10]))

    smallest, largest = min(args.sizes), max(args.sizes)
    if largest > smallest:
        factor = largest / smallest
        for builder, by_size in times.items():
            ratio = by_size[largest] / by_size[smallest]
            verdict = ("linear, within 15%" if ratio <= factor * 1.15
                       else "acceptable" if ratio <= args.max_ratio * factor / 4 else "SUPERLINEAR")
            print(f"{builder}: x{largest}/x{smallest} took {ratio:.2f} times as long for {factor:g} times the input "
                  f"({verdict})")
            if verdict == "SUPERLINEAR":
                failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
