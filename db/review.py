"""Rows of supervisors' reviews, the review queue, the referrals view and the Log view."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

# --- reviews ---------------------------------------------------------------------------------


def insert_review(db: Database, row: dict[str, Any]) -> None:
    db["reviews"].insert(row)


def update_review(db: Database, review_id: str, values: dict[str, Any]) -> None:
    db["reviews"].update(review_id, values)


def get_review(db: Database, review_id: str) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM reviews WHERE id = ?", [review_id]))
    return rows[0] if rows else None


def reviews_for_assessment(db: Database, assessment_id: str) -> list[dict[str, Any]]:
    """Every review of one assessment, oldest first."""
    return list(
        db.query(
            "SELECT * FROM reviews WHERE assessment_id = ? ORDER BY created_at, rowid",
            [assessment_id],
        )
    )


def open_questions(
    db: Database, decisions: tuple[str, ...], assessor_id: str | None = None
) -> list[dict[str, Any]]:
    """Unanswered reviews with one of ``decisions``, with the case and the people named.

    Columns: the review's, then ``case_id``, ``reference``, ``case_type``, ``assessor_id``,
    ``assessor_name``, ``reviewer_name``. With ``assessor_id``, only that assessor's cases.
    """
    marks = ",".join("?" * len(decisions))
    where = "" if assessor_id is None else "AND a.assessor_id = ?"
    params: list[Any] = [*decisions] + ([] if assessor_id is None else [assessor_id])
    return list(
        db.query(
            f"""
            SELECT rv.*, a.case_id, c.reference, c.case_type, a.assessor_id,
                   p.name AS assessor_name, s.name AS reviewer_name
            FROM reviews rv
            JOIN assessments a ON a.id = rv.assessment_id
            JOIN cases c ON c.id = a.case_id
            JOIN assessors p ON p.id = a.assessor_id
            JOIN assessors s ON s.id = rv.reviewer_id
            WHERE rv.decision IN ({marks}) AND rv.answered_at IS NULL {where}
            ORDER BY rv.created_at, rv.rowid
            """,
            params,
        )
    )


# --- referrals ---------------------------------------------------------------------------------

_REFERRAL_SELECT = """
    SELECT r.*, a.case_id, a.assessor_id, a.status AS assessment_status,
           a.overall_grade, c.reference, c.case_type, p.name AS assessor_name,
           f.name AS flagged_by_name
    FROM referrals r
    JOIN assessments a ON a.id = r.assessment_id
    JOIN cases c ON c.id = a.case_id
    JOIN assessors p ON p.id = a.assessor_id
    JOIN assessors f ON f.id = r.flagged_by
