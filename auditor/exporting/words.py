"""The framework's words in the workbook: the inspected body ("the force", "the service"), its
referral and external grade, as the sheets' headings and sentences use them."""

from __future__ import annotations

from auditor.framework import Words

ARTICLES = ("the ", "a ", "an ")
#: The kind of workbook made for the inspected body (``ExportOptions.kind``).
FOR_BODY = "for the force"


def body_noun(words: Words) -> str:
    """The inspected body without its article, lower case as written: "force", "service"."""
    text = words.inspected_body.strip()
    for article in ARTICLES:
        if text.casefold().startswith(article):
            return text[len(article) :]
    return text


def body_heading(words: Words) -> str:
    """The inspected body as a heading's first word: "Force", "Probation region"."""
    noun = body_noun(words)
    return noun[:1].upper() + noun[1:]


def kind_label(kind: str, words: Words) -> str:
    """A workbook kind as the About sheet and page headers name it ("for the service")."""
    return f"for {words.inspected_body}" if kind == FOR_BODY else kind
