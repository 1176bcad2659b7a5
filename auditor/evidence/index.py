"""The full-text index of an inspection's documents: filled when a document is attached (and
for documents merged in, or in a file from before the index), searched by ``Search``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from auditor.audit.markers import reads, writes
from auditor.errors import Cancelled
from auditor.evidence.query import SearchError, fts_query, search_terms
from auditor.evidence.snippets import make_snippet
from auditor.evidence.text import STATE_WORDS, extract
from db import evidence as rows
from db import evidence_merge as text_rows
from db.errors import SQLITE_ERRORS

if TYPE_CHECKING:
    from auditor.inspection import Inspection
    from auditor.records import Assessor

#: The marks around the matched words in a snippet (the window makes them bold).
MARKS = ("\u0002", "\u0003")
#: The most matching rows the search panel ranks (bm25 costs about 1 us a row): a word in
#: more rows lists the best of the first this many the index holds.
RANKED_AT_MOST = 50_000
#: How many hits the search panel lists (the command line lists every matching document).
PANEL_LIMIT = 500


@dataclass(frozen=True)
class Hit:
    """One matching document: its case, page (None for a text document) and a snippet whose
    matched words are between ``MARKS``."""

    case_id: str
    reference: str
    document_id: str
    title: str
    filename: str
    page: int | None
    snippet: str

    def plain_snippet(self, before: str = "", after: str = "") -> str:
        """The snippet on one line, the matched words between ``before`` and ``after``."""
        text = " ".join(self.snippet.split())
        return text.replace(MARKS[0], before).replace(MARKS[1], after)


def _best_per_document(
    found: list[dict], limit: int | None, snippet: Callable[[dict], str]
) -> list[Hit]:
    """The first (best) row of each document, in order, at most ``limit`` of them."""
    hits: list[Hit] = []
    seen: set[str] = set()
    for row in found:
        if row["document_id"] in seen:
            continue
        seen.add(row["document_id"])
        hits.append(
            Hit(
                row["case_id"],
                row["reference"],
                row["document_id"],
                row["title"],
                row["filename"],
                row["page"],
                snippet(row),
            )
        )
        if limit is not None and len(hits) >= limit:
            break
    return hits


def index_document(
    inspection: Inspection, document_id: str, media_type: str, content: bytes
) -> str:
    """Index one document's text (inside the caller's transaction); its state.

    A document indexed before has its text replaced; a new one (every attached document, and
    those ``index_missing`` finds) is only inserted: removing a document's rows from the FTS
    table scans all of it (its ``document_id`` is not indexed), which made attaching N
    documents take time growing as N squared."""
    extracted = extract(media_type, content)
    db, at = inspection.db, inspection.clock()
    if rows.index_states(db, [document_id]):
        rows.replace_text(db, document_id, extracted.pages, extracted.state, at)
    else:
        text_rows.insert_text(db, document_id, list(extracted.pages), extracted.state, at)
    return extracted.state


class Search:
    """Full-text search of the inspection's documents (``inspection.search``)."""

    def __init__(self, inspection: Inspection) -> None:
        self.inspection = inspection
        self.db = inspection.db

    @reads
    def documents(self, text: str, limit: int | None = PANEL_LIMIT) -> list[Hit]:
        """Matching documents, best first, one hit each (a PDF's best page); SearchError for a
        search that cannot be run."""
        match = fts_query(text)
        terms = search_terms(text)

        def snippet(row: dict) -> str:
            made = make_snippet(row["body"], terms, MARKS)
            return (
                made
                if made is not None
                else rows.fts_snippet(self.db, match, row["position"], MARKS)
            )

        # Listing the best few ranks at most RANKED_AT_MOST matching rows (the first the
        # index holds), so a word in nearly every document answers as fast as a rare one;
        # every match is ranked when fewer match, and for the command line (no limit). Ask
        # for a fifth more rows than hits wanted, and more when a PDF's pages take several
        # places, until there are enough documents or no more rows.
        wanted = None if limit is None else max(1, limit) + max(20, limit // 5)
        at_most = None if limit is None else RANKED_AT_MOST
        while True:
            try:
                found = rows.ranked_matches(self.db, match, wanted, at_most)
            except SQLITE_ERRORS as exc:  # FTS5 refused the expression
                raise SearchError(f"the search {text!r} cannot be run ({exc})") from None
            hits = _best_per_document(found, limit, snippet)
            if wanted is None or len(found) < wanted or len(hits) >= (limit or 0):
                return hits
            wanted *= 4

    @reads
    def case_ids(self, text: str) -> set[str]:
        """Cases with a document matching ``text`` (for the case list's filter)."""
        match = fts_query(text)
        try:
            return rows.matching_case_ids(self.db, match)
        except SQLITE_ERRORS as exc:
            raise SearchError(f"the search {text!r} cannot be run ({exc})") from None

    @writes
    def log_search(self, actor: Assessor | None, text: str, found: int, *, by: str = "") -> None:
        """Log a search (what was searched and how many documents matched) as a consultation,
        in its own transaction; ``by`` says who and where when ``actor`` does not (the command
        line of an unsigned file). A read-only view writes nothing, as for opening a case."""
        if self.inspection.read_only:
            return
        who = f" by {by}" if by and actor is None else ""
        with self.db.atomic():
            self.inspection.audit(
                actor,
                "consultation",
                table="documents",
                field="search",
                new=text,
                detail=f"searched the documents{who}: {found} matching",
            )

    @reads
    def state(self, document_id: str) -> str:
        """Whether the document is searchable, in words ("scanned: not searchable")."""
        state = rows.index_states(self.db, [document_id]).get(document_id)
        return STATE_WORDS.get(state, "not indexed yet") if state else "not indexed yet"

    @reads
    def states(self, document_ids: list[str]) -> dict[str, str]:
        """Each document's index state code (indexed, scanned, image, unreadable)."""
        return rows.index_states(self.db, document_ids) if document_ids else {}

    @reads
    def pages(self, document_id: str) -> list[tuple[int | None, str]]:
        """A document's indexed text by page."""
        return rows.document_pages(self.db, document_id)

    @reads
    def unindexed(self) -> int:
        """How many documents are not in the index yet (a file from before it, a merge)."""
        return rows.unindexed_count(self.db)

    @writes
    def index_missing(
        self, progress: Callable[[int, int], None] | None = None, batch: int = 50
    ) -> int:
        """Index every document not yet indexed, ``batch`` per transaction; how many were.

        ``progress(done, total)`` is called after each batch and may raise Cancelled: what is
        indexed so far stays (the rest is indexed next time). Index rows are derived data, so
        they are not audited.
        """
        pending = text_rows.unindexed_ids(self.db)  # ids only: contents a batch at a time
        total = len(pending)
        done = 0
        for start in range(0, total, batch):
            with self.db.atomic():
                for row in text_rows.contents(self.db, pending[start : start + batch]):
                    index_document(self.inspection, row["id"], row["media_type"], row["content"])
            done = min(total, start + batch)
            if progress is not None:
                try:
                    progress(done, total)
                except Cancelled:
                    return done
        return done
