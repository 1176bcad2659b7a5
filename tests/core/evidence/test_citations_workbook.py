"""Citations in the workbook: beside each grade's note in Criteria, in the force's Referred back
sheet, nowhere in the redacted workbook; the Citations sheet imports back into a new file (the
same citations) and into the same file (nothing added twice); a bad Citations cell is refused
naming its sheet, row and column."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from auditor.evidence.citations import QUOTE_LIMIT
from auditor.exporting.export import ExportOptions, export_workbook
from auditor.importing.problems import ImportRefused
from auditor.importing.run import import_file
from auditor.inspection import Assessor, Inspection
from auditor.pdftext import text_pdf
from tests.core.evidence.test_citations import PDF_SENTENCE, TEXT_SENTENCE, png
from tests.support.importing import snapshot

CUSTODY, MISSING = "CUS-0101", "MIS-0202"
INSPECTOR, COLLEAGUE = "Robin Invented", "Sam Madeup"
#: A quote that looks like a formula: it must stay text in every cell.
FORMULA_QUOTE = '=HYPERLINK("http://invented.example","see the log")'
RETURN_SENTENCE = "Return interview offered on day 3; the child declined to speak."
TAKEN_BACK = "Released 09:15."
COLLEAGUES_QUOTE = "Arrived 21:40."


def filler(n: int) -> str:
    """A long invented passage, ``QUOTE_LIMIT`` characters, distinct for each ``n``."""
    words = f"Passage {n}: the officer recorded the detention review in detail again. "
    return (words * (QUOTE_LIMIT // len(words) + 1))[:QUOTE_LIMIT].strip()


def minutes() -> bytes:
    items = [f"Item {n}: the invented meeting went through its agenda." for n in range(30)]
    return text_pdf("Strategy discussion minutes", [*items, PDF_SENTENCE, "End of minutes."])


def write_documents(folder: Path) -> Path:
    """The documents folder of the import: one folder per case reference."""
    custody, missing = folder / CUSTODY, folder / MISSING
    custody.mkdir(parents=True)
    missing.mkdir()
    body = f"Custody record (invented).\n{COLLEAGUES_QUOTE}\n{TEXT_SENTENCE}\n{TAKEN_BACK}\n"
    (custody / "custody-record.txt").write_text(body)
    (custody / "minutes.pdf").write_bytes(minutes())
    (custody / "cell-photo.png").write_bytes(png())
    (missing / "return-interview.txt").write_text(f"Return interview.\n{RETURN_SENTENCE}\n")
    return folder


def write_sample(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Cases"
    sheet.append(["Case reference", "Case type", "Summary"])
    sheet.append([CUSTODY, "CUSTODY", "Invented: a 15-year-old detained overnight."])
    sheet.append([MISSING, "MISSING", "Invented: missing from home twice."])
    book.save(path)
    return path


@dataclass(frozen=True)
class Expected:
    """A citation as the test made it, by the names the workbook uses."""

    reference: str
    assessor: str
    criterion: str
    document: str  # file name
    page: int | None
    quote: str
    start: int | None
    region: str | None

    @property
    def line(self) -> str:
        """How the About sheet says Criteria lists it: file name, where, the quote quoted."""
        where = f", p. {self.page}" if self.page else ""
        where += ", a region of the image" if self.region else ""
        quote = " ".join(self.quote.split())
        return f"{self.document}{where}" + (f": “{quote}”" if quote else "")


@dataclass
class Cited:
    """The original inspection, its documents folder, and what the test cited."""

    path: Path
    documents: Path
    standing: list[Expected]  # the exported gradings' standing citations, in the order made
    supervisor: str


def _start(inspection: Inspection, document_id: str, quote: str) -> tuple[int | None, int]:
    inspection.search.index_missing()  # an import's documents are indexed after it
    for page, body in inspection.search.pages(document_id):
        if quote in body:
            return page, body.index(quote)
    raise AssertionError(quote)


def make_cited(tmp: Path) -> Cited:
    documents = write_documents(tmp / "documents")
    path = tmp / "original.caseaudit"
    import_file(path, write_sample(tmp / "sample.xlsx"), INSPECTOR, documents)
    standing: list[Expected] = []
    with Inspection.open(path) as inspection:
        me = inspection.assessor(INSPECTOR, "inspector")
        colleague = inspection.assessor(COLLEAGUE, "inspector")
        supervisor = inspection.assessor("Jo Overseer", "supervisor")
        custody = inspection.case_by_reference(CUSTODY)
        missing = inspection.case_by_reference(MISSING)
        assert custody is not None and missing is not None
        docs = {d.filename: d for d in inspection.documents(custody.id)}
        [interview] = inspection.documents(missing.id)
        desk, grading = inspection.citations, inspection.grading

        def cite(actor: Assessor, case: Any, criterion: str, filename: str, **kw: Any) -> Any:
            document = docs.get(filename) or interview
            made = desk.cite(actor, case.id, criterion, document.id, **kw)
            if actor is me:
                region = ",".join(f"{v:.4f}" for v in kw["region"]) if "region" in kw else None
                standing.append(
                    Expected(
                        case.reference,
                        INSPECTOR,
                        criterion,
                        filename,
                        kw.get("page"),
                        kw.get("quote", ""),
                        kw.get("start"),
                        region,
                    )
                )
            return made

        grading.set_grade(custody.id, me, "voice_of_child", "inadequate")
        grading.set_note(custody.id, me, "voice_of_child", "The child's voice is absent.")
        _page, start = _start(inspection, docs["custody-record.txt"].id, TEXT_SENTENCE)
        cite(me, custody, "voice_of_child", "custody-record.txt", quote=TEXT_SENTENCE, start=start)
        page, start = _start(inspection, docs["minutes.pdf"].id, PDF_SENTENCE)
        pdf = {"quote": PDF_SENTENCE, "page": page, "start": start}
        cite(me, custody, "custody_healthcare", "minutes.pdf", **pdf)
        photo = {"region": (0.25, 0.1, 0.5, 0.75)}
        cite(me, custody, "custody_appropriate_adult", "cell-photo.png", **photo)
        cite(me, custody, "supervision", "custody-record.txt", quote=FORMULA_QUOTE)
        # nine long passages for one criterion: more than one cell holds (continued parts)
        for n in range(9):
            cite(me, custody, "merlin_timeliness", "custody-record.txt", quote=filler(n))
        gone = cite(me, custody, "voice_of_child", "custody-record.txt", quote=TAKEN_BACK)
        standing.remove(next(e for e in standing if e.quote == TAKEN_BACK))
        desk.remove(me, gone.id)
        # a citation only (no grade yet) of the missing case's grading
        cite(me, missing, "missing_return_interview", "return-interview.txt", quote=RETURN_SENTENCE)
        # a colleague's grading of the custody case is not the one exported (the inspector's
        # has an overall grade): its citation is in no workbook
        cite(colleague, custody, "voice_of_child", "custody-record.txt", quote=COLLEAGUES_QUOTE)
        for criterion in inspection.framework.criteria_for("CUSTODY"):  # complete, to refer
            grading.set_grade(custody.id, me, criterion.id, "inadequate")
        grading.set_overall(custody.id, me, "inadequate")
        grading.set_referral(custody.id, me, "child_at_risk", "Invented: no appropriate adult.")
        item = next(i for i in inspection.review.queue() if i.case.id == custody.id)
        inspection.review.confirm_referral(item.assessment.id, supervisor)
    return Cited(path, documents, standing, "Jo Overseer")


@pytest.fixture
def cited(tmp_path: Path) -> Cited:
    return make_cited(tmp_path)


def export(path: Path, out: Path, **options: Any) -> Path:
    with Inspection.open(path) as inspection:
        export_workbook(inspection, out, ExportOptions(**options))
    return out


def grade_table(sheet: Any) -> list[dict[str, Any]]:
    """The Criteria sheet's table of criterion grades, each row by its headings."""
    rows = list(sheet.iter_rows(values_only=True))
    top = next(i for i, r in enumerate(rows) if r[0] == "Case reference")
    headings = rows[top]
    return [dict(zip(headings, r, strict=False)) for r in rows[top + 1 :] if r[0]]


