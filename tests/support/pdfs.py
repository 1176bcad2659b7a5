"""PDFs for the evidence tests: with a text layer (``auditor.pdftext``), without one, damaged."""

from __future__ import annotations

from auditor.pdftext import pdf_file as _pdf
from auditor.pdftext import text_pdf

__all__ = ["damaged_pdf", "scanned_pdf", "text_pdf"]


def scanned_pdf(pages: int = 1) -> bytes:
    """A valid PDF whose pages hold no text, only a filled grey rectangle each (as a scan's
    image would be: something on the page, nothing to select)."""
    stream = b"0.6 g 56 56 483 730 re f"
    content = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
    first_page = 4
    kids = " ".join(f"{first_page + i} 0 R" for i in range(pages)).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        content,
    ]
    for _ in range(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>")
    return _pdf(objects)


def damaged_pdf() -> bytes:
    """A file that starts as a PDF and then is cut off and overwritten (a failed copy)."""
    whole = text_pdf("Damaged record", ["This text is never read back."])
    return whole[:40] + b"\x00\xff" * 64
