"""Benchmarks of the workstation at 1,000, 10,000 and 100,000 cases (results: RESULTS.md).

``python -m benchmarks`` (or ``./scripts/bench``) runs every measure and prints a table; see
``benchmarks/__main__.py``. Each measure is a module with a ``run`` function returning
``Result`` rows. Nothing here is imported by the application.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field
from typing import Any


def percentile(samples: list[float], fraction: float) -> float:
    """Linear interpolation between closest ranks (Excel's PERCENTILE.INC)."""
    ordered = sorted(samples)
    if not ordered:
        return math.nan
    at = fraction * (len(ordered) - 1)
    low = math.floor(at)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (at - low)


@dataclass
class Result:
    """One row of the table: a measure at one size, its samples and its target."""

    measure: str
    size: int
    unit: str
    samples: list[float]
    target_median: float | None = None
    target_p95: float | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def median(self) -> float:
        return statistics.median(self.samples) if self.samples else math.nan

    @property
    def p95(self) -> float:
        return percentile(self.samples, 0.95)

    @property
    def has_target(self) -> bool:
        return self.target_median is not None or self.target_p95 is not None

    @property
    def met(self) -> bool | None:
        if not self.has_target:
            return None
        ok = True
        if self.target_median is not None:
            ok = ok and self.median <= self.target_median
        if self.target_p95 is not None:
            ok = ok and self.p95 <= self.target_p95
        return ok

    def target_text(self) -> str:
        parts = []
        if self.target_median is not None:
            parts.append(f"median <= {_number(self.target_median)} {self.unit}")
        if self.target_p95 is not None:
            parts.append(f"p95 <= {_number(self.target_p95)} {self.unit}")
        return ", ".join(parts)

    def as_json(self) -> dict[str, Any]:
        return {
            "measure": self.measure,
            "size": self.size,
            "unit": self.unit,
            "runs": len(self.samples),
            "median": self.median,
            "p95": self.p95,
            "min": min(self.samples) if self.samples else None,
            "max": max(self.samples) if self.samples else None,
            "target_median": self.target_median,
            "target_p95": self.target_p95,
            "met": self.met,
            "note": self.note,
            "samples": self.samples,
            **self.extra,
        }


def _number(value: float) -> str:
    if math.isnan(value):
        return "-"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def size_label(size: int) -> str:
    if size >= 1000 and size % 1000 == 0:
        return f"{size // 1000}k"
    return str(size)


def table(results: list[Result]) -> str:
    """The results as a Markdown table: measure, size, median, p95, target, met?."""
    lines = [
        "| measure | size | runs | median | p95 | target | met? |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        met = {None: "", True: "yes", False: "**NO**"}[r.met]
        lines.append(
            f"| {r.measure} | {size_label(r.size)} | {len(r.samples)} "
            f"| {_number(r.median)} {r.unit} | {_number(r.p95)} {r.unit} "
            f"| {r.target_text()} | {met} |"
        )
    return "\n".join(lines)
