"""The rows an import's gradings write, kept in memory until written together: new rows
(inserted as they finally are), changed rows by id, and their audit rows in the desk's order
(``auditor.importing.gradings`` replays the grading desk's edits onto them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from auditor.audit.log import ALTERATION
from auditor.records import Assessor
from db import grading_bulk

if TYPE_CHECKING:
    from auditor.inspection import Inspection

TABLES = ("assessments", "criterion_grades", "referrals")


class StagedRows:
    """New and changed assessment, criterion grade and referral rows, and their audit rows."""

    def __init__(self, inspection: Inspection) -> None:
        self.inspection = inspection
        self.new_id: Callable[[], str] = inspection.new_id
        self.new: dict[str, dict[str, dict[str, Any]]] = {}
        self.changed: dict[str, dict[str, dict[str, Any]]] = {}
        self._clear()
        self.audit_rows: list[dict[str, Any]] = []
        #: The time of the file's row being applied (the desk reads the clock at every edit).
        self.now = ""

    def _clear(self) -> None:
        self.new = {table: {} for table in TABLES}
        self.changed = {table: {} for table in TABLES}

    def _touched(self, table: str, row: dict[str, Any]) -> None:
        if row["id"] not in self.new[table]:
            self.changed[table][row["id"]] = row

    def _audit(
        self,
        actor: Assessor,
        case_id: str,
        table: str,
        record_id: str,
        field: str,
        old: object,
        new: object,
        detail: str = "",
    ) -> None:
        """The row ``inspection.audit`` appends, at this row's time."""
        if not self.audit_rows:
            self.inspection.sealed([])  # a signed inspection refuses nobody signed in, now
        self.audit_rows.append(
            self.inspection.audit_row(
                actor,
                ALTERATION,
                case_id,
                table,
                record_id,
                field,
                old=old,
                new=new,
                detail=detail,
                at=self.now,
            )
        )

    def flush(self) -> None:
        """Write the rows kept so far: the new, the changed, then their audit rows."""
        db = self.inspection.db
        grading_bulk.insert_assessments(db, list(self.new["assessments"].values()))
        grading_bulk.insert_criterion_grades(db, list(self.new["criterion_grades"].values()))
        grading_bulk.insert_referrals(db, list(self.new["referrals"].values()))
        grading_bulk.update_assessments(db, self.changed["assessments"].values())
        grading_bulk.update_criterion_grades(db, self.changed["criterion_grades"].values())
        grading_bulk.update_referrals(db, self.changed["referrals"].values())
        if self.audit_rows:
            self.inspection.audit_many(self.audit_rows)
        self.audit_rows = []
        self._clear()
