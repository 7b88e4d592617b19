"""Ratios, targets and the printed report of the benchmark."""

from __future__ import annotations

import os
import platform
import statistics
from pathlib import Path

from bench_corpus import PEERS, SETUPS, TARGET_SIZES

LIMITS = {"cpu": 1.03, "html": 1.15, "pickle": 1.5, "rss": 1.1}
#: Growth counts as superlinear when the time per reference between the two largest sizes is
#: this much more than between the two smallest.
SUPERLINEAR = 1.2


def machine() -> dict:
    import docutils
    import sphinx

    versions = {}
    for name in ("furo", "myst_parser", "sphinx_design", "sphinx_copybutton", "sphinx_tippy"):
        try:
            module = __import__(name)
            versions[name] = getattr(module, "__version__", "?")
        except ImportError:
            versions[name] = None
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"platform": f"{platform.system()} {platform.machine()}", "cpu": cpu, "cpu_count": os.cpu_count(),
            "python": platform.python_version(), "sphinx": sphinx.__version__, "docutils": docutils.__version__,
            **versions}


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


def _ratio(a: list[float], b: list[float]) -> float:
    """Median of the per-round ratios a / b."""
    return statistics.median(x / y for x, y in zip(a, b))


def analyse(series: dict, scale: dict, refs: int) -> dict:
    """Ratios per set-up and size, the peers against native, growth fits, and the targets."""
    summary: dict = {"setups": {}, "peers": {}, "growth": {}, "targets": []}
    targets = summary["targets"]

    def judge(name: str, setup: str, value: float, limit: float, at_most: bool = True, size=None) -> None:
        ok = value <= limit if at_most else value >= limit
        targets.append({"target": name, "setup": setup, "size": size, "value": value, "limit": limit,
                        "pass": ok})

    for setup, by_size in series.items():
        if setup in PEERS:
            continue
        rows = {}
        for n, kinds in by_size.items():
            if "ext" not in kinds or "native" not in kinds:
                continue
            nat, ext = kinds["native"], kinds["ext"]
            rows[n] = {
                "rounds": min(len(nat["cpu"]), len(ext["cpu"])), "native_cpu": nat["cpu_median"], "ext_cpu": ext["cpu_median"],
                "cpu_ratio": _ratio(ext["cpu"], nat["cpu"]),
                "native_wall": nat["wall_median"], "ext_wall": ext["wall_median"],
                "wall_ratio": _ratio(ext["wall"], nat["wall"]),
                "extra_cpu_per_ref_ms": 1000 * (ext["cpu_median"] - nat["cpu_median"]) / (int(n) * refs),
                "html_ratio": ext["html_bytes"] / nat["html_bytes"],
                "output_ratio": ext["output_bytes"] / nat["output_bytes"],
                "pickle_ratio": ext["pickle_bytes"] / nat["pickle_bytes"],
                "rss_ratio": ext["rss_median"] / nat["rss_median"],
                "native_html_bytes": nat["html_bytes"], "ext_html_bytes": ext["html_bytes"],
                "native_pickle_bytes": nat["pickle_bytes"], "ext_pickle_bytes": ext["pickle_bytes"],
                "native_rss": nat["rss_median"], "ext_rss": ext["rss_median"],
            }
            r = rows[n]
            if int(n) in TARGET_SIZES.get(setup, ()):
                judge("build CPU ext/native", setup, r["cpu_ratio"], LIMITS["cpu"], size=int(n))
            judge("page bytes ext/native", setup, r["html_ratio"], LIMITS["html"], size=int(n))
            judge("environment pickle ext/native", setup, r["pickle_ratio"], LIMITS["pickle"], size=int(n))
            judge("peak memory ext/native", setup, r["rss_ratio"], LIMITS["rss"], size=int(n))
        entry: dict = {"sizes": rows}
        if setup in scale:
            nat, ext = scale[setup]["native"], scale[setup]["ext"]
            entry["scale"] = {
                "pages": scale["pages"],
                "native_j2_speedup": nat["j2_speedup"], "ext_j2_speedup": ext["j2_speedup"],
                **{f"{kind}_{x}_{m}": scale[setup][kind][x][f"{m}_median"]
                   for kind in ("native", "ext") for x in ("serial", "j2", "touch", "term") for m in ("wall", "cpu")},
                "touch_cpu_ratio": _ratio(ext["touch"]["cpu"], nat["touch"]["cpu"]),
                "term_cpu_ratio": _ratio(ext["term"]["cpu"], nat["term"]["cpu"]),
            }
            judge("-j 2 speed-up ext", setup, ext["j2_speedup"], nat["j2_speedup"], at_most=False,
                  size=scale["pages"])
        summary["setups"][setup] = entry

    base = series.get("plain", {})
    for peer in PEERS:
        if peer not in series:
            continue
        rows = {}
        for n, kinds in series[peer].items():
            own, native = kinds[peer], base.get(n, {}).get("native")
            ext = base.get(n, {}).get("ext")
            rows[n] = {"cpu": own["cpu_median"], "wall": own["wall_median"], "html_bytes": own["html_bytes"],
                       "output_bytes": own["output_bytes"], "pickle_bytes": own["pickle_bytes"],
                       "rss": own["rss_median"]}
            if native:
                rows[n].update(cpu_vs_native=_ratio(own["cpu"], native["cpu"]),
                               html_vs_native=own["html_bytes"] / native["html_bytes"],
                               output_vs_native=own["output_bytes"] / native["output_bytes"],
                               rss_vs_native=own["rss_median"] / native["rss_median"])
            if ext:
                rows[n].update(ext_cpu_vs_peer=_ratio(ext["cpu"], own["cpu"]))
        summary["peers"][peer] = rows

    for setup, by_size in series.items():
        for kind in SETUPS[setup].kinds:
            sizes = sorted(int(n) for n in by_size if kind in by_size[n])
            if len(sizes) < 2:
                continue
            xs = [float(n * refs) for n in sizes]
            ys = [by_size[str(n)][kind]["cpu_median"] for n in sizes]
            a, b, r2 = linear_fit(xs, ys)
            fit = {"sizes": sizes, "intercept_s": a, "per_ref_ms": 1000 * b, "r2": r2}
            if len(sizes) >= 3:
                first = (ys[1] - ys[0]) / (xs[1] - xs[0])
                last = (ys[-1] - ys[-2]) / (xs[-1] - xs[-2])
                fit["last_over_first_slope"] = last / first
                fit["superlinear"] = last / first > SUPERLINEAR
                judge(f"growth {kind}: last/first slope", setup, last / first, SUPERLINEAR)
            summary["growth"][f"{setup}/{kind}"] = fit
    return summary


