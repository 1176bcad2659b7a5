"""The framework's words in the workbook: the inspected body ("the force", "the service"), its
referral and external grade, as the sheets' headings and sentences use them."""

from __future__ import annotations

from auditor.framework import Words
from auditor.grading.rules import body_heading, body_noun

__all__ = ["FOR_BODY", "body_heading", "body_noun", "kind_label"]

#: The kind of workbook made for the inspected body (``ExportOptions.kind``).
FOR_BODY = "for the force"


def kind_label(kind: str, words: Words) -> str:
    """A workbook kind as the About sheet and page headers name it ("for the service")."""
    return f"for {words.inspected_body}" if kind == FOR_BODY else kind
