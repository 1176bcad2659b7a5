"""PDFs for the evidence tests: with a text layer (``auditor.pdftext``), without one, damaged."""

from __future__ import annotations

from auditor.pdftext import text_pdf

__all__ = ["damaged_pdf", "scanned_pdf", "text_pdf"]


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF file of ``objects`` (numbered from 1, the first the catalog), with its xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


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
