"""Rows of cases, their documents and their chronologies."""

from __future__ import annotations

import json
from typing import Any

from db import bulk
from db.connection import one_pass_cache
from db.database import Database

CASE_COLUMNS = (
    "id",
    "reference",
    "case_type",
    "borough",
    "bcu",
    "team",
    "date_opened",
    "summary",
    "attributes",
    "created_at",
    "updated_at",
)


def insert_cases(db: Database, rows: list[dict[str, Any]]) -> None:
    bulk.insert_rows(db, "cases", rows)


def existing_references(db: Database, references: list[str]) -> list[str]:
    """Those of ``references`` already used by a case."""
    found: list[str] = []
    for start in range(0, len(references), 500):
        chunk = references[start : start + 500]
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT reference FROM cases WHERE reference IN ({marks})"
        found += [r[0] for r in db.execute(sql, chunk).fetchall()]
    return found


def get_case(db: Database, case_id: str) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM cases WHERE id = ?", [case_id]))
    return rows[0] if rows else None


def case_by_reference(db: Database, reference: str) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM cases WHERE reference = ?", [reference]))
    return rows[0] if rows else None


#: The assessment of a case that counts, as a subquery of the case ``c``: the most recently
#: updated with an overall grade (ties to the lower id), a moderation case's second (blind)
#: grading after every other, work in progress when nothing is graded. The same choice as
#: ``db.reports.chosen_assessment`` (its graded assessment is the *reported* one).
SHOWN_ASSESSMENT = (
    "SELECT x.id FROM assessments x LEFT JOIN moderation_cases m "
    "ON m.case_id = x.case_id AND m.second_assessor_id = x.assessor_id "
    "WHERE x.case_id = {case} "
    "ORDER BY x.overall_grade IS NULL, m.id IS NOT NULL, x.updated_at DESC, x.id LIMIT 1"
)

#: The shared picture, read once for every case (a correlated subquery per case and column
#: would be several times slower at 100,000 cases): who graded each case, and its flagged
#: referrals awaiting a decision. ``{one}`` narrows them to one case (by the index).
_SHARED_WITH = """
    WITH graders AS (
        SELECT case_id, group_concat(name, ', ') AS names, group_concat(assessor_id, ',') AS ids
        FROM (SELECT x.case_id, x.assessor_id, p.name FROM assessments x
              JOIN assessors p ON p.id = x.assessor_id
              WHERE x.status != 'not_started' {one}
              ORDER BY x.case_id, p.name, p.id)
        GROUP BY case_id
    ),
    waiting AS (
        SELECT x.case_id, group_concat(x.assessor_id || ':' || f.flagged_by, ',') AS pairs
        FROM referrals f JOIN assessments x ON x.id = f.assessment_id
        WHERE {state} = 'flagged' AND x.status = 'awaiting_review'
              {one}
        GROUP BY x.case_id
    )
"""
_SHARED_COLUMNS = """,
       al.assessor_id, pa.name, g.names, g.ids, ps.name,
       CASE WHEN s.overall_grade IS NULL THEN NULL
            ELSE coalesce(k.overall_grade, s.overall_grade) END,
       coalesce(s.status, 'not_started'), rs.state, w.pairs
"""


def case_list_rows(
    db: Database,
    assessor_id: str | None,
    case_id: str | None = None,
    rowids: list[int] | None = None,
) -> list[tuple]:
    """One tuple per case for the case list, in reference order.

    Columns: id, reference, case_type, borough, bcu, team, date_opened, summary, status,
    overall_grade, referral_state. The assessment shown is ``assessor_id``'s own, or, when
    None, the most recently updated assessment of the case. With ``case_id``, just that case.

    Then the shared picture, the same for everyone: the allocated assessor's id and name,
    the names of everyone with a grading (", "-joined, by name) and their ids (","-joined),
    the name of whose grading counts (``SHOWN_ASSESSMENT``), the reported grade (the lead's
    agreed grade when recorded), that grading's status and referral state, and the flagged
    referrals awaiting a decision as "<assessor id>:<flagged by>" (","-joined).

    With ``rowids``, just those cases, each row ending with the case's rowid (a page of a
    paged list, read by the primary key).
    """
    if assessor_id is not None:
        join = "LEFT JOIN assessments a ON a.case_id = c.id AND a.assessor_id = :assessor"
    else:
        join = (
            "LEFT JOIN assessments a ON a.id = (SELECT id FROM assessments x "
            "WHERE x.case_id = c.id ORDER BY x.updated_at DESC, x.id LIMIT 1)"
        )
    shown = SHOWN_ASSESSMENT.format(case="c.id")
    one, where = "", ""
    if case_id is not None:
        one, where = "AND x.case_id = :case", "WHERE c.id = :case"
    elif rowids is not None:
        listed = "(SELECT id FROM cases WHERE rowid IN (SELECT value FROM json_each(:rowids)))"
        one, where = f"AND x.case_id IN {listed}", f"WHERE c.id IN {listed}"
    sql = f"""
        {_SHARED_WITH.format(one=one, state="+f.state" if one else "f.state")}
        SELECT c.id, c.reference, c.case_type, c.borough, c.bcu, c.team, c.date_opened,
               c.summary, coalesce(a.status, 'not_started'), a.overall_grade, r.state
               {_SHARED_COLUMNS} {", c.rowid" if rowids is not None else ""}
        FROM cases c {join}
        LEFT JOIN referrals r ON r.assessment_id = a.id
        LEFT JOIN allocations al ON al.case_id = c.id
        LEFT JOIN assessors pa ON pa.id = al.assessor_id
        LEFT JOIN assessments s ON s.id = ({shown})
        LEFT JOIN assessors ps ON ps.id = s.assessor_id
        LEFT JOIN referrals rs ON rs.assessment_id = s.id
        LEFT JOIN reconciliations k ON k.case_id = c.id
        LEFT JOIN graders g ON g.case_id = c.id
        LEFT JOIN waiting w ON w.case_id = c.id
        {where}
        ORDER BY c.reference
    """
    params = {"assessor": assessor_id, "case": case_id, "rowids": json.dumps(rowids or [])}
    if case_id is not None or rowids is not None:
        return _sharing_values(db.execute(sql, params))
    with one_pass_cache(db):  # one pass over the file: no 64 MB cache filled
        return _sharing_values(db.execute(sql, params))