def joined(row: dict[str, Any], heading: str) -> str | None:
    """A column's text with its continuation parts ('<heading> (part 2)', …) joined."""
    parts = [row.get(heading)]
    number = 2
    while f"{heading} (part {number})" in row:
        parts.append(row[f"{heading} (part {number})"])
        number += 1
    text = "".join(p for p in parts if p)
    return text or None


def test_criteria_lists_each_grades_citations_beside_its_note(cited: Cited, tmp_path: Path) -> None:
    book = load_workbook(export(cited.path, tmp_path / "full.xlsx"))
    rows = grade_table(book["Criteria"])
    listed = {(r["Case reference"], r["Criterion id"]): r for r in rows}
    wanted: dict[tuple[str, str], list[str]] = {}
    for e in cited.standing:
        wanted.setdefault((e.reference, e.criterion), []).append(e.line)
    for key, lines in wanted.items():
        assert joined(listed[key], "Citations") == "\n".join(lines), key
    voice = listed[(CUSTODY, "voice_of_child")]
    assert (voice["Grade"], voice["Note"]) == ("Inadequate", "The child's voice is absent.")
    # a criterion only cited (not graded) is listed too
    assert listed[(MISSING, "missing_return_interview")]["Grade"] is None
    # nine passages of 4,000 characters: the column continues in a part column
    headings = list(rows[0])
    assert "Citations (part 2)" in headings
    assert headings.index("Citations (part 2)") == headings.index("Citations") + 1
    every = "\n".join(str(c) for r in book["Criteria"].iter_rows(values_only=True) for c in r)
    assert TAKEN_BACK not in every and COLLEAGUES_QUOTE not in every
    about = {r[0]: r[1] for r in book["About"].iter_rows(values_only=True)}
    assert "Citations column" in about["Citations"] and "one a line" in about["Citations"]
    # the quote that looks like a formula is text wherever it is written
    sheet = book["Citations"]
    quotes = [c for row in sheet.iter_rows(min_row=2) for c in row if c.value == FORMULA_QUOTE]
    assert quotes and all(c.data_type == "s" for c in quotes)
    for row in book["Criteria"].iter_rows():
        assert all(c.data_type != "f" for c in row)


