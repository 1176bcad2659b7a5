"""After a merge, the ledger says what the merge kept: a combination row for each field whose
value here is not the one its last merged-in row set.

A merge appends the package's audit rows after this file's own. Where the merge kept this
file's value (the package's change had not seen a decision here, or lost a conflict to a
change made here), replaying the log in its order would end on the package's value; the
row written here ("kept by the merge", by whoever merged) makes the log end on the value the
table holds, so ``check`` finds the tables and the ledger in agreement. These rows are
combination rows: a merge's decision, never a change with a version of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from auditor.audit.log import COMBINATION
from auditor.audit.rebuild import REBUILT_FIELDS, rebuild_from_log, values_in_tables
from auditor.merging.cases import CASE_FIELDS
from auditor.merging.context import MergeContext
from auditor.records import ATTRIBUTE_FIELD, Assessor, attribute_text, attributes_from_json
from db import audit as audit_rows
from db import cases as case_rows

KEPT = "kept by the merge"


def record_what_was_kept(
    ctx: MergeContext, actor: Assessor | None, case_ids: Iterable[str]
) -> None:
    """Write a combination row for each field of ``case_ids`` the log would replay wrongly."""
    aliases = audit_rows.id_aliases(ctx.db)
    cases = set(case_ids)
    cases |= {old for old, new in aliases.get("cases", {}).items() if new in cases}
    rows = audit_rows.audit_rows_for_cases(ctx.db, (*REBUILT_FIELDS, "cases"), cases)
    graded = [r for r in rows if r["record_table"] in REBUILT_FIELDS]
    logged = rebuild_from_log(graded, aliases)
    about: dict[tuple[str, str], dict[str, Any]] = {}  # record here -> its last row
    for row in graded:
        about[(row["record_table"], _here(aliases, row["record_table"], row["record_id"]))] = row
    stored = values_in_tables(ctx.inspection, set(about))
    written: list[dict[str, Any]] = []

    def keep(key: tuple[str, str], field: str, old: Any, new: Any) -> None:
        table, record_id = key
        row = about[key]
        criterion = row["field"].rpartition(".")[0]  # criterion grades: "<criterion>.grade"
        name = f"{criterion}.{field}" if table == "criterion_grades" else field
        case_id = _here(aliases, "cases", row["case_id"])
        written.append(
            ctx.inspection.audit_row(
                actor, COMBINATION, case_id, table, record_id, name, old=old, new=new, detail=KEPT
            )
        )

    for key in sorted(about):
        table = key[0]
        here, replayed = stored.get(key), logged.get(key)
        if here is None:
            if replayed is not None and table == "referrals":
                keep(key, "flag", "flagged", None)  # withdrawn here; the log had it back
            continue
        if replayed is None:
            if table != "referrals":
                continue
            keep(key, "flag", None, "flagged")  # kept here; the log had it withdrawn
            replayed = dict(REBUILT_FIELDS[table])
        for field, value in here.items():
            if replayed.get(field) != value:
                keep(key, field, replayed.get(field), value)
    written.extend(_case_fields_kept(ctx, actor, rows, aliases))
    if written:
        ctx.inspection.audit_many(written)


def _here(aliases: dict[str, dict[str, str]], table: str, record_id: str) -> str:
    """The id here of a record an audit row names (it may name it by another file's id)."""
    return aliases.get(table, {}).get(record_id, record_id)


def _case_fields_kept(
    ctx: MergeContext,
    actor: Assessor | None,
    rows: list[dict[str, Any]],
    aliases: dict[str, dict[str, str]],
) -> list[dict[str, Any]]:
    """The same for case details: each field a row set, whose last row is not its value."""
    last: dict[tuple[str, str], str | None] = {}
    for row in rows:
        name = row["field"]
        if row["record_table"] == "cases" and (
            name in CASE_FIELDS or name.startswith(ATTRIBUTE_FIELD)
        ):
            last[(_here(aliases, "cases", row["record_id"]), name)] = row["new_value"]
    found = []
    current = case_rows.case_details(ctx.db, sorted({case_id for case_id, _ in last}))
    for (case_id, field), value in sorted(last.items()):
        if field.startswith(ATTRIBUTE_FIELD):  # one attribute: "attributes.<id>"
            stored = attributes_from_json(current.get(case_id, {}).get("attributes"))
            here = attribute_text(stored.get(field.removeprefix(ATTRIBUTE_FIELD)))
        else:
            here = current.get(case_id, {}).get(field)
            here = None if here is None else str(here)
        if case_id in current and here != value:
            found.append(
                ctx.inspection.audit_row(
                    actor,
                    COMBINATION,
                    case_id,
                    "cases",
                    case_id,
                    field,
                    old=value,
                    new=here,
                    detail=KEPT,
                )
            )
    return found