def case_references(db: Database) -> tuple[list[int], list[str]]:
    """The rowid and reference of every case, in two lists of the same order (the references'
    index's, usually reference order): what a paged case list needs before its rows are read.

    Read as two JSON arrays decoded in C: SQLite hands Python a tuple for every row, 0.6 us
    each, 60 ms at 100,000 cases; two joined strings split and the rowids turned into ints
    one by one took 29 ms, the arrays 21 (benchmarks/RESULTS.md). JSON escapes any character
    a reference holds.
    """
    rowids, references = db.execute(
        "SELECT json_group_array(rowid), json_group_array(reference) "
        "FROM (SELECT rowid, reference FROM cases ORDER BY reference)"
    ).fetchone()
    return json.loads(rowids), json.loads(references)


def case_rowid(db: Database, case_id: str) -> int | None:
    """The rowid of a case (None: no such case)."""
    # fetchall: the statement runs to its end, leaving no read transaction open (a stale
    # snapshot would refuse this connection's next write once another connection commits).
    rows = db.execute("SELECT rowid FROM cases WHERE id = ?", [case_id]).fetchall()
    return int(rows[0][0]) if rows else None


#: Columns of ``case_list_rows`` that are different for every case (id, reference, summary).
_UNIQUE_COLUMNS = frozenset({0, 1, 7})


def _sharing_values(cursor: Any, chunk: int = 4096) -> list[tuple]:
    """The cursor's rows with each repeated value one object (every "not_started", every
    assessor's name), read a chunk at a time.

    SQLite hands Python a new string for every value; at 100,000 cases the 17 columns that
    take a few values (status, grade, names, area) were most of the list's 120 MB.
    """
    pool: dict[Any, Any] = {}
    share = pool.setdefault
    rows: list[tuple] = []
    while batch := cursor.fetchmany(chunk):
        columns: list[Any] = list(zip(*batch, strict=True))
        for k, values in enumerate(columns):
            if k not in _UNIQUE_COLUMNS and values.count(None) != len(values):
                columns[k] = map(share, values, values)
        rows += zip(*columns, strict=True)
    return rows


def insert_document(db: Database, row: dict[str, Any]) -> None:
    db["documents"].insert(row)


def documents_for_case(db: Database, case_id: str) -> list[dict[str, Any]]:
    """Document metadata (without content) for a case, in title order."""
    return list(
        db.query(
            "SELECT id, case_id, title, filename, media_type, size, sha256, added_at "
            "FROM documents WHERE case_id = ? ORDER BY title, id",
            [case_id],
        )
    )


def document_content(db: Database, document_id: str) -> bytes | None:
    row = db.execute("SELECT content FROM documents WHERE id = ?", [document_id]).fetchone()
    return None if row is None else bytes(row[0])


def insert_event_rows(db: Database, rows: list[tuple[str, str, str, str, str]]) -> None:
    """Insert chronology events given as (id, case_id, occurred_at, event_type, detail)."""
    db.conn.executemany(
        "INSERT INTO chronology (id, case_id, occurred_at, event_type, detail) "
        "VALUES (?, ?, ?, ?, ?)",
        rows,
    )


def chronology_for_case(db: Database, case_id: str) -> list[dict[str, Any]]:
    return list(
        db.query(
            "SELECT * FROM chronology WHERE case_id = ? ORDER BY occurred_at, rowid", [case_id]
        )
    )


def update_case(db: Database, case_id: str, values: dict[str, Any]) -> None:
    db["cases"].update(case_id, values)


def all_cases(db: Database) -> list[dict[str, Any]]:
    return list(db.query("SELECT * FROM cases"))


def assessed_case_ids(db: Database) -> set[str]:
    return {r[0] for r in db.execute("SELECT DISTINCT case_id FROM assessments").fetchall()}


def chronology_keys(db: Database) -> set[tuple[str, str, str, str]]:
    """(case_id, occurred_at, event_type, detail) of every chronology event."""
    sql = "SELECT case_id, occurred_at, event_type, detail FROM chronology"
    return {tuple(r) for r in db.execute(sql).fetchall()}  # type: ignore[misc]


def document_keys(db: Database) -> set[tuple[str, str, str]]:
    """(case_id, filename, sha256) of every document."""
    sql = "SELECT case_id, filename, sha256 FROM documents"
    return {tuple(r) for r in db.execute(sql).fetchall()}  # type: ignore[misc]


def case_details(db: Database, case_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Case id -> its row, for the cases ``case_ids`` (those that exist)."""
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(case_ids), 500):
        chunk = case_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for row in db.query(f"SELECT * FROM cases WHERE id IN ({marks})", chunk):
            found[row["id"]] = row
    return found


def recorded_attributes(db: Database) -> dict[str, str]:
    """Case id -> its attributes as stored (JSON), for every case with any recorded."""
    sql = "SELECT id, attributes FROM cases WHERE attributes != '{}'"
    return {r[0]: r[1] for r in db.execute(sql).fetchall()}
