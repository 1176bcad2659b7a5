"""The citations desk (``inspection.citations``): citing a passage of a text document, of a PDF
page and a region of an image, each an edit with its ledger row; taking back and restoring;
what it refuses (writing nothing); and that citing starts the grading but not its status."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlcipher3 import dbapi2 as sqlite3  # the workstation's own SQLite library

from auditor.errors import GradingError
from auditor.evidence.citations import QUOTE_LIMIT
from auditor.inspection import Assessor, Inspection
from auditor.pdftext import text_pdf
from auditor.records import Case, Document

#: A sentence the PDF holds on its second page only (its first page is filler).
PDF_SENTENCE = "The strategy discussion did not include the school nurse or the GP."
TEXT_SENTENCE = "Officer noted that the child was not seen or spoken to alone."


def png(width: int = 4, height: int = 3) -> bytes:
    """A real (tiny, grey) PNG image."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(pixels))
        + chunk(b"IEND", b"")
    )


def minutes_pdf() -> bytes:
    """Strategy minutes: a page of filler, then the sentence on page 2."""
    filler = [f"Item {n}: the invented meeting went through its agenda." for n in range(30)]
    return text_pdf("Strategy discussion minutes", [*filler, PDF_SENTENCE, "End of minutes."])


@dataclass
class Material:
    """An inspection with two cases, their documents and two inspectors."""

    inspection: Inspection
    inspector: Assessor
    colleague: Assessor
    custody: Case
    missing: Case
    record: Document  # custody: a text document
    minutes: Document  # custody: a PDF
    photo: Document  # custody: an image
    other_case_record: Document  # missing: a text document


def make_material(path: Path) -> Material:
    inspection = Inspection.create(path, name="Invented citations inspection")
    inspector = inspection.assessor("Robin Invented", "inspector")
    colleague = inspection.assessor("Sam Madeup", "inspector")
    custody = inspection.add_case(
        inspector, reference="CUS-0101", case_type="CUSTODY", summary="Invented detention."
    )
    missing = inspection.add_case(inspector, reference="MIS-0202", case_type="MISSING")
    body = f"Custody record (invented).\nArrived 21:40.\n{TEXT_SENTENCE}\nReleased 09:15.\n"
    record = inspection.add_document(inspector, custody.id, "custody-record.txt", body.encode())
    minutes = inspection.add_document(inspector, custody.id, "minutes.pdf", minutes_pdf())
    photo = inspection.add_document(inspector, custody.id, "cell-photo.png", png())
    other = inspection.add_document(
        inspector, missing.id, "return-interview.txt", b"Return interview (invented).\n"
    )
    return Material(
        inspection, inspector, colleague, custody, missing, record, minutes, photo, other
    )


@pytest.fixture
def material(tmp_path: Path) -> Iterator[Material]:
    made = make_material(tmp_path / "citations.caseaudit")
    yield made
    made.inspection.close()


def where_on_page(inspection: Inspection, document: Document, quote: str) -> tuple[int | None, int]:
    """(page, start) of ``quote`` in the document's text as the index holds it."""
    for page, body in inspection.search.pages(document.id):
        if quote in body:
            return page, body.index(quote)
    raise AssertionError(f"{quote!r} is not in {document.title}")


def ledger(inspection: Inspection, **where: str) -> list[dict[str, Any]]:
    """The audit log's rows (read with SQL, oldest first), those matching ``where``."""
    conn = sqlite3.connect(inspection.path)
    conn.row_factory = sqlite3.Row
    try:
        rows = [dict(r) for r in conn.execute("SELECT * FROM audit_log ORDER BY rowid")]
    finally:
        conn.close()
    return [r for r in rows if all(r[k] == v for k, v in where.items())]


def stored(inspection: Inspection) -> list[dict[str, Any]]:
    """The citations table as stored, read with SQL."""
    conn = sqlite3.connect(inspection.path)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute("SELECT * FROM citations ORDER BY rowid")]
    finally:
        conn.close()


