"""Table 6: an earlier inspection's figures, entered by hand, beside the current ones.

A baseline holds what the earlier report published: how many cases it graded, and either
counts per grade or only the number graded worse than the best grade (the reports' "requiring
improvement or inadequate", for example 2017: 214 cases, 191), and optionally how many were
referred back. It converts to and from a JSON-able dict for storage (``baseline_to_dict`` /
``baseline_from_dict``); the dict's keys are ``label``, ``year``, ``cases``, ``grades`` (grade
code -> cases), ``below_best`` and ``referred_back``. An inspection's baselines are meant to
be kept, as a JSON list (``baselines_to_json``), in the inspection file's settings under
``BASELINES_SETTING``, so they travel with the file and every change is audited.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from auditor.errors import Refused
from auditor.framework import Framework
from auditor.reports.criteria import below_best_label
from auditor.reports.grades import CasesAssessedTable, ReferralsTable
from auditor.reports.stats import share

BASELINES_SETTING = "report_baselines"
DICT_KEYS = ("label", "year", "cases", "grades", "below_best", "referred_back")


class BaselineError(Refused, ValueError):
    """Baseline figures that cannot be right, described for the person entering them."""


def _count(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise BaselineError(f"{name} must be a whole number of cases, 0 or more, not {value!r}")
    return value


@dataclass(frozen=True)
class Baseline:
    """An earlier inspection's published figures (grade counts as (code, cases) pairs)."""

    label: str
    cases: int
    year: int | None = None
    grade_counts: tuple[tuple[str, int], ...] = ()
    below_best: int | None = None
    referred_back: int | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.label, str) or not self.label.strip():
            raise BaselineError("a baseline needs a label, such as '2017 update'")
        object.__setattr__(self, "label", self.label.strip())
        if self.year is not None and (
            isinstance(self.year, bool) or not isinstance(self.year, int)
        ):
            raise BaselineError(f"year must be a whole number, not {self.year!r}")
        _count(self.cases, "cases")
        pairs = self.grade_counts
        items = pairs.items() if isinstance(pairs, Mapping) else pairs
        counts = tuple((str(code), _count(n, f"cases graded {code}")) for code, n in items)
        if len({code for code, _ in counts}) != len(counts):
            raise BaselineError("a grade is given twice")
        object.__setattr__(self, "grade_counts", counts)
        if sum(n for _, n in counts) > self.cases:
            raise BaselineError(f"the grade counts add up to more than the {self.cases} cases")
        for name in ("below_best", "referred_back"):
            value = getattr(self, name)
            if value is not None and _count(value, name.replace("_", " ")) > self.cases:
                raise BaselineError(f"{name.replace('_', ' ')} is more than the {self.cases} cases")

    def count(self, grade_code: str) -> int | None:
        """Cases graded ``grade_code``, or None when that figure was not entered."""
        return next((n for code, n in self.grade_counts if code == grade_code), None)

    def below_best_count(self, framework: Framework) -> int | None:
        """Cases graded worse than the best grade: as entered, else from the grade counts."""
        if self.below_best is not None:
            return self.below_best
        worse = [self.count(g.code) for g in framework.grades[1:]]
        return None if any(n is None for n in worse) else sum(n for n in worse if n is not None)

    def problems(self, framework: Framework) -> list[str]:
        """What does not fit the framework: unknown grades, figures that disagree."""
        known = {g.code for g in framework.grades}
        found = [
            f"{code!r} is not a grade of the framework"
            for code, _ in self.grade_counts
            if code not in known
        ]
        complete = all(self.count(g.code) is not None for g in framework.grades)
        if complete and sum(n for _, n in self.grade_counts) != self.cases:
            found.append(f"the grade counts do not add up to the {self.cases} cases")
        worse = [self.count(g.code) for g in framework.grades[1:]]
        if (
            self.below_best is not None
            and all(n is not None for n in worse)
            and sum(n for n in worse if n is not None) != self.below_best
        ):
            found.append(
                f"{below_best_label(framework)} ({self.below_best}) disagrees with the grade counts"
            )
        return found


