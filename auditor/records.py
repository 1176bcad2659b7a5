"""Plain records of an inspection: assessors, case files, documents, chronology events."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


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

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Case:
        return cls(**{k: row[k] for k in cls.__dataclass_fields__})


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
