"""Builds and what is measured of them: wall and CPU time, peak memory, output sizes."""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from bench_corpus import PEERS, SETUPS, Corpus, edit_term, generate, touch_page

_warned: set[str] = set()


class Build(NamedTuple):
    wall: float  # seconds, the interpreter's start-up included
    cpu: float  # user + system seconds of the build and of the processes it forked and waited for
    rss: int  # peak resident set size in bytes of the build (the largest of it and its workers)


def build(src: Path, out: Path, *, jobs: int = 1, fresh: bool = True) -> Build:
    """One ``python -m sphinx -q -b html`` subprocess (``-E`` into an emptied directory when
    ``fresh``), its resources from ``os.wait4``."""
    if fresh and out.exists():
        shutil.rmtree(out)
    cmd = [sys.executable, "-m", "sphinx", "-q", "-b", "html"]
    if fresh:
        cmd.append("-E")
    if jobs > 1:
        cmd += ["-j", str(jobs)]
    cmd += [str(src), str(out)]
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
            cpu = usage.ru_utime + usage.ru_stime
            rss = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
        else:  # Windows: wall time only
            proc.wait()
            wall = time.perf_counter() - start
            cpu, rss = wall, 0
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    if proc.returncode:
        sys.exit(f"build failed: {' '.join(cmd)}\n{stderr}")
    key = src.name
    if stderr.strip() and key not in _warned:  # a corpus should build clean
        _warned.add(key)
        print(f"  [warning output from {key}: {stderr.strip().splitlines()[0]} ...]", file=sys.stderr)
    return Build(wall, cpu, rss)


TIPS_FILE = Path("_static") / "msp-glossary-tips.js"


def html_bytes(out: Path) -> int:
    """The HTML pages' sizes, added up, and the tooltip file they share (counted once: the
    page script reads it for every reference whose tooltip the page does not carry)."""
    pages = sum(p.stat().st_size for p in out.rglob("*.html") if ".doctrees" not in p.parts)
    return pages + ((out / TIPS_FILE).stat().st_size if (out / TIPS_FILE).is_file() else 0)


def output_bytes(out: Path) -> int:
    """Everything the build wrote but its doctrees (HTML, static files, sources, index)."""
    return sum(p.stat().st_size for p in out.rglob("*") if p.is_file() and ".doctrees" not in p.parts)


def pickle_bytes(out: Path) -> int:
    return (out / ".doctrees" / "environment.pickle").stat().st_size


def median(values: list[float]) -> float:
    return statistics.median(values)


def variants(setups: list[str]) -> list[tuple[str, str]]:
    """(set-up, kind) pairs to build; a peer brings the plain set-up's native variant, which it
    is compared with."""
    chosen = [(s, k) for s in setups for k in SETUPS[s].kinds]
    if any(s in PEERS for s in setups) and ("plain", "native") not in chosen:
        chosen.insert(0, ("plain", "native"))
    return chosen


