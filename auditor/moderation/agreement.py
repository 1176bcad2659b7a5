"""Agreement between two graders on an ordinal scale: exact agreement and Cohen's kappa.

Pure functions over pairs of grade codes (first grader, second grader). The categories are the
framework's grades in order (Good < Requires improvement < Inadequate); pairs where either
side is missing or Not applicable are left out before these functions are called.

With ``n`` pairs, ``k`` categories, ``O[i][j]`` the share of pairs graded ``i`` by the first
and ``j`` by the second, ``r[i]`` and ``c[j]`` the row and column shares:

- exact agreement ``p_o = sum_i O[i][i]``;
- expected agreement by chance ``p_e = sum_i r[i] * c[i]``;
- Cohen's kappa ``(p_o - p_e) / (1 - p_e)``;
- linearly weighted kappa ``1 - sum w[i][j] O[i][j] / sum w[i][j] r[i] c[j]`` with the
  disagreement weight ``w[i][j] = |i - j| / (k - 1)`` (a neighbouring grade counts half a
  disagreement on a three-point scale, Good against Inadequate a whole one).

When chance agreement is certain (both graders used one and the same grade for every pair),
kappa is 0/0: it is *undefined*, returned as None and shown as "n/a" with the reason, while
exact agreement is still 100%. See resources/guide/moderation.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: The reason shown beside an undefined kappa.
NO_PAIRS = "no case graded twice yet"
ONE_GRADE = "one grade only, used by both: kappa undefined"


@dataclass(frozen=True)
class Agreement:
    """Agreement over ``n`` pairs: exact agreement and both kappas (None when undefined)."""

    n: int
    agreed: int
    kappa: float | None
    weighted_kappa: float | None
    why_undefined: str = ""

    @property
    def percent(self) -> float | None:
        """Exact agreement as a percentage (None with no pairs)."""
        return 100.0 * self.agreed / self.n if self.n else None


def confusion_matrix(
    pairs: Iterable[tuple[str, str]], categories: Sequence[str]
) -> list[list[int]]:
    """Counts: row = the first grader's category, column = the second's, in scale order."""
    index = {code: i for i, code in enumerate(categories)}
    matrix = [[0] * len(categories) for _ in categories]
    for first, second in pairs:
        if first not in index or second not in index:
            raise ValueError(
                f"grade {first if first not in index else second!r} is not on the scale"
            )
        matrix[index[first]][index[second]] += 1
    return matrix


def agreement(pairs: Iterable[tuple[str, str]], categories: Sequence[str]) -> Agreement:
    """Exact agreement and Cohen's kappa, unweighted and linearly weighted, of ``pairs``."""
    return agreement_of_matrix(confusion_matrix(pairs, categories))


def agreement_of_matrix(matrix: Sequence[Sequence[int]]) -> Agreement:
    """The same figures from a square confusion matrix of counts."""
    k = len(matrix)
    n = sum(sum(row) for row in matrix)
    agreed = sum(matrix[i][i] for i in range(k))
    if n == 0:
        return Agreement(0, 0, None, None, NO_PAIRS)
    rows = [sum(matrix[i]) / n for i in range(k)]
    cols = [sum(matrix[i][j] for i in range(k)) / n for j in range(k)]
    observed = agreed / n
    expected = sum(rows[i] * cols[i] for i in range(k))
    if expected >= 1.0 - 1e-12:
        return Agreement(n, agreed, None, None, ONE_GRADE)
    kappa = (observed - expected) / (1.0 - expected)
    span = max(k - 1, 1)
    observed_off = sum(abs(i - j) / span * matrix[i][j] / n for i in range(k) for j in range(k))
    expected_off = sum(abs(i - j) / span * rows[i] * cols[j] for i in range(k) for j in range(k))
    weighted = 1.0 - observed_off / expected_off
    return Agreement(n, agreed, kappa, weighted)


def shown(value: float | None) -> str:
    """A kappa for a table cell: two decimals, or "n/a" when undefined."""
    return "n/a" if value is None else f"{value:.2f}"
