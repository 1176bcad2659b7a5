"""Writing a valid import plan into an inspection, all in one transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from auditor.errors import GradingError
from auditor.grading.desk import REFERRAL_FIELD
from auditor.importing.documents import DocumentRecord, attach_documents
from auditor.importing.layout import CASES
from auditor.importing.problems import ImportRefused, Problems, cell
from auditor.importing.validate import Plan
from auditor.inspection import Inspection
from auditor.people import INSPECTOR
from auditor.records import Assessor, Case
from db import cases as case_rows

# (what is happening, rows done); may raise Cancelled to stop and roll back
Progress = Callable[[str, int], None]
GRADINGS_PER_REPORT = 200


@dataclass
class ImportReport:
    """What an import changed, and what it changed in the file's values on the way in."""

    added: int = 0
    updated: int = 0
    events: int = 0
    documents: int = 0
    gradings: int = 0
    force_grades: int = 0
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
            lines.append(f"{self.force_grades} force grades recorded")
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
    result = ImportReport(notices=list(plan.notices))
    db = inspection.db
    people = _People(inspection, source_name)
    with db.atomic():
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
                new_rows.append({"reference": record.reference, **details})
                continue
            # A column the file does not have leaves that detail as it is (never blanks it).
            details = {k: v for k, v in details.items() if k in plan.case_columns}
            if any(getattr(case, k) != v for k, v in details.items()):
                inspection.update_case(user, case.id, details)
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
        report("Importing gradings", len(plan.gradings))
        refused = Problems()
        for done, grading in enumerate(plan.gradings, start=1):
            if done % GRADINGS_PER_REPORT == 0:
                report("Importing gradings", done)
            assessor = people.named(grading.assessor) if grading.assessor else user
            case_id = by_reference[grading.reference.casefold()].id
            try:
                changed = _apply_grading(inspection, case_id, assessor, grading)
            except GradingError as exc:  # e.g. a referral a supervisor has already decided
                column = "Referred back" if exc.where.field == REFERRAL_FIELD else "Assessor"
                refused.add(
                    cell(CASES, grading.row, column),
                    f"{grading.reference} graded by {assessor.name}: {exc}",
                )
                continue
            result.gradings += changed
        if refused:
            raise ImportRefused(refused)  # inside the transaction: everything is rolled back
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


def _apply_grading(inspection: Inspection, case_id: str, assessor: Assessor, grading) -> bool:
    """Set what the row grades (blank cells change nothing); True when anything changed."""
    g = inspection.grading
    before = g.assessment(case_id, assessor.id)
    for criterion_id, code in grading.grades.items():
        g.set_grade(case_id, assessor, criterion_id, code)
    for criterion_id, note in grading.notes.items():
        g.set_note(case_id, assessor, criterion_id, note)
    if grading.overall:
        g.set_overall(case_id, assessor, grading.overall, grading.override_reason or None)
    if grading.referral:
        g.set_referral(case_id, assessor, *grading.referral)
    after = g.assessment(case_id, assessor.id)
    return before is None or (after is not None and after.updated_at != before.updated_at)
