#!/usr/bin/env python
"""Build-time benchmark: sphinx-msp-glossary against Sphinx's own glossary.

Generates the same corpus twice -- N pages with K term references each, once
with Sphinx's ``.. glossary::`` and ``:term:``, once with ``.. msp-glossary::``
and ``:term-ref:`` (same 33 packaged terms, same references, same theme) --
builds both in alternation, each build a fresh ``python -m sphinx -q -b html -E``
subprocess, and prints the median build times and their ratio. It also measures
the ``-j 2`` speed-up and an incremental rebuild (one page touched) at one size,
the import time of the package with its packaged glossary, and what the
extension adds to each HTML page (CSS and JS bytes, URLs to other hosts).

    python benchmarks/bench.py               # full run: N = 100, 300, 1000 at K = 30 (~6 min, 2 cores)
    python benchmarks/bench.py --quick       # smoke run: N = 50, 100, 2 rounds
    python benchmarks/bench.py --sizes 100 500 --rounds 3 --refs 20 --json out.json

Both corpora use furo with ``html_sidebars = {"**": []}`` and a flat, hidden
toctree. Furo renders the whole site's navigation tree into every page whatever
the sidebars (O(pages) per page, the same work for both corpora, which would
dilute the ratio); the generated conf.py therefore hands furo an empty toctree,
unless ``--furo-nav`` is given.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

try:
    import resource  # CPU time of the builds; not on Windows, where it is the wall time
except ImportError:
    resource = None

KINDS = ("native", "ext")
#: The sizes the build-time target is set for; other sizes are measured and shown, not judged.
TARGET_SIZES = (100, 300, 1000)
LABELS = {"native": "Sphinx glossary + :term:", "ext": "msp-glossary + :term-ref:"}

# -- corpus ----------------------------------------------------------------------

CONF = '''\
project = "bench"
extensions = {extensions!r}
html_theme = "furo"
html_sidebars = {{"**": []}}
exclude_patterns = ["_build"]
FURO_NAV = {furo_nav!r}


def _no_navigation(app, pagename, templatename, context, doctree):
    # Before furo's handler (priority 500): furo renders the whole toctree into
    # every page even with empty sidebars; give it nothing to render.
    context["toctree"] = lambda **kwargs: ""


def setup(app):
    if not FURO_NAV:
        app.connect("html-page-context", _no_navigation, priority=400)
'''

#: Prose around the references. Two sentences have an apostrophe, as most English prose
#: does (Sphinx's smart quotes make it a curly one, so a page is not pure ASCII text);
#: ``--ascii`` drops them.
FILLER = (
    "The team reviewed {0} before the quarterly meeting.",
    "Every contract mentions {0} at least once.",
    "A client asked how {0} affects the monthly invoice.",
    "Our runbook explains {0} in plain words; it's short.",
    "Nobody should confuse {0} with the vendor's terms.",
)
ASCII_FILLER = tuple(f.replace("; it's short", "").replace("the vendor's terms", "something else") for f in FILLER)


def page_name(index: int) -> str:
    return f"p{index:04d}"


def page_text(
    kind: str, index: int, refs: int, names: list[str], extra: str = "", filler: tuple[str, ...] = FILLER
) -> str:
    role = "term" if kind == "native" else "term-ref"
    lines = [f"Page {index:04d}", "=" * 9, ""]
    sentences = []
    for j in range(refs):
        name = names[(index * 7 + j) % len(names)]
        sentences.append(filler[j % len(filler)].format(f":{role}:`{name}`"))
    for start in range(0, len(sentences), 5):  # paragraphs of five references
        lines += [" ".join(sentences[start : start + 5]), ""]
    return "\n".join(lines) + extra


def generate(
    kind: str, root: Path, pages: int, refs: int, furo_nav: bool = False, filler: tuple[str, ...] = FILLER
) -> Path:
    """Write a project of ``pages`` pages with ``refs`` references each, plus a glossary page."""
    from sphinx_msp_glossary.glossary import packaged_terms

    terms = packaged_terms()
    names = [t.name for t in terms]
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    extensions = [] if kind == "native" else ["sphinx_msp_glossary"]
    (root / "conf.py").write_text(CONF.format(extensions=extensions, furo_nav=furo_nav), "utf-8")
    docs = ["glossary"] + [page_name(i) for i in range(1, pages + 1)]
    index = ["Benchmark", "=========", "", ".. toctree::", "   :maxdepth: 1", "   :hidden:", ""]
    index += [f"   {doc}" for doc in docs]
    (root / "index.rst").write_text("\n".join(index) + "\n", "utf-8")
    glossary = ["Glossary", "========", ""]
    if kind == "native":
        glossary += [".. glossary::", ""]
        for term in terms:
            glossary += [f"   {term.name}", f"      {' '.join(term.definition.split())}", ""]
    else:
        glossary += [".. msp-glossary::", ""]
    (root / "glossary.rst").write_text("\n".join(glossary), "utf-8")
    for i in range(1, pages + 1):
        (root / f"{page_name(i)}.rst").write_text(page_text(kind, i, refs, names, filler=filler), "utf-8")
    return root


# -- builds ----------------------------------------------------------------------

_warned: set[str] = set()


class Timing(NamedTuple):
    wall: float  # seconds, start-up of the interpreter included
    cpu: float  # user + system seconds of the build and the processes it forked


def build(src: Path, out: Path, *, jobs: int = 1, fresh: bool = True) -> Timing:
    """One ``python -m sphinx`` subprocess."""
    if fresh and out.exists():
        shutil.rmtree(out)
    cmd = [sys.executable, "-m", "sphinx", "-q", "-b", "html"]
    if fresh:
        cmd.append("-E")
    if jobs > 1:
        cmd += ["-j", str(jobs)]
    cmd += [str(src), str(out)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN) if resource else None
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if resource:
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    else:
        cpu = elapsed
    if proc.returncode:
        sys.exit(f"build failed: {' '.join(cmd)}\n{proc.stderr}")
    key = src.name
    if proc.stderr.strip() and key not in _warned:  # a corpus should build clean
        _warned.add(key)
        print(f"  [warning output from {key}: {proc.stderr.strip().splitlines()[0]} ...]", file=sys.stderr)
    return Timing(elapsed, cpu)


def median(values: list[float]) -> float:
    return statistics.median(values)


def fmt_s(seconds: float) -> str:
    return f"{seconds:7.2f} s"


def series(
    work: Path, sizes: list[int], refs: int, rounds: dict[int, int], furo_nav: bool, filler: tuple[str, ...]
) -> dict:
    """Fresh serial builds of both corpora at each size (``rounds[n]`` of each), alternating
    which goes first."""
    times: dict[int, dict[str, list[Timing]]] = {n: {k: [] for k in KINDS} for n in sizes}
    srcs = {(k, n): generate(k, work / f"src-{k}-{n}", n, refs, furo_nav, filler) for n in sizes for k in KINDS}
    for r in range(max(rounds.values())):
        order = KINDS if r % 2 == 0 else KINDS[::-1]
        for n in sizes:
            if r >= rounds[n]:
                continue
            for kind in order:
                t = build(srcs[kind, n], work / f"out-{kind}-{n}")
                times[n][kind].append(t)
            print(f"  round {r + 1}/{rounds[n]}  N={n:5d}  native {times[n]['native'][-1].wall:6.2f} s"
                  f"  ext {times[n]['ext'][-1].wall:6.2f} s", flush=True)
    result = {}
    for n in sizes:
        native, ext = times[n]["native"], times[n]["ext"]
        result[n] = {
            "native_wall": [t.wall for t in native], "ext_wall": [t.wall for t in ext],
            "native_cpu": [t.cpu for t in native], "ext_cpu": [t.cpu for t in ext],
            "native_median": median([t.wall for t in native]), "ext_median": median([t.wall for t in ext]),
            "ratio_median": median([e.wall / nat.wall for e, nat in zip(ext, native)]),
            "native_cpu_median": median([t.cpu for t in native]), "ext_cpu_median": median([t.cpu for t in ext]),
            "cpu_ratio_median": median([e.cpu / nat.cpu for e, nat in zip(ext, native)]),
        }
    return result


def scale_phase(work: Path, pages: int, refs: int, rounds: int, furo_nav: bool, filler: tuple[str, ...]) -> dict:
    """At one size: fresh serial build, an incremental rebuild after one page changed,
    and a fresh ``-j 2`` build, for both corpora, ``rounds`` times."""
    from sphinx_msp_glossary.glossary import packaged_terms

    names = [t.name for t in packaged_terms()]
    keys = ("serial", "incremental", "j2")
    times = {k: {key: [] for key in keys} for k in KINDS}
    srcs = {k: generate(k, work / f"src-{k}-{pages}-scale", pages, refs, furo_nav, filler) for k in KINDS}
    for r in range(rounds):
        order = KINDS if r % 2 == 0 else KINDS[::-1]
        for kind in order:
            src, out = srcs[kind], work / f"out-{kind}-scale"
            times[kind]["serial"].append(build(src, out).wall)
            index = 1 + (r * 37) % pages  # touch one page: append a line
            page = src / f"{page_name(index)}.rst"
            edited = page_text(kind, index, refs, names, f"\nEdited in round {r + 1}.\n", filler)
            page.write_text(edited, "utf-8")
            times[kind]["incremental"].append(build(src, out, fresh=False).wall)
            page.write_text(page_text(kind, index, refs, names, filler=filler), "utf-8")
            times[kind]["j2"].append(build(src, work / f"out-{kind}-j2", jobs=2).wall)
        print(f"  round {r + 1}/{rounds}  N={pages}  " + "  ".join(
            f"{kind}: serial {times[kind]['serial'][-1]:.2f} s, incr {times[kind]['incremental'][-1]:.2f} s, "
            f"-j 2 {times[kind]['j2'][-1]:.2f} s" for kind in KINDS), flush=True)
    result = {"pages": pages}
    for kind in KINDS:
        m = {key: median(times[kind][key]) for key in keys}
        result[kind] = {**{f"{key}_median": m[key] for key in keys}, **times[kind],
                        "j2_speedup": m["serial"] / m["j2"],
                        "incremental_fraction": m["incremental"] / m["serial"]}
    return result


# -- import time -----------------------------------------------------------------

TIMED = '''\
import time
t = time.perf_counter()
{code}
print(time.perf_counter() - t)
'''

IMPORT_CASES = {
    "package import + packaged glossary load":
        "import sphinx_msp_glossary.glossary as g; g.packaged_terms()",
    "package import only (sphinx_msp_glossary.glossary)": "import sphinx_msp_glossary.glossary",
    "baseline: import tomllib": "import tomllib",
    "baseline: import json": "import json",
}


def compile_package() -> None:
    """Compile the package's modules to bytecode, as installing a wheel does. An editable
    install compiles them on first import, unless the environment says not to write bytecode
    (PYTHONDONTWRITEBYTECODE); then every build would compile them again, which Sphinx's own
    modules, compiled when pip installed them, never do."""
    import compileall

    import sphinx_msp_glossary

    compileall.compile_dir(Path(sphinx_msp_glossary.__file__).parent, quiet=1)


def import_times(runs: int) -> dict:
    """Median seconds, each run a fresh interpreter, timed inside it; and the wall time
    of a whole interpreter start with and without the package, for scale."""
    samples: dict[str, list[float]] = {name: [] for name in IMPORT_CASES}
    wall: dict[str, list[float]] = {"python -c pass": [], "python -c <import + load>": []}
    setup_code = (
        "import sphinx.application, sphinx.domains, sphinx.roles, sphinx.util.docutils\n"
        "t = time.perf_counter()\n"
        "import sphinx_msp_glossary as p, sphinx_msp_glossary.glossary as g\n"
        "from sphinx_msp_glossary import backlinks, builder, checks, config, directives, domain, html\n"
        "from sphinx_msp_glossary import nodes, records, roles, unlinked\n"
        "g.packaged_terms()\n"
    )
    samples["all extension modules + glossary, Sphinx already imported"] = []
    for _ in range(runs):
        for name, code in IMPORT_CASES.items():
            out = subprocess.run([sys.executable, "-c", TIMED.format(code=code)], capture_output=True,
                                 text=True, check=True).stdout
            samples[name].append(float(out))
        code = "import time\n" + setup_code + "print(time.perf_counter() - t)\n"
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        samples["all extension modules + glossary, Sphinx already imported"].append(float(out))
        for name, code in (("python -c pass", "pass"),
                           ("python -c <import + load>", IMPORT_CASES["package import + packaged glossary load"])):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            wall[name].append(time.perf_counter() - start)
    return {
        "in_process_ms": {name: 1000 * median(v) for name, v in samples.items()},
        "interpreter_wall_ms": {name: 1000 * median(v) for name, v in wall.items()},
        "runs": runs,
    }


# -- what a page carries ---------------------------------------------------------

_ASSET = re.compile(r'<(?:link[^>]*\brel="stylesheet"[^>]*\bhref|script[^>]*\bsrc)="([^"?#]+)')
_INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S)
_URL = re.compile(r"https?://[^\s\"'<>)]+")


def assets(html: str) -> tuple[set[str], list[str]]:
    return set(_ASSET.findall(html)), [s for s in _INLINE.findall(html) if s.strip()]


def page_weight(native_out: Path, ext_out: Path) -> dict:
    """CSS/JS files and inline scripts on the extension's pages that the same page of the
    native corpus does not have; and the http(s) URLs the extension adds anywhere."""
    per_page = {}
    for page in ("p0001.html", "glossary.html"):
        n_files, n_inline = assets((native_out / page).read_text("utf-8"))
        e_files, e_inline = assets((ext_out / page).read_text("utf-8"))
        files = sorted(e_files - n_files)
        inline = [s for s in e_inline if s not in n_inline]
        sizes = {f: (ext_out / f).stat().st_size for f in files}
        per_page[page] = {
            "native_html_bytes": (native_out / page).stat().st_size,
            "ext_html_bytes": (ext_out / page).stat().st_size,
            "files": sizes,
            "inline_script_bytes": sum(len(s.encode("utf-8")) for s in inline),
            "total_bytes": sum(sizes.values()) + sum(len(s.encode("utf-8")) for s in inline),
        }

    def urls(out: Path) -> set[str]:
        found = set()
        for path in out.rglob("*"):
            if path.suffix in (".html", ".css", ".js") and path.is_file():
                found |= set(_URL.findall(path.read_text("utf-8", errors="replace")))
        return found

    added = sorted(urls(ext_out) - urls(native_out))
    import sphinx_msp_glossary

    static = Path(sphinx_msp_glossary.__file__).parent / "static"
    in_static = sorted({u for p in static.iterdir() if p.is_file()
                        for u in _URL.findall(p.read_text("utf-8", errors="replace"))})
    return {"pages": per_page, "urls_added_to_output": added, "urls_in_extension_static": in_static}


# -- report ----------------------------------------------------------------------

def machine() -> dict:
    import docutils
    import sphinx

    try:
        import furo

        furo_version = furo.__version__
    except ImportError:
        furo_version = None
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "platform": f"{platform.system()} {platform.machine()}",
        "cpu": cpu,
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "sphinx": sphinx.__version__,
        "docutils": docutils.__version__,
        "furo": furo_version,
    }


def linear_fit(xs: list[float], ys: list[float]) -> tuple[float, float, float]:
    """Intercept, slope and R² of a least-squares line."""
    if len(xs) < 2:
        return ys[0] if ys else 0.0, 0.0, 1.0
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
    intercept = my - slope * mx
    ss_tot = sum((y - my) ** 2 for y in ys)
    ss_res = sum((y - intercept - slope * x) ** 2 for x, y in zip(xs, ys))
    return intercept, slope, 1 - ss_res / ss_tot if ss_tot else 1.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: N = 50, 100; 2 rounds")
    parser.add_argument("--sizes", type=int, nargs="+", help="page counts (default 100 300 1000)")
    parser.add_argument("--rounds", type=int,
                        help="builds of each corpus per size (default 9 up to 300 pages, 5 above)")
    parser.add_argument("--refs", type=int, default=30, help="references per page (default 30)")
    parser.add_argument("--scale-pages", type=int, help="size of the -j 2 and incremental runs (default 300)")
    parser.add_argument("--json", metavar="OUT", help="write all figures and samples to OUT")
    parser.add_argument("--furo-nav", action="store_true", help="keep furo's navigation tree in every page")
    parser.add_argument("--ascii", action="store_true", help="prose without apostrophes: pure-ASCII pages")
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep the corpora and outputs")
    args = parser.parse_args(argv)

    sizes = args.sizes or ([50, 100] if args.quick else list(TARGET_SIZES))
    # Short builds are the noisiest for their length, and extra rounds of them cost little.
    rounds = {n: args.rounds or (2 if args.quick else 9 if n <= 300 else 5) for n in sizes}
    scale_pages = args.scale_pages or (100 if args.quick else 300)
    scale_rounds = max(1, min(min(rounds.values()), 3))
    began = time.perf_counter()

    info = machine()
    print("sphinx-msp-glossary build benchmark")
    print(f"machine: {info['platform']}, {info['cpu_count']} CPUs ({info['cpu']}); Python {info['python']}, "
          f"Sphinx {info['sphinx']}, docutils {info['docutils']}, furo {info['furo']}")
    print(f"corpus: N pages x K={args.refs} references, 33 terms, furo"
          f"{' with' if args.furo_nav else ' without'} navigation tree; {'ASCII' if args.ascii else 'English'} "
          f"prose; rounds per size: {', '.join(f'{n}: {r}' for n, r in rounds.items())}\n")

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="msp-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    compile_package()
    try:
        print("Import time (fresh interpreters) ...", flush=True)
        imports = import_times(9 if not args.quick else 5)
        print(f"Fresh serial builds, N = {', '.join(map(str, sizes))} ...", flush=True)
        filler = ASCII_FILLER if args.ascii else FILLER
        results = series(work, sizes, args.refs, rounds, args.furo_nav, filler)
        weight = page_weight(work / f"out-native-{sizes[0]}", work / f"out-ext-{sizes[0]}")
        print(f"-j 2 and incremental builds, N = {scale_pages} ...", flush=True)
        scale = scale_phase(work, scale_pages, args.refs, scale_rounds, args.furo_nav, filler)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    duration = time.perf_counter() - began

    print("\nFresh builds, wall time and CPU time (medians of the rounds; ratio = median of the "
          "per-round ratios extension / native)")
    print(f"{'N':>6} {'rounds':>6} {'native':>10} {'extension':>10} {'ratio':>7} {'native CPU':>11} "
          f"{'ext CPU':>10} {'CPU ratio':>10} {'extra per ref':>14}")
    for n in sizes:
        r = results[n]
        extra_ms = 1000 * (r["ext_cpu_median"] - r["native_cpu_median"]) / (n * args.refs)
        print(f"{n:>6} {rounds[n]:>6} {fmt_s(r['native_median']):>10} {fmt_s(r['ext_median']):>10} "
              f"{r['ratio_median']:7.3f} "
              f"{fmt_s(r['native_cpu_median']):>11} {fmt_s(r['ext_cpu_median']):>10} "
              f"{r['cpu_ratio_median']:10.3f} {extra_ms:11.3f} ms")
    fits = {}
    if len(sizes) >= 2:
        print("\nGrowth: least-squares line t = a + b*N over the medians")
        for kind in KINDS:
            a, b, r2 = linear_fit([float(n) for n in sizes], [results[n][f"{kind}_median"] for n in sizes])
            fits[kind] = {"intercept_s": a, "per_page_ms": 1000 * b, "per_ref_ms": 1000 * b / args.refs, "r2": r2}
            print(f"  {LABELS[kind]:<28} a = {a:5.2f} s, b = {1000 * b:6.2f} ms/page "
                  f"({1000 * b / args.refs:.3f} ms/ref), R^2 = {r2:.4f}")

    print(f"\nAt N = {scale_pages} (median of {scale_rounds})")
    print(f"{'':28} {'serial':>9} {'-j 2':>9} {'speed-up':>9} {'incremental':>12} {'incr/full':>10}")
    for kind in KINDS:
        s = scale[kind]
        print(f"  {LABELS[kind]:<26} {fmt_s(s['serial_median'])} {fmt_s(s['j2_median'])} "
              f"{s['j2_speedup']:8.2f}x {fmt_s(s['incremental_median']):>12} {s['incremental_fraction']:9.0%}")

    print(f"\nImport (median of {imports['runs']} fresh interpreters, timed inside)")
    for name, ms in imports["in_process_ms"].items():
        print(f"  {name:<58} {ms:7.2f} ms")
    for name, ms in imports["interpreter_wall_ms"].items():
        print(f"  wall time of {name:<45} {ms:7.2f} ms")

    print(f"\nWhat the extension adds to a page (uncompressed; the N = {sizes[0]} projects)")
    for page, w in weight["pages"].items():
        files = ", ".join(f"{f} {b} B" for f, b in w["files"].items()) or "no files"
        print(f"  {page:<14} {files}; inline script {w['inline_script_bytes']} B; total {w['total_bytes']} B")
        print(f"  {'':<14} the page itself: {w['native_html_bytes']} B native, {w['ext_html_bytes']} B extension")
    print(f"  http(s) URLs the extension adds to the output: {weight['urls_added_to_output'] or 'none'}")
    print(f"  http(s) URLs in the extension's static files: {weight['urls_in_extension_static'] or 'none'}")

    judged = [n for n in sizes if n in TARGET_SIZES]
    load = imports["in_process_ms"]["package import + packaged glossary load"]
    page_bytes = max(w["total_bytes"] for w in weight["pages"].values())
    print("\nTargets")
    if judged:
        worst = max(results[n]["ratio_median"] for n in judged)
        worst_cpu = max(results[n]["cpu_ratio_median"] for n in judged)
        print(f"  ratio <= 1.05 at N = {', '.join(map(str, judged))}: {'yes' if worst <= 1.05 else 'NO'} "
              f"(worst {worst:.3f}; CPU time: {'yes' if worst_cpu <= 1.05 else 'NO'}, worst {worst_cpu:.3f})")
    others = [n for n in sizes if n not in TARGET_SIZES]
    if others:
        print(f"  ratio at N = {', '.join(map(str, others))} (not a target size): "
              + ", ".join(f"{results[n]['ratio_median']:.3f}" for n in others))
    print(f"  import + packaged glossary load < 30 ms: {'yes' if load < 30 else 'NO'} ({load:.1f} ms)")
    print(f"  CSS + JS per page < 8 KB: {'yes' if page_bytes < 8192 else 'NO'} ({page_bytes} B)")
    no_urls = not weight["urls_added_to_output"] and not weight["urls_in_extension_static"]
    print(f"  no request to another host: {'yes' if no_urls else 'NO'}")
    print(f"\nTotal duration: {duration / 60:.1f} min")

    if args.json:
        payload = {
            "machine": info, "refs": args.refs, "rounds": {str(n): r for n, r in rounds.items()},
            "furo_nav": args.furo_nav, "ascii": args.ascii,
            "series": {str(n): r for n, r in results.items()}, "growth": fits, "scale": scale,
            "imports": imports, "page_weight": weight, "duration_s": duration,
        }
        Path(args.json).write_text(json.dumps(payload, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
