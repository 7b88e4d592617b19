#!/usr/bin/env python
"""Build benchmark: sphinx-msp-glossary against Sphinx's own glossary, in the set-ups users have.

Generates the same corpus for each variant -- N pages with K term references each, with
Sphinx's ``.. glossary::`` and ``:term:`` (native) or with ``.. msp-glossary::`` and
``:term-ref:`` (ext) -- in each set-up (theme, markup, other extensions), and two peers on the
plain set-up: no glossary tooling at all (floor) and native with sphinx-tippy's tooltips.
Every build is a fresh ``python -m sphinx -q -b html -E`` subprocess; all variants of a size
are built in each round, in rotating order. It reports the CPU time (user + system, from
``os.wait4``; ext/native is the headline ratio) and wall time, the HTML pages' bytes, the
environment pickle's bytes, the peak memory, and at one size the ``-j 2`` speed-up and
incremental rebuilds (one page touched, one term edited); plus the import time of the
package and what it adds to a page. It judges each target and prints PASS or FAIL.

    python benchmarks/bench.py                  # default: at most about 20 min on 2 cores (see below)
    python benchmarks/bench.py --quick          # smoke run: N = 50, 2 rounds, every set-up (3-4 min)
    python benchmarks/bench.py --setups plain myst --sizes 100 300 --rounds 3 --json out.json

Set-ups: plain (reStructuredText, alabaster), plain-furo, myst (MyST, alabaster), furo-typical
(MyST + sphinx-design + sphinx-copybutton, furo); peers floor and tippy. The default sizes
are 100, 300 and 1000 pages for plain and myst, 100 and 300 for the others; 5 rounds up to
300 pages, 3 above; the -j 2 and incremental runs at 300 pages, 3 rounds. The themes' navigation
tree is handed empty (it is O(pages) per page, the same for every variant) unless --full-nav.

Time: the default run keeps to an 18-minute budget (--budget): after 2 rounds it starts no
round that, by the rounds so far, would leave the -j 2 and incremental runs too little time,
and it does as many rounds of those (at least 1) as the time left allows. On 2 idle cores
all rounds should fit (about 14 minutes, estimated from the build times recorded in
docs/performance.rst); on 2 cores shared with other builds, where a build takes two to three
times as long, it does fewer rounds and says so, and may still take up to about 25 minutes
(2 rounds cannot be cut). With --rounds there is no budget: --sizes 100 300 --rounds 3 took
92 minutes on 2 cores shared with other builds (load average 3 to 14).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_chart import write_chart  # noqa: E402
from bench_corpus import (  # noqa: E402
    ASCII_FILLER,
    FILLER,
    PEERS,
    SETUPS,
    TARGET_SIZES,
    Corpus,
    generate,
    glossary_module,
    packaged_terms,
)
from bench_measure import TIPS_FILE, compile_package, import_times, page_weight, scale_phase, series  # noqa: E402
from bench_report import analyse, machine, print_report, print_targets  # noqa: E402

DEFAULT_SIZES = (100, 300, 1000)
CHART = Path(__file__).resolve().parent.parent / "docs" / "_static" / "bench-cpu-ratio.svg"


def missing(setup: str, work: Path) -> str | None:
    """Why a set-up cannot be built here, or None."""
    for module in SETUPS[setup].extensions:
        if importlib.util.find_spec(module) is None:
            return f"{module} is not installed (pip install -e '.[docs,bench]')"
    if setup == "tippy":  # a small build first: does it work with this Sphinx?
        src = generate(Corpus("tippy", "tippy", 2, 5), work / "probe-tippy")
        proc = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-E", "-b", "html", str(src),
                               str(work / "probe-tippy-out")], capture_output=True, text=True)
        if proc.returncode:
            last = (proc.stderr.strip().splitlines() or ["no message"])[-1]
            return f"sphinx-tippy does not build with this Sphinx: {last}"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n\n".join(__doc__.split("\n\n")[1:]))
    parser.add_argument("--quick", action="store_true", help="smoke run: N = 50, 2 rounds, every set-up")
    parser.add_argument("--setups", nargs="+", choices=list(SETUPS), metavar="SETUP",
                        help=f"set-ups to build (default all: {' '.join(SETUPS)})")
    parser.add_argument("--sizes", type=int, nargs="+",
                        help="page counts, every chosen set-up at each (default: 100 300 1000 for plain and "
                             "myst, 100 300 for the others)")
    parser.add_argument("--rounds", type=int, help="builds of each variant per size (default 5 up to 300 pages, 3 above)")
    parser.add_argument("--budget", type=float, metavar="MIN",
                        help="minutes the run may take: fewer rounds (at least 2) when the builds are slow "
                             "(default 18 without --rounds and --quick; 0: no budget)")
    parser.add_argument("--refs", type=int, default=30, help="references per page (default 30)")
    parser.add_argument("--scale-pages", type=int, help="size of the -j 2 and incremental runs (default 300)")
    parser.add_argument("--scale-rounds", type=int, help="rounds of the -j 2 and incremental runs (default 3)")
    parser.add_argument("--json", metavar="OUT", help="write all figures and samples to OUT")
    parser.add_argument("--svg", metavar="OUT", help=f"write the CPU-ratio chart to OUT (default, except with "
                        f"--quick: docs/_static/{CHART.name})")
    parser.add_argument("--no-svg", action="store_true", help="write no chart")
    parser.add_argument("--full-nav", "--furo-nav", action="store_true",
                        help="keep the themes' navigation tree in every page")
    parser.add_argument("--ascii", action="store_true", help="prose without apostrophes: pure-ASCII pages")
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep the corpora and outputs")
    args = parser.parse_args(argv)

    setups = args.setups or list(SETUPS)
    if args.sizes or args.quick:
        sizes = {n: list(setups) for n in (args.sizes or [50])}
    else:
        sizes = {n: [s for s in setups if n in TARGET_SIZES.get(s, (100, 300))] for n in DEFAULT_SIZES}
        sizes = {n: chosen for n, chosen in sizes.items() if chosen}
    rounds = {n: args.rounds or (2 if args.quick else 5 if n <= 300 else 3) for n in sizes}
    scale_pages = args.scale_pages or (50 if args.quick else 300)
    scale_rounds = args.scale_rounds or (1 if args.quick else 3)
    options = {"filler": ASCII_FILLER if args.ascii else FILLER, "full_nav": args.full_nav}
    began = time.perf_counter()

    info = machine()
    print("sphinx-msp-glossary build benchmark")
    print(f"machine: {info['platform']}, {info['cpu_count']} CPUs ({info['cpu']}); Python {info['python']}, "
          f"Sphinx {info['sphinx']}, docutils {info['docutils']}; furo {info['furo']}, myst-parser "
          f"{info['myst_parser']}, sphinx-design {info['sphinx_design']}, sphinx-copybutton "
          f"{info['sphinx_copybutton']}, sphinx-tippy {info['sphinx_tippy']}")
    print(f"corpus: N pages x K={args.refs} references, {len(packaged_terms())} terms; navigation tree "
          f"{'kept' if args.full_nav else 'handed empty'}; {'ASCII' if args.ascii else 'English'} prose")

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="msp-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    compile_package()
    notes: dict[str, str] = {}
    try:
        for setup in list(setups):
            why = missing(setup, work)
            if why:
                notes[setup] = why
                setups.remove(setup)
                print(f"  set-up {setup} left out: {why}")
        sizes = {n: [s for s in chosen if s in setups] for n, chosen in sizes.items()}
        upto = "up to " if args.budget != 0 and not (args.rounds or args.quick) else ""
        print("plan: " + "; ".join(f"N = {n}: {', '.join(chosen)} ({upto}{rounds[n]} rounds)"
                                   for n, chosen in sizes.items())
              + f"; -j 2 and incremental at N = {scale_pages}, {scale_rounds} rounds\n")
        print("Import time (fresh interpreters) ...", flush=True)
        imports = import_times(3 if args.quick else 9, glossary_module())
        print(f"Fresh serial builds, N = {', '.join(map(str, sizes))} ...", flush=True)
        budget = args.budget if args.budget is not None else (0 if args.rounds or args.quick else 18)
        deadline = began + 60 * budget if budget else None
        users = [s for s in setups if s not in PEERS]
        results, fit = series(work, setups, sizes, args.refs, rounds, deadline=deadline,
                              scale=(scale_pages, scale_rounds, 2 * len(users)), **options)
        if fit < scale_rounds:
            print(f"  time budget: {fit} of {scale_rounds} rounds of -j 2 and incremental builds")
            scale_rounds = fit
        if args.json:  # the fresh builds' figures, in case the rest of the run is cut short
            Path(args.json).write_text(json.dumps({"machine": info, "partial": True, "refs": args.refs,
                                                   "rounds": {str(n): r for n, r in rounds.items()},
                                                   "series": results}, indent=2) + "\n", "utf-8")
        first = min(sizes)
        weight = None
        if "plain" in sizes[first]:
            weight = page_weight(work / f"out-plain-native-{first}", work / f"out-plain-ext-{first}")
        print(f"-j 2 and incremental builds, N = {scale_pages} ...", flush=True)
        scale = scale_phase(work, setups, scale_pages, args.refs, scale_rounds, **options)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    duration = time.perf_counter() - began

    summary = analyse(results, scale, args.refs)
    print_report(summary, info, notes.get("tippy"))
    for setup, why in notes.items():
        if setup != "tippy":
            print(f"  set-up {setup} not measured: {why}")

    print(f"\nImport (median of {imports['runs']} fresh interpreters, timed inside)")
    for name, ms in imports["in_process_ms"].items():
        print(f"  {name:<58} {ms:7.2f} ms")
    for name, ms in imports["interpreter_wall_ms"].items():
        print(f"  wall time of {name:<45} {ms:7.2f} ms")
    extra = []
    load = imports["in_process_ms"]["package import + packaged glossary load"]
    extra.append(("import + packaged glossary load < 30 ms", load < 30, f"{load:.1f} ms"))
    if weight:
        print(f"\nWhat the extension adds to a page (uncompressed; the plain N = {first} projects)")
        for page, w in weight["pages"].items():
            files = ", ".join(f"{f} {b} B" for f, b in w["files"].items()) or "no files"
            print(f"  {page:<14} {files}; inline script {w['inline_script_bytes']} B; total {w['total_bytes']} B"
                  f" (and structured data, JSON-LD: {w['structured_data_bytes']} B)")
            print(f"  {'':<14} the page itself: {w['native_html_bytes']} B native, {w['ext_html_bytes']} B extension")
        print(f"  the tooltip file the script loads, once per site ({TIPS_FILE}): {weight['tips_file_bytes']} B; "
              "counted in the page bytes above")
        print(f"  page bytes of every page but the glossary page (with the tooltip file), ext/native: "
              f"{weight['other_pages_ratio']:.3f}")
        print(f"  http(s) URLs the extension adds to the output: {weight['urls_added_to_output'] or 'none'}")
        print(f"  http(s) URLs in the extension's static files: {weight['urls_in_extension_static'] or 'none'}")
        page_bytes = max(w["total_bytes"] for w in weight["pages"].values())
        worst = max(weight["pages"], key=lambda page: weight["pages"][page]["total_bytes"])
        no_urls = not weight["urls_added_to_output"] and not weight["urls_in_extension_static"]
        extra.append(("CSS + JS per page < 9 KiB", page_bytes < 9216, f"{page_bytes} B ({worst})"))
        extra.append(("no request to another host", no_urls, "none" if no_urls else "some"))
    print_targets(summary, extra)
    failed = sum(not t["pass"] for t in summary["targets"]) + sum(not ok for _, ok, _ in extra)
    print(f"\n{failed} of {len(summary['targets']) + len(extra)} targets FAIL. "
          f"Total duration: {duration / 60:.1f} min")

    chart = Path(args.svg) if args.svg else (None if args.quick else CHART)
    if chart and not args.no_svg:
        title = (f"Build CPU time ratio, K = {args.refs} refs/page ({info['cpu_count']} CPUs, "
                 f"Python {info['python']}, Sphinx {info['sphinx']})")
        write_chart(summary, chart, title)
        print(f"chart: {chart}")
    if args.json:
        payload = {"machine": info, "refs": args.refs, "rounds": {str(n): r for n, r in rounds.items()},
                   "sizes": {str(n): s for n, s in sizes.items()}, "full_nav": args.full_nav, "ascii": args.ascii,
                   "left_out": notes, "series": results, "scale": scale, "summary": summary,
                   "imports": imports, "page_weight": weight, "duration_s": duration}
        Path(args.json).write_text(json.dumps(payload, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
