"""Blind second grading: what a moderator may not see until their own grading is finished.

A case in the moderation sample is graded a second time by the inspector assigned to it. Until
that second assessment is complete (any done status), every trace of the other assessors'
grading of the case is hidden from the second inspector: the other assessments themselves
(the grading panel only ever shows the user's own), and in the History and Log views every
entry about the case written by someone else, except the case's details and consultations.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from auditor.grading.rules import DONE_STATUSES
from db import moderation as rows

if TYPE_CHECKING:
    from auditor.audit.log import AuditEntry
    from auditor.inspection import Inspection

#: Audit-log tables about a case that never reveal anyone's grades.
HARMLESS_TABLES = frozenset({"cases", "chronology", "documents", "force_grades"})
HARMLESS_KINDS = frozenset({"consultation"})


def blind_cases(inspection: Inspection, viewer_id: str | None) -> set[str]:
    """Ids of the cases whose other gradings ``viewer_id`` may not see yet."""
    if viewer_id is None:
        return set()
    return rows.blind_case_ids(inspection.db, viewer_id, DONE_STATUSES)


def hidden_from(inspection: Inspection, viewer_id: str | None, case_id: str | None) -> bool:
    """Whether other assessors' grades of ``case_id`` are hidden from ``viewer_id``."""
    return case_id is not None and case_id in blind_cases(inspection, viewer_id)


def reveals_grading(entry: AuditEntry, viewer_id: str | None) -> bool:
    """Whether ``entry`` tells its reader something of someone else's grading of its case."""
    if entry.actor_id is not None and entry.actor_id == viewer_id:
        return False
    return entry.kind not in HARMLESS_KINDS and entry.record_table not in HARMLESS_TABLES


def visible_entries(
    inspection: Inspection, viewer_id: str | None, entries: Iterable[AuditEntry]
) -> tuple[list[AuditEntry], int]:
    """The entries ``viewer_id`` may see, and how many were hidden (blind moderation)."""
    blind = blind_cases(inspection, viewer_id)
    entries = list(entries)
    if not blind:
        return entries, 0
    kept = [e for e in entries if not (e.case_id in blind and reveals_grading(e, viewer_id))]
    return kept, len(entries) - len(kept)
