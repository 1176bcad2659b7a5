"""Cases in conflict: graded with different overall grades by different assessors."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from auditor.merging.outcome import Conflict
from db import merge as merge_rows

if TYPE_CHECKING:
    from auditor.inspection import Inspection


def find_conflicts(
    inspection: Inspection,
    case_ids: Iterable[str] | None = None,
    *,
    unresolved_only: bool = False,
) -> list[Conflict]:
    """Every case (or every one of ``case_ids``) whose assessments' overall grades differ.

    Each conflict lists every assessor's overall grade, by name; ordered by reference. The
    lead resolves one by agreeing the grade (Review → Moderation); both grades are kept.
    Moderation cases are not conflicts (they are double-graded on purpose); with
    ``unresolved_only``, cases whose grade the lead has agreed are left out too.
    """
    grouped: dict[str, list[dict]] = {}
    for row in merge_rows.conflict_rows(inspection.db, case_ids, unresolved_only=unresolved_only):
        grouped.setdefault(row["case_id"], []).append(row)
    return [
        Conflict(
            case_id=case_id,
            reference=rows[0]["reference"],
            grades=tuple((r["assessor_name"], r["overall_grade"]) for r in rows),
        )
        for case_id, rows in grouped.items()
    ]
