"""Validating the Cases and Chronology sheets into a plan; every problem is collected."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from auditor.framework import Framework
from auditor.importing import cells
from auditor.importing.layout import (
    CASE_REQUIRED,
    CASES,
    CHRONOLOGY,
    CHRONOLOGY_COLUMNS,
    CHRONOLOGY_REQUIRED,
    EXPORT_ONLY_SHEETS,
    case_columns,
    match_headings,
    value,
)
from auditor.importing.problems import Problems, cell
from auditor.importing.sources import Sheet


@dataclass
class CaseRecord:
    """A Cases row's case details."""

    row: int
    reference: str
    case_type: str
    borough: str
    bcu: str
    team: str
    date_opened: str | None
    summary: str
    force_grade: str | None = None  # the force's own audit grade (blank: none given)


@dataclass
class GradingRecord:
    """A Cases row's grading columns, for one assessor (None: the person importing)."""

    row: int
    reference: str
    assessor: str | None
    grades: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    overall: str | None = None
    override_reason: str = ""
    referral: tuple[str, str] | None = None

    def is_empty(self) -> bool:
        return not (self.grades or self.notes or self.overall or self.referral)


@dataclass
class EventRecord:
    """A Chronology row."""

    row: int
    reference: str
    when: str
    event_type: str
    detail: str


@dataclass
class Plan:
    """What a valid file holds, ready to be written."""

    cases: list[CaseRecord] = field(default_factory=list)
    gradings: list[GradingRecord] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    #: The Cases columns the file has (keys of CASE_COLUMNS): a missing column changes nothing.
    case_columns: set[str] = field(default_factory=set)
    #: What reading altered (e.g. characters a workbook cannot hold), for the import summary.
    notices: list[str] = field(default_factory=list)


def _lookup(options: dict[str, str], raw: Any) -> str | None:
    return options.get(" ".join(cells.text(raw).split()).casefold())