def baseline_to_dict(baseline: Baseline) -> dict[str, Any]:
    """A JSON-able dict of the baseline (see the module docstring for its keys)."""
    return {
        "label": baseline.label,
        "year": baseline.year,
        "cases": baseline.cases,
        "grades": dict(baseline.grade_counts),
        "below_best": baseline.below_best,
        "referred_back": baseline.referred_back,
    }


def baseline_from_dict(data: Mapping[str, Any]) -> Baseline:
    """The baseline a dict from ``baseline_to_dict`` describes; BaselineError if malformed."""
    if not isinstance(data, Mapping):
        raise BaselineError(f"a baseline is a table of figures, not {type(data).__name__}")
    unknown = sorted(set(data) - set(DICT_KEYS))
    if unknown:
        raise BaselineError(f"unknown baseline figure(s): {', '.join(map(str, unknown))}")
    for key in ("label", "cases"):
        if key not in data:
            raise BaselineError(f"the baseline has no {key!r}")
    grades = data.get("grades") or {}
    if not isinstance(grades, Mapping):
        raise BaselineError("'grades' must map grade codes to numbers of cases")
    return Baseline(
        label=data["label"],
        cases=data["cases"],
        year=data.get("year"),
        grade_counts=tuple(grades.items()),
        below_best=data.get("below_best"),
        referred_back=data.get("referred_back"),
    )


def baselines_to_json(baselines: Sequence[Baseline]) -> str:
    """The baselines as JSON text (a list of ``baseline_to_dict`` dicts), for a setting."""
    return json.dumps([baseline_to_dict(b) for b in baselines], ensure_ascii=False)


def baselines_from_json(text: str | None) -> list[Baseline]:
    """The baselines stored by ``baselines_to_json`` (none when ``text`` is None or empty)."""
    if not text or not text.strip():
        return []
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(f"the stored baselines are not readable ({exc})") from exc
    if not isinstance(data, list):
        raise BaselineError("the stored baselines must be a list")
    return [baseline_from_dict(item) for item in data]


# --- the comparison --------------------------------------------------------------------------


@dataclass(frozen=True)
class ComparisonRow:
    """One figure now and in the baseline, each with its share of that inspection's cases."""

    label: str
    current: int
    current_share: float | None
    baseline: int | None
    baseline_share: float | None

    @property
    def change_points(self) -> float | None:
        """Current share minus baseline share, in percentage points (None if either is)."""
        if self.current_share is None or self.baseline_share is None:
            return None
        return self.current_share - self.baseline_share


@dataclass(frozen=True)
class BaselineComparison:
    """Table 6: graded cases, each grade, worse than best and referred back, now and before."""

    baseline: Baseline
    rows: tuple[ComparisonRow, ...]

    def row(self, label: str) -> ComparisonRow:
        found = next((r for r in self.rows if r.label == label), None)
        if found is None:
            raise KeyError(label)
        return found

    def percentages(self) -> tuple[tuple[float | None, float | None], ...]:
        """(current share, baseline share) of every row."""
        return tuple((r.current_share, r.baseline_share) for r in self.rows)


CASES_LABEL = "Cases graded"
REFERRED_LABEL = "Referred back"


def compare_with_baseline(
    baseline: Baseline,
    framework: Framework,
    assessed: CasesAssessedTable,
    referred: ReferralsTable,
) -> BaselineComparison:
    """Rows: cases graded, each grade (framework labels), worse than best, referred back."""
    now_cases = assessed.grand_total
    then_cases = baseline.cases

    def row(label: str, current: int, before: int | None) -> ComparisonRow:
        before_share = None if before is None else share(before, then_cases)
        return ComparisonRow(label, current, share(current, now_cases), before, before_share)

    totals = assessed.column_totals
    rows = [row(CASES_LABEL, now_cases, then_cases)]
    rows += [
        row(g.label, totals[i], baseline.count(g.code)) for i, g in enumerate(framework.grades)
    ]
    rows.append(
        row(below_best_label(framework), sum(totals[1:]), baseline.below_best_count(framework))
    )
    rows.append(row(REFERRED_LABEL, referred.total_row.referred, baseline.referred_back))
    return BaselineComparison(baseline, tuple(rows))
