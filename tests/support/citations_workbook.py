"""The cited inspection the citations-workbook tests share: two invented cases, their documents
folder, and citations of every kind (a text passage, a PDF page, an image region, a formula-like
quote, long passages, one taken back, a colleague's), with what each should read in a workbook."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from auditor.evidence.citations import QUOTE_LIMIT
from auditor.exporting.export import ExportOptions, export_workbook
from auditor.importing.run import import_file
from auditor.inspection import Assessor, Inspection
from auditor.pdftext import text_pdf
from tests.core.evidence.test_citations import PDF_SENTENCE, TEXT_SENTENCE, png

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


def export(path: Path, out: Path, **options: Any) -> Path:
    with Inspection.open(path) as inspection:
        export_workbook(inspection, out, ExportOptions(**options))
    return out