"""


def get_referral(db: Database, referral_id: str) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM referrals WHERE id = ?", [referral_id]))
    return rows[0] if rows else None


def review_queue(db: Database, state: str, status: str) -> list[dict[str, Any]]:
    """Referrals in ``state`` whose assessment has ``status``, oldest flag first.

    Columns: the referral's, then ``case_id``, ``assessor_id``, ``assessment_status``,
    ``overall_grade``, ``reference``, ``case_type``, ``assessor_name``, ``flagged_by_name``.
    """
    return list(
        db.query(
            f"{_REFERRAL_SELECT} WHERE r.state = ? AND a.status = ? ORDER BY r.flagged_at, r.rowid",
            [state, status],
        )
    )


def referral_rows(
    db: Database, state: str | None = None, case_type: str | None = None
) -> list[dict[str, Any]]:
    """Every referral (optionally of one state and case type), oldest flag first.

    Columns as ``review_queue``.
    """
    clauses, params = [], []
    if state is not None:
        clauses.append("r.state = ?")
        params.append(state)
    if case_type is not None:
        clauses.append("c.case_type = ?")
        params.append(case_type)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    return list(db.query(f"{_REFERRAL_SELECT} {where} ORDER BY r.flagged_at, r.rowid", params))


# --- the audit log, for the Log and History views -------------------------------------------------


def id_aliases(db: Database) -> dict[str, dict[str, str]]:
    """Ids a merge matched to another id here: table -> {package's id: id here}.

    A merge logs each such match as a *combination* row (``field`` "id", ``old_value`` the
    package's id, ``new_value`` the id here); audit rows merged in keep the package's ids.
    """
    aliases: dict[str, dict[str, str]] = {}
    for table, old, new in db.execute(
        "SELECT record_table, old_value, new_value FROM audit_log "
        "WHERE kind = 'combination' AND field = 'id' ORDER BY rowid"
    ).fetchall():
        aliases.setdefault(table, {})[old] = new
    for mapping in aliases.values():  # a chain (a -> b, b -> c) ends at the id here
        for old, new in list(mapping.items()):
            seen = {old}
            while new in mapping and new not in seen:
                seen.add(new)
                new = mapping[new]
            mapping[old] = new
    # Combination rows merged in from a package describe that package's file: only a match
    # whose old id is not a record here and whose new id is one holds for this file.
    for table in ("cases", "assessors"):
        mapping = aliases.get(table)
        if mapping:
            present = _present_ids(db, table, {*mapping, *mapping.values()})
            aliases[table] = {
                old: new for old, new in mapping.items() if old not in present and new in present
            }
    return aliases


def _present_ids(db: Database, table: str, ids: set[str]) -> set[str]:
    wanted = sorted(ids)
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(
            r[0] for r in db.execute(f"SELECT id FROM [{table}] WHERE id IN ({marks})", chunk)
        )
    return found


def _with_aliases(record_id: str, mapping: dict[str, str]) -> list[str]:
    return [record_id, *(old for old, new in mapping.items() if new == record_id)]


def audit_entries(
    db: Database,
    *,
    actor_id: str | None = None,
    case_id: str | None = None,
    kinds: tuple[str, ...] | None = None,
    since: str | None = None,
    before: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Audit rows matching every filter given, in the order they were written.

    ``since`` and ``before`` compare with ``at`` as text (ISO 8601 UTC): ``at >= since`` and
    ``at < before``. Adds ``actor_name`` and ``reference`` (of the case, when there is one).
    Rows merged in under a package's ids for a case or assessor matched to another id here
    (see ``id_aliases``) are found by, and shown as, the id here; the rows are not changed.
    """
    aliases = id_aliases(db)
    case_aliases = aliases.get("cases", {})
    actor_aliases = aliases.get("assessors", {})
    clauses: list[str] = []
    params: list[Any] = []
    for column, wanted, mapping in (
        ("l.actor_id", actor_id, actor_aliases),
        ("l.case_id", case_id, case_aliases),
    ):
        if wanted is not None:
            ids = _with_aliases(wanted, mapping)
            clauses.append(f"{column} IN ({','.join('?' * len(ids))})")
            params += ids
    if kinds:
        clauses.append(f"l.kind IN ({','.join('?' * len(kinds))})")
        params += list(kinds)
    if since is not None:
        clauses.append("l.at >= ?")
        params.append(since)
    if before is not None:
        clauses.append("l.at < ?")
        params.append(before)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    tail = "" if limit is None else f"LIMIT {int(limit)}"
    rows = list(
        db.query(
            f"""
            SELECT l.*, p.name AS actor_name, c.reference
            FROM audit_log l
            LEFT JOIN assessors p ON p.id = l.actor_id
            LEFT JOIN cases c ON c.id = l.case_id
            {where}
            ORDER BY l.at, l.rowid
            {tail}
            """,
            params,
        )
    )
    if case_aliases or actor_aliases:
        _name_aliased(db, rows, case_aliases, actor_aliases)
    return rows


def _name_aliased(
    db: Database,
    rows: list[dict[str, Any]],
    case_aliases: dict[str, str],
    actor_aliases: dict[str, str],
) -> None:
    """Give rows about a package's ids the case and assessor they were matched to here."""
    names: dict[str, str] = {}
    references: dict[str, str] = {}
    if actor_aliases:
        names = {r[0]: r[1] for r in db.execute("SELECT id, name FROM assessors").fetchall()}
    if case_aliases:
        wanted = sorted(set(case_aliases.values()))
        marks = ",".join("?" * len(wanted))
        references = dict(
            db.execute(f"SELECT id, reference FROM cases WHERE id IN ({marks})", wanted).fetchall()
        )
    for row in rows:
        actor = actor_aliases.get(row["actor_id"] or "")
        if actor is not None:
            row["actor_id"] = actor
            row["actor_name"] = names.get(actor)
        case = case_aliases.get(row["case_id"] or "")
        if case is not None:
            row["case_id"] = case
            row["reference"] = references.get(case)


def audit_rows_for_tables(db: Database, tables: tuple[str, ...]) -> list[dict[str, Any]]:
    """Audit rows recording changes to ``tables``, in the order they were written."""
    marks = ",".join("?" * len(tables))
    return list(
        db.query(
            f"SELECT * FROM audit_log WHERE record_table IN ({marks}) ORDER BY rowid",
            list(tables),
        )
    )