def _order(pairs: list[tuple[str, str]], r: int) -> list[tuple[str, str]]:
    """Round ``r``'s order: set-ups rotated, and native/ext swapped every other round."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for s, k in pairs:
        groups.setdefault(s, []).append((s, k))
    names = list(groups)
    shift = r % len(names)
    out = []
    for s in names[shift:] + names[:shift]:
        out += groups[s] if r % 2 == 0 else groups[s][::-1]
    return out


#: Rounds a time budget never goes below (a median of fewer is one sample).
MIN_ROUNDS = 2
#: A round of the scale phase costs about this many serial fresh builds of the same size
#: (the serial build, ``-j 2``, two incremental rebuilds).
SCALE_ROUND_COST = 2.3


def series(work: Path, setups: list[str], sizes: dict[int, list[str]], refs: int, rounds: dict[int, int],
           deadline: float | None = None, scale: tuple[int, int, int] = (0, 0, 0), **corpus_options) -> dict:
    """Fresh serial builds of every variant at each size (``sizes[n]``: the set-ups built at
    ``n``; up to ``rounds[n]`` rounds), all variants of a size in each round, in rotating order.

    With a ``deadline`` (a ``time.perf_counter()`` value), no round starts after the first
    ``MIN_ROUNDS`` that would, by the rounds so far, end too late to leave the scale phase
    (``scale``: pages, rounds and variants) its time. ``rounds`` is updated to the rounds done.
    Returns the figures and the scale phase's rounds that fit in the time left (at least 1)."""
    plan = {n: variants([s for s in setups if s in sizes[n]]) for n in sizes}
    plan = {n: pairs for n, pairs in plan.items() if pairs}
    srcs = {(s, k, n): generate(Corpus(s, k, n, refs, **corpus_options), work / f"src-{s}-{k}-{n}")
            for n in plan for s, k in plan[n]}
    samples: dict[tuple[str, str, int], list[Build]] = {key: [] for key in srcs}
    sizes_out: dict[tuple[str, str, int], dict] = {}
    spent: dict[int, list[float]] = {n: [] for n in plan}
    for r in range(max((rounds[n] for n in plan), default=0)):
        if deadline is not None and r >= MIN_ROUNDS:
            left = [n for n in plan if r < rounds[n]]
            need = sum(statistics.fmean(spent[n]) for n in left) + _scale_reserve(samples, *scale)
            if time.perf_counter() + need > deadline:
                for n in left:
                    rounds[n] = r
                print(f"  time budget: stopping after {r} rounds", flush=True)
                break
        for n in plan:
            if r >= rounds[n]:
                continue
            line = []
            began = time.perf_counter()
            for s, k in _order(plan[n], r):
                out = work / f"out-{s}-{k}-{n}"
                samples[s, k, n].append(build(srcs[s, k, n], out))
                line.append(f"{s}/{k} {samples[s, k, n][-1].cpu:.2f}")
                if (s, k, n) not in sizes_out:  # deterministic: once is enough
                    sizes_out[s, k, n] = {"html_bytes": html_bytes(out), "output_bytes": output_bytes(out),
                                          "pickle_bytes": pickle_bytes(out)}
            spent[n].append(time.perf_counter() - began)
            print(f"  round {r + 1}/{rounds[n]}  N={n:<5d} CPU s: " + ", ".join(line), flush=True)
    result: dict[str, dict[str, dict]] = {}
    for (s, k, n), builds in samples.items():
        result.setdefault(s, {}).setdefault(str(n), {})[k] = {
            "wall": [b.wall for b in builds], "cpu": [b.cpu for b in builds], "rss": [b.rss for b in builds],
            "wall_median": median([b.wall for b in builds]), "cpu_median": median([b.cpu for b in builds]),
            "rss_median": median([b.rss for b in builds]), **sizes_out[s, k, n],
        }
    pages, scale_rounds, count = scale
    if deadline is not None and scale_rounds:
        per_round = _scale_reserve(samples, pages, 1, count)
        if per_round:
            scale_rounds = max(1, min(scale_rounds, int((deadline - time.perf_counter()) / per_round)))
    return result, scale_rounds


def _scale_reserve(samples: dict, pages: int, rounds: int, count: int) -> float:
    """Seconds the scale phase will take, from the fresh builds' wall times so far."""
    if not (pages and rounds and count):
        return 0.0
    by_size: dict[int, list[float]] = {}
    for (_, _, n), builds in samples.items():
        by_size.setdefault(n, []).extend(b.wall for b in builds)
    points = sorted((n, statistics.fmean(w)) for n, w in by_size.items() if w)
    if not points:
        return 0.0
    if len(points) == 1:
        per_build = points[0][1] * pages / points[0][0]
    else:  # a line through the two sizes nearest to ``pages``
        (n0, w0), (n1, w1) = sorted(points, key=lambda p: abs(p[0] - pages))[:2]
        per_build = max(0.1, w0 + (w1 - w0) * (pages - n0) / (n1 - n0))
    return rounds * count * SCALE_ROUND_COST * per_build


