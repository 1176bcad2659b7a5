"""Validating the Cases, Chronology and Citations sheets into a plan; every problem is
collected (cells are read by :mod:`auditor.importing.reading`, the Citations sheet's by
:mod:`auditor.importing.citations`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from auditor import text_rules
from auditor.framework import Framework
from auditor.importing import cells
from auditor.importing.case_values import REFUSED, attribute_cell
from auditor.importing.citations import CitationRecord, read_citations
from auditor.importing.grading_cells import GradingRecord, read_grading
from auditor.importing.layout import (
    ATTRIBUTE,
    CASE_COLUMNS,
    CASE_REQUIRED,
    CASES,
    CHRONOLOGY,
    CHRONOLOGY_COLUMNS,
    CHRONOLOGY_REQUIRED,
    CITATIONS,
    EXPORT_ONLY_SHEETS,
    case_aliases,
    case_columns,
    joined,
    match_headings,
    value,
)
from auditor.importing.problems import Problems, cell
from auditor.importing.reading import Reader, References, Where, framework_names, lookup
from auditor.importing.sources import Sheet
from auditor.records import AttributeValue


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
    #: Attribute id -> value, for the attribute columns the sheet has (None: blank, not
    #: recorded).
    attributes: dict[str, AttributeValue | None] = field(default_factory=dict)


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
    citations: list[CitationRecord] = field(default_factory=list)
    #: The Cases columns the file has (keys of CASE_COLUMNS): a missing column changes nothing.
    case_columns: set[str] = field(default_factory=set)
    #: What reading altered (e.g. characters a workbook cannot hold), for the import summary.
    notices: list[str] = field(default_factory=list)


_SHEETS = {CASES.casefold(), CHRONOLOGY.casefold(), CITATIONS.casefold()}


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
        if name.casefold() not in _SHEETS and name not in EXPORT_ONLY_SHEETS:
            problems.add(
                f"Sheet {text_rules.quoted(name)}",
                f"unknown sheet; the sheets are {CASES} and {CHRONOLOGY}, and {CITATIONS}",
            )
    cases_sheet = by_name.get(CASES.casefold())
    if cases_sheet is None:
        problems.add(CASES, "the workbook has no sheet named Cases")
        return plan
    reader = Reader(problems)
    references = References(known_references)
    _validate_cases(framework, cases_sheet, references, reader, plan)
    for case in plan.cases:
        references.add(case.reference)
    chronology = by_name.get(CHRONOLOGY.casefold())
    if chronology is not None:
        _validate_chronology(framework, chronology, references, reader, plan)
    citations = by_name.get(CITATIONS.casefold())
    if citations is not None:
        plan.citations = read_citations(framework, citations, references, reader)
    plan.notices.extend(reader.notices())
    return plan


def _validate_cases(
    framework: Framework, sheet: Sheet, references: References, reader: Reader, plan: Plan
) -> None:
    problems = reader.problems
    columns = case_columns(framework)
    positions = match_headings(sheet, columns, CASE_REQUIRED, problems, case_aliases(framework))
    if positions is None:
        return
    plan.case_columns = set(positions)
    attributes = [a for a in framework.attributes if ATTRIBUTE + a.id in positions]
    name = text_rules.shown(sheet.name)
    if not sheet.rows:
        problems.add(name, "the sheet has headings but no cases")
        return
    types, _events, reasons = framework_names(framework)
    type_list = ", ".join(t.label for t in framework.case_types)
    first_row: dict[str, int] = {}
    for number, row in sheet.rows:
        values = joined(row, positions)

        def at(key: str, values: list[Any] = values) -> Any:
            return value(values, positions, key)

        def where(key: str, number: int = number) -> Where:
            return (name, number, columns[key])

        def bad(key: str, message: str) -> None:
            problems.add(cell(*where(key)), message)

        def named(key: str, what: str = "names") -> str:
            return reader.identifier(at(key), where(key), what) or ""

        reference = reader.identifier(at("reference"), where("reference"), "references")
        if reference is None:
            pass  # refused, the character named
        elif not reference:
            bad("reference", "is blank; every case needs a reference")
        elif text_rules.identity(reference) in first_row:
            first = first_row[text_rules.identity(reference)]
            bad("reference", f"{reference!r} appears again (first on row {first})")
            reference = None
        else:
            first_row[text_rules.identity(reference)] = number
            known, why = references.find(reference)
            if why is not None:
                bad("reference", why)
                reference = None
            elif known is not None:
                reference = known  # the inspection's own spelling: the same case
        case_type = None
        if reader.identifier(at("case_type"), where("case_type"), "case types") is not None:
            case_type = lookup(types, at("case_type"))
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
        raw_force = reader.identifier(at("force_grade"), where("force_grade"), "grades")
        if raw_force:
            parsed = framework.parse_grade(raw_force, allow_not_applicable=False)
            if parsed is None or parsed not in framework.grades:
                scale = ", ".join(g.label for g in framework.grades)
                audit = (
                    "the force's audit"
                    if framework.words.external_grade == CASE_COLUMNS["force_grade"]
                    else repr(framework.words.external_grade)
                )
                bad(
                    "force_grade",
                    f"{cells.quoted(raw_force)} is not a grade {audit} can give "
                    f"(one of: {scale}; leave it blank when there is none)",
                )
            else:
                force_grade = parsed.code
        borough, team = named("borough"), named("team")
        bcu = named("bcu") if "bcu" in columns else ""
        values_of = {
            a.id: attribute_cell(a.type, at(ATTRIBUTE + a.id), where(ATTRIBUTE + a.id), reader)
            for a in attributes
        }
        summary = reader.free(at("summary"), where("summary"))
        if reference and case_type:
            plan.cases.append(
                CaseRecord(
                    number,
                    reference,
                    case_type,
                    borough,
                    bcu,
                    team,
                    opened,
                    summary,
                    force_grade,
                    {k: v for k, v in values_of.items() if v is not REFUSED},
                )
            )
        grading = read_grading(
            framework,
            columns,
            positions,
            values,
            number,
            name,
            reference or "",
            case_type,
            reasons,
            reader,
            {k: v for k, v in values_of.items() if v is not REFUSED},
        )
        if grading is not None and not grading.is_empty():
            plan.gradings.append(grading)


def _validate_chronology(
    framework: Framework, sheet: Sheet, references: References, reader: Reader, plan: Plan
) -> None:
    problems = reader.problems
    positions = match_headings(sheet, CHRONOLOGY_COLUMNS, CHRONOLOGY_REQUIRED, problems)
    if positions is None:
        return
    _types, events, _reasons = framework_names(framework)
    event_list = ", ".join(e.label for e in framework.event_types)
    name = text_rules.shown(sheet.name)
    heading = CHRONOLOGY_COLUMNS
    found: dict[str, tuple[str | None, str | None]] = {}  # a reference's match, found once
    event_codes: dict[Any, str | None] = {}  # an event cell's code, looked up once
    # Each column's index in a row padded to ``width``; a column the sheet lacks reads the
    # padding's last cell, always blank (the same as ``value``, without a call per cell).
    width = max(positions.values()) + 2
    at_reference, at_when, at_event, at_detail = (
        positions.get(key, width - 1) for key in ("reference", "when", "event", "detail")
    )
    for number, row in sheet.rows:
        values = joined(row, positions)
        if len(values) < width:
            values = [*values, *([None] * (width - len(values)))]
        raw_reference = reader.identifier(
            values[at_reference], (name, number, heading["reference"]), "references"
        )
        reference = why = None
        if raw_reference is None:
            pass  # refused, the character named
        elif not raw_reference:
            why = "is blank; say which case the event belongs to"
        else:
            if raw_reference not in found:
                found[raw_reference] = references.find(raw_reference)
            reference, why = found[raw_reference]
            if why is None and reference is None:
                why = f"{raw_reference!r} is not a case in the Cases sheet or the inspection"
        if why is not None:
            problems.add(cell(name, number, heading["reference"]), why)
        try:
            when = cells.a_datetime(values[at_when])
        except cells.CellError as exc:
            problems.add(cell(name, number, heading["when"]), str(exc))
            when = None
        raw_event = values[at_event]
        event = event_codes.get(raw_event) if type(raw_event) is str else None
        if event is None and (
            reader.identifier(raw_event, (name, number, heading["event"]), "event types")
            is not None
        ):
            event = lookup(events, raw_event)
            if event is None:
                problems.add(
                    cell(name, number, heading["event"]),
                    f"{cells.quoted(raw_event)} is not an event type of this framework "
                    f"(one of: {event_list})",
                )
            elif type(raw_event) is str:
                event_codes[raw_event] = event
        detail = reader.free(values[at_detail], (name, number, heading["detail"]))
        if reference and when and event:
            plan.events.append(EventRecord(number, reference, when, event, detail))
