"""Case documents of an import: the files of a folder holding one folder per case reference."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from auditor.case_material import MEDIA_TYPES
from auditor.importing.limits import Limits
from auditor.importing.problems import Problems
from auditor.inspection import Inspection
from auditor.records import Assessor, Case
from db import cases as case_rows


@dataclass
class DocumentRecord:
    """A file in the documents folder, for the case its folder is named after."""

    reference: str
    path: Path


def find_documents(
    folder: Path | None, references: set[str], limits: Limits, problems: Problems
) -> list[DocumentRecord]:
    """The documents in ``folder`` for the cases ``references`` names; problems are added."""
    if folder is None:
        return []
    if not folder.is_dir():
        problems.add(str(folder), "is not a folder of case documents")
        return []
    folded = {r.casefold(): r for r in references}
    found = []
    for case_folder in sorted(p for p in folder.iterdir() if not p.name.startswith(".")):
        where = f"Documents, folder {case_folder.name!r}"
        if not case_folder.is_dir():
            problems.add(
                where, "is a file; put documents in a folder named after the case reference"
            )
            continue
        reference = folded.get(case_folder.name.casefold())
        if reference is None:
            problems.add(where, "no case has this reference")
            continue
        for item in sorted(case_folder.iterdir()):
            if item.name.startswith("."):
                continue
            if item.suffix.lower() not in MEDIA_TYPES or not item.is_file():
                problems.add(
                    f"{where}, file {item.name!r}",
                    f"is not a document the workstation opens ({', '.join(sorted(MEDIA_TYPES))})",
                )
                continue
            found.append(DocumentRecord(reference, item))
    return found


def attach_documents(
    inspection: Inspection,
    user: Assessor,
    docs: list[DocumentRecord],
    by_reference: dict[str, Case],
) -> int:
    """Attach each document not already attached to its case; how many were attached."""
    attached = case_rows.document_keys(inspection.db)
    added = 0
    for doc in docs:
        content = doc.path.read_bytes()
        case_id = by_reference[doc.reference.casefold()].id
        key = (case_id, doc.path.name, hashlib.sha256(content).hexdigest())
        if key not in attached:
            attached.add(key)
            inspection.add_document(user, case_id, doc.path.name, content)
            added += 1
    return added
