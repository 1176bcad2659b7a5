"""The case files part of ``Inspection`` (mixed in): adding, changing, reading cases and the
case list's rows; each change with its audit row, in one transaction."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from auditor.case_material import InspectionError
from auditor.records import (
    ATTRIBUTE_FIELD,
    Assessor,
    AttributeValue,
    Case,
    attribute_text,
    attribute_value,
    attributes_json,
)
from db import cases as case_rows
from db.database import Database


class CaseRecords:
    """Case files of an inspection: add, update, read, and the case list."""

    db: Database
    framework: Any
    new_id: Callable[[], str]
    clock: Callable[[], str]
    audit: Callable[..., None]
    audit_row: Callable[..., dict[str, Any]]
    audit_many: Callable[[list[dict[str, Any]]], None]

    def add_case(self, actor: Assessor | None, **fields: Any) -> Case:
        """Add a case file; ``fields`` are the columns of ``Case`` except ``id``."""
        return self.add_cases(actor, [fields])[0]

    def add_cases(self, actor: Assessor | None, cases: list[dict[str, Any]]) -> list[Case]:
        """Add many case files in one transaction, each with its audit row; all or none.

        ``attributes`` (optional) maps the framework's attribute ids to values."""
        now = self.clock()
        rows = []
        for fields in cases:
            if self.framework.case_type(fields.get("case_type", "")) is None:
                raise InspectionError(f"unknown case type {fields.get('case_type')!r}")
            attributes = self.checked_attributes(fields.get("attributes") or {})
            rows.append(
                {
                    "id": self.new_id(),
                    "reference": fields["reference"],
                    "case_type": fields["case_type"],
                    "borough": fields.get("borough") or "",
                    "bcu": fields.get("bcu") or "",
                    "team": fields.get("team") or "",
                    "date_opened": fields.get("date_opened"),
                    "summary": fields.get("summary") or "",
                    "attributes": attributes_json(attributes),
                    "created_at": now,
                    "updated_at": now,
                }
            )
        references = [r["reference"] for r in rows]
        if len(set(references)) != len(references):
            raise InspectionError("the same case reference appears twice")
        with self.db.atomic():
            clash = case_rows.existing_references(self.db, references)
            if clash:
                raise InspectionError(f"case {clash[0]} already exists")
            case_rows.insert_cases(self.db, rows)
            self.audit_many(
                [
                    self.audit_row(
                        actor,
                        "alteration",
                        row["id"],
                        "cases",
                        row["id"],
                        "reference",
                        new=row["reference"],
                        detail="case added",
                    )
                    for row in rows
                ]
            )
        return [Case.from_row(row) for row in rows]

    def update_case(self, actor: Assessor | None, case_id: str, values: dict[str, Any]) -> Case:
        """Change a case's details, with an audit row per field changed, in one transaction.

        ``values["attributes"]`` (optional) sets the attributes it names (a blank value
        clears one; those it does not name stay), an audit row each ("attributes.<id>")."""
        before = self.case(case_id)
        given = dict(values)
        wanted = self.checked_attributes(given.pop("attributes", None) or {})
        changes = {k: v for k, v in given.items() if getattr(before, k) != v}
        attributes = {**before.attributes, **wanted}
        attributes = {k: v for k, v in attributes.items() if v is not None}
        changed = sorted(
            k for k in set(before.attributes) | set(attributes)
            if before.attributes.get(k) != attributes.get(k)
        )  # fmt: skip
        if not changes and not changed:
            return before
        audit = [
            self.audit_row(
                actor,
                "alteration",
                case_id,
                "cases",
                case_id,
                key,
                old=getattr(before, key),
                new=new,
                detail="case details changed",
            )
            for key, new in changes.items()
        ]
        audit += [
            self.audit_row(
                actor,
                "alteration",
                case_id,
                "cases",
                case_id,
                ATTRIBUTE_FIELD + key,
                old=attribute_text(before.attributes.get(key)),
                new=attribute_text(attributes.get(key)),
                detail="case details changed",
            )
            for key in changed
        ]
        if changed:
            changes["attributes"] = attributes_json(attributes)
        with self.db.atomic():
            case_rows.update_case(self.db, case_id, {**changes, "updated_at": self.clock()})
            self.audit_many(audit)
        return self.case(case_id)

    def checked_attributes(self, values: Mapping[str, Any]) -> dict[str, AttributeValue | None]:
        """``values`` as stored, each an attribute the framework declares (a number for a
        number attribute); a blank value is None (not recorded)."""
        declared = {a.id: a for a in self.framework.attributes}
        checked: dict[str, AttributeValue | None] = {}
        for key, raw in values.items():
            attribute = declared.get(key)
            if attribute is None:
                known = ", ".join(declared) or "none"
                raise InspectionError(
                    f"{key!r} is not a case attribute of this framework (they are: {known})"
                )
            value = attribute_value(raw)
            if value is not None and attribute.type == "number" and isinstance(value, str):
                try:
                    number = float(value)
                    if not math.isfinite(number):
                        raise ValueError(value)
                    value = attribute_value(number)
                except ValueError:
                    raise InspectionError(f"{attribute.label}: {value!r} is not a number") from None
            if value is not None and attribute.type != "number":
                value = attribute_text(value)
            checked[key] = value
        return checked

    def case(self, case_id: str) -> Case:
        row = case_rows.get_case(self.db, case_id)
        if row is None:
            raise InspectionError(f"no case with id {case_id}")
        return Case.from_row(row)

    def case_by_reference(self, reference: str) -> Case | None:
        row = case_rows.case_by_reference(self.db, reference)
        return Case.from_row(row) if row else None

    def case_list(self, assessor_id: str | None = None) -> list[tuple]:
        """Rows for the case list (see ``db.cases.case_list_rows`` for the columns)."""
        return case_rows.case_list_rows(self.db, assessor_id)

    def case_list_row(self, case_id: str, assessor_id: str | None = None) -> tuple | None:
        """The case-list row of one case, after an edit."""
        rows = case_rows.case_list_rows(self.db, assessor_id, case_id)
        return rows[0] if rows else None

    def case_list_page(self, rowids: list[int], assessor_id: str | None = None) -> list[tuple]:
        """The case-list rows of the cases ``rowids`` (those that exist), each ending with its
        rowid: a page of a paged case list."""
        return case_rows.case_list_rows(self.db, assessor_id, rowids=rowids)

    def case_references(self) -> tuple[list[int], list[str]]:
        """Every case's rowid and reference (two lists, in the same order): a paged case
        list's keys up front."""
        return case_rows.case_references(self.db)

    def case_rowid(self, case_id: str) -> int | None:
        """A case's key in a paged case list (None: no such case)."""
        return case_rows.case_rowid(self.db, case_id)
