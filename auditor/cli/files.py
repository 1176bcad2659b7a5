"""Commands on a whole file: ``demo`` writes the demo inspection to a new file, ``check`` checks
one (integrity, schema version, the signed ledger, counts; exit 0 only when healthy)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.audit.verify import LedgerReport, verify_ledger
from auditor.cli.common import (
    EXIT_OK,
    EXIT_UNHEALTHY,
    UsageError,
    existing_file,
    new_or_writable_file,
    remove_sqlite_files,
)
from auditor.framework import FrameworkError, parse_framework
from db import lock
from db.connection import integrity_check, open_database, read_version
from db.database import Database
from db.errors import (
    DATABASE_ERRORS,
    SQLITE_ERRORS,
    CorruptFileError,
    NotAnInspectionFile,
    StorageError,
)
from db.meta import get_framework_row, table_counts
from db.schema import SCHEMA_VERSION

#: ``demo --framework``: which bundled framework's demo is written.
DEMOS = ("child-protection", "probation")


def cmd_demo(path: Path, signed: bool = False, framework: str = DEMOS[0]) -> int:
    from auditor.samples.demo import (
        DEMO_KEY_PASSPHRASE,
        DEMO_KEYS,
        demo_keys_folder,
        write_demo,
        write_signed_demo,
    )
    from auditor.samples.probation_demo import write_probation_demo

    if signed and framework != DEMOS[0]:
        raise UsageError("--signed: only the child-protection demo has signed people's keys")

    if path.is_dir():
        raise UsageError(f"{path}: is a folder; the demo is written to a new file")
    if path.exists():
        raise UsageError(f"{path}: already exists; the demo is written to a new file only")
    new_or_writable_file(path, "the demo was not written")
    partial = path.with_name(f".{path.name}.writing")  # moved to PATH only when complete
    remove_sqlite_files(partial)
    try:
        write = write_signed_demo if signed else write_demo
        if framework == "probation":
            write = write_probation_demo
        with write(partial) as inspection:
            counts = inspection.counts()
            graded = inspection.grading.progress()[1]
        os.replace(partial, path)
    except (StorageError, OSError, *SQLITE_ERRORS) as exc:  # a full disk
        lock.release(partial)  # still held when write_demo failed before returning
        reason = (exc.strerror if isinstance(exc, OSError) else None) or exc
        raise UsageError(f"{path}: the demo was not written ({reason})") from None
    finally:
        remove_sqlite_files(partial)
    print(
        f"Wrote the demo inspection to {path}: {counts['cases']} cases, "
        f"{counts['documents']} documents, {counts['chronology']} chronology events, "
        f"{graded} graded."
    )
    if signed:  # an installed copy's keys are inside it: say where (the guide names them)
        names = ", ".join(f"{name}.key" for name in DEMO_KEYS)
        print(
            f"The fictional people's keys ({names}; passphrase {DEMO_KEY_PASSPHRASE!r}) are in "
            f"{demo_keys_folder()}"
        )
    return EXIT_OK


def cmd_check(path: Path) -> int:
    """Integrity check, schema version and counts; exit 0 only when the file is healthy."""
    existing_file(path)
    try:
        db = open_database(path, migrate=False, quick_check=False)  # the full check follows
    except (CorruptFileError, NotAnInspectionFile) as exc:
        print(f"UNHEALTHY: {exc}")
        return EXIT_UNHEALTHY
    ledger: LedgerReport | None = None
    try:
        problems = integrity_check(db)
        _, version = read_version(db)
        counts = table_counts(db) if problems == ["ok"] else {}
        stored = get_framework_row(db) if problems == ["ok"] else None
        if problems == ["ok"] and version == SCHEMA_VERSION:
            ledger = verify_ledger(_File(db))
    except DATABASE_ERRORS as exc:  # SQLite reports damage as a DatabaseError of many kinds
        print(f"UNHEALTHY: {path}: the file is damaged ({exc})")
        return EXIT_UNHEALTHY
    finally:
        db.close()
    if problems != ["ok"]:
        print(f"UNHEALTHY: {path}: integrity check found {len(problems)} problem(s):")
        for line in problems[:20]:
            print(f"  {line}")
        return EXIT_UNHEALTHY
    if ledger is not None and not ledger.ok:
        print(f"UNHEALTHY: {path}: {ledger.summary()}")
        for line in ledger.problems[1:]:
            print(f"  {line}")
        return EXIT_UNHEALTHY
    note = "" if version == SCHEMA_VERSION else f" (upgraded to {SCHEMA_VERSION} when opened)"
    print(f"OK: {path}")
    print(f"Integrity check: ok\nSchema version: {version}{note}")
    if stored is not None:
        print(_framework_line(path, stored))
    print(ledger.summary() if ledger is not None else "ledger: unsigned inspection")
    for table, count in counts.items():
        print(f"{table.replace('_', ' ').capitalize()}: {count}")
    return EXIT_OK


def _framework_line(path: Path, row: dict[str, Any]) -> str:
    """The inspection's framework, as its stored copy names it (read as opening reads it)."""
    try:
        framework = parse_framework(row["source_toml"], f"{path} (framework {row['id']})")
    except FrameworkError as exc:
        return f"Framework: {row['name']} ({row['id']}); its stored copy does not load: {exc}"
    return (
        f"Framework: {framework.name} ({framework.id}, version {framework.version}, format "
        f"{framework.format}): {framework.words.case_files}"
    )


@dataclass(frozen=True)
class _File:
    """The file ``check`` opened, as the ledger's verification reads it."""

    db: Database
