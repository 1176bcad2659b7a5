"""Running an import: read, validate everything, then write it all in one transaction."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from auditor.case_material import MEDIA_TYPES
from auditor.errors import GradingError
from auditor.framework import Framework, bundled_framework
from auditor.grading.desk import REFERRAL_FIELD
from auditor.importing.layout import CASES
from auditor.importing.problems import ImportFailed, ImportRefused, Problems, cell
from auditor.importing.sources import read_source
from auditor.importing.validate import Plan, validate
from auditor.inspection import Inspection
from auditor.people import INSPECTOR, session
from auditor.records import Assessor, Case
from db import cases as case_rows
from db import lock
from db.errors import SQLITE_ERRORS, StorageError

# (what is happening, rows done); may raise Cancelled to stop and roll back
Progress = Callable[[str, int], None]
GRADINGS_PER_REPORT = 200


@dataclass
class ImportReport:
    """What an import changed."""

    added: int = 0
    updated: int = 0
    events: int = 0
    documents: int = 0
    gradings: int = 0
    force_grades: int = 0

    def lines(self) -> list[str]:
        if not (
            self.added
            or self.updated
            or self.events
            or self.documents
            or self.gradings
            or self.force_grades
        ):
            return ["Nothing changed: the inspection already holds everything in this file."]
        lines = [
            f"{self.added} cases added, {self.updated} cases updated",
            f"{self.events} chronology events added, {self.documents} documents attached",
            f"{self.gradings} cases' gradings imported",
        ]
        if self.force_grades:
            lines.append(f"{self.force_grades} force grades recorded")
        return lines


@dataclass
class DocumentRecord:
    """A file in the documents folder, for the case its folder is named after."""

    reference: str
    path: Path


def import_file(
    db_path: Path,
    source: Path,
    user_name: str,
    documents: Path | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import ``source`` into the inspection at ``db_path`` (created when it does not exist).

    Raises ImportRefused listing every problem; then nothing is written, and no file is left
    where there was none. ``progress`` is called at each stage and every few thousand rows;
    when it raises Cancelled the import stops and everything is rolled back.
    """
    report: Progress = progress or (lambda _what, _done: None)
    problems = Problems()
    report("Reading", 0)
    sheets = read_source(source, problems, lambda rows: report("Reading", rows))
    if problems:
        raise ImportRefused(problems)
    report("Checking", sum(len(sheet.rows) for sheet in sheets))
    if db_path.exists():
        try:
            with Inspection.open(db_path) as inspection:
                return _import(
                    inspection, sheets, user_name, documents, problems, report, source.name
                )
        except SQLITE_ERRORS as exc:  # rolled back: a full disk, a read-only file
            raise ImportFailed(
                f"{db_path}: nothing imported; the file could not be written ({exc})"
            ) from None
    # A new inspection is written beside its final name and moved there only when complete.
    framework = bundled_framework()
    plan, docs = _plan(framework, sheets, {}, set(), documents, problems)
    if problems:
        raise ImportRefused(problems)
    partial = db_path.with_name(f".{db_path.name}.importing")
    try:  # the final name is held while the new file is made: a second writer is refused
        lock.acquire(db_path)
    except StorageError as exc:
        said = str(exc).removeprefix(f"{db_path}: ")
        raise ImportFailed(f"{db_path}: nothing imported; {said}") from None
    if db_path.exists():  # made by another writer while this one waited: import into it
        lock.release(db_path)
        return import_file(db_path, source, user_name, documents, report)
    try:
        _remove(partial)
        lead = session.key_for(db_path)  # --as: a new file signed, its lead the importer
        with Inspection.create(
            partial, name=source.stem, framework=framework, lead=lead
        ) as inspection:
            result = _write(inspection, plan, docs, {}, user_name, report, source.name)
        os.replace(partial, db_path)
    except (StorageError, OSError, *SQLITE_ERRORS) as exc:
        raise ImportFailed(
            f"{db_path}: nothing imported; the new file could not be written ({_reason(exc)})"
        ) from None
    finally:
        _remove(partial)
        lock.release(db_path)
    return result


def _reason(exc: BaseException) -> str:
    strerror = exc.strerror if isinstance(exc, OSError) else None
    return strerror or str(exc)


def _remove(partial: Path) -> None:
    """Remove a half-written inspection file and its SQLite side files."""
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)


def _import(
    inspection, sheets, user_name, documents, problems, report, source_name
) -> ImportReport:
    existing = {
        c["reference"].casefold(): Case.from_row(c) for c in case_rows.all_cases(inspection.db)
    }
    assessed = case_rows.assessed_case_ids(inspection.db)
    plan, docs = _plan(inspection.framework, sheets, existing, assessed, documents, problems)
    if problems:
        raise ImportRefused(problems)
    return _write(inspection, plan, docs, existing, user_name, report, source_name)


def _plan(
    framework: Framework,
    sheets,
    existing: dict[str, Case],
    assessed: set[str],
    documents: Path | None,
    problems: Problems,
) -> tuple[Plan, list[DocumentRecord]]:
    known = {case.reference for case in existing.values()}
    plan = validate(framework, sheets, known, problems)
    for record in plan.cases:
        case = existing.get(record.reference.casefold())
        if case and case.case_type != record.case_type and case.id in assessed:
            problems.add(
                f"Cases, row {record.row}, Case type",
                f"{record.reference} is already graded as "
                f"{framework.case_type_label(case.case_type)!r}; its case type cannot change",
            )
    docs = _documents(documents, known | {c.reference for c in plan.cases}, problems)
    return plan, docs


def _documents(
    folder: Path | None, references: set[str], problems: Problems
) -> list[DocumentRecord]:
    if folder is None:
        return []
    if not folder.is_dir():
        problems.add(str(folder), "is not a folder of case documents")
        return []
    folded = {r.casefold(): r for r in references}
    found = []
    for case_folder in sorted(p for p in folder.iterdir() if not p.name.startswith(".")):
        where = f"Documents, folder {case_folder.name!r}"
        if not case_folder.is_dir():
            problems.add(
                where, "is a file; put documents in a folder named after the case reference"
            )
            continue
        reference = folded.get(case_folder.name.casefold())
        if reference is None:
            problems.add(where, "no case has this reference")
            continue
        for item in sorted(case_folder.iterdir()):
            if item.name.startswith("."):
                continue
            if item.suffix.lower() not in MEDIA_TYPES or not item.is_file():
                problems.add(
                    f"{where}, file {item.name!r}",
                    f"is not a document the workstation opens ({', '.join(sorted(MEDIA_TYPES))})",
                )
                continue
            found.append(DocumentRecord(reference, item))
    return found


def _write(
    inspection: Inspection,
    plan: Plan,
    docs: list[DocumentRecord],
    existing: dict[str, Case],
    user_name: str,
    report: Progress,
    source_name: str = "",
) -> ImportReport:
    """Write a valid plan in one transaction; ``existing`` maps folded references to cases."""
    result = ImportReport()
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
        attached = case_rows.document_keys(db)
        for doc in docs:
            content = doc.path.read_bytes()
            case_id = by_reference[doc.reference.casefold()].id
            key = (case_id, doc.path.name, hashlib.sha256(content).hexdigest())
            if key not in attached:
                attached.add(key)
                inspection.add_document(user, case_id, doc.path.name, content)
                result.documents += 1
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
