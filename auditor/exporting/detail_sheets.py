"""Sheets of records: Criteria (table 3 and every criterion grade), Referrals, Audit trail,
and the inspected body's sheet of the cases referred back (in the framework's words)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from auditor.audit.log import KIND_LABELS, all_entries
from auditor.exporting.case_sheets import CaseRows
from auditor.exporting.citation_sheets import CITATIONS_HEADING, NONE, ExportedCitations
from auditor.exporting.report_sheets import CriteriaLine, Tables
from auditor.exporting.values import SECONDS, Styled, continued, moment_cell, percent
from auditor.exporting.words import body_heading
from auditor.exporting.workbook import Sheet, write_table
from auditor.framework import Framework, Words
from auditor.grading.rules import not_done_text, referral_state_labels
from auditor.inspection import Inspection
from auditor.reports.criteria import below_best_answer_label
from auditor.timestamps import day_of, moment_of
from db import export as rows

FORWARDED_STATES = ("confirmed", "sent", "responded", "closed")  # what the force receives


class Pseudonyms:
    """Keyed hashes of case references: stable within one export, unlinkable across exports."""

    def __init__(self) -> None:
        self._key = secrets.token_bytes(32)

    def __call__(self, reference: str) -> str:
        digest = hmac.new(self._key, reference.encode(), hashlib.sha256).hexdigest()
        return f"C-{digest[:12].upper()}"


def _when(text: str | None) -> datetime | str | None:
    """A stored timestamp as a date-time; a value that is not one is written as stored."""
    try:
        return moment_of(text) if text else None
    except (TypeError, ValueError):
        return str(text)


def _day(text: str | None) -> date | str | None:
    """A stored day as a date; a value that is not one is written as stored."""
    try:
        return day_of(text) if text else None
    except (TypeError, ValueError):
        return str(text)


#: The Criteria sheet's heading of a domain's row (its criteria's answers summed) in table 3.
DOMAIN_TOTAL = "All its criteria"


def _answer_columns(cells: Tables) -> int:
    """How many answers get a column of their own after the worse answers' count and share:
    none where criteria are graded on the rating scale (the table as format 1 always had
    it); else every answer, or only the best where the scale has two (the other is the worse
    count)."""
    if tuple(cells.answer_labels) == tuple(cells.grade_labels):
        return 0
    return len(cells.answer_labels) if len(cells.answer_labels) > 2 else 1


def criteria_headings(cells: Tables) -> list[str]:
    """Table 3's headings: the domain (where the framework has domains), the criterion, the
    applicable cases, the count and share answered worse than the best answer (as in format
    1), then a column per answer of the criteria's scale ("Yes" beside "No" on a Yes/No
    scale)."""
    worse = cells.below_best_label
    return [
        *(["Domain"] if cells.has_domains else []),
        "Criterion",
        "Applicable cases",
        worse,
        f"{worse} %",
        *cells.answer_labels[: _answer_columns(cells)],
    ]


def criteria_row(cells: Tables, line: CriteriaLine) -> list[Any]:
    """One row of table 3 (a domain's row in bold)."""
    values: list[Any] = [
        *([line.domain] if cells.has_domains else []),
        DOMAIN_TOTAL if line.domain_row else line.title,
        line.applicable,
        line.below_best,
        percent(line.share),
        *line.counts[: _answer_columns(cells)],
    ]
    if not line.domain_row:
        return values
    return [_bold(v) for v in values]


def _bold(value: Any) -> Styled:
    return replace(value, bold=True) if isinstance(value, Styled) else Styled(value, bold=True)


def write_criteria(
    book: Any,
    data: CaseRows,
    framework: Framework,
    cells: Tables,
    name: Callable[[str], str],
    *,
    notes: bool,
    cited: ExportedCitations | None = None,
) -> None:
    """Table 3 at the top (by domain where the framework has domains: a domain's row, then its
    criteria), then every criterion grade of every case (with its note, and its citations when
    ``cited`` is given): the grades are the main table (filtered, its headings repeated on
    every printed page). A criterion with citations but no grade yet is listed."""
    headings = criteria_headings(cells)
    citing = cited is not None

    def listed(case_id: str, criterion_id: str) -> list[Any]:
        return [cited.lines(case_id, criterion_id)] if cited is not None else []

    grade_rows = [
        [
            name(reference),
            criterion.id,
            criterion.title,
            framework.grade_label(grade) if grade else None,
            (note or None) if notes else None,
            *listed(case_id, criterion.id),
        ]
        for case_id, reference in data.order
        for criterion in framework.criteria  # framework order
        for grade, note in [data.grades.get(case_id, {}).get(criterion.id, (None, ""))]
        if grade is not None or note or (citing and cited.has(case_id, criterion.id))
    ]
    grade_headings, widths, expanded = continued(
        [
            "Case reference",
            "Criterion id",
            "Criterion",
            GRADE_HEADING[framework.separate_answers],
            "Note",
        ]
        + ([CITATIONS_HEADING] if citing else []),
        grade_rows,
        [44, 18, 36, 36, 60] + ([60] if citing else []),
    )
    sheet = Sheet(
        book, "Criteria", [], widths, table=False, also=[headings, grade_headings], freeze="A2"
    )
    sheet.heading(headings)
    for line in cells.criteria:
        sheet.append(criteria_row(cells, line))
    sheet.append([])
    sheet.heading(grade_headings, main=True)
    sheet.append_all(expanded)
    sheet.close()


#: The heading of a criterion's grade in Criteria: an answer where criteria have their own scale.
GRADE_HEADING = {False: "Grade", True: "Answer"}
CRITERIA_NOTE = (
    "Criteria starts with table 3: a row per criterion with the applicable cases (those whose "
    "reported grading answers it, not Not applicable), the count and share answered {worse}, "
    "and the count of each answer of the criteria's scale ({answers}). {domains}Below it, "
    "every criterion's {grade} of every case, one a row."
)
DOMAINS_NOTE = (
    "Criteria are rolled up by domain: each domain's row (in bold, '{total}') sums the "
    "answers given to its criteria (a case counts once for each of its criteria), and its "
    "criteria follow it, the domain named in the first column. "
)


def criteria_note(framework: Framework) -> str:
    """What the About sheet says of the Criteria sheet."""
    return CRITERIA_NOTE.format(
        answers=", ".join(g.label for g in framework.answers),
        worse=below_best_answer_label(framework),
        domains=DOMAINS_NOTE.format(total=DOMAIN_TOTAL) if framework.domains else "",
        grade=GRADE_HEADING[framework.separate_answers].lower(),
    )


def referral_headings(words: Words) -> list[str]:
    """The Referrals sheet's headings, in the framework's words for the inspected body."""
    body = body_heading(words)
    return [
        "Case reference",
        "Case type",
        "Inspector",
        "Reason",
        "Note",
        "State",
        "Flagged",
        "Confirmed by",
        "Confirmed (UTC)",
        f"Sent to {words.inspected_body}",
        f"{body} reference",
        f"{body} response",
        "Action taken",
        "Closed",
        "Age (days)",
        "Response overdue",
    ]


#: The Referrals sheet's headings in the police wording (format 1's).
REFERRAL_HEADINGS = referral_headings(Words())


def write_referrals(
    book: Any, inspection: Inspection, name: Callable[[str], str], *, personal: bool
) -> None:
    """Every referral with its lifecycle state, who confirmed it and when, and its dates (free
    text and names when personal)."""
    framework = inspection.framework
    states = referral_state_labels(framework.words)
    widths = [16, 30, 18, 28, 40, 14, 12, 26, 18, 12, 16, 12, 40, 12, 10, 12]
    table = [
        [
            name(r.reference),
            framework.case_type_label(r.case_type),
            r.inspector_name if personal else None,
            framework.referral_reason_label(r.reason),
            (r.note or None) if personal else None,
            states.get(r.state, r.state),
            _day(r.flagged_at),
            (r.confirmed_by or None) if personal else None,
            moment_cell(r.confirmed_at),
            _day(r.sent_at),
            (r.force_reference or None) if personal else None,
            _day(r.response_at),
            (r.response_action or None) if personal else None,
            _day(r.closed_at),
            r.age_days,
            "Yes" if r.overdue else "No",
        ]
        for r in inspection.referrals.listing(date.today())
    ]
    write_table(book, "Referrals", referral_headings(framework.words), widths, table)


AUDIT_HEADINGS = [
    "When (UTC)",
    "User",
    "Kind",
    "Case reference",
    "Record",
    "Field",
    "Old value",
    "New value",
    "Detail",
]


def write_audit_trail(book: Any, inspection: Inspection, data: CaseRows) -> None:
    """The whole audit log, oldest first."""
    people = {a.id: f"{a.name} ({a.role})" for a in inspection.assessors()}
    references = dict(data.order)
    entries = all_entries(inspection)

    def table() -> Iterator[list[Any]]:  # read twice (see continued): rows made as written
        for entry in entries:
            yield [
                Styled(_when(entry["at"]), SECONDS),
                people.get(entry["actor_id"] or "", "the workstation"),
                KIND_LABELS.get(entry["kind"], entry["kind"]),
                references.get(entry["case_id"] or ""),
                entry["record_table"] or None,
                entry["field"] or None,
                entry["old_value"],
                entry["new_value"],
                entry["detail"] or None,
            ]

    widths = [20, 18, 14, 16, 18, 28, 30, 30, 40]
    write_table(book, "Audit trail", AUDIT_HEADINGS, widths, table)


def write_referred_for_force(
    book: Any, inspection: Inspection, cited: ExportedCitations = NONE
) -> None:
    """The force's sheet: only cases referred back, each with its reason, note and evidence
    (the evidence notes, and beside them the passages cited)."""
    framework = inspection.framework
    states = referral_state_labels(framework.words)
    titles = {c.id: c.title for c in framework.criteria}
    notes: dict[str, list[str]] = defaultdict(list)
    for case_id, criterion_id, grade, note in rows.criterion_grades(inspection.db):
        if note:
            label = framework.grade_label(grade) if grade else not_done_text(framework)
            notes[case_id].append(f"{titles.get(criterion_id, criterion_id)} ({label}): {note}")
    headings = [
        "Case reference",
        "Case type",
        "Reason",
        "Note",
        "State",
        "Evidence notes",
        CITATIONS_HEADING,
        "Confirmed (UTC)",
    ]
    table = [
        [
            r.reference,
            framework.case_type_label(r.case_type),
            framework.referral_reason_label(r.reason),
            r.note or None,
            states.get(r.state, r.state),
            "\n".join(notes.get(r.case_id, ())) or None,
            cited.force_lines(r.case_id, framework),
            moment_cell(r.confirmed_at),  # by a supervisor: names stay with the inspectorate
        ]
        for r in inspection.referrals.listing(date.today())
        if r.state in FORWARDED_STATES
    ]
    write_table(book, "Referred back", headings, [16, 30, 28, 50, 14, 90, 90, 18], table)