def test_the_citations_sheet_is_the_import_layout(cited: Cited, tmp_path: Path) -> None:
    book = load_workbook(export(cited.path, tmp_path / "full.xlsx"))
    sheet = book["Citations"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "Case reference",
        "Assessor",
        "Criterion",
        "Document",
        "Page",
        "Quote",
        "Start",
        "Region",
    )
    got = [
        Expected(*(v if v is not None else _blank(i) for i, v in enumerate(r))) for r in rows[1:]
    ]
    assert sorted(got, key=repr) == sorted(cited.standing, key=repr)


def _blank(column: int) -> Any:
    return "" if column == 5 else None  # a blank quote is ""; other blanks None


def test_the_force_workbook_lists_the_citations_beside_the_notes(
    cited: Cited, tmp_path: Path
) -> None:
    book = load_workbook(export(cited.path, tmp_path / "force.xlsx", for_force=True))
    assert "Citations" not in book.sheetnames
    sheet = book["Referred back"]
    headings = [c.value for c in sheet[1]]
    assert headings.index("Citations") == headings.index("Evidence notes") + 1
    [row] = [dict(zip(headings, r, strict=True)) for r in sheet.iter_rows(2, values_only=True)]
    assert row["Case reference"] == CUSTODY
    titles = {
        "voice_of_child": "Voice of the child",
        "supervision": "Supervision",
        "merlin_timeliness": "Merlin timeliness",
        "custody_appropriate_adult": "Appropriate adult",
        "custody_healthcare": "Healthcare referral",
    }
    order = list(titles)  # the framework's order of these criteria
    mine = sorted(
        (e for e in cited.standing if e.reference == CUSTODY),
        key=lambda e: order.index(e.criterion),
    )
    wanted = "\n".join(f"{titles[e.criterion]}: {e.line}" for e in mine)
    assert joined(row, "Citations") == wanted
    assert "Voice of the child (Inadequate): The child's voice is absent." in row["Evidence notes"]
    every = "\n".join(str(c) for s in book for r in s.iter_rows(values_only=True) for c in r)
    assert RETURN_SENTENCE not in every  # the missing case was not referred back


def test_the_redacted_workbook_holds_no_citation(cited: Cited, tmp_path: Path) -> None:
    book = load_workbook(export(cited.path, tmp_path / "redacted.xlsx", redact=True))
    assert "Citations" not in book.sheetnames
    quotes = [e.quote for e in cited.standing if e.quote] + [TAKEN_BACK, COLLEAGUES_QUOTE]
    names = {e.document for e in cited.standing}
    for sheet in book:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                text = str(value) if value is not None else ""
                # the first 30 characters of each: a long text could be split over cells
                assert not any(q[:30] in text for q in quotes), (sheet.title, text)
                assert not any(n in text for n in names), (sheet.title, text)
    headings = {c for r in book["Criteria"].iter_rows(values_only=True) for c in r}
    assert "Citations" not in headings
    about = {r[0]: r[1] for r in book["About"].iter_rows(values_only=True)}
    assert "Left out" in about["Citations"]


