"""The cases a report counts, each with its reported assessment, loaded in three queries.

Which assessment counts
    A case may be graded by several assessors. The report counts one assessment per case, its
    *reported assessment*: the most recently updated of its assessments that has an overall
    grade (when two were updated in the same millisecond, the one with the lower id). Its
    overall grade, its criterion grades and its referral flag are the case's figures. A case
    none of whose assessments has an overall grade is *not yet graded*: it is left out of the
    grade, referral and criteria tables and counted beneath them, whatever its criterion
    grades or referral flag say.

Referred back
    A graded case is referred back when its reported assessment carries a referral in any
    state (flagged, confirmed, sent, responded, closed) except those in
    ``NOT_REFERRED_STATES`` (a flag a supervisor overturned: "do not refer"). A supervisor's
    decision touches the assessment it decides, so it counts as that assessment's latest
    update.

Timeliness
    Timeliness is measured from the chronology of every case the filter keeps, graded or not.
    Only events that start or end one of the framework's measures are read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from auditor.framework import Framework
from auditor.grading.rules import NOT_REFERRED_STATE
from auditor.records import attributes_from_json
from auditor.reports.filters import ReportFilter, opened_on
from db import cases as case_rows_db
from db import reports as report_rows

if TYPE_CHECKING:
    from auditor.inspection import Inspection

# Referral states that mean the case is not (or no longer) referred back to the force.
NOT_REFERRED_STATES = frozenset({NOT_REFERRED_STATE})


@dataclass(frozen=True, slots=True)
class ReportCase:
    """One case as the report counts it: details and its reported assessment's figures."""

    id: str
    reference: str
    case_type: str
    borough: str
    bcu: str
    team: str
    date_opened: str | None
    overall_grade: str | None = None
    referral_state: str | None = None
    criterion_grades: Mapping[str, str] = field(default_factory=dict, compare=False)
    #: The case's attributes (read only where a criterion applies by one; else empty).
    attributes: Mapping[str, Any] = field(default_factory=dict, compare=False)

    @property
    def graded(self) -> bool:
        return self.overall_grade is not None

    @property
    def referred(self) -> bool:
        """Graded, and its reported assessment refers the case back to the force."""
        return (
            self.graded
            and self.referral_state is not None
            and self.referral_state not in NOT_REFERRED_STATES
        )

    @property
    def opened(self) -> date | None:
        return opened_on(self.date_opened)


@dataclass(frozen=True)
class ReportData:
    """Every case of an inspection with its reported figures and measured chronology events."""

    framework: Framework
    cases: tuple[ReportCase, ...]
    events: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)

    def filtered(self, report_filter: ReportFilter) -> ReportData:
        """The same data restricted to the cases the filter keeps."""
        if report_filter.is_empty:
            return self
        kept = tuple(c for c in self.cases if report_filter.accepts(c))
        return ReportData(self.framework, kept, self.events)

    def events_of(self, case_id: str) -> tuple[tuple[str, str], ...]:
        """(occurred_at, event_type) of the case's measured events."""
        return self.events.get(case_id, ())

    @property
    def graded(self) -> tuple[ReportCase, ...]:
        return tuple(c for c in self.cases if c.graded)

    @property
    def not_yet_graded(self) -> int:
        return sum(1 for c in self.cases if not c.graded)


def measured_event_types(framework: Framework) -> set[str]:
    """The event types that start or end a timeliness measure."""
    return {kind for m in framework.measures for kind in (m.from_event, m.to_event)}


def build_cases(
    case_rows: Iterable[tuple], grade_rows: Iterable[tuple[str, str, str]]
) -> tuple[ReportCase, ...]:
    """ReportCases from ``db.reports`` rows (cases, then criterion grades)."""
    grades: dict[str, dict[str, str]] = defaultdict(dict)
    for case_id, criterion_id, grade in grade_rows:
        grades[case_id][criterion_id] = grade
    cases = []
    for case_id, reference, kind, borough, bcu, team, opened, _, overall, state in case_rows:
        cases.append(
            ReportCase(
                id=case_id,
                reference=reference,
                case_type=kind,
                borough=borough or "",
                bcu=bcu or "",
                team=team or "",
                date_opened=opened,
                overall_grade=overall,
                referral_state=state if overall is not None else None,
                criterion_grades=grades.get(case_id, {}),
            )
        )
    return tuple(cases)


def with_attributes(
    cases: tuple[ReportCase, ...], rows: Iterable[dict[str, Any]]
) -> tuple[ReportCase, ...]:
    """The cases with their attributes, from their rows in ``cases`` (``applies_when``)."""
    found = {}
    for row in rows:
        attributes = attributes_from_json(row.get("attributes"))
        if attributes:
            found[row["id"]] = attributes
    return tuple(replace(c, attributes=found[c.id]) if c.id in found else c for c in cases)


def group_events(
    rows: Iterable[tuple[str, str, str]],
) -> dict[str, tuple[tuple[str, str], ...]]:
    """Case id -> its (occurred_at, event_type) pairs, from ``db.reports.chronology_events``."""
    grouped: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for case_id, occurred_at, event_type in rows:
        grouped[case_id].append((occurred_at, event_type))
    return {case_id: tuple(events) for case_id, events in grouped.items()}


def load_report_data(inspection: Inspection, *, with_events: bool = True) -> ReportData:
    """Every case with its reported assessment (and measured events), in three queries.

    Without ``with_events`` the chronology is not read (the timeliness table is then empty).
    """
    db = inspection.db
    framework = inspection.framework
    cases = build_cases(
        report_rows.reported_case_rows(db), report_rows.reported_criterion_grades(db)
    )
    if any(c.conditions for c in framework.criteria):
        cases = with_attributes(cases, case_rows_db.all_cases(db))
    events: dict[str, tuple[tuple[str, str], ...]] = {}
    if with_events:
        events = group_events(report_rows.chronology_events(db, measured_event_types(framework)))
    return ReportData(framework, cases, events)
