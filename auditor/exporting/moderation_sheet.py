"""The Moderation sheet: agreement between first and second gradings, disagreements with the
lead's agreed grades, and the inspectorate's grades against the inspected body's own audit
(in the framework's words: "the force", "the service").

Written only in the full workbook: the disagreements name inspectors and cases, and agreement
over a handful of cases would reveal individual gradings (see README, *The workbook*).
"""

from __future__ import annotations

from typing import Any

from auditor.exporting.values import Styled, continued, moment_cell, percent
from auditor.exporting.words import body_heading, body_noun
from auditor.exporting.workbook import Sheet
from auditor.inspection import Inspection
from auditor.moderation import KIND_LABELS, Agreement

KAPPA = "0.00"
WIDTHS = [36, 20, 18, 16, 22, 26, 16, 20, 18, 24, 50]  # F: the agreement notes
AGREEMENT_HEADINGS = [
    "Grade or criterion",
    "Double-graded cases",
    "Exact agreement %",
    "Cohen's kappa",
    "Weighted kappa (linear)",
    "Note",
]
DISAGREEMENT_HEADINGS = [
    "Case reference",
    "Kind",
    "First grader",
    "First grade",
    "Second grader",
    "Second grade",
    "Criteria graded differently",
    "Agreed grade",
    "Agreed by",
    "Agreed (UTC)",
    "Why agreed",
]


def _bold(values: list[Any]) -> list[Any]:
    return [Styled(v, bold=True) for v in values]


def _kappa(value: float | None) -> Any:
    return "n/a" if value is None else Styled(value, KAPPA)


def agreement_cells(title: str, a: Agreement) -> list[Any]:
    """One row of an agreement table: n, agreement %, both kappas and why one is n/a."""
    return [
        title,
        a.n,
        percent(a.percent),
        _kappa(a.kappa),
        _kappa(a.weighted_kappa),
        a.why_undefined or None,
    ]


def write_moderation(book: Any, inspection: Inspection) -> None:
    """Write the Moderation sheet (three tables, one under another): the view is frozen below
    the agreement table's headings; the disagreements are the main table (filtered, headings
    repeated on every printed page)."""
    desk = inspection.moderation
    framework = inspection.framework
    disagreements = desk.disagreements()
    table = []
    for d in disagreements:
        (first_name, first_grade), *rest = d.grades
        second_name, second_grade = rest[0] if rest else ("", None)
        more = "; ".join(f"{n}: {framework.grade_label(g)}" for n, g in rest[1:])
        agreed = d.reconciled
        table.append(
            [
                d.reference,
                KIND_LABELS[d.kind],
                first_name,
                framework.grade_label(first_grade),
                second_name + (f" (also {more})" if more else ""),
                framework.grade_label(second_grade) if second_grade else None,
                d.criteria_differing if d.kind == "moderation" else None,
                framework.grade_label(agreed.grade) if agreed else "not yet agreed",
                agreed.by if agreed else None,
                moment_cell(agreed.at) if agreed else None,
                agreed.note if agreed else None,
            ]
        )
    headings, widths, expanded = continued(DISAGREEMENT_HEADINGS, table, WIDTHS)
    comparison = desk.force_comparison()
    labels = [framework.grade_label(code) for code in comparison.categories]
    words = framework.words
    body, noun = body_heading(words), body_noun(words)
    matrix_headings = [f"Inspectorate \\ {body}", *labels, "Total"]
    sheet = Sheet(
        book,
        "Moderation",
        [],
        widths or WIDTHS,
        table=False,
        also=[AGREEMENT_HEADINGS, headings, matrix_headings],
        freeze="A4",  # the title, the sample's line and the agreement table's headings
    )
    sampled, assigned, finished = desk.progress()
    sheet.append(_bold(["Agreement between first and second (blind) gradings"]), wrap=False)
    sheet.append(
        [
            f"Moderation sample: {sampled} cases, {assigned} assigned a second inspector, "
            f"{finished} graded twice. Kappa as defined in the user guide (Moderation); "
            "Not applicable is left out of the pairs."
        ],
        wrap=False,
    )
    sheet.heading(AGREEMENT_HEADINGS)
    for row in desk.agreement_table():
        sheet.append(agreement_cells(row.title, row.agreement))
    sheet.append([])

    sheet.append(
        _bold(["Disagreements and merge conflicts, with the lead's agreed grade"]), wrap=False
    )
    sheet.heading(headings, main=True)
    sheet.append_all(expanded)
    if not disagreements:
        sheet.append(["None"])
    sheet.end_table()
    sheet.append([])

    sheet.append(
        _bold([f"The inspectorate's reported grade against {words.inspected_body}'s own audit"]),
        wrap=False,
    )
    sheet.append(
        [
            f"{comparison.force_graded} cases carry a {_lower_first(words.external_grade)}; "
            f"{comparison.not_graded} of them are not graded by the inspectorate yet."
        ],
        wrap=False,
    )
    sheet.heading(matrix_headings)
    for label, counts in zip(labels, comparison.matrix, strict=True):
        sheet.append([label, *counts, sum(counts)])
    columns = [sum(row[j] for row in comparison.matrix) for j in range(len(labels))]
    sheet.append(_bold(["Total", *columns, sum(columns)]))
    sheet.heading(AGREEMENT_HEADINGS)
    sheet.append(agreement_cells(f"Overall grade: inspectorate and {noun}", comparison.agreement))
    sheet.close()


def _lower_first(text: str) -> str:
    """A heading inside a sentence: "Force grade" -> "force grade" ("PDU rating" kept)."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]
