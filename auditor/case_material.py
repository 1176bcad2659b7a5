"""Case material: documents and chronology events of an inspection's cases."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from auditor.errors import Refused
from auditor.evidence.index import index_document
from auditor.records import Assessor, Document, Event
from db import cases as case_rows
from db.database import Database

MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".txt": "text/plain",
    ".md": "text/plain",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}


class InspectionError(Refused):
    """A request the inspection cannot carry out, described for the user."""


class CaseMaterial:
    """The documents and chronologies part of ``Inspection`` (mixed in)."""

    db: Database
    framework: Any
    new_id: Callable[[], str]
    clock: Callable[[], str]
    audit: Callable[..., None]
    audit_row: Callable[..., dict[str, Any]]
    audit_many: Callable[[list[dict[str, Any]]], None]

    def add_document(
        self,
        actor: Assessor | None,
        case_id: str,
        filename: str,
        content: bytes,
        title: str | None = None,
        *,
        index: bool = True,
    ) -> Document:
        """Attach a document to a case, indexed for search at once unless ``index`` is False
        (an import: its documents are indexed after its transaction, ``search.index_missing``)."""
        suffix = Path(filename).suffix.lower()
        media_type = MEDIA_TYPES.get(suffix)
        if media_type is None:
            raise InspectionError(
                f"{filename}: documents must be one of {', '.join(sorted(MEDIA_TYPES))}"
            )
        doc = Document(
            self.new_id(), case_id, title or Path(filename).stem, filename, media_type, len(content)
        )
        with self.db.atomic():
            case_rows.insert_document(
                self.db,
                {
                    "id": doc.id,
                    "case_id": case_id,
                    "title": doc.title,
                    "filename": filename,
                    "media_type": media_type,
                    "size": len(content),
                    "sha256": hashlib.sha256(content).hexdigest(),
                    "content": content,
                    "added_at": self.clock(),
                },
            )
            self.audit(
                actor,
                "alteration",
                case_id=case_id,
                table="documents",
                record_id=doc.id,
                field="filename",
                new=filename,
                detail="document added",
            )
            if index:
                index_document(self, doc.id, media_type, content)  # type: ignore[arg-type]
        return doc

    def documents(self, case_id: str) -> list[Document]:
        return [
            Document(r["id"], r["case_id"], r["title"], r["filename"], r["media_type"], r["size"])
            for r in case_rows.documents_for_case(self.db, case_id)
        ]

    def document_content(self, document_id: str) -> bytes:
        content = case_rows.document_content(self.db, document_id)
        if content is None:
            raise InspectionError(f"no document with id {document_id}")
        return content

    def add_events(
        self, actor: Assessor | None, case_id: str, events: Iterable[tuple[str, str, str]]
    ) -> int:
        """Add chronology events of one case given as (occurred_at, event_type, detail)."""
        return self.add_chronology(actor, [(case_id, *event) for event in events])

    def add_chronology(
        self, actor: Assessor | None, events: Iterable[tuple[str, str, str, str]]
    ) -> int:
        """Add events of many cases, (case_id, occurred_at, event_type, detail), at once;
        how many were added.

        One transaction, with one audit row per case saying how many events it gained.
        """
        known = self.framework.event_codes()
        new_id = self.new_id
        rows = [(new_id(), *event) for event in events]
        unknown = {row[3] for row in rows} - set(known)
        if unknown:
            raise InspectionError(f"unknown event type {min(unknown)!r}")
        per_case = Counter(row[1] for row in rows)
        with self.db.atomic():
            case_rows.insert_event_rows(self.db, rows)
            self.audit_many(
                [
                    self.audit_row(
                        actor,
                        "alteration",
                        case_id,
                        "chronology",
                        "",
                        "events",
                        new=str(count),
                        detail="chronology events added",
                    )
                    for case_id, count in per_case.items()
                ]
            )
        return len(rows)

    def chronology(self, case_id: str) -> list[Event]:
        return [
            Event(r["id"], r["case_id"], r["occurred_at"], r["event_type"], r["detail"])
            for r in case_rows.chronology_for_case(self.db, case_id)
        ]