def citations_of(path: Path) -> list[Expected]:
    """Every standing citation of the file, by the names the workbook uses."""
    out = []
    with Inspection.open(path) as inspection:
        names = {a.id: a.name for a in inspection.assessors()}
        for row in inspection.case_list():
            case = inspection.case(row[0])
            files = {d.id: d.filename for d in inspection.documents(case.id)}
            for c in inspection.citations.for_case(case.id):
                region = ",".join(f"{v:.4f}" for v in c.region) if c.region else None
                out.append(
                    Expected(
                        case.reference,
                        names[c.assessor_id],
                        c.criterion_id,
                        files[c.document_id],
                        c.page,
                        c.quote,
                        c.start,
                        region,
                    )
                )
    return out


def test_export_then_import_into_a_new_file_gives_the_same_citations(
    cited: Cited, tmp_path: Path
) -> None:
    full = export(cited.path, tmp_path / "full.xlsx")
    copy = tmp_path / "copy.caseaudit"
    report = import_file(copy, full, "Lee Importer", cited.documents)
    assert report.citations == len(cited.standing)
    assert f"{len(cited.standing)} citations of case documents added" in report.lines()
    assert sorted(citations_of(copy), key=repr) == sorted(cited.standing, key=repr)
    with Inspection.open(copy) as inspection:  # each one an edit with its ledger row
        entries = [e for e in inspection.log.entries() if e.field.endswith(".citation")]
        assert len(entries) == len(cited.standing)
        missing = inspection.case_by_reference(MISSING)
        graded = inspection.grading.assessments(missing.id)
        assert [a.status for a in graded] == ["not_started"]  # started by its citation only
    # importing the same workbook again adds nothing
    before = snapshot(copy)
    again = import_file(copy, full, "Lee Importer", cited.documents)
    assert again.citations == 0 and snapshot(copy) == before
    # and the copy exports the same Citations sheet
    second = load_workbook(export(copy, tmp_path / "second.xlsx"))
    first = load_workbook(full)
    for title in ("Citations", "Criteria"):
        a = list(first[title].iter_rows(values_only=True))
        b = list(second[title].iter_rows(values_only=True))
        assert a == b, title


def test_importing_the_export_into_its_own_file_adds_nothing(cited: Cited, tmp_path: Path) -> None:
    full = export(cited.path, tmp_path / "own.xlsx")
    before = snapshot(cited.path)
    report = import_file(cited.path, full, INSPECTOR, cited.documents)
    assert report.citations == 0
    assert report.lines()[0].startswith("Nothing changed")
    assert snapshot(cited.path) == before  # the citation taken back is not brought back


def citations_workbook(path: Path, rows: list[list[Any]]) -> Path:
    book = Workbook()
    cases = book.active
    cases.title = "Cases"
    cases.append(["Case reference", "Case type"])
    cases.append([CUSTODY, "CUSTODY"])
    cases.append([MISSING, "MISSING"])
    sheet = book.create_sheet("Citations")
    sheet.append(
        ["Case reference", "Assessor", "Criterion", "Document", "Page", "Quote", "Start", "Region"]
    )
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


