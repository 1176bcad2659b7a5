"""Random inspections: every table equals counts the test makes itself from what it wrote."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from auditor.reports import ReportFilter, build_report, load_report_data
from tests.support.reports import SCALE, TYPES, add_cases, grade, new_inspection, refer

BOROUGHS = ("Ashvale", "Brookfield", "Cresthill", "")
BCUS = ("North BCU", "South BCU", "")
TEAMS = ("Child abuse investigation team", "Community safety unit", "")


def random_specs(rng: random.Random, count: int) -> list[dict[str, Any]]:
    """Invented cases with their intended overall grade (None: not yet graded) and flag."""
    specs = []
    for _ in range(count):
        overall = rng.choice((*SCALE, None)) if rng.random() < 0.9 else None
        opened = date(2018, 1, 1) + timedelta(days=rng.randrange(120))
        specs.append(
            {
                "case_type": rng.choice(TYPES),
                "borough": rng.choice(BOROUGHS),
                "bcu": rng.choice(BCUS),
                "team": rng.choice(TEAMS),
                "date_opened": opened.isoformat() if rng.random() < 0.9 else None,
                "overall": overall,
                "flag": overall is not None and rng.random() < 0.2,
            }
        )
    return specs


def kept(spec: dict[str, Any], f: ReportFilter) -> bool:
    """The filter's meaning, written out again independently of ReportFilter.accepts."""
    if f.case_types and spec["case_type"] not in f.case_types:
        return False
    if f.boroughs and spec["borough"] not in f.boroughs:
        return False
    if f.teams and spec["team"] not in f.teams:
        return False
    if f.opened_from or f.opened_to:
        if spec["date_opened"] is None:
            return False
        opened = date.fromisoformat(spec["date_opened"])
        if f.opened_from and opened < f.opened_from:
            return False
        if f.opened_to and opened > f.opened_to:
            return False
    return True


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_tables_equal_independent_counts(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    specs = random_specs(rng, 150)
    insp = new_inspection(tmp_path / "random.caseaudit")
    try:
        actor = insp.assessor("Invented Inspector", "inspector")
        fields = ("case_type", "borough", "bcu", "team", "date_opened")
        cases = add_cases(insp, [{k: s[k] for k in fields} for s in specs])
        for case, spec in zip(cases, specs, strict=True):
            if spec["overall"] is not None:
                grade(insp, actor, case, spec["overall"])
            if spec["flag"]:
                refer(insp, actor, case)
        data = load_report_data(insp)
    finally:
        insp.close()

    filters = [
        ReportFilter(),
        ReportFilter(case_types=rng.sample(TYPES, 3)),
        ReportFilter(boroughs=[rng.choice(BOROUGHS)], teams=rng.sample(TEAMS, 2)),
        ReportFilter(opened_from=date(2018, 2, 1), opened_to="2018-03-15"),
    ]
    for f in filters:
        chosen = [s for s in specs if kept(s, f)]
        graded = [s for s in chosen if s["overall"] is not None]
        cells = Counter((s["case_type"], s["overall"]) for s in graded)
        report = build_report(data, f)

        table = report.cases_assessed
        assert report.cases == len(chosen)
        for code in TYPES:
            assert table.row(code).counts == tuple(cells[code, g] for g in SCALE)
        assert table.column_totals == tuple(sum(cells[t, g] for t in TYPES) for g in SCALE)
        assert table.grand_total == len(graded)
        assert table.not_yet_graded == len(chosen) - len(graded)

        for code in TYPES:
            of_type = [s for s in graded if s["case_type"] == code]
            row = report.referrals.row(code)
            assert (row.graded, row.referred) == (len(of_type), sum(s["flag"] for s in of_type))
        assert report.referrals.total_row.referred == sum(s["flag"] for s in graded)

        by_team = {a.area: a.table for a in report.by_team}
        for team in {s["team"] for s in chosen}:
            mine = Counter(s["overall"] for s in graded if s["team"] == team)
            assert by_team[team].column_totals == tuple(mine[g] for g in SCALE)
            ungraded = sum(1 for s in chosen if s["team"] == team and s["overall"] is None)
            assert by_team[team].not_yet_graded == ungraded
        assert set(by_team) == {s["team"] for s in chosen}
