"""An open inspection file: its framework, people, cases, documents and chronologies."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.allocation.desk import Allocations
from auditor.audit.ledger import Signer
from auditor.audit.log import AuditLog
from auditor.audit.trail import AuditTrail
from auditor.case_material import CaseMaterial, InspectionError
from auditor.case_records import CaseRecords
from auditor.evidence.citations import Citations
from auditor.evidence.index import Search
from auditor.file_access import locked as _locked
from auditor.file_access import view_opened as _view_opened
from auditor.file_access import viewed_here as _viewed_here
from auditor.framework import Framework, bundled_framework, parse_framework
from auditor.grading.desk import Grading
from auditor.grading.prompts import PromptTicks
from auditor.people import ROLES, session
from auditor.people.keys import PersonalKey
from auditor.people.roster import Roster
from auditor.records import Assessor
from auditor.timestamps import utc_now
from db import lock, meta
from db.connection import (
    damage_message,
    integrity_check,
    is_encrypted,
    open_database,
    quick_check_problems,
    schema_version,
)
from db.database import Database
from db.errors import StorageError
from db.lock import FileInUse as FileInUse  # re-exported: the window names the holder

if TYPE_CHECKING:
    from auditor.moderation.desk import Moderation
    from auditor.review.desk import ReviewDesk
    from auditor.review.referrals import Referrals

#: Random halves of ids drawn at once from ``os.urandom`` (one system call per block, not per
#: id: about a third of the cost at 100,000 ids); emptied in a forked child, never shared.
_RANDOM_BLOCK = 4096
_random_parts: list[str] = []
_prefix: tuple[int, str] = (-1, "")


def _refill() -> None:
    raw = os.urandom(10 * _RANDOM_BLOCK).hex()
    _random_parts.extend(raw[i : i + 20] for i in range(0, len(raw), 20))


os.register_at_fork(after_in_child=_random_parts.clear)


def random_id() -> str:
    """A new primary key that two laptops can create offline without colliding.

    Like a UUIDv7: 48 bits of milliseconds then 80 random bits (from ``os.urandom``, as
    ``secrets`` draws them, in blocks), as 32 hex digits. Keys made one after another sort
    together, so large imports append to the indexes instead of scattering across them
    (about 40% faster at 100,000 cases). Each random part is used once (``list.pop`` is
    atomic, so threads never share one).
    """
    global _prefix
    ms = time.time_ns() // 1_000_000
    if _prefix[0] != ms:
        _prefix = (ms, f"{ms:012x}")
    try:
        part = _random_parts.pop()
    except IndexError:
        _refill()
        part = _random_parts.pop()
    return _prefix[1] + part


class Inspection(AuditTrail, CaseRecords, CaseMaterial):
    """One open inspection file; every write is one transaction with its audit-log rows."""

    def __init__(
        self,
        path: Path,
        db: Database,
        framework: Framework,
        *,
        clock: Callable[[], str] = utc_now,
        new_id: Callable[[], str] = random_id,
    ) -> None:
        self.path = path
        self.db = db
        self.framework = framework
        self.clock = clock
        self.new_id = new_id
        self._info = meta.get_inspection(db) or {}
        #: Who is signed in with a key from the roster (None: nobody; an unsigned file).
        self.signer: Signer | None = None
        #: Opened for viewing only (another copy holds the file): nothing can be saved.
        self.read_only = bool(getattr(db, "read_only", False))
        #: The desks, each hung off the inspection as Anki hangs its managers off the
        #: collection: ``inspection.grading``, ``.review``, ``.referrals``, ``.log`` (reading the
        #: audit log; writing it is ``inspection.audit``), ``.moderation``. The optional
        #: features' desks (moderation, review, referrals) import their modules
        #: when first used, so the window's start does not load them.
        self.grading = Grading(self)

    @cached_property
    def roster(self) -> Roster:
        """The inspection's people, their roles and keys; signing in with a key."""
        return Roster(self)

    @cached_property
    def prompts(self) -> PromptTicks:
        """The sub-prompt ticks of criteria (framework format 2), and what they suggest."""
        return PromptTicks(self)

    @cached_property
    def review(self) -> ReviewDesk:
        """Supervisors' decisions: the review queue, questions, quality assurance."""
        from auditor.review.desk import ReviewDesk  # a supervisor's desk: loaded on first use

        return ReviewDesk(self)

    @cached_property
    def referrals(self) -> Referrals:
        """Referrals back to the force after confirmation: sent, responded, closed."""
        from auditor.review.referrals import Referrals  # loaded on first use

        return Referrals(self)

    @cached_property
    def log(self) -> AuditLog:
        """The audit log as the Log and History views read it."""
        return AuditLog(self)

    @cached_property
    def moderation(self) -> Moderation:
        """Double grading, agreement, conflicts and the force's own audit."""
        from auditor.moderation.desk import Moderation  # the moderation feature: on first use

        return Moderation(self)

    @cached_property
    def citations(self) -> Citations:
        """The passages cited behind criteria's grades."""
        return Citations(self)

    @cached_property
    def search(self) -> Search:
        """Full-text search of the documents, and their index."""
        return Search(self)

    @cached_property
    def allocations(self) -> Allocations:
        """Who each case is allocated to; allocating, balancing, taking over."""
        return Allocations(self)

    # --- opening ---------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: str | Path,
        *,
        name: str,
        force: str = "",
        start_date: str | None = None,
        end_date: str | None = None,
        framework: Framework | None = None,
        clock: Callable[[], str] = utc_now,
        new_id: Callable[[], str] = random_id,
        passphrase: str | None = None,
        lead: PersonalKey | None = None,
    ) -> Inspection:
        """Make a new inspection file (encrypted with ``passphrase`` when one is given, or
        when made inside ``auditor.encryption.encrypting_new_files``); refuses a path that
        already exists."""
        path = Path(path)
        if path.exists():
            raise InspectionError(f"{path}: already exists; choose a new file name")
        framework = framework or bundled_framework()
        if not path.parent.is_dir():
            raise InspectionError(f"{path}: the folder {path.parent} does not exist")
        db = _locked(path, create=True, passphrase=passphrase)
        try:
            with db.atomic():
                meta.insert_inspection(
                    db,
                    {
                        "id": new_id(),
                        "name": name,
                        "force": force,
                        "start_date": start_date,
                        "end_date": end_date,
                        "created_at": clock(),
                    },
                )
                meta.insert_framework(
                    db,
                    {
                        "id": framework.id,
                        "name": framework.name,
                        "version": framework.version,
                        "sha256": framework.sha256,
                        "source_toml": framework.toml_text,
                        "added_at": clock(),
                    },
                )
        except BaseException:
            db.close()
            lock.release(path)
            raise
        inspection = cls(path, db, framework, clock=clock, new_id=new_id)
        lead = lead or session.key_for(path)
        if lead is not None:  # a signed inspection: the lead is on its roster, signed in
            try:
                inspection.roster.start(lead)
            except BaseException:
                inspection.close()
                path.unlink(missing_ok=True)
                raise
        return inspection

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        read_only: bool = False,
        passphrase: str | None = None,
        quick_check: bool = True,
        key: PersonalKey | None = None,
        **kwargs: Any,
    ) -> Inspection:
        """Open an existing inspection file (migrating it), using its framework snapshot.

        ``quick_check`` runs SQLite's quick check before anything else (a damaged file is
        refused); the window skips it for a large file and runs ``damage()`` on a worker
        thread instead, as it costs about 1 s per 600 MB. A file this process already has
        open (a worker thread opening the window's file) is not checked again.

        ``read_only`` views a file another copy holds: no lock is taken, nothing is written
        (not even consultations) and the other copy is never blocked. While this process
        views a file read-only, opening it again here (a worker thread) is read-only too.
        An encrypted file needs ``passphrase`` or a source (``auditor.encryption``).
        """
        path = Path(path)
        open_here = path.is_file() and (_viewed_here(path) or lock.held_here(path))
        quick_check = quick_check and not open_here
        read_only = read_only or (path.is_file() and _viewed_here(path))
        if read_only:
            db = open_database(path, read_only=True, passphrase=passphrase, quick_check=quick_check)
        elif path.is_file():
            db = _locked(path, create=False, passphrase=passphrase, quick_check=quick_check)
        else:  # a missing path or a folder: open_database raises the right message
            db = open_database(path)
        try:
            row = meta.get_framework_row(db)
            if row is None or meta.get_inspection(db) is None:
                raise StorageError(f"{path}: the file holds no inspection (it is empty)")
            framework = parse_framework(row["source_toml"], f"{path} (framework {row['id']})")
        except BaseException:
            db.close()
            if not read_only:
                lock.release(path)
            raise
        if read_only:
            _view_opened(path, +1)
        inspection = cls(path, db, framework, **kwargs)
        key = key or session.key_for(path)  # signed in once in this process for this file
        if key is not None:  # signed in: every change from now on is theirs, signed
            try:
                inspection.roster.sign_in(key)
            except BaseException:
                inspection.close()
                raise
        return inspection

    def close(self) -> None:
        self.db.close()
        if self.read_only:
            _view_opened(self.path, -1)
        else:
            lock.release(self.path)

    def __enter__(self) -> Inspection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- facts -----------------------------------------------------------------------------

    @property
    def name(self) -> str:
        return str(self._info.get("name", ""))

    @property
    def inspection_id(self) -> str:
        return str(self._info.get("id", ""))

    @property
    def signed(self) -> bool:
        """Whether the inspection has a lead's key: every change must then be signed."""
        return bool(self._info.get("lead_id"))

    @property
    def me(self) -> Assessor | None:
        """The person signed in with their key, as an assessor (None when nobody is)."""
        if self.signer is None:
            return None
        person = self.roster.person(self.signer.person_id)
        return person.assessor if person is not None else None

    def refresh_info(self) -> None:
        """Read the inspection's row again (after it was signed)."""
        self._info = meta.get_inspection(self.db) or {}

    @property
    def force(self) -> str:
        return str(self._info.get("force", ""))

    def schema_version(self) -> int:
        return schema_version(self.db)

    def counts(self) -> dict[str, int]:
        return meta.table_counts(self.db)

    def case_count(self) -> int:
        return meta.case_count(self.db)

    def opening_case_id(self, wanted: str | None) -> str | None:
        """The case to show on opening: ``wanted`` (the last one shown) if it is still here,
        else the first by reference; None for an empty inspection."""
        if wanted and meta.has_case(self.db, wanted):
            return wanted
        return meta.first_case_id(self.db)

    def damage(self) -> str | None:
        """SQLite's quick check of the file: None when healthy, else the message naming the
        file and what was found (for a window that opened it with ``quick_check=False``)."""
        problems = quick_check_problems(self.db)
        return None if problems == ["ok"] else damage_message(self.path, problems)

    def integrity(self) -> list[str]:
        return integrity_check(self.db)

    @property
    def encrypted(self) -> bool:
        """Whether the file is encrypted (SQLCipher)."""
        return is_encrypted(self.db)

    # --- people ----------------------------------------------------------------------------

    def assessors(self) -> list[Assessor]:
        return [Assessor(r["id"], r["name"], r["role"]) for r in meta.list_assessors(self.db)]

    def assessor(self, name: str, role: str) -> Assessor:
        """The assessor of this name and role, added (and logged) on first use."""
        name = " ".join(name.split())
        if not name:
            raise InspectionError("an assessor needs a name")
        if role not in ROLES:
            raise InspectionError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
        row = meta.find_assessor(self.db, name, role)
        if row:
            return Assessor(row["id"], row["name"], row["role"])
        person = Assessor(self.new_id(), name, role)
        with self.db.atomic():
            meta.insert_assessor(
                self.db,
                {"id": person.id, "name": name, "role": role, "created_at": self.clock()},
            )
            self.audit(
                person,
                "alteration",
                table="assessors",
                record_id=person.id,
                field="name",
                new=name,
                detail=f"assessor added as {role}",
            )
        return person
