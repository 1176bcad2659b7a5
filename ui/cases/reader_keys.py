"""The document reader's keys, as the shortcut list shows them (apart from the reader, which
loads QtPdf: the shortcut list is built at start-up, the reader when a document is read)."""

from __future__ import annotations

READER_KEYS = (
    ("Ctrl+=", "zoom in"),
    ("Ctrl+-", "zoom out"),
    ("Ctrl+0", "fit the width"),
    ("Ctrl+9", "fit the page"),
    ("Alt+PgDown / Alt+PgUp", "next / previous page"),
    ("Alt+T", "a PDF page's text, to select and cite (again: the page)"),
)
