"""The report's tables 1 to 4 computed with pandas from one inspection's frames.

They come back as the report's own table types (``auditor.reports``), so the comparison
redacts them with the very rules of the redacted export (``auditor.reports.redaction``) and
the tests can hold them against the export's sheets. Rows follow the framework's order, every
case type and criterion shown even when nothing was graded; a case type the framework does not
know gets a row of its own after them, labelled with its code (as the report does).
"""

from __future__ import annotations

import pandas as pd

from auditor.analysis.frames import InspectionFrames
from auditor.reports.criteria import CriteriaTable, CriterionRow, below_best_label
from auditor.reports.grades import (
    CasesAssessedTable,
    GradeRow,
    ReferralRow,
    ReferralsTable,
)
from auditor.reports.timeliness import TimelinessRow, TimelinessTable
from auditor.timeliness import LATE, MISSING, NOT_ARISEN, WITHIN


def _one(frames: InspectionFrames) -> None:
    if len(frames.names) != 1:
        raise ValueError("the report's tables are of one inspection: use frames.only(name)")


def _type_keys(frames: InspectionFrames) -> list[tuple[str, str]]:
    """(code, label) of the framework's case types, then of any other code a case has."""
    framework = frames.framework
    keys = [(t.code, t.label) for t in framework.case_types]
    known = {code for code, _ in keys}
    for code in frames.cases["case_type_code"]:
        if code not in known:
            known.add(code)
            keys.append((code, code))
    return keys


def cases_assessed(frames: InspectionFrames) -> CasesAssessedTable:
    """Table 1 (Figure 1): graded cases by case type and overall grade."""
    _one(frames)
    framework = frames.framework
    graded = frames.graded
    codes = [g.code for g in framework.grades]
    keys = _type_keys(frames)
    counts = (
        pd.crosstab(graded["case_type_code"], graded["overall_grade_code"])
        .reindex(index=[k for k, _ in keys], columns=codes, fill_value=0)
        .fillna(0)
        .astype(int)
    )
    known = {t.code for t in framework.case_types}
    rows = tuple(
        GradeRow(code, label, tuple(int(n) for n in counts.loc[code]))
        for code, label in keys
        if code in known or counts.loc[code].sum()
    )
    not_yet = int((~frames.cases["graded"]).sum())
    return CasesAssessedTable(framework.grades, rows, not_yet)


def referrals(frames: InspectionFrames) -> ReferralsTable:
    """Table 2: graded cases and those referred back, by case type."""
    _one(frames)
    graded = frames.graded
    tally = graded.groupby("case_type_code", observed=True)["referred"].agg(["size", "sum"])
    known = {t.code for t in frames.framework.case_types}
    rows = []
    for code, label in _type_keys(frames):
        if code in tally.index:
            graded_here, referred = int(tally.at[code, "size"]), int(tally.at[code, "sum"])
            rows.append(ReferralRow(code, label, graded_here, referred))
        elif code in known:
            rows.append(ReferralRow(code, label, 0, 0))
    return ReferralsTable(tuple(rows), int((~frames.cases["graded"]).sum()))


def criteria(frames: InspectionFrames) -> CriteriaTable:
    """Table 3: per criterion, applicable graded cases by grade, Not applicable, not graded."""
    _one(frames)
    framework = frames.framework
    codes = [g.code for g in framework.grades]
    na = framework.not_applicable.code
    graded = frames.criteria.assign(grade_code=frames.criteria["grade_code"].fillna(""))
    counts = pd.crosstab(graded["criterion_id"], graded["grade_code"]).reindex(
        index=[c.id for c in framework.criteria], columns=[*codes, na, ""], fill_value=0
    )
    counts = counts.fillna(0).astype(int)
    rows = tuple(
        CriterionRow(
            c.id,
            c.title,
            tuple(int(counts.at[c.id, g]) for g in codes),
            int(counts.at[c.id, na]),
            int(counts.at[c.id, ""]),
        )
        for c in framework.criteria
    )
    return CriteriaTable(framework.grades, rows, below_best_label(framework))


def timeliness(frames: InspectionFrames) -> TimelinessTable:
    """Table 4: per measure, delays of the cases where both events happened, and counts."""
    _one(frames)
    measured = frames.timeliness
    out = []
    for m in frames.framework.measures:
        of = measured[measured["measure_id"] == m.id]
        states = of["state"].value_counts()
        hours = of.loc[of["state"].isin([WITHIN, LATE]), "hours"].dropna()
        out.append(
            TimelinessRow(
                measure_id=m.id,
                label=m.label,
                target_hours=m.target_hours,
                hours=tuple(sorted(float(h) for h in hours)),
                within=int(states.get(WITHIN, 0)),
                late=int(states.get(LATE, 0)),
                missing=int(states.get(MISSING, 0)),
                not_arisen=int(states.get(NOT_ARISEN, 0)),
            )
        )
    return TimelinessTable(tuple(out))


def figure_1(frames: InspectionFrames) -> pd.DataFrame:
    """Table 1 as a DataFrame: case types (framework order, Total last) × grades and Total."""
    table = cases_assessed(frames)
    shown = (*table.rows, table.total_row)
    return pd.DataFrame(
        [[*r.counts, r.total] for r in shown],
        index=pd.Index([r.label for r in shown], name="Case type"),
        columns=[*(g.label for g in table.grades), "Total"],
    )