def _names(framework: Framework) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Case types, event types and referral reasons by code or label, ignoring case."""
    types = {t.code.casefold(): t.code for t in framework.case_types}
    types.update({t.label.casefold(): t.code for t in framework.case_types})
    events = {e.code.casefold(): e.code for e in framework.event_types}
    events.update({e.label.casefold(): e.code for e in framework.event_types})
    reasons = {r.code.casefold(): r.code for r in framework.referral_reasons}
    reasons.update({r.label.casefold(): r.code for r in framework.referral_reasons})
    return types, events, reasons


def validate(
    framework: Framework,
    sheets: list[Sheet],
    known_references: set[str],
    problems: Problems,
) -> Plan:
    """Check every sheet; the plan is only to be used when ``problems`` stays empty."""
    plan = Plan()
    by_name = {s.name.strip().casefold(): s for s in sheets}
    for sheet in sheets:
        name = sheet.name.strip()
        if name.casefold() not in (CASES.casefold(), CHRONOLOGY.casefold()) and name not in (
            EXPORT_ONLY_SHEETS
        ):
            problems.add(
                f"Sheet {name!r}", f"unknown sheet; the sheets are {CASES} and {CHRONOLOGY}"
            )
    cases_sheet = by_name.get(CASES.casefold())
    if cases_sheet is None:
        problems.add(CASES, "the workbook has no sheet named Cases")
        return plan
    _validate_cases(framework, cases_sheet, problems, plan)
    chronology = by_name.get(CHRONOLOGY.casefold())
    if chronology is not None:
        references = known_references | {c.reference for c in plan.cases}
        _validate_chronology(framework, chronology, references, problems, plan)
    return plan


def _validate_cases(framework: Framework, sheet: Sheet, problems: Problems, plan: Plan) -> None:
    columns = case_columns(framework)
    positions = match_headings(sheet, columns, CASE_REQUIRED, problems)
    if positions is None:
        return
    plan.case_columns = set(positions)
    if not sheet.rows:
        problems.add(sheet.name, "the sheet has headings but no cases")
        return
    types, _events, reasons = _names(framework)
    type_list = ", ".join(t.label for t in framework.case_types)
    first_row: dict[str, int] = {}
    for number, values in sheet.rows:

        def at(key: str, values: list[Any] = values) -> Any:
            return value(values, positions, key)

        def bad(key: str, message: str, number: int = number) -> None:
            problems.add(cell(sheet.name, number, columns[key]), message)

        reference = cells.text(at("reference"))
        if not reference:
            bad("reference", "is blank; every case needs a reference")
        elif reference.casefold() in first_row:
            bad(
                "reference",
                f"{reference!r} appears again (first on row {first_row[reference.casefold()]})",
            )
        else:
            first_row[reference.casefold()] = number
        case_type = _lookup(types, at("case_type"))
        if case_type is None:
            shown = cells.quoted(at("case_type"))
            bad(
                "case_type",
                (
                    "is blank"
                    if not cells.text(at("case_type"))
                    else f"{shown} is not a case type of this framework"
                )
                + f" (one of: {type_list})",
            )
        try:
            opened = cells.a_date(at("date_opened"))
        except cells.CellError as exc:
            bad("date_opened", str(exc))
            opened = None
        force_grade = None
        raw_force = at("force_grade")
        if cells.text(raw_force):
            parsed = framework.parse_grade(cells.text(raw_force), allow_not_applicable=False)
            if parsed is None:
                scale = ", ".join(g.label for g in framework.grades)
                bad(
                    "force_grade",
                    f"{cells.quoted(raw_force)} is not a grade the force's audit can give "
                    f"(one of: {scale}; leave it blank when there is none)",
                )
            else:
                force_grade = parsed.code
        if reference and case_type:
            plan.cases.append(
                CaseRecord(
                    number,
                    reference,
                    case_type,
                    cells.text(at("borough")),
                    cells.text(at("bcu")),
                    cells.text(at("team")),
                    opened,
                    cells.text(at("summary")),
                    force_grade,
                )
            )
        grading = _grading(
            framework,
            columns,
            positions,
            values,
            number,
            sheet.name,
            reference,
            case_type,
            reasons,
            problems,
        )
        if grading is not None and not grading.is_empty():
            plan.gradings.append(grading)


def _grading(
    framework: Framework,
    columns: dict[str, str],
    positions: dict[str, int],
    values: list[Any],
    number: int,
    sheet: str,
    reference: str,
    case_type: str | None,
    reasons: dict[str, str],
    problems: Problems,
) -> GradingRecord | None:
    record = GradingRecord(
        number, reference, cells.text(value(values, positions, "assessor")) or None
    )
    scale = ", ".join(g.label for g in framework.grades)
    type_label = framework.case_type_label(case_type or "")
    not_applying = f"this criterion does not apply to {type_label!r} cases; leave it blank"
    for criterion in framework.criteria:
        raw = value(values, positions, f"grade:{criterion.id}")
        note = cells.text(value(values, positions, f"note:{criterion.id}"))
        where = cell(sheet, number, criterion.id)
        if cells.text(raw):
            grade = framework.parse_grade(cells.text(raw))
            if grade is None:
                problems.add(
                    where,
                    f"{cells.quoted(raw)} is not a grade "
                    f"(one of: {scale}, {framework.not_applicable.label})",
                )
            elif case_type and not criterion.applies(case_type):
                problems.add(
                    where,
                    not_applying,
                )
            else:
                record.grades[criterion.id] = grade.code
        if note:
            if case_type and not criterion.applies(case_type):
                problems.add(
                    cell(sheet, number, f"{criterion.id} note"),
                    not_applying,
                )
            else:
                record.notes[criterion.id] = note
    raw_overall = value(values, positions, "overall")
    if cells.text(raw_overall):
        grade = framework.parse_grade(cells.text(raw_overall), allow_not_applicable=False)
        if grade is None:
            problems.add(
                cell(sheet, number, columns["overall"]),
                f"{cells.quoted(raw_overall)} is not an overall grade (one of: {scale})",
            )
        else:
            record.overall = grade.code
    record.override_reason = cells.text(value(values, positions, "override_reason"))
    try:
        referred = cells.yes_no(value(values, positions, "referred"))
    except cells.CellError as exc:
        problems.add(cell(sheet, number, columns["referred"]), str(exc))
        referred = False
    raw_reason = value(values, positions, "referral_reason")
    reason = _lookup(reasons, raw_reason)
    reason_list = ", ".join(r.label for r in framework.referral_reasons)
    if referred:
        if not cells.text(raw_reason):
            problems.add(
                cell(sheet, number, columns["referral_reason"]),
                f"is blank but the case is referred back; give a reason (one of: {reason_list})",
            )
        elif reason is None:
            problems.add(
                cell(sheet, number, columns["referral_reason"]),
                f"{cells.quoted(raw_reason)} is not a referral reason (one of: {reason_list})",
            )
        else:
            record.referral = (reason, cells.text(value(values, positions, "referral_note")))
    elif cells.text(raw_reason):
        problems.add(
            cell(sheet, number, columns["referral_reason"]),
            "has a reason but Referred back is not Yes; "
            "set Referred back to Yes or clear the reason",
        )
    return record


def _validate_chronology(
    framework: Framework, sheet: Sheet, references: set[str], problems: Problems, plan: Plan
) -> None:
    positions = match_headings(sheet, CHRONOLOGY_COLUMNS, CHRONOLOGY_REQUIRED, problems)
    if positions is None:
        return
    _types, events, _reasons = _names(framework)
    folded = {r.casefold(): r for r in references}
    event_list = ", ".join(e.label for e in framework.event_types)
    for number, values in sheet.rows:

        def bad(key: str, message: str, number: int = number) -> None:
            problems.add(cell(sheet.name, number, CHRONOLOGY_COLUMNS[key]), message)

        raw_reference = cells.text(value(values, positions, "reference"))
        reference = folded.get(raw_reference.casefold())
        if not raw_reference:
            bad("reference", "is blank; say which case the event belongs to")
        elif reference is None:
            bad(
                "reference", f"{raw_reference!r} is not a case in the Cases sheet or the inspection"
            )
        try:
            when = cells.a_datetime(value(values, positions, "when"))
        except cells.CellError as exc:
            bad("when", str(exc))
            when = None
        raw_event = value(values, positions, "event")
        event = _lookup(events, raw_event)
        if event is None:
            bad(
                "event",
                f"{cells.quoted(raw_event)} is not an event type of this framework "
                f"(one of: {event_list})",
            )
        if reference and when and event:
            plan.events.append(
                EventRecord(
                    number, reference, when, event, cells.text(value(values, positions, "detail"))
                )
            )
