"""Evidence SQL beside ``db.evidence``: the ledger rows that took citations back or restored them
(for merging citations), and indexing a document never indexed before."""

from __future__ import annotations

from typing import Any

from db.database import Database

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


def insert_text(
    db: Database, document_id: str, pages: list[tuple[int | None, str]], state: str, at: str
) -> None:
    """Index the text of a document never indexed before (``db.evidence.replace_text`` without
    its DELETE, which scans the whole index: the FTS table's ``document_id`` is unindexed)."""
    rows = [(body, document_id, page) for page, body in pages if body.strip()]
    if rows:
        db.conn.executemany(
            "INSERT INTO document_text (body, document_id, page) VALUES (?, ?, ?)", rows
        )
    db.execute(
        "INSERT INTO document_index (document_id, state, pages, indexed_at) VALUES (?, ?, ?, ?)",
        [document_id, state, len(rows), at],
    )


def unindexed_ids(db: Database) -> list[str]:
    """Ids of the documents not yet in the index, in the order they were added."""
    return [
        r[0]
        for r in db.execute(
            "SELECT d.id FROM documents d "
            "LEFT JOIN document_index i ON i.document_id = d.id WHERE i.document_id IS NULL "
            "ORDER BY d.rowid"
        ).fetchall()
    ]


def contents(db: Database, document_ids: list[str]) -> list[dict[str, Any]]:
    """Id, media type and content of each of ``document_ids`` (one batch at a time)."""
    marks = ", ".join("?" * len(document_ids))
    return list(
        db.query(
            f"SELECT id, media_type, content FROM documents WHERE id IN ({marks})",
            list(document_ids),
        )
    )


def citation_ledger(db: Database) -> list[dict[str, Any]]:
    """Every ledger row about a citation, in the file's order: record id, field, new value,
    who wrote it (``actor_id``) and its kind."""
    return list(
        db.query(
            "SELECT record_id, field, new_value, actor_id, kind FROM audit_log "
            "WHERE record_table = 'citations' AND kind IN ('alteration', 'combination') "
            "ORDER BY rowid"
        )
    )
