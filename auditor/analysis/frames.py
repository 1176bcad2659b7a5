"""An open inspection as seven tidy DataFrames: cases, reported assessments, criterion grades,
chronology events, timeliness measures, referrals and reviews.

Every table starts with an ``inspection`` column (the inspection's name), so the tables of
several files concatenate into one (``combine``). Codes are kept beside the framework's labels
(``case_type`` is the label, ``case_type_code`` the code; the same for grades, events, reasons).
Labels of case types and grades are ordered categoricals in the framework's order (the
report's), so ``pd.crosstab`` lays Figure 1 out as published. Times are real datetimes: the
workstation's own timestamps in UTC, the chronology's as written (naive local time), dates
opened as dates at midnight; a stored text that is not a date-time is NaT.

Which assessment counts, and when a case is referred back, are the report's rules
(``auditor.reports.data``): the frames and the published tables agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from auditor.analysis.columns import (
    grade_labels,
    grades_of,
    labelled,
    local_times,
    ordered,
    table,
    text,
    type_labels,
    utc_times,
)
from auditor.framework import Framework
from auditor.grading.rules import DECISION_LABELS, REFERRAL_STATE_LABELS, STATUS_LABELS
from auditor.reports.data import NOT_REFERRED_STATES, ReportData, load_report_data
from auditor.timeliness import LATE, WITHIN, measure_case
from db import analysis as rows

if TYPE_CHECKING:
    from auditor.inspection import Inspection

#: The DataFrames of an inspection, by attribute name, in the order they are documented.
TABLES = (
    "cases",
    "assessments",
    "criteria",
    "events",
    "timeliness",
    "referrals",
    "reviews",
)
#: Columns that hold an ordered categorical of framework labels (merged when combined).
_ORDERED = ("case_type", "overall_grade", "assessor_grade", "agreed_grade", "grade")


@dataclass(frozen=True)
class InspectionFrames:
    """One inspection's tables (or several inspections' tables together), with their sources.

    ``names`` and ``paths`` list the inspections in order; ``frameworks`` their frameworks.
    """

    names: tuple[str, ...]
    paths: tuple[Path, ...]
    frameworks: tuple[Framework, ...]
    cases: pd.DataFrame
    assessments: pd.DataFrame
    criteria: pd.DataFrame
    events: pd.DataFrame
    timeliness: pd.DataFrame
    referrals: pd.DataFrame
    reviews: pd.DataFrame

    @property
    def name(self) -> str:
        """The inspection's name (the names joined by ' + ' for several)."""
        return " + ".join(self.names)

    @property
    def framework(self) -> Framework:
        """The first inspection's framework."""
        return self.frameworks[0]

    @property
    def graded(self) -> pd.DataFrame:
        """The cases with a reported assessment (those the published tables count)."""
        return self.cases[self.cases["graded"]]

    def only(self, name: str) -> InspectionFrames:
        """The tables of one of the inspections, by name."""
        if name not in self.names:
            raise KeyError(name)
        index = self.names.index(name)
        picked = {t: _where(getattr(self, t), name) for t in TABLES}
        return replace(
            self,
            names=(name,),
            paths=(self.paths[index],),
            frameworks=(self.frameworks[index],),
            **picked,
        )