SCALE_KEYS = ("serial", "j2", "touch", "term")


def scale_phase(work: Path, setups: list[str], pages: int, refs: int, rounds: int, **corpus_options) -> dict:
    """At one size, for the native and ext variants of each set-up: a fresh serial build, an
    incremental rebuild after one page changed, one after one term's definition changed, and
    a fresh ``-j 2`` build; ``rounds`` times. The extension's corpus keeps the edited term in a
    project glossary file."""
    pairs = [(s, k) for s in setups if s not in PEERS for k in SETUPS[s].kinds]
    if not pairs:
        return {}
    corpora = {(s, k): Corpus(s, k, pages, refs, own_terms=True, **corpus_options) for s, k in pairs}
    srcs = {key: generate(c, work / f"src-{key[0]}-{key[1]}-{pages}-scale") for key, c in corpora.items()}
    samples: dict[tuple[str, str], dict[str, list[Build]]] = {key: {x: [] for x in SCALE_KEYS} for key in pairs}
    for r in range(rounds):
        for key in _order(pairs, r):
            corpus, src, out = corpora[key], srcs[key], work / f"out-{key[0]}-{key[1]}-scale"
            got = samples[key]
            got["serial"].append(build(src, out))
            index = 1 + (r * 37) % pages
            touch_page(corpus, src, index, f"round {r + 1}")
            got["touch"].append(build(src, out, fresh=False))
            touch_page(corpus, src, index, None)
            edit_term(corpus, src, f"round {r + 1}")
            got["term"].append(build(src, out, fresh=False))
            edit_term(corpus, src, None)
            got["j2"].append(build(src, work / f"out-{key[0]}-{key[1]}-j2", jobs=2))
        print(f"  round {r + 1}/{rounds}  N={pages}  " + ", ".join(
            f"{s}/{k}: serial {samples[s, k]['serial'][-1].wall:.2f} s, -j 2 {samples[s, k]['j2'][-1].wall:.2f} s, "
            f"page {samples[s, k]['touch'][-1].wall:.2f} s, term {samples[s, k]['term'][-1].wall:.2f} s"
            for s, k in pairs), flush=True)
    result: dict = {"pages": pages, "rounds": rounds}
    for (s, k), got in samples.items():
        entry = {}
        for x in SCALE_KEYS:
            entry[x] = {"wall": [b.wall for b in got[x]], "cpu": [b.cpu for b in got[x]],
                        "wall_median": median([b.wall for b in got[x]]),
                        "cpu_median": median([b.cpu for b in got[x]])}
        entry["j2_speedup"] = entry["serial"]["wall_median"] / entry["j2"]["wall_median"]
        result.setdefault(s, {})[k] = entry
    return result


# -- import time -----------------------------------------------------------------

TIMED = '''\
import time
t = time.perf_counter()
{code}
print(time.perf_counter() - t)
'''


def compile_package() -> None:
    """Compile the package's modules to bytecode, as installing a wheel does. An editable
    install compiles them on first import, unless the environment says not to write bytecode
    (PYTHONDONTWRITEBYTECODE); then every build would compile them again, which Sphinx's own
    modules, compiled when pip installed them, never do."""
    import compileall

    import sphinx_msp_glossary

    compileall.compile_dir(Path(sphinx_msp_glossary.__file__).parent, quiet=1)


