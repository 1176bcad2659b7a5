"""The append-only audit log: every change is written here in the same transaction; the
Log and History views' queries; the current values the log is checked against."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from db import bulk
from db.database import Database


def append(db: Database, row: dict[str, Any]) -> None:
    """Append one audit row (callers hold the transaction of the change it records)."""
    bulk.insert_row(db, "audit_log", row)


def append_all(db: Database, rows: list[dict[str, Any]]) -> None:
    """Append many audit rows at once (inside the caller's transaction)."""
    bulk.insert_rows(db, "audit_log", rows)


def last_hash_of(db: Database, author_id: str) -> str:
    """The hash of ``author_id``'s latest signed row here ("" before their first)."""
    rows = list(
        db.query(
            "SELECT row_hash FROM audit_log WHERE author_id = ? AND row_hash IS NOT NULL "
            "ORDER BY rowid DESC LIMIT 1",
            [author_id],
        )
    )
    return rows[0]["row_hash"] if rows else ""


def in_order(db: Database) -> list[dict[str, Any]]:
    """Every audit row in the order it was written here (rowid), for verifying the ledger."""
    return list(db.query("SELECT rowid AS position, * FROM audit_log ORDER BY rowid"))


def for_case(db: Database, case_id: str) -> list[dict[str, Any]]:
    return list(db.query("SELECT * FROM audit_log WHERE case_id = ? ORDER BY at, rowid", [case_id]))


def all_rows(db: Database) -> list[dict[str, Any]]:
    return list(db.query("SELECT * FROM audit_log ORDER BY at, rowid"))


# --- the audit log, for the Log and History views -------------------------------------------------


def id_aliases(db: Database) -> dict[str, dict[str, str]]:
    """Ids a merge matched to another id here: table -> {id elsewhere: id here}.

    A merge logs each such match as a *combination* row (``field`` "id", ``old_value`` the
    package's id, ``new_value`` the id here); audit rows merged in keep the package's ids.
    Combination rows merged in from a package describe that package's file, so a match says
    only that two ids are one record: every id matched (directly or through others) to the
    one id of that record present here maps to it.
    """
    links: dict[str, list[tuple[str, str]]] = {}
    for table, old, new in db.execute(
        "SELECT record_table, old_value, new_value FROM audit_log "
        "WHERE kind = 'combination' AND field = 'id' AND old_value IS NOT NULL ORDER BY rowid"
    ).fetchall():
        links.setdefault(table, []).append((old, new))
    aliases: dict[str, dict[str, str]] = {}
    for table, pairs in links.items():
        parent: dict[str, str] = {}

        def root(i: str, parent: dict[str, str] = parent) -> str:
            while parent.setdefault(i, i) != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for old, new in pairs:
            parent[root(old)] = root(new)
        present = present_ids(db, table, set(parent))
        here: dict[str, str] = {}
        for i in sorted(present):
            here.setdefault(root(i), i)
        mapping = {i: here[root(i)] for i in parent if i not in present and root(i) in here}
        if mapping:
            aliases[table] = mapping
    return aliases


def present_ids(db: Database, table: str, ids: set[str]) -> set[str]:
    """Which of ``ids`` are rows of ``table`` here."""
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
            SELECT l.*, p.name AS actor_name, p.role AS actor_role, c.reference
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
        names = {r[0]: r[1:] for r in db.execute("SELECT id, name, role FROM assessors")}
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
            row["actor_name"], row["actor_role"] = names.get(actor, (None, None))
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


def current_values(
    db: Database,
    fields: dict[str, tuple[str, ...]],
    ids: dict[str, set[str]] | None = None,
) -> dict[tuple[str, str], dict[str, Any]]:
    """(table, id) -> {field: value} for the given fields of every row of each table (or of
    the rows whose ids ``ids`` gives, table by table)."""
    values: dict[tuple[str, str], dict[str, Any]] = {}
    for table, columns in fields.items():
        listed = ", ".join(f"[{c}]" for c in columns)
        sql = f"SELECT id, {listed} FROM [{table}]"
        if ids is None:
            chunks: list[list[str] | None] = [None]
        else:
            wanted = sorted(ids.get(table, ()))
            chunks = [wanted[i : i + 500] for i in range(0, len(wanted), 500)]
        for chunk in chunks:
            where = "" if chunk is None else f" WHERE id IN ({','.join('?' * len(chunk))})"
            for row in db.query(sql + where, chunk or []):
                values[(table, row["id"])] = {c: row[c] for c in columns}
    return values


def audit_rows_for_cases(
    db: Database, tables: tuple[str, ...], case_ids: Iterable[str]
) -> list[dict[str, Any]]:
    """Audit rows recording changes to ``tables`` in the cases ``case_ids``, in the order
    they were written."""
    wanted = sorted(set(case_ids))
    found: list[tuple[int, dict[str, Any]]] = []
    kinds = ",".join("?" * len(tables))
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        sql = (
            f"SELECT rowid AS position_, * FROM audit_log WHERE record_table IN ({kinds}) "
            f"AND case_id IN ({marks})"
        )
        found.extend((r.pop("position_"), r) for r in db.query(sql, [*tables, *chunk]))
    return [row for _position, row in sorted(found, key=lambda pair: pair[0])]
