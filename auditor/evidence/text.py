"""The text of a document, by page, for the full-text index and risk words.

PDF text comes from pypdfium2 (the PDFium engine, as the window's Qt PDF reader uses): chosen
over pypdf because it is several times faster on long case files, reads damaged files as a
browser would, and gives the same characters the reader selects. A PDF whose pages hold no
text is *scanned*: not searchable, and said so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

INDEXED = "indexed"
SCANNED = "scanned"
IMAGE = "image"
UNREADABLE = "unreadable"
#: What each state means, as the window and the command line say it.
STATE_WORDS = {
    INDEXED: "searchable",
    SCANNED: "scanned: not searchable",
    IMAGE: "an image: not searchable",
    UNREADABLE: "unreadable: not searchable",
}


#: Control characters other than tab and line breaks: never indexed (a snippet's marks are two
#: of them, and a terminal would act on others), each replaced by one space so that offsets
#: into the text stay those of the document's own text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def searchable(text: str) -> str:
    """``text`` with its control characters (not tab, not line breaks) as spaces, one for one."""
    return _CONTROL.sub(" ", text)


@dataclass(frozen=True)
class Extracted:
    """A document's text by page (page None for a text document) and its index state."""

    state: str
    pages: tuple[tuple[int | None, str], ...] = ()


def extract(media_type: str, content: bytes) -> Extracted:
    """The text of a document's content, by its media type."""
    if media_type == "text/plain":
        return Extracted(INDEXED, ((None, searchable(decode_text(content))),))
    if media_type == "application/pdf":
        return _pdf(content)
    return Extracted(IMAGE)


def decode_text(content: bytes) -> str:
    """A text document's characters as the reader shows them (UTF-8, else Windows-1252)."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def _pdf(content: bytes) -> Extracted:
    # Loaded when a PDF is first indexed, as openpyxl and pandas are when first used: PDFium
    # costs about 60 ms at start-up, which a window showing a case should not wait for.
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(content)
    except pypdfium2.PdfiumError:
        return Extracted(UNREADABLE)
    try:
        pages = []
        for number in range(len(document)):
            page = document[number]
            try:
                textpage = page.get_textpage()
                try:
                    pages.append((number + 1, searchable(textpage.get_text_range())))
                finally:
                    textpage.close()
            finally:
                page.close()
    except pypdfium2.PdfiumError:
        return Extracted(UNREADABLE)
    finally:
        document.close()
    if not any(text.strip() for _page, text in pages):
        return Extracted(SCANNED)
    return Extracted(INDEXED, tuple(pages))
