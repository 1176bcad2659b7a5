"""Writing a valid import plan into an inspection, all in one transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from auditor.errors import GradingError
from auditor.importing.citations import write_citations
from auditor.importing.documents import DocumentRecord, attach_documents
from auditor.importing.gradings import write_gradings
from auditor.importing.validate import Plan
from auditor.inspection import Inspection
from auditor.people import INSPECTOR
from auditor.records import Assessor, Case
from db import cases as case_rows
from db.connection import bulk_cache

# (what is happening, rows done); may raise Cancelled to stop and roll back
Progress = Callable[[str, int], None]


class Assessors(Protocol):
    """The people an import names (``_People``), as the gradings step uses them."""

    def knows(self, name: str) -> bool: ...

    def named(self, name: str) -> Assessor: ...


@dataclass
class ImportReport:
    """What an import changed, and what it changed in the file's values on the way in."""

    added: int = 0
    updated: int = 0
    events: int = 0
    documents: int = 0
    gradings: int = 0
    force_grades: int = 0
    #: The external audit's grade in the framework's words ("Force grade"), for the summary.
    external_grade: str = "Force grade"
    citations: int = 0
    #: What the import altered while reading (e.g. characters a workbook cannot hold), by cell.
    notices: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        if not (
            self.added
            or self.updated
            or self.events
            or self.documents
            or self.gradings
            or self.force_grades
            or self.citations
        ):
            return [
                "Nothing changed: the inspection already holds everything in this file.",
                *self.notices,
            ]
        lines = [
            f"{self.added} cases added, {self.updated} cases updated",
            f"{self.events} chronology events added, {self.documents} documents attached",
            f"{self.gradings} cases' gradings imported",
        ]
        if self.force_grades:
            lines.append(f"{self.force_grades} {self.external_grade.lower()}s recorded")
        if self.citations:
            lines.append(f"{self.citations} citations of case documents added")
        return [*lines, *self.notices]


def write_plan(
    inspection: Inspection,
    plan: Plan,
    docs: list[DocumentRecord],
    existing: dict[str, Case],
    user_name: str,
    report: Progress,
    source_name: str = "",
) -> ImportReport:
    """Write a valid plan in one transaction; ``existing`` maps folded references to cases."""
    result = ImportReport(
        notices=list(plan.notices), external_grade=inspection.framework.words.external_grade
    )
    db = inspection.db
    people = _People(inspection, source_name)
    with bulk_cache(db), db.atomic():
        user = people.importer(user_name)
        by_reference = dict(existing)
        new_rows = []
        for record in plan.cases:
            case = by_reference.get(record.reference.casefold())
            details = {
                "case_type": record.case_type,
                "borough": record.borough,
                "bcu": record.bcu,
                "team": record.team,
                "date_opened": record.date_opened,
                "summary": record.summary,
            }
            if case is None:
                attributes = {k: v for k, v in record.attributes.items() if v is not None}
                new_rows.append(
                    {"reference": record.reference, **details, "attributes": attributes}
                )
                continue
            # A column the file does not have leaves that detail as it is (never blanks it);
            # an attribute column's blank cell clears the attribute (it is not recorded).
            details = {k: v for k, v in details.items() if k in plan.case_columns}
            attributes = {k: v for k, v in record.attributes.items() if case.attributes.get(k) != v}
            if any(getattr(case, k) != v for k, v in details.items()) or attributes:
                values = {**details, "attributes": attributes}
                changed = inspection.update_case(user, case.id, values)
                by_reference[record.reference.casefold()] = changed  # its gradings' attributes
                result.updated += 1
        report("Adding cases", len(new_rows))
        for case in inspection.add_cases(user, new_rows):
            by_reference[case.reference.casefold()] = case
        result.added = len(new_rows)
        # A blank Force grade cell leaves the grade recorded as it is (never clears it).
        force = {
            by_reference[r.reference.casefold()].id: r.force_grade
            for r in plan.cases
            if r.force_grade is not None
        }
        if force:
            report("Recording force grades", len(force))
            result.force_grades = inspection.moderation.set_force_grades(user, force)
        present = case_rows.chronology_keys(db)
        events = []
        for event in plan.events:
            case_id = by_reference[event.reference.casefold()].id
            key = (case_id, event.when, event.event_type, event.detail)
            if key not in present:
                present.add(key)
                events.append(key)
        report("Adding chronology", len(events))
        if events:
            inspection.add_chronology(user, events)
        result.events = len(events)
        result.documents = attach_documents(inspection, user, docs, by_reference)
        result.gradings = write_gradings(inspection, plan, by_reference, people, user, report)
        result.citations = write_citations(
            inspection, plan.citations, by_reference, people, user, report
        )
    return result


class _People:
    """Assessors by name (any role, ignoring case), read once; new names become inspectors.

    In a signed inspection the importer is the person signed in, whatever name was given; a
    name not on the roster is added only when a supervisor imports ("imported by <supervisor>
    from <file>", signed by them), else the import is refused.
    """

    def __init__(self, inspection: Inspection, source: str = "") -> None:
        self.inspection = inspection
        self.source = source
        self.by_name = {a.name.casefold(): a for a in inspection.assessors()}

    def importer(self, name: str) -> Assessor:
        me = self.inspection.me
        return me if self.inspection.signed and me is not None else self.named(name)

    def knows(self, name: str) -> bool:
        """Whether ``name`` is someone already here (``named`` then adds nobody)."""
        return " ".join(name.split()).casefold() in self.by_name

    def named(self, name: str) -> Assessor:
        key = " ".join(name.split()).casefold()
        if key not in self.by_name:
            if self.inspection.signed:
                me = self.inspection.me
                if me is None:
                    raise GradingError("a signed inspection: say who imports (--as KEYFILE)")
                self.by_name[key] = self.inspection.roster.add_named(
                    me, name, INSPECTOR, f"imported by {me.name} from {self.source}"
                )
            else:
                self.by_name[key] = self.inspection.assessor(name, INSPECTOR)
        return self.by_name[key]
