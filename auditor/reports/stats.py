"""Shares, medians and percentiles, defined once so every table and export agrees.

Percentiles interpolate linearly between the closest ranks, exactly like Excel's
``PERCENTILE.INC`` (and numpy's default, Hyndman and Fan's type 7): for ``n`` sorted values
``x[0] .. x[n-1]`` and ``p`` in [0, 1], let ``h = (n - 1) * p``; the percentile is
``x[floor(h)] + (h - floor(h)) * (x[floor(h) + 1] - x[floor(h)])``. The median is the 50th
percentile, so it is the middle value, or the mean of the two middle values.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def share(part: int | float, whole: int | float) -> float | None:
    """``part`` as a percentage of ``whole`` (0 to 100), or None when ``whole`` is 0."""
    if not whole:
        return None
    return 100.0 * part / whole


def percentile(values: Sequence[float], p: float) -> float | None:
    """The ``p``-th quantile (``p`` from 0 to 1) as Excel's PERCENTILE.INC; None if empty."""
    if not 0 <= p <= 1:
        raise ValueError(f"percentile p must be between 0 and 1, not {p!r}")
    if not values:
        return None
    ordered = sorted(values)
    h = (len(ordered) - 1) * p
    low = math.floor(h)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (h - low) * (ordered[high] - ordered[low])


def median(values: Sequence[float]) -> float | None:
    """The middle value (mean of the two middle values for an even count); None if empty."""
    return percentile(values, 0.5)
