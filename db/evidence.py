"""Evidence storage: citations, and the full-text index of the documents' text (FTS5)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from db import bulk
from db.database import Database

#: A citation's columns, in the table's order.
CITATION_COLUMNS = (
    "id",
    "assessment_id",
    "criterion_id",
    "document_id",
    "page",
    "quote",
    "start",
    "region",
    "cited_by",
    "cited_at",
    "removed",
)

_CITATIONS = """
    SELECT c.*, a.case_id, a.assessor_id, d.title AS document_title,
           d.media_type AS media_type, p.name AS cited_by_name
    FROM citations c
    JOIN assessments a ON a.id = c.assessment_id
    JOIN documents d ON d.id = c.document_id
    LEFT JOIN assessors p ON p.id = c.cited_by
"""
_ORDER = " ORDER BY c.criterion_id, c.cited_at, c.rowid"


def has_tables(db: Database) -> bool:
    """Whether the file has the evidence tables (a package from before them has none)."""
    return db["citations"].exists()


def insert_citation(db: Database, row: dict[str, Any]) -> None:
    db["citations"].insert(row)


def insert_citations(db: Database, rows: Sequence[dict[str, Any]]) -> None:
    bulk.insert_rows(db, "citations", rows)


def set_removed(db: Database, citation_id: str, removed: bool) -> None:
    db.execute("UPDATE citations SET removed = ? WHERE id = ?", [int(removed), citation_id])


def citation(db: Database, citation_id: str) -> dict[str, Any] | None:
    rows = list(db.query(_CITATIONS + " WHERE c.id = ?", [citation_id]))
    return rows[0] if rows else None


def citations_for_case(
    db: Database, case_id: str, assessor_id: str | None = None
) -> list[dict[str, Any]]:
    """Standing citations of a case's gradings (one assessor's when given)."""
    sql = _CITATIONS + " WHERE a.case_id = ? AND c.removed = 0"
    params: list[Any] = [case_id]
    if assessor_id is not None:
        sql += " AND a.assessor_id = ?"
        params.append(assessor_id)
    return list(db.query(sql + _ORDER, params))


def all_citations(db: Database, *, standing: bool = True) -> list[dict[str, Any]]:
    """Every citation (the standing ones only, unless ``standing`` is False)."""
    where = " WHERE c.removed = 0" if standing else ""
    return list(db.query(_CITATIONS + where + " ORDER BY a.case_id, c.criterion_id, c.cited_at"))


def citation_rows(db: Database) -> list[dict[str, Any]]:
    """The citations table as stored (for merging and checking)."""
    return list(db.query("SELECT * FROM citations ORDER BY rowid"))


# --- the full-text index ----------------------------------------------------------------------


def replace_text(
    db: Database, document_id: str, pages: Iterable[tuple[int | None, str]], state: str, at: str
) -> None:
    """Index a document's text (page number or None, text), replacing what was indexed."""
    db.execute("DELETE FROM document_text WHERE document_id = ?", [document_id])
    rows = [(body, document_id, page) for page, body in pages if body.strip()]
    if rows:
        db.conn.executemany(
            "INSERT INTO document_text (body, document_id, page) VALUES (?, ?, ?)", rows
        )
    db.execute(
        "INSERT OR REPLACE INTO document_index (document_id, state, pages, indexed_at) "
        "VALUES (?, ?, ?, ?)",
        [document_id, state, len(rows), at],
    )


def unindexed_documents(db: Database) -> list[dict[str, Any]]:
    """Documents not yet in the index: id, media type, content."""
    return list(
        db.query(
            "SELECT d.id, d.media_type, d.content FROM documents d "
            "LEFT JOIN document_index i ON i.document_id = d.id WHERE i.document_id IS NULL "
            "ORDER BY d.rowid"
        )
    )


def unindexed_count(db: Database) -> int:
    return db.execute(
        "SELECT count(*) FROM documents d LEFT JOIN document_index i ON i.document_id = d.id "
        "WHERE i.document_id IS NULL"
    ).fetchone()[0]


def index_states(db: Database, document_ids: Sequence[str] | None = None) -> dict[str, str]:
    """Each document's index state (indexed, scanned, image, unreadable), by id."""
    if document_ids is None:
        return dict(db.execute("SELECT document_id, state FROM document_index").fetchall())
    marks = ", ".join("?" * len(document_ids))
    return dict(
        db.execute(
            f"SELECT document_id, state FROM document_index WHERE document_id IN ({marks})",
            list(document_ids),
        ).fetchall()
    )


def document_pages(db: Database, document_id: str) -> list[tuple[int | None, str]]:
    """A document's indexed text, by page (None for a text document), in page order."""
    return [
        (r[0], r[1])
        for r in db.execute(
            "SELECT page, body FROM document_text WHERE document_id = ? ORDER BY page",
            [document_id],
        ).fetchall()
    ]


def ranked_matches(db: Database, match: str, limit: int | None, ranked_at_most: int | None):
    """Index rows matching an FTS5 ``match`` expression, best first (bm25, then rowid), with
    their text, document and case; at most ``limit`` of the best of the first
    ``ranked_at_most`` matching rows (None: every row). Raises the driver's error for an
    expression FTS5 refuses.

    Ranked by rowid alone, then described by rowid (a lookup, no second MATCH): FTS5's
    ``ORDER BY rank`` reads more of each row than ``bm25()`` in SQLite's sorter does.
    """
    scored = (
        "SELECT rowid, bm25(document_text) AS score FROM document_text WHERE document_text MATCH ?"
    )
    params: list[Any] = [match]
    if ranked_at_most is not None:
        scored += " LIMIT ?"
        params.append(ranked_at_most)
    sql = f"SELECT rowid FROM ({scored}) ORDER BY score, rowid"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    ranked = [r[0] for r in db.execute(sql, params).fetchall()]
    found: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ranked), 500):  # within SQLite's limit of bound values
        chunk = ranked[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        for row in db.query(
            "SELECT t.rowid AS position, t.body, t.document_id, t.page, d.case_id, d.title, "
            "d.filename, c.reference FROM document_text t "
            "JOIN documents d ON d.id = t.document_id JOIN cases c ON c.id = d.case_id "
            f"WHERE t.rowid IN ({marks})",
            chunk,
        ):
            found[row["position"]] = row
    return [found[rowid] for rowid in ranked if rowid in found]


def fts_snippet(db: Database, match: str, position: int, marks: tuple[str, str]) -> str:
    """FTS5's own snippet of one matching index row (by its rowid)."""
    row = db.execute(
        "SELECT snippet(document_text, 0, ?, ?, '…', 12) FROM document_text "
        "WHERE document_text MATCH ? AND rowid = ?",
        [marks[0], marks[1], match, position],
    ).fetchone()
    return row[0] if row else ""


def matching_case_ids(db: Database, match: str) -> set[str]:
    """Cases with a document matching an FTS5 ``match`` expression."""
    return {
        r[0]
        for r in db.execute(
            "SELECT DISTINCT d.case_id FROM document_text t "
            "JOIN documents d ON d.id = t.document_id WHERE document_text MATCH ?",
            [match],
        ).fetchall()
    }
