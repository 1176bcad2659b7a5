"""Running an import: read, validate everything, then write it all in one transaction."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.framework import Framework, bundled_framework
from auditor.importing.citations import check_citations
from auditor.importing.documents import DocumentRecord, find_documents
from auditor.importing.limits import DEFAULT_LIMITS, Limits
from auditor.importing.problems import ImportFailed, ImportRefused, Problems
from auditor.importing.sources import read_source
from auditor.importing.validate import Plan, validate
from auditor.importing.writing import ImportReport, Progress, write_plan
from auditor.inspection import Inspection
from auditor.people import session
from auditor.records import Case
from db import cases as case_rows
from db import lock
from db.errors import SQLITE_ERRORS, StorageError

if TYPE_CHECKING:
    from db.database import Database

__all__ = ["ImportReport", "Limits", "import_file"]


def import_file(
    db_path: Path,
    source: Path,
    user_name: str,
    documents: Path | None = None,
    progress: Progress | None = None,
    limits: Limits = DEFAULT_LIMITS,
    name: str | None = None,
    framework: Framework | None = None,
) -> ImportReport:
    """Import ``source`` into the inspection at ``db_path`` (created when it does not exist).

    Raises ImportRefused listing every problem; then nothing is written, and no file is left
    where there was none. ``progress`` is called at each stage and every few thousand rows;
    when it raises Cancelled the import stops and everything is rolled back. A new
    inspection is called ``name`` (default: the source file's stem) and uses ``framework``
    (default: the bundled one); into an existing one, a ``framework`` not its own is refused.
    """
    report: Progress = progress or (lambda _what, _done: None)
    problems = Problems()
    report("Reading", 0)
    sheets = read_source(source, problems, lambda rows: report("Reading", rows), limits)
    if problems:
        raise ImportRefused(problems)
    report("Checking", sum(len(sheet.rows) for sheet in sheets))
    if db_path.exists():
        return _into_existing(
            db_path, sheets, user_name, documents, problems, report, source, limits, framework
        )
    # A new inspection is written beside its final name and moved there only when complete.
    framework = framework or bundled_framework()
    plan, docs = _plan(framework, sheets, {}, set(), documents, limits, problems, None)
    if problems:
        raise ImportRefused(problems)
    partial = db_path.with_name(f".{db_path.name}.importing")
    try:  # the final name is held while the new file is made: a second writer is refused
        lock.acquire(db_path)
    except StorageError as exc:
        raise ImportFailed(f"{db_path}: {NOTHING}; {_said(exc, db_path)}") from None
    if db_path.exists():  # made by another writer while this one waited: import into it
        lock.release(db_path)
        return import_file(db_path, source, user_name, documents, report, limits, name, framework)
    try:
        _remove(partial)
        lead = session.key_for(db_path)  # --as: a new file signed, its lead the importer
        with Inspection.create(
            partial, name=name or source.stem, framework=framework, lead=lead
        ) as inspection:
            result = write_plan(inspection, plan, docs, {}, user_name, report, source.name)
        os.replace(partial, db_path)
    except (StorageError, OSError, *SQLITE_ERRORS) as exc:
        reason = _reason(exc).removeprefix(f"{partial}: ")  # a name that is gone now
        raise ImportFailed(
            f"{db_path}: {NOTHING}; the new file could not be written ({reason})"
        ) from None
    finally:
        _remove(partial)
        lock.release(db_path)
    return result


def _into_existing(
    db_path: Path,
    sheets,
    user_name: str,
    documents: Path | None,
    problems: Problems,
    report: Progress,
    source: Path,
    limits: Limits,
    framework: Framework | None = None,
) -> ImportReport:
    """Import into an existing inspection: all of it in one transaction, or nothing.

    Whatever stops the write (a full disk, a read-only file or folder, a damaged file, another
    writer) is one ImportFailed line; the file is as it was, and the side files SQLite made
    for this open are removed when they hold nothing (an empty write-ahead log).
    """
    side = _side_files(db_path)
    there = {p for p in side if os.path.lexists(p)}
    try:  # held across the open and the clean-up (shared with an open inspection here)
        lock.acquire(db_path)
    except StorageError as exc:
        raise ImportFailed(f"{db_path}: {NOTHING}; {_said(exc, db_path)}") from None
    try:
        with Inspection.open(db_path) as inspection:
            _same_framework(db_path, inspection.framework, framework)
            return _import(
                inspection, sheets, user_name, documents, problems, report, source.name, limits
            )
    except SQLITE_ERRORS as exc:  # rolled back: a full disk, a read-only file
        _remove_empty_side_files(side, there)
        raise ImportFailed(f"{db_path}: {NOTHING}; the file could not be written ({exc})") from None
    except StorageError as exc:  # could not be opened to write (the same, or worse)
        _remove_empty_side_files(side, there)
        raise ImportFailed(f"{db_path}: {NOTHING}; {_said(exc, db_path)}") from None
    except OSError as exc:
        _remove_empty_side_files(side, there)
        raise ImportFailed(f"{db_path}: {NOTHING}; {_reason(exc)}") from None
    finally:
        lock.release(db_path)


NOTHING = "nothing imported"


def _same_framework(db_path: Path, own: Framework, given: Framework | None) -> None:
    """Refuse a framework given for an existing inspection that is not the one it uses."""
    if given is None or given.sha256 == own.sha256 or given == own:
        return
    raise ImportFailed(
        f"{db_path}: {NOTHING}; the file already exists and uses the framework {own.name!r} "
        f"({own.id}, version {own.version}), not {given.name!r} ({given.id}, version "
        f"{given.version}); import into a new file to use that framework"
    )


#: SQLite's words for a file it could not write, as a StorageError from opening gives them.
_WRITE_FAILURES = (
    "disk I/O error",
    "database or disk is full",
    "attempt to write a readonly database",
    "unable to open database file",
)


def _said(exc: BaseException, db_path: Path) -> str:
    """A storage refusal's words without the file's name (the message starts with it)."""
    said = str(exc).removeprefix(f"{db_path}: ").removesuffix("; nothing was changed")
    if said.startswith(_WRITE_FAILURES):
        return f"the file could not be written ({said})"
    return said or type(exc).__name__


def _side_files(db_path: Path) -> tuple[Path, Path]:
    return Path(f"{db_path}-wal"), Path(f"{db_path}-shm")


def _remove_empty_side_files(side: tuple[Path, Path], there: set[Path]) -> None:
    """After a failed write (its connection closed, the lock still held): remove the -wal and
    -shm this import made if the log holds nothing (an open that failed for want of space);
    a log holding pages is left for SQLite to recover on the next open."""
    wal, shm = side
    if wal in there or shm in there:
        return  # another connection's, or a crash's: SQLite's to deal with
    try:
        if os.path.lexists(wal) and os.lstat(wal).st_size:
            return
        wal.unlink(missing_ok=True)
        shm.unlink(missing_ok=True)
    except OSError:
        pass


def _reason(exc: BaseException) -> str:
    strerror = exc.strerror if isinstance(exc, OSError) else None
    return strerror or str(exc)


def _remove(partial: Path) -> None:
    """Remove a half-written inspection file and its SQLite side files."""
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)


def _import(
    inspection, sheets, user_name, documents, problems, report, source_name, limits
) -> ImportReport:
    existing = {
        c["reference"].casefold(): Case.from_row(c) for c in case_rows.all_cases(inspection.db)
    }
    assessed = case_rows.assessed_case_ids(inspection.db)
    plan, docs = _plan(
        inspection.framework, sheets, existing, assessed, documents, limits, problems, inspection.db
    )
    if problems:
        raise ImportRefused(problems)
    return write_plan(inspection, plan, docs, existing, user_name, report, source_name)


def _plan(
    framework: Framework,
    sheets,
    existing: dict[str, Case],
    assessed: set[str],
    documents: Path | None,
    limits: Limits,
    problems: Problems,
    db: Database | None,
) -> tuple[Plan, list[DocumentRecord]]:
    """Validate the sheets against the inspection (``existing`` cases, ``db``: None for a new
    one) and list the documents folder; the plan is only to be used when ``problems`` stays
    empty."""
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
    docs = find_documents(documents, known | {c.reference for c in plan.cases}, limits, problems)
    types = {record.reference.casefold(): record.case_type for record in plan.cases}
    check_citations(framework, plan.citations, types, existing, docs, db, problems)
    return plan, docs