def test_citing_a_passage_of_a_text_document(material: Material) -> None:
    m = material
    page, start = where_on_page(m.inspection, m.record, TEXT_SENTENCE)
    assert page is None  # a text document is one "page" without a number
    cited = m.inspection.citations.cite(
        m.inspector, m.custody.id, "voice_of_child", m.record.id, quote=TEXT_SENTENCE, start=start
    )
    assert (cited.case_id, cited.assessor_id, cited.criterion_id) == (
        m.custody.id,
        m.inspector.id,
        "voice_of_child",
    )
    assert (cited.document_id, cited.document_title) == (m.record.id, "custody-record")
    assert (cited.page, cited.quote, cited.start) == (None, TEXT_SENTENCE, start)
    assert cited.region is None
    assert cited.cited_by == "Robin Invented"
    assert cited.where == ""
    assert cited.label() == f"custody-record: “{TEXT_SENTENCE}”"
    passage = cited.passage
    assert (passage.case_id, passage.document_id, passage.quote, passage.start) == (
        m.custody.id,
        m.record.id,
        TEXT_SENTENCE,
        start,
    )
    assert m.inspection.citations.for_case(m.custody.id) == [cited]
    assert m.inspection.citations.by_criterion(m.custody.id) == {"voice_of_child": [cited]}
    assert m.inspection.citations.for_case(m.custody.id, m.colleague.id) == []
    [row] = ledger(m.inspection, record_table="citations")
    assert row["record_id"] == cited.id
    assert (row["kind"], row["actor_id"], row["case_id"]) == (
        "alteration",
        m.inspector.id,
        m.custody.id,
    )
    assert (row["field"], row["old_value"], row["new_value"]) == (
        "voice_of_child.citation",
        None,
        TEXT_SENTENCE,
    )
    assert row["detail"] == "cited custody-record"


def test_citing_a_passage_of_a_pdf_page(material: Material) -> None:
    m = material
    page, start = where_on_page(m.inspection, m.minutes, PDF_SENTENCE)
    assert page == 2  # the test's PDF really put it on its second page
    cited = m.inspection.citations.cite(
        m.inspector,
        m.custody.id,
        "custody_healthcare",
        m.minutes.id,
        quote=PDF_SENTENCE,
        page=page,
        start=start,
    )
    assert (cited.page, cited.start, cited.quote) == (2, start, PDF_SENTENCE)
    assert cited.media_type == "application/pdf"
    assert cited.where == "p. 2"
    assert cited.label(30) == "minutes, p. 2: “The strategy discussion did n…”"
    assert cited.passage.page == 2
    [row] = ledger(m.inspection, record_table="citations")
    assert (row["record_id"], row["field"], row["new_value"], row["detail"]) == (
        cited.id,
        "custody_healthcare.citation",
        PDF_SENTENCE,
        "cited minutes, p. 2",
    )
    [kept] = stored(m.inspection)
    assert (kept["page"], kept["start"], kept["quote"], kept["removed"]) == (
        2,
        start,
        PDF_SENTENCE,
        0,
    )


def test_citing_a_region_of_an_image(material: Material) -> None:
    m = material
    region = (0.25, 0.1, 0.5, 0.75)
    cited = m.inspection.citations.cite(
        m.inspector, m.custody.id, "custody_appropriate_adult", m.photo.id, region=region
    )
    assert cited.region == region and cited.quote == "" and cited.page is None
    assert cited.where == "a region of the image"
    assert cited.label() == "cell-photo, a region of the image"
    assert cited.passage.region == region
    [row] = ledger(m.inspection, record_table="citations")
    assert row["new_value"] == "0.2500,0.1000,0.5000,0.7500"
    assert row["detail"] == "cited cell-photo, a region"