def import_times(runs: int, module: str) -> dict:
    """Median seconds, each run a fresh interpreter, timed inside it; and the wall time
    of a whole interpreter start with and without the package, for scale. ``module`` is the
    glossary module, whose ``packaged_terms()`` loads the packaged glossary."""
    load = f"import {module} as g; g.packaged_terms()"
    cases = {
        "package import + packaged glossary load": load,
        f"package import only ({module})": f"import {module}",
        "baseline: import tomllib": "import tomllib",
        "baseline: import json": "import json",
        "all extension modules + glossary, Sphinx already imported": None,
    }
    every_module = (
        "import sphinx.application, sphinx.domains, sphinx.roles, sphinx.util.docutils\n"
        "import importlib, pkgutil\n"
        "t = time.perf_counter()\n"
        "import sphinx_msp_glossary as p\n"
        "for m in pkgutil.iter_modules(p.__path__):\n"
        "    if m.name not in ('__main__', 'cli'):\n"
        "        importlib.import_module('sphinx_msp_glossary.' + m.name)\n"
        f"{load}\n"
        "print(time.perf_counter() - t)\n"
    )
    samples: dict[str, list[float]] = {name: [] for name in cases}
    wall: dict[str, list[float]] = {"python -c pass": [], "python -c <import + load>": []}
    for _ in range(runs):
        for name, code in cases.items():
            text = "import time\n" + every_module if code is None else TIMED.format(code=code)
            out = subprocess.run([sys.executable, "-c", text], capture_output=True, text=True, check=True).stdout
            samples[name].append(float(out))
        for name, code in (("python -c pass", "pass"), ("python -c <import + load>", load)):
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
#: Structured data names its vocabulary by URL ("@context": "https://schema.org"); no browser
#: requests it, so its URLs are not requests to another host.
_JSON_LD = re.compile(r'<script type="application/ld\+json">.*?</script>', re.S)


def _assets(html: str) -> tuple[set[str], list[str]]:
    # scripts that run; the structured data (JSON-LD) is data, counted apart
    return set(_ASSET.findall(html)), [s for s in _INLINE.findall(_JSON_LD.sub("", html)) if s.strip()]


def _structured_data_bytes(html: str) -> int:
    return sum(len(s.encode("utf-8")) for s in _JSON_LD.findall(html))


def page_weight(native_out: Path, ext_out: Path) -> dict:
    """CSS/JS files and inline scripts on the extension's pages that the same page of the
    native project does not have; and the http(s) URLs the extension adds anywhere."""
    per_page = {}
    for page in ("p0001.html", "glossary.html"):
        n_files, n_inline = _assets((native_out / page).read_text("utf-8"))
        e_files, e_inline = _assets((ext_out / page).read_text("utf-8"))
        files = sorted(e_files - n_files)
        inline = [s for s in e_inline if s not in n_inline]
        sizes = {f: (ext_out / f).stat().st_size for f in files}
        per_page[page] = {
            "native_html_bytes": (native_out / page).stat().st_size,
            "ext_html_bytes": (ext_out / page).stat().st_size,
            "files": sizes,
            "inline_script_bytes": sum(len(s.encode("utf-8")) for s in inline),
            "structured_data_bytes": _structured_data_bytes((ext_out / page).read_text("utf-8")),
            "total_bytes": sum(sizes.values()) + sum(len(s.encode("utf-8")) for s in inline),
        }

    def urls(out: Path) -> set[str]:
        found = set()
        for path in out.rglob("*"):
            if path.suffix in (".html", ".css", ".js") and path.is_file():
                found |= set(_URL.findall(_JSON_LD.sub("", path.read_text("utf-8", errors="replace"))))
        return found

    added = sorted(urls(ext_out) - urls(native_out))
    import sphinx_msp_glossary

    static = Path(sphinx_msp_glossary.__file__).parent / "static"
    in_static = sorted({u for p in static.iterdir() if p.is_file()
                        for u in _URL.findall(p.read_text("utf-8", errors="replace"))})
    tips = (ext_out / TIPS_FILE).stat().st_size if (ext_out / TIPS_FILE).is_file() else 0
    glossary_page = {out: (out / "glossary.html").stat().st_size for out in (native_out, ext_out)}
    return {"pages": per_page, "urls_added_to_output": added, "urls_in_extension_static": in_static,
            "tips_file_bytes": tips,
            # the pages but the glossary page, whose cards hold what native's glossary does not
            "other_pages_ratio": (html_bytes(ext_out) - glossary_page[ext_out])
            / (html_bytes(native_out) - glossary_page[native_out])}
