"""Geometry for the stats page's stacked bar chart, drawn as inline SVG by the
template: no JavaScript, no CDN, readable on a phone (it scales to the width).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 10, 30
COLORS = {
    "answered": "#2e7d32",
    "clarify": "#1565c0",
    "unmatched": "#ef6c00",
    "crisis": "#c62828",
}


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    color: str
    title: str


@dataclass(frozen=True)
class Tick:
    x: float
    y: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    legend: list[tuple[str, str]]
    plot_left: int
    plot_right: int
    baseline: float
    summary: str


def _nice_max(value: int) -> int:
    """A round top for the y axis (5, 10, 20, 50, 100 ...)."""
    step = 1
    while True:
        for m in (1, 2, 5):
            if value <= step * m * 5:
                return step * m * 5
        step *= 10


def stacked_bars(
    days: Sequence[date],
    per_day: Mapping[date, Mapping[str, int]],
    statuses: Sequence[str],
) -> Chart:
    """Bars of asks per day stacked by status, with axes, ticks and a legend."""
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    peak = max((sum(per_day[d].values()) for d in days), default=0)
    top = _nice_max(max(peak, 1))
    slot = plot_w / max(len(days), 1)
    bars: list[Bar] = []
    for i, d in enumerate(days):
        y = float(TOP + plot_h)
        for status in statuses:
            n = per_day[d].get(status, 0)
            if not n:
                continue
            h = plot_h * n / top
            y -= h
            bars.append(
                Bar(
                    x=round(LEFT + i * slot + slot * 0.15, 2),
                    y=round(y, 2),
                    width=round(slot * 0.7, 2),
                    height=round(h, 2),
                    color=COLORS.get(status, "#777"),
                    title=f"{d:%b %d}: {n} {status}",
                )
            )
    x_ticks = [
        Tick(round(LEFT + i * slot + slot / 2, 2), HEIGHT - 10, f"{d:%b %d}")
        for i, d in enumerate(days)
        if i % 5 == 0 or i == len(days) - 1
    ]
    y_ticks = [
        Tick(LEFT - 6, round(TOP + plot_h - plot_h * v / top, 2), str(v))
        for v in (0, top // 2, top)
    ]
    total = sum(sum(per_day[d].values()) for d in days)
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        bars=bars,
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        legend=[(s, COLORS.get(s, "#777")) for s in statuses],
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        baseline=TOP + plot_h,
        summary=f"{total} asks in {len(days)} days, busiest day {peak}",
    )