def _where(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    return frame[frame["inspection"] == name].reset_index(drop=True)


def frames_of(inspection: Inspection, name: str | None = None) -> InspectionFrames:
    """The seven tables of an open inspection (a few bulk queries); ``name`` overrides the
    inspection's own name in the ``inspection`` column."""
    name = inspection.name if name is None else name
    framework = inspection.framework
    data = load_report_data(inspection)
    db = inspection.db
    cases = _cases(name, framework, data)
    facts = cases[["case_id", "reference", "case_type", "case_type_code"]]
    return InspectionFrames(
        names=(name,),
        paths=(Path(inspection.path),),
        frameworks=(framework,),
        cases=cases,
        assessments=_assessments(name, framework, cases, rows.reported_assessments(db)),
        criteria=_criteria(name, framework, data, facts),
        events=_events(name, framework, facts, rows.chronology_rows(db)),
        timeliness=_timeliness(name, framework, data, facts),
        referrals=_referrals(name, framework, facts, rows.referral_rows(db)),
        reviews=_reviews(name, framework, facts, rows.review_rows(db)),
    )


# --- building each table --------------------------------------------------------------------


def _cases(name: str, framework: Framework, data: ReportData) -> pd.DataFrame:
    cases = data.cases
    type_names = {t.code: t.label for t in framework.case_types}
    return pd.DataFrame(
        {
            "inspection": name,
            "case_id": text(c.id for c in cases),
            "reference": text(c.reference for c in cases),
            "case_type": ordered(
                labelled((c.case_type for c in cases), type_names), type_labels(framework)
            ),
            "case_type_code": text(c.case_type for c in cases),
            "borough": text(c.borough for c in cases),
            "bcu": text(c.bcu for c in cases),
            "team": text(c.team for c in cases),
            "date_opened": local_times(c.date_opened for c in cases),
            "graded": pd.array([c.graded for c in cases], dtype=bool),
            "overall_grade": ordered(
                grades_of(framework, (c.overall_grade for c in cases)),
                grade_labels(framework),
            ),
            "overall_grade_code": text(c.overall_grade for c in cases),
            "referred": pd.array([c.referred for c in cases], dtype=bool),
            "referral_state": text(c.referral_state for c in cases),
        },
        index=pd.RangeIndex(len(cases)),
    )


ASSESSMENT_EXTRA = ("assessment_id", "assessor", "assessor_role", "override_reason", "status")


def _assessments(
    name: str, framework: Framework, cases: pd.DataFrame, found: list[tuple]
) -> pd.DataFrame:
    raw = table(found, rows.ASSESSMENT_COLUMNS)
    graded = cases[cases["graded"]][
        [
            "case_id",
            "reference",
            "case_type",
            "case_type_code",
            "overall_grade",
            "overall_grade_code",
            "referred",
            "referral_state",
        ]
    ]
    merged = graded.merge(raw, on="case_id", how="left")
    scale = grade_labels(framework)
    out = pd.DataFrame(
        {
            "inspection": name,
            **{c: merged[c] for c in ("case_id", "reference", "case_type", "case_type_code")},
            **{c: merged[c] for c in ASSESSMENT_EXTRA},
            "status_label": labelled(merged["status"], STATUS_LABELS),
            "overall_grade": merged["overall_grade"],
            "overall_grade_code": merged["overall_grade_code"],
            "assessor_grade": ordered(grades_of(framework, merged["assessor_grade"]), scale),
            "agreed_grade": ordered(grades_of(framework, merged["agreed_grade"]), scale),
            "referred": merged["referred"],
            "referral_state": merged["referral_state"],
            "started_at": utc_times(merged["started_at"]),
            "updated_at": utc_times(merged["updated_at"]),
            "completed_at": utc_times(merged["completed_at"]),
        }
    )
    return out.reset_index(drop=True)


def _criteria(
    name: str, framework: Framework, data: ReportData, facts: pd.DataFrame
) -> pd.DataFrame:
    """One row per graded case and criterion that applies to its case type (grade None where
    the reported assessment leaves it ungraded): table 3 is a crosstab of this."""
    records = []
    applying: dict[str, list] = {}
    conditional = any(c.conditions for c in framework.criteria)  # chosen by case attributes
    for case in data.cases:
        if not case.graded:
            continue
        found = None if conditional else applying.get(case.case_type)
        if conditional:
            found = framework.criteria_for(case.case_type, case.attributes)
        elif found is None:
            found = applying[case.case_type] = framework.criteria_for(case.case_type)
        for criterion in found:
            code = case.criterion_grades.get(criterion.id)
            records.append((case.id, criterion.id, criterion.title, code))
    frame = table(records, ("case_id", "criterion_id", "criterion", "grade_code"))
    frame = facts.merge(frame, on="case_id", how="inner")
    labels = grade_labels(framework, not_applicable=True)
    return pd.DataFrame(
        {
            "inspection": name,
            **{c: frame[c] for c in facts.columns},
            "criterion_id": frame["criterion_id"],
            "criterion": ordered(frame["criterion"], [c.title for c in framework.criteria]),
            "grade": ordered(grades_of(framework, frame["grade_code"]), labels),
            "grade_code": frame["grade_code"],
        }
    ).reset_index(drop=True)


def _events(
    name: str, framework: Framework, facts: pd.DataFrame, found: list[tuple]
) -> pd.DataFrame:
    frame = facts.merge(table(found, rows.EVENT_COLUMNS), on="case_id", how="inner")
    return pd.DataFrame(
        {
            "inspection": name,
            **{c: frame[c] for c in facts.columns},
            "event_id": frame["event_id"],
            "occurred_at": local_times(frame["occurred_at"]),
            "event_type": labelled(
                frame["event_type"], {e.code: e.label for e in framework.event_types}
            ),
            "event_type_code": frame["event_type"],
            "detail": frame["detail"],
        }
    ).reset_index(drop=True)


def _timeliness(
    name: str, framework: Framework, data: ReportData, facts: pd.DataFrame
) -> pd.DataFrame:
    """One row per case and measure that applies to its type (graded or not), as table 4."""
    records = []
    for case in data.cases:
        for result in measure_case(framework, case.case_type, data.events_of(case.id)):
            m = result.measure
            measured = result.state in (WITHIN, LATE)
            records.append(
                (
                    case.id,
                    m.id,
                    m.label,
                    m.target_hours,
                    result.state,
                    result.hours if measured else None,
                    (result.state == WITHIN) if measured else None,
                )
            )
    columns = ("case_id", "measure_id", "measure", "target_hours", "state", "hours", "within")
    frame = facts.merge(table(records, columns), on="case_id", how="inner")
    return pd.DataFrame(
        {
            "inspection": name,
            **{c: frame[c] for c in facts.columns},
            "measure_id": frame["measure_id"],
            "measure": frame["measure"],
            "target_hours": frame["target_hours"].astype(float),
            "state": frame["state"],
            "hours": pd.to_numeric(frame["hours"], errors="coerce").astype(float),
            "within_target": pd.array(list(frame["within"]), dtype="boolean"),
        }
    ).reset_index(drop=True)


def _referrals(
    name: str, framework: Framework, facts: pd.DataFrame, found: list[tuple]
) -> pd.DataFrame:
    frame = facts.merge(table(found, rows.REFERRAL_COLUMNS), on="case_id", how="inner")
    reported = frame["reported"].astype(bool)
    return pd.DataFrame(
        {
            "inspection": name,
            **{c: frame[c] for c in facts.columns},
            "referral_id": frame["referral_id"],
            "assessment_id": frame["assessment_id"],
            "reported": pd.array(list(reported), dtype=bool),
            "referred_back": pd.array(
                [
                    r and state not in NOT_REFERRED_STATES
                    for r, state in zip(reported, frame["state"], strict=True)
                ],
                dtype=bool,
            ),
            "reason": labelled(
                frame["reason"], {r.code: r.label for r in framework.referral_reasons}
            ),
            "reason_code": frame["reason"],
            "state": labelled(frame["state"], REFERRAL_STATE_LABELS),
            "state_code": frame["state"],
            "flagged_by": frame["flagged_by"],
            **{t: utc_times(frame[t]) for t in ("flagged_at", "sent_at", "response_at")},
            "closed_at": utc_times(frame["closed_at"]),
        }
    ).reset_index(drop=True)


def _reviews(
    name: str, framework: Framework, facts: pd.DataFrame, found: list[tuple]
) -> pd.DataFrame:
    frame = facts.merge(table(found, rows.REVIEW_COLUMNS), on="case_id", how="inner")
    return pd.DataFrame(
        {
            "inspection": name,
            **{c: frame[c] for c in facts.columns},
            "review_id": frame["review_id"],
            "assessment_id": frame["assessment_id"],
            "reviewer": frame["reviewer"],
            "kind": frame["kind"],
            "decision": labelled(frame["decision"], DECISION_LABELS),
            "decision_code": frame["decision"],
            "overall_grade": ordered(
                grades_of(framework, frame["overall_grade"]),
                grade_labels(framework),
            ),
            "created_at": utc_times(frame["created_at"]),
            "answered_at": utc_times(frame["answered_at"]),
        }
    ).reset_index(drop=True)


# --- several inspections ----------------------------------------------------------------------


def combine(parts: Sequence[InspectionFrames]) -> InspectionFrames:
    """Several inspections' tables as one, each row naming its inspection; the ordered
    labels are merged (the first framework's order, then labels only later ones have)."""
    if not parts:
        raise ValueError("no inspection to combine")
    if len(parts) == 1:
        return parts[0]
    tables = {t: _concat([getattr(p, t) for p in parts]) for t in TABLES}
    return InspectionFrames(
        names=tuple(n for p in parts for n in p.names),
        paths=tuple(x for p in parts for x in p.paths),
        frameworks=tuple(f for p in parts for f in p.frameworks),
        **tables,
    )


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    orders: dict[str, list[str]] = {}
    for frame in frames:
        for column in _ORDERED:
            if column in frame.columns and isinstance(frame[column].dtype, pd.CategoricalDtype):
                seen = orders.setdefault(column, [])
                seen.extend(c for c in frame[column].cat.categories if c not in seen)
    joined = pd.concat(frames, ignore_index=True)
    for column, order in orders.items():
        joined[column] = pd.Categorical(
            joined[column].astype(object), categories=order, ordered=True
        )
    return joined
