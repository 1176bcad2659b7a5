"""Plain records of an inspection: assessors, case files, documents, chronology events."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: A case attribute's value: a number (for a ``number`` attribute) or text.
AttributeValue = int | float | str
#: The audit-log field of one case attribute: "attributes.<attribute id>".
ATTRIBUTE_FIELD = "attributes."


@dataclass(frozen=True)
class Assessor:
    """A person who grades or reviews cases."""

    id: str
    name: str
    role: str


@dataclass(frozen=True)
class Case:
    """A case file's details."""

    id: str
    reference: str
    case_type: str
    borough: str
    bcu: str
    team: str
    date_opened: str | None
    summary: str
    #: The attributes its framework declares, by attribute id (one not recorded is absent).
    attributes: Mapping[str, AttributeValue] = field(default_factory=dict, hash=False)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Case:
        values = {k: row[k] for k in cls.__dataclass_fields__ if k != "attributes"}
        return cls(**values, attributes=attributes_from_json(row.get("attributes")))


def attributes_from_json(text: str | None) -> dict[str, AttributeValue]:
    """A case's attributes from their stored JSON ('{}' or NULL: none recorded)."""
    if not text or text == "{}":  # most cases: nothing recorded (no parsing at 100,000 cases)
        return {}
    loaded = json.loads(text)
    return {str(k): v for k, v in loaded.items() if isinstance(v, (int, float, str)) and v != ""}


def attribute_value(value: Any) -> AttributeValue | None:
    """A value as stored: a whole number as an int (8.0 is 8), text stripped; blank is None."""
    if value is None or isinstance(value, bool):
        return None if value is None else str(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (int, float)):
        return value
    text = str(value).strip()
    return text or None


def attributes_json(attributes: Mapping[str, Any]) -> str:
    """How a case's attributes are stored: JSON, keys sorted, blank values left out."""
    kept = {k: attribute_value(v) for k, v in attributes.items()}
    kept = {k: v for k, v in kept.items() if v is not None}
    return json.dumps(kept, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def attribute_text(value: AttributeValue | None) -> str | None:
    """An attribute's value as the audit log and a workbook cell's text show it ("8", "7.5")."""
    if value is None or value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass(frozen=True)
class Document:
    """A document in a case file (its content is read only when it is opened)."""

    id: str
    case_id: str
    title: str
    filename: str
    media_type: str
    size: int


@dataclass(frozen=True)
class Event:
    """One chronology entry."""

    id: str
    case_id: str
    occurred_at: str
    event_type: str
    detail: str
