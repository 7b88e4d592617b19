"""An SVG bar chart of the CPU-time ratios, written with the standard library only."""

from __future__ import annotations

import math
from html import escape
from pathlib import Path

COLOURS = ("#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3")


def cpu_ratio_bars(summary: dict) -> dict[str, dict[int, float]]:
    """Set-up -> size -> CPU ratio: ext/native for the set-ups, peer/native for the peers."""
    bars: dict[str, dict[int, float]] = {}
    for setup, entry in summary["setups"].items():
        bars[setup] = {int(n): r["cpu_ratio"] for n, r in entry["sizes"].items()}
    for peer, rows in summary["peers"].items():
        got = {int(n): r["cpu_vs_native"] for n, r in rows.items() if "cpu_vs_native" in r}
        if got:
            bars[f"{peer} (peer)"] = got
    return bars


def svg(bars: dict[str, dict[int, float]], title: str, limit: float = 1.03) -> str:
    sizes = sorted({n for by in bars.values() for n in by})
    values = [v for by in bars.values() for v in by.values()] or [1.0]
    low = min(0.9, math.floor(min(values) * 20) / 20)
    high = max(1.1, math.ceil(max(values) * 20) / 20)
    width, height, left, right, top, bottom = 760, 360, 60, 20, 50, 80
    plot_w, plot_h = width - left - right, height - top - bottom

    def y(v: float) -> float:
        return top + plot_h * (high - v) / (high - low)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{width / 2}" y="20" text-anchor="middle" font-size="14">{escape(title)}</text>']
    step = 0.05 if high - low <= 0.6 else 0.1
    tick = math.ceil(low / step) * step
    while tick <= high + 1e-9:
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
                   f'stroke="#e0e0e0"/>')
        out.append(f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{tick:.2f}</text>')
        tick += step
    out.append(f'<line x1="{left}" x2="{width - right}" y1="{y(1):.1f}" y2="{y(1):.1f}" stroke="black"/>')
    out.append(f'<line x1="{left}" x2="{width - right}" y1="{y(limit):.1f}" y2="{y(limit):.1f}" '
               f'stroke="#c44e52" stroke-dasharray="6 4"/>')
    out.append(f'<text x="{width - right - 4}" y="{y(limit) - 4:.1f}" text-anchor="end" fill="#c44e52">'
               f'target {limit:.2f}</text>')
    group_w = plot_w / max(1, len(bars))
    bar_w = min(28.0, 0.8 * group_w / max(1, len(sizes)))
    for g, (name, by) in enumerate(bars.items()):
        x0 = left + g * group_w + (group_w - bar_w * len(sizes)) / 2
        for i, n in enumerate(sizes):
            if n not in by:
                continue
            v, x = by[n], x0 + i * bar_w
            y0, y1 = sorted((y(1), y(v)))
            out.append(f'<rect x="{x:.1f}" y="{y0:.1f}" width="{bar_w - 2:.1f}" height="{max(y1 - y0, 0.5):.1f}" '
                       f'fill="{COLOURS[i % len(COLOURS)]}"><title>{escape(name)}, N = {n}: {v:.3f}</title></rect>')
            label_y = y(v) - 4 if v >= 1 else y(v) + 12
            out.append(f'<text x="{x + bar_w / 2 - 1:.1f}" y="{label_y:.1f}" text-anchor="middle" '
                       f'font-size="9">{v:.2f}</text>')
        out.append(f'<text x="{left + (g + 0.5) * group_w:.1f}" y="{height - bottom + 18}" '
                   f'text-anchor="middle">{escape(name)}</text>')
    for i, n in enumerate(sizes):
        x = left + i * 110
        out.append(f'<rect x="{x}" y="{height - 30}" width="12" height="12" fill="{COLOURS[i % len(COLOURS)]}"/>')
        out.append(f'<text x="{x + 16}" y="{height - 20}">N = {n} pages</text>')
    out.append(f'<text x="{width - right}" y="{height - 20}" text-anchor="end" fill="#555">'
               'set-ups: extension / native; peers: peer / native (plain)</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def write_chart(summary: dict, path: Path, title: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(svg(cpu_ratio_bars(summary), title), "utf-8")