BAD_ROWS: dict[str, tuple[list[Any], str]] = {
    "unknown case": (
        ["CUS-9999", INSPECTOR, "voice_of_child", "custody-record.txt", None, "x"],
        "Citations, row 2, Case reference: 'CUS-9999' is not a case in the Cases sheet",
    ),
    "unknown criterion": (
        [CUSTODY, INSPECTOR, "voice_of_the_dog", "custody-record.txt", None, "x"],
        "Citations, row 2, Criterion: 'voice_of_the_dog' is not a criterion of this framework",
    ),
    "criterion not applying": (
        [CUSTODY, INSPECTOR, "missing_trigger_plan", "custody-record.txt", None, "x"],
        "Citations, row 2, Criterion: 'missing_trigger_plan' does not apply to "
        "'Children in police custody' cases",
    ),
    "a document of another case": (
        [CUSTODY, INSPECTOR, "voice_of_child", "return-interview.txt", None, "x"],
        "Citations, row 2, Document: 'return-interview.txt' is not a document of CUS-0101 "
        "(its documents: cell-photo.png, custody-record.txt, minutes.pdf)",
    ),
    "page not a number": (
        [CUSTODY, INSPECTOR, "voice_of_child", "minutes.pdf", "two", "x"],
        "Citations, row 2, Page: 'two' is not a whole number",
    ),
    "page 0": (
        [CUSTODY, INSPECTOR, "voice_of_child", "minutes.pdf", 0, "x"],
        "Citations, row 2, Page: 0 is below 1",
    ),
    "no page for a PDF passage": (
        [CUSTODY, INSPECTOR, "voice_of_child", "minutes.pdf", None, "x"],
        "Citations, row 2, Page: say which page of the PDF the passage is on (minutes.pdf)",
    ),
    "a negative start": (
        [CUSTODY, INSPECTOR, "voice_of_child", "custody-record.txt", None, "x", -1],
        "Citations, row 2, Start: -1 is below 0",
    ),
    "a region that is not one": (
        [CUSTODY, INSPECTOR, "voice_of_child", "cell-photo.png", None, None, None, "0.1,0.2"],
        "Citations, row 2, Region: '0.1,0.2' is not a region: four numbers x,y,width,height",
    ),
    "a region outside the image": (
        [
            CUSTODY,
            INSPECTOR,
            "voice_of_child",
            "cell-photo.png",
            None,
            None,
            None,
            "0.5,0.5,0.6,0.1",
        ],
        "Citations, row 2, Region: the region must lie within the image",
    ),
    "nothing cited": (
        [CUSTODY, INSPECTOR, "voice_of_child", "custody-record.txt"],
        "Citations, row 2, Quote: select the passage to cite first",
    ),
    "a quote over the limit": (
        [CUSTODY, INSPECTOR, "voice_of_child", "custody-record.txt", None, "y" * (QUOTE_LIMIT + 1)],
        f"Citations, row 2, Quote: the passage is {QUOTE_LIMIT + 1:,} characters",
    ),
    "a blank document": (
        [CUSTODY, INSPECTOR, "voice_of_child", None, None, "x"],
        "Citations, row 2, Document: is blank",
    ),
}


@pytest.fixture
def plain_documents(tmp_path: Path) -> Path:
    return write_documents(tmp_path / "docs")


@pytest.mark.parametrize("kind", list(BAD_ROWS))
def test_a_bad_citations_cell_is_refused_naming_it(
    kind: str, tmp_path: Path, plain_documents: Path
) -> None:
    row, expected = BAD_ROWS[kind]
    source = citations_workbook(tmp_path / "bad.xlsx", [row])
    target = tmp_path / "new.caseaudit"
    with pytest.raises(ImportRefused) as refused:
        import_file(target, source, INSPECTOR, plain_documents)
    lines = refused.value.problems.lines()
    assert any(line.startswith(expected) for line in lines), lines
    assert not target.exists()


def test_a_document_is_found_by_its_title_too(tmp_path: Path, plain_documents: Path) -> None:
    row = [CUSTODY, "", "Voice of the child", "custody-record", None, TEXT_SENTENCE]
    source = citations_workbook(tmp_path / "titles.xlsx", [row])
    target = tmp_path / "new.caseaudit"
    report = import_file(target, source, "Lee Importer", plain_documents)
    assert report.citations == 1
    [got] = citations_of(target)
    assert (got.assessor, got.criterion, got.document, got.quote) == (
        "Lee Importer",  # a blank Assessor is the person importing
        "voice_of_child",
        "custody-record.txt",
        TEXT_SENTENCE,
    )


def test_a_citation_of_a_document_already_in_the_inspection(cited: Cited, tmp_path: Path) -> None:
    quote = "Arrived 21:40."  # cited by the colleague only, so new to the inspector's grading
    row = [CUSTODY, INSPECTOR, "custody_reviews_and_certificate", "custody-record.txt", None, quote]
    source = citations_workbook(tmp_path / "later.xlsx", [row, row])  # the same row twice
    report = import_file(cited.path, source, INSPECTOR)  # no documents folder this time
    assert report.citations == 1
    mine = [c for c in citations_of(cited.path) if c.assessor == INSPECTOR]
    assert [c.criterion for c in mine if c.quote == quote] == ["custody_reviews_and_certificate"]
