"""The case list narrowed to the cases whose documents match a search (the document filter),
and how much of the inspection a search can see (documents that are not searchable)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING

from auditor.case_rows import R_ID, CaseFilter
from auditor.evidence.text import INDEXED
from db import evidence as rows

if TYPE_CHECKING:
    from auditor.inspection import Inspection


@dataclass(frozen=True)
class DocumentFilter(CaseFilter):
    """A case-list filter that also keeps only the cases whose documents match ``documents``
    (the search as typed; ``case_ids`` the cases it matched when it was run)."""

    documents: str = ""
    case_ids: frozenset[str] = field(default_factory=frozenset)

    def accepts(self, row: tuple, haystack: str) -> bool:
        return row[R_ID] in self.case_ids and super().accepts(row, haystack)


def with_documents(case_filter: CaseFilter, text: str, case_ids: Collection[str]) -> CaseFilter:
    """``case_filter`` narrowed to ``case_ids`` (the cases matching the search ``text``)."""
    kept = {f.name: getattr(case_filter, f.name) for f in fields(CaseFilter)}
    return DocumentFilter(**kept, documents=text, case_ids=frozenset(case_ids))


def unsearchable_count(inspection: Inspection) -> int:
    """How many of the inspection's documents a search cannot see (scanned PDFs, images,
    unreadable files); documents not indexed yet are counted by ``Search.unindexed``."""
    return sum(1 for state in rows.index_states(inspection.db).values() if state != INDEXED)