def _mb(n: float) -> str:
    return f"{n / 1e6:.1f} MB"


def _kb(n: float) -> str:
    return f"{n / 1e3:,.0f} KB"


def _pf(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def print_report(summary: dict, info: dict, tippy_note: str | None) -> None:
    for setup, entry in summary["setups"].items():
        print(f"\n== {setup}: {SETUPS[setup].description}")
        print(f"  {'N':>5} {'rounds':>6} {'native CPU':>10} {'ext CPU':>9} {'CPU ratio':>9} {'wall ratio':>10} {'per ref':>9} "
              f"{'pages':>17} {'pickle':>17} {'peak memory':>18}")
        for n, r in entry["sizes"].items():
            print(f"  {n:>5} {r['rounds']:>6} {r['native_cpu']:8.2f} s {r['ext_cpu']:7.2f} s {r['cpu_ratio']:9.3f} "
                  f"{r['wall_ratio']:10.3f} {r['extra_cpu_per_ref_ms']:6.3f} ms "
                  f"{_kb(r['ext_html_bytes']):>9} {r['html_ratio']:5.2f}x "
                  f"{_kb(r['ext_pickle_bytes']):>9} {r['pickle_ratio']:5.2f}x "
                  f"{_mb(r['ext_rss']):>10} {r['rss_ratio']:5.2f}x")
        if "scale" in entry:
            s = entry["scale"]
            print(f"  at N = {s['pages']}: -j 2 speed-up native {s['native_j2_speedup']:.2f}x, "
                  f"ext {s['ext_j2_speedup']:.2f}x")
            print(f"    rebuild after touching one page: native {s['native_touch_wall']:.2f} s "
                  f"({s['native_touch_cpu']:.2f} s CPU), ext {s['ext_touch_wall']:.2f} s "
                  f"({s['ext_touch_cpu']:.2f} s CPU), CPU ratio {s['touch_cpu_ratio']:.2f}")
            print(f"    rebuild after editing one term:  native {s['native_term_wall']:.2f} s "
                  f"({s['native_term_cpu']:.2f} s CPU), ext {s['ext_term_wall']:.2f} s "
                  f"({s['ext_term_cpu']:.2f} s CPU), CPU ratio {s['term_cpu_ratio']:.2f}")
    for peer, rows in summary["peers"].items():
        print(f"\n== peer {peer}: {SETUPS[peer].description}")
        for n, r in rows.items():
            line = f"  N = {n:>5}: CPU {r['cpu']:.2f} s"
            if "cpu_vs_native" in r:
                line += (f", {r['cpu_vs_native']:.3f}x native; pages {_kb(r['html_bytes'])} "
                         f"({r['html_vs_native']:.2f}x native), whole output {r['output_vs_native']:.2f}x native, "
                         f"peak memory {r['rss_vs_native']:.2f}x native")
            if "ext_cpu_vs_peer" in r:
                line += f"; plain ext / {peer} CPU {r['ext_cpu_vs_peer']:.3f}"
            print(line)
    if tippy_note:
        print(f"\n  sphinx-tippy: {tippy_note}")
    if summary["growth"]:
        print("\nGrowth: CPU time = a + b * references (least squares over the medians)")
        for name, f in summary["growth"].items():
            extra = ""
            if "superlinear" in f:
                extra = (f", last/first segment slope {f['last_over_first_slope']:.2f}"
                         f"{' SUPERLINEAR' if f['superlinear'] else ''}")
            else:
                extra = " (two sizes: a line through two points, growth not judged)"
            print(f"  {name:<22} a = {f['intercept_s']:5.2f} s, b = {f['per_ref_ms']:.4f} ms/ref, "
                  f"R^2 = {f['r2']:.4f}{extra}")


def print_targets(summary: dict, extra: list[tuple[str, bool, str]]) -> None:
    """One line per target and set-up, every size on it."""
    print("\nTargets")
    lines: dict[tuple[str, str], list[dict]] = {}
    for t in summary["targets"]:
        lines.setdefault((t["target"], t["setup"]), []).append(t)
    for (target, setup), got in lines.items():
        op = ">=" if "speed-up" in target else "<="
        limit = "native's" if "speed-up" in target else f"{got[0]['limit']:.2f}"
        cells = ", ".join((f"N={t['size']} " if t["size"] else "") + f"{t['value']:.3f}"
                          + (f" vs {t['limit']:.3f}" if "speed-up" in target else "")
                          + ("" if t["pass"] else " FAIL") for t in got)
        ok = all(t["pass"] for t in got)
        what = f"{target} {op} {limit}"
        print(f"  {_pf(ok)}  {what:<44} {setup:<13} {cells}")
    for name, ok, measured in extra:
        print(f"  {_pf(ok)}  {name:<60} {measured}")