def test_the_blank_around_a_selection_is_left_out_and_its_start_follows(
    material: Material,
) -> None:
    m = material
    _page, start = where_on_page(m.inspection, m.record, TEXT_SENTENCE)
    selected = "\n  " + TEXT_SENTENCE + " \n"  # a selection running over the line breaks
    cited = m.inspection.citations.cite(
        m.inspector,
        m.custody.id,
        "voice_of_child",
        m.record.id,
        quote=selected,
        start=start - 3,  # where the selection began, before its blank
    )
    assert (cited.quote, cited.start) == (TEXT_SENTENCE, start)


def test_taking_back_and_restoring(material: Material) -> None:
    m = material
    desk = m.inspection.citations
    cited = desk.cite(
        m.inspector, m.custody.id, "voice_of_child", m.record.id, quote=TEXT_SENTENCE, start=0
    )
    desk.remove(m.inspector, cited.id)
    assert desk.for_case(m.custody.id) == [] and desk.get(cited.id) is None
    assert [r["removed"] for r in stored(m.inspection)] == [1]  # kept, marked removed
    desk.remove(m.inspector, cited.id)  # already taken back: nothing more is written
    desk.restore(m.inspector, cited.id)
    assert desk.for_case(m.custody.id) == [cited] and desk.get(cited.id) == cited
    assert [r["removed"] for r in stored(m.inspection)] == [0]
    rows = ledger(m.inspection, record_table="citations", record_id=cited.id)
    assert [(r["field"], r["old_value"], r["new_value"], r["detail"]) for r in rows] == [
        ("voice_of_child.citation", None, TEXT_SENTENCE, "cited custody-record"),
        ("voice_of_child.removed", "0", "1", "citation taken back"),
        ("voice_of_child.removed", "1", "0", "citation restored"),
    ]
    assert all(r["actor_id"] == m.inspector.id and r["case_id"] == m.custody.id for r in rows)


def test_citations_are_in_the_file_after_reopening(tmp_path: Path) -> None:
    made = make_material(tmp_path / "kept.caseaudit")
    cited = made.inspection.citations.cite(
        made.inspector, made.custody.id, "voice_of_child", made.record.id, quote=TEXT_SENTENCE
    )
    made.inspection.close()
    with Inspection.open(tmp_path / "kept.caseaudit") as again:
        assert again.citations.for_case(made.custody.id) == [cited]


def _refusals(m: Material) -> list[tuple[str, dict[str, Any], str]]:
    """(what, the cite's arguments, words the refusal says)."""
    base = {
        "case_id": m.custody.id,
        "criterion_id": "voice_of_child",
        "document_id": m.record.id,
        "quote": TEXT_SENTENCE,
    }
    return [
        (
            "a criterion not applying to the case type",
            {**base, "criterion_id": "missing_trigger_plan"},
            "does not apply to 'Children in police custody' cases",
        ),
        (
            "a criterion the framework does not have",
            {**base, "criterion_id": "made_up"},
            "'made_up' is not a criterion of this framework",
        ),
        (
            "a document of another case",
            {**base, "document_id": m.other_case_record.id},
            "is not a document of this case",
        ),
        ("nothing selected", {**base, "quote": ""}, "nothing is selected"),
        ("only blank selected", {**base, "quote": " \n\t "}, "nothing is selected"),
        (
            "a region reaching outside the image",
            {**base, "document_id": m.photo.id, "quote": "", "region": (0.6, 0.2, 0.5, 0.3)},
            "the region must lie within the image",
        ),
        (
            "a region starting outside the image",
            {**base, "document_id": m.photo.id, "quote": "", "region": (-0.1, 0.2, 0.3, 0.3)},
            "the region must lie within the image",
        ),
        (
            "an empty region",
            {**base, "document_id": m.photo.id, "quote": "", "region": (0.2, 0.2, 0.0, 0.3)},
            "the region must lie within the image",
        ),
        (
            "a quote over the limit",
            {**base, "quote": "x" * (QUOTE_LIMIT + 1)},
            f"the passage is {QUOTE_LIMIT + 1:,} characters; cite at most {QUOTE_LIMIT:,}",
        ),
        (
            "a PDF passage without its page",
            {**base, "document_id": m.minutes.id, "quote": PDF_SENTENCE},
            "say which page of the PDF",
        ),
        (
            "page 0 of a PDF",
            {**base, "document_id": m.minutes.id, "quote": PDF_SENTENCE, "page": 0},
            "page 0 is not a page of the document",
        ),
        ("a page of a text document", {**base, "page": 2}, "only a PDF has pages"),
        ("a negative start", {**base, "start": -4}, "cannot start at -4"),
        (
            "text selected in an image",
            {**base, "document_id": m.photo.id, "quote": "grey"},
            "draw the region to cite",
        ),
        (
            "a region in a text document",
            {**base, "quote": "", "region": (0.1, 0.1, 0.2, 0.2)},
            "in a text document, select the text",
        ),
    ]


