"""SQL for merging citations: the ledger rows that took citations back or restored them."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

#: A citation's "taken back" field in the ledger: "<criterion>.removed".
REMOVED_FIELD = "%.removed"


def removal_rows(db: Database) -> list[dict[str, Any]]:
    """Every ledger row that set a citation's ``removed`` (an edit, or a merge's "kept" row),
    in the order the file wrote them: id, record id (the citation), field, new value."""
    return list(
        db.query(
            "SELECT id, record_id, field, new_value, at FROM audit_log "
            "WHERE record_table = 'citations' AND field LIKE ? "
            "AND kind IN ('alteration', 'combination') ORDER BY rowid",
            [REMOVED_FIELD],
        )
    )
