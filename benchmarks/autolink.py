#!/usr/bin/env python
"""Build-time cost of automatic links (``msp_glossary_autolink``).

Generates one corpus -- N pages of K ``:term-ref:`` references each, in paragraphs of five
sentences, every sentence also naming a packaged term in plain text, plus a glossary page --
and builds it with automatic links off and with ``msp_glossary_autolink = "page"``,
alternating which goes first, each build a fresh ``python -m sphinx -q -b html -E``
subprocess. With ``--baseline DIR`` (a checkout of another version of the package, such as
``git archive main | tar -x -C DIR``), it also builds the corpus with that version, to show
what the feature costs when it is off. The configuration is the main benchmark's
(bench_corpus.py): alabaster, with the theme's navigation tree handed empty unless
``--full-nav`` (it grows with the square of the pages, the same work with links or without).

    python benchmarks/autolink.py                     # N = 300, K = 30, 5 rounds
    python benchmarks/autolink.py --pages 100 --rounds 3 --baseline /tmp/main
    python benchmarks/autolink.py --pages 100 --rounds 9 --instructions   # and valgrind's count

``--plain new`` (the default) names, in plain text, terms the page does not reference: each
first mention becomes a link, K more links a page, the most automatic links can add.
``--plain referenced`` names terms the page referenced earlier: nothing is linked, and what is
measured is the scan.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    import resource  # CPU time of the builds; not on Windows, where it is the wall time
except ImportError:
    resource = None

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_corpus import CONF  # noqa: E402  the main benchmark's configuration

FILLER = (
    "The team reviewed {0} before the quarterly meeting, with {1} on the agenda.",
    "Every contract mentions {0} at least once, and {1} too.",
    "A client asked how {0} affects the monthly invoice and {1}.",
    "Our guide explains {0} in plain words; {1} comes next.",
    "Nobody should confuse {0} with {1}.",
)

def generate(root: Path, pages: int, refs: int, plain_kind: str) -> None:
    from sphinx_msp_glossary.layers import packaged_terms

    names = [term.name for term in packaged_terms()]
    root.mkdir(parents=True)
    docs = ["glossary"] + [f"p{i:04d}" for i in range(1, pages + 1)]
    index = ["Benchmark", "=========", "", ".. toctree::", "   :hidden:", "", *(f"   {d}" for d in docs)]
    (root / "index.rst").write_text("\n".join(index) + "\n", "utf-8")
    (root / "glossary.rst").write_text("Glossary\n========\n\n.. msp-glossary::\n", "utf-8")
    for i in range(1, pages + 1):
        sentences = []
        for j in range(refs):
            ref = names[(i * 7 + j) % len(names)]
            if plain_kind == "new":  # K names the page does not reference (there are 106)
                plain = names[(i * 7 + refs + j) % len(names)]
            else:  # the name of the page's previous reference
                plain = names[(i * 7 + max(j - 1, 0)) % len(names)]
            sentences.append(FILLER[j % len(FILLER)].format(f":term-ref:`{ref}`", plain))
        lines = [f"Page {i:04d}", "=" * 9, ""]
        for start in range(0, len(sentences), 5):
            lines += [" ".join(sentences[start:start + 5]), ""]
        (root / f"p{i:04d}.rst").write_text("\n".join(lines), "utf-8")


def project(work: Path, label: str, corpus: Path, mode: object, full_nav: bool) -> Path:
    src = work / f"src-{label}"
    shutil.rmtree(src, ignore_errors=True)
    shutil.copytree(corpus, src)
    conf = CONF.format(extensions=["sphinx_msp_glossary"], theme="alabaster", full_nav=full_nav,
                       extra=f"msp_glossary_autolink = {mode!r}\n")
    (src / "conf.py").write_text(conf, "utf-8")
    return src


def build(src: Path, out: Path, package: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one fresh build, with the package found at ``package``."""
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ, PYTHONPATH=str(package))
    before = resource.getrusage(resource.RUSAGE_CHILDREN) if resource else None
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-E", "-b", "html", str(src), str(out)],
                          capture_output=True, text=True, env=env)
    wall = time.perf_counter() - start
    if proc.returncode or proc.stderr.strip():
        sys.exit(f"build of {src.name} failed or warned:\n{proc.stderr}")
    if resource is None:
        return wall, wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def instructions(src: Path, out: Path, package: Path) -> int:
    """Instructions of one fresh build, counted by valgrind's callgrind: the same count for
    the same build whatever else the machine does (and about fifty times slower)."""
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ, PYTHONPATH=str(package), PYTHONHASHSEED="0")
    log = out.with_suffix(".callgrind")
    proc = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={log}", sys.executable,
                           "-m", "sphinx", "-q", "-E", "-b", "html", str(src), str(out)],
                          capture_output=True, text=True, env=env)
    found = re.search(r"Collected : (\d+)", proc.stderr)
    if proc.returncode or not found:
        sys.exit(f"callgrind build of {src.name} failed:\n{proc.stderr[-2000:]}")
    log.unlink(missing_ok=True)
    return int(found[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--refs", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--plain", choices=["new", "referenced"], default="new",
                        help="what the plain-text mentions name (see above)")
    parser.add_argument("--baseline", type=Path, help="a checkout of another version of the package")
    parser.add_argument("--keep", type=Path, help="keep the projects and their output in this folder")
    parser.add_argument("--full-nav", action="store_true",
                        help="keep the theme's navigation tree (by default handed empty, as in bench.py)")
    parser.add_argument("--instructions", action="store_true",
                        help="also count each build's instructions once, with valgrind's callgrind")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="msp-autolink-"))
    corpus = work / "corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    generate(corpus, args.pages, args.refs, args.plain)
    runs = {"off": (project(work, "off", corpus, False, args.full_nav), ROOT),
            "page": (project(work, "page", corpus, "page", args.full_nav), ROOT)}
    if args.baseline:
        runs["baseline"] = (runs["off"][0], args.baseline.resolve())
    times: dict[str, list[tuple[float, float]]] = {label: [] for label in runs}
    for r in range(args.rounds):
        order = list(runs) if r % 2 == 0 else list(runs)[::-1]
        for label in order:
            src, package = runs[label]
            times[label].append(build(src, work / f"out-{label}", package))
        print(f"round {r + 1}/{args.rounds}: " + "  ".join(f"{k} {v[-1][0]:.2f} s" for k, v in times.items()),
              flush=True)

    def med(label: str, which: int) -> float:
        return statistics.median(t[which] for t in times[label])

    print(f"\n{args.pages} pages, {args.refs} references and {args.refs} plain mentions ({args.plain}) each, "
          f"median of {args.rounds} (Python {sys.version.split()[0]}):")
    for label in runs:
        print(f"  {label:9s} wall {med(label, 0):6.2f} s   cpu {med(label, 1):6.2f} s")
    print(f"  page/off  wall {med('page', 0) / med('off', 0):.3f}x  cpu {med('page', 1) / med('off', 1):.3f}x"
          " (ratio of the medians)")
    # as bench.py judges: the median of each round's ratio, the two builds of a round having
    # run side by side in time (a shared machine's speed drifts between rounds)
    per_round = statistics.median(p[1] / o[1] for p, o in zip(times["page"], times["off"]))
    print(f"  page/off  cpu {per_round:.3f}x (median of the {args.rounds} rounds' ratios)")
    if args.instructions:
        counts = {label: instructions(src, work / f"out-{label}", package)
                  for label, (src, package) in runs.items()}
        print("  instructions: " + "  ".join(f"{label} {count:,}" for label, count in counts.items()))
        print(f"  page/off  instructions {counts['page'] / counts['off']:.4f}x")
    if args.baseline:
        print(f"  off/baseline  wall {med('off', 0) / med('baseline', 0):.3f}x  "
              f"cpu {med('off', 1) / med('baseline', 1):.3f}x")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