@pytest.mark.parametrize("index", range(15))
def test_refusals_say_why_and_write_nothing(material: Material, index: int) -> None:
    m = material
    cases = _refusals(m)
    assert len(cases) == 15
    _what, arguments, words = cases[index]
    before = (stored(m.inspection), ledger(m.inspection))
    with pytest.raises(GradingError) as refused:
        m.inspection.citations.cite(m.inspector, **arguments)
    assert words in str(refused.value)
    assert (stored(m.inspection), ledger(m.inspection)) == before
    assert m.inspection.grading.assessment(m.custody.id, m.inspector.id) is None


def test_a_quote_of_exactly_the_limit_is_kept_whole(material: Material) -> None:
    m = material
    quote = "y" * QUOTE_LIMIT
    cited = m.inspection.citations.cite(
        m.inspector, m.custody.id, "voice_of_child", m.record.id, quote=quote
    )
    assert cited.quote == quote


def test_someone_elses_citation_cannot_be_taken_back_or_restored(material: Material) -> None:
    m = material
    desk = m.inspection.citations
    cited = desk.cite(m.inspector, m.custody.id, "voice_of_child", m.record.id, quote="not seen")
    before = (stored(m.inspection), ledger(m.inspection))
    with pytest.raises(GradingError, match="only the person who graded can change it"):
        desk.remove(m.colleague, cited.id)
    assert (stored(m.inspection), ledger(m.inspection)) == before
    desk.remove(m.inspector, cited.id)
    before = (stored(m.inspection), ledger(m.inspection))
    with pytest.raises(GradingError, match="only the person who graded can change it"):
        desk.restore(m.colleague, cited.id)
    assert (stored(m.inspection), ledger(m.inspection)) == before
    with pytest.raises(GradingError, match="no citation 'nope' in this inspection"):
        desk.remove(m.inspector, "nope")


def test_citing_starts_the_grading_but_leaves_it_not_started(material: Material) -> None:
    m = material
    grading = m.inspection.grading
    assert grading.assessment(m.custody.id, m.inspector.id) is None
    first = m.inspection.citations.cite(
        m.inspector, m.custody.id, "voice_of_child", m.record.id, quote="not seen"
    )
    assessment = grading.assessment(m.custody.id, m.inspector.id)
    assert assessment is not None and assessment.status == "not_started"
    assert assessment.grades == {}
    started = ledger(m.inspection, record_table="assessments", detail="assessment started")
    assert [(r["record_id"], r["actor_id"], r["new_value"]) for r in started] == [
        (assessment.id, m.inspector.id, "Robin Invented")
    ]
    second = m.inspection.citations.cite(
        m.inspector, m.custody.id, "custody_healthcare", m.photo.id, region=(0, 0, 1, 1)
    )
    assert grading.assessment(m.custody.id, m.inspector.id).status == "not_started"
    assert len(ledger(m.inspection, detail="assessment started")) == 1  # the same grading
    assert not ledger(m.inspection, field="status")  # no change of status was logged
    # a citation belongs to its grading: the colleague's grading of the case is their own
    assert m.inspection.citations.for_case(m.custody.id, m.inspector.id) == [second, first]
