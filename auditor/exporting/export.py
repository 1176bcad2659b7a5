"""Exporting an inspection to an Excel workbook, written atomically and logged as disclosure.

Three kinds of workbook:

- **full** (the inspection team's): About, Summary, Timeliness, Criteria (each grade's note
  and citations), Cases, Chronology, Citations, Referrals, Moderation, Audit trail. Cases,
  Chronology and Citations are the import layout.
- **redacted** (for sharing beyond the team): no names, summaries, notes, citations,
  chronology detail or audit trail; case references replaced by keyed hashes stable within
  the workbook; counts below 5 in the published tables shown as ``<5`` (and counts that would
  reveal them ``[c]``).
- **for the force**: About, Summary, Timeliness, and a sheet of the cases referred back
  (confirmed by a supervisor) with reason, note, the evidence notes and the passages cited;
  nothing else.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.errors import Refused
from auditor.exporting.case_sheets import read_case_rows, write_cases, write_chronology
from auditor.exporting.citation_sheets import (
    CITATIONS_NOTE,
    FORCE_NOTE,
    REDACTED_NOTE,
    read_citations,
    write_citations,
)
from auditor.exporting.detail_sheets import (
    Pseudonyms,
    criteria_note,
    write_audit_trail,
    write_criteria,
    write_referrals,
    write_referred_for_force,
)
from auditor.exporting.moderation_sheet import write_moderation
from auditor.exporting.printing import PRINT_NOTE, mark_pages
from auditor.exporting.report_sheets import tables, write_summary, write_timeliness
from auditor.exporting.values import LONG_TEXT_NOTE, moment_cell
from auditor.exporting.words import FOR_BODY, kind_label
from auditor.exporting.workbook import Sheet, save_atomically
from auditor.file_access import refuse_writing_over
from auditor.framework import Words
from auditor.inspection import Inspection
from auditor.moderation.blind import blind_cases
from auditor.records import Assessor
from auditor.reports import build_report, load_report_data
from auditor.timestamps import utc_now
from db.errors import SQLITE_ERRORS, StorageError

Progress = Callable[[str], None]  # the sheet being written; may raise to cancel
FULL, REDACTED, FOR_FORCE = "full", "redacted", FOR_BODY
TIMELINESS_NOTE = (
    "Timeliness gives each measure's target in the framework's unit, and the median and 90th "
    "percentile delay in that unit: hours; calendar days (the dates after the start's day up "
    "to and including the end's day); or working days (counted the same way, leaving out "
    "Saturdays, Sundays and the framework's bank holidays). Within target means no more than "
    "the target. Where every target is in hours the sheet heads the delays in hours and has "
    "no Target column, as it always had."
)


class ExportError(Refused):
    """The workbook could not be written; the message says where and why."""


@dataclass(frozen=True)
class ExportOptions:
    """What goes into the workbook, who writes it and who receives it."""

    redact: bool = False
    for_force: bool = False
    recipient: str = ""  # logged as the disclosure's recipient; "" is "not stated"
    user: Assessor | None = None  # None: the command line (the login name is logged)

    @property
    def kind(self) -> str:
        return FOR_FORCE if self.for_force else REDACTED if self.redact else FULL


REMOVED = {
    FULL: ["Nothing: the full workbook for the inspection team."],
    REDACTED: [
        "Names of inspectors and supervisors, summaries, evidence and referral notes, the "
        "passages cited for grades (citations), override reasons, chronology details, "
        "{body}'s references and action text, the Moderation "
        "sheet and the audit trail are left out.",
        "Case references are replaced by keyed hashes (C-…), the same for a case throughout "
        "this workbook but not linkable to another export.",
        "In Summary, Timeliness and Criteria, counts from 1 to 4 are shown as <5, and a count "
        "that would reveal one by subtraction as [c] (with the percentages built on them).",
    ],
    FOR_FORCE: [
        "Only the published tables and the cases referred back to {body} (confirmed by a "
        "supervisor), each with its reason, note, evidence notes and the passages cited. Other "
        "cases, names, the chronology and the audit trail are left out.",
    ],
}


def removed_lines(kind: str, words: Words) -> list[str]:
    """What the About sheet says is left out, in the framework's words for the inspected body."""
    return [line.format(body=words.inspected_body) for line in REMOVED[kind]]


#: What the About sheet says of the citations, by kind of workbook.
CITATION_NOTES = {FULL: CITATIONS_NOTE, REDACTED: REDACTED_NOTE, FOR_FORCE: FORCE_NOTE}


def _refuse_blind_exporter(inspection: Inspection, user: Assessor | None) -> None:
    """A second grader still grading blind may not export: every workbook holds first grades."""
    blind = blind_cases(inspection, user.id) if user is not None else set()
    if blind and user is not None:
        raise ExportError(
            f"{user.name} is grading {len(blind)} case(s) second, blind (moderation), and every "
            "workbook shows their first grading; finish those gradings first, or ask the lead "
            "to export"
        )


def export_workbook(
    inspection: Inspection,
    out: Path,
    options: ExportOptions | None = None,
    progress: Progress | None = None,
) -> None:
    """Write the workbook to ``out`` (replacing it only once complete); log the disclosure."""
    options = options or ExportOptions()
    if options.redact and options.for_force:
        raise ExportError(
            "choose either a redacted workbook or the workbook for "
            f"{inspection.framework.words.inspected_body}, not both"
        )
    report = progress or (lambda _sheet: None)
    if out.suffix.lower() != ".xlsx":
        raise ExportError(f"{out}: the workbook's name must end in .xlsx")
    if not out.parent.is_dir():
        raise ExportError(f"{out.parent}: no such folder")
    refuse_writing_over(out, [inspection.path], ExportError)  # before the disclosure is logged
    _refuse_blind_exporter(inspection, options.user)
    db = inspection.db
    framework = inspection.framework
    kind = options.kind
    personal = kind == FULL
    name = Pseudonyms() if options.redact else (lambda reference: reference)

    def build(book: Any) -> None:
        write_sheets(book)
        mark_pages(book, inspection.name, kind, framework.words)

    def write_sheets(book: Any) -> None:
        report("Summary")
        cells = tables(build_report(load_report_data(inspection)), redact=options.redact)
        _about(book, inspection, options)
        write_summary(book, cells)
        report("Timeliness")
        write_timeliness(book, cells)
        if kind == FOR_FORCE:
            report("Referred back")
            write_referred_for_force(
                book, inspection, read_citations(inspection, read_case_rows(db))
            )
            return
        data = read_case_rows(db)
        cited = read_citations(inspection, data) if personal else None
        report("Criteria")
        write_criteria(book, data, framework, cells, name, notes=personal, cited=cited)
        report("Cases")
        write_cases(book, data, framework, name, personal=personal)
        report("Chronology")
        write_chronology(book, db, framework, data, name, personal=personal)
        if cited is not None:
            report("Citations")
            write_citations(book, data, framework, cited, name)
        report("Referrals")
        write_referrals(book, inspection, name, personal=personal)
        if personal:
            report("Moderation")
            write_moderation(book, inspection)
            report("Audit trail")
            write_audit_trail(book, inspection, data)

    who = "" if options.user else f" by {getpass.getuser()} from the command line"

    def log_disclosure() -> None:  # before the workbook appears: unlogged, nothing leaves
        try:
            inspection.log.record_disclosure(
                options.user, f"exported the {kind} workbook {out.name}{who}", options.recipient
            )
        except (StorageError, *SQLITE_ERRORS) as exc:
            raise ExportError(
                f"{out}: not written, as its disclosure could not be logged in "
                f"{inspection.path} ({exc})"
            ) from None

    try:
        save_atomically(out, build, before_replace=log_disclosure)
    except OSError as exc:
        raise ExportError(f"{out}: could not be written ({exc.strerror or exc})") from None


def _about(book: Any, inspection: Inspection, options: ExportOptions) -> None:
    framework = inspection.framework
    words = framework.words
    about = Sheet(book, "About", ["About this workbook", ""], [28, 110])
    about.append_all(
        [
            ["Inspection", inspection.name],
            ["Framework", f"{framework.name} ({framework.version})"],
            ["Audited", words.case_files],
            ["Workbook", kind_label(options.kind, words)],
            ["Written (UTC)", moment_cell(utc_now())],
            [
                "Written by",
                "left out (redacted)"
                if options.redact
                else options.user.name
                if options.user
                else getpass.getuser(),
            ],
            ["Recipient", options.recipient.strip() or "not stated"],
            *(["Left out", line] for line in removed_lines(options.kind, words)),
            [
                "Which grading counts",
                "Each case's reported assessment: the most recently updated assessment with "
                "an overall grade, leaving aside a moderation case's second (blind) grading; "
                "its overall grade is replaced by the lead's agreed grade where one is "
                "recorded. Cases not yet graded are left out of the tables and counted "
                "beneath table 1.",
            ],
            *([["Criteria", criteria_note(framework)]] if options.kind != FOR_FORCE else []),
            ["Timeliness", TIMELINESS_NOTE],
            ["Citations", CITATION_NOTES[options.kind]],
            ["Long text", LONG_TEXT_NOTE],
            ["Printing", PRINT_NOTE],
        ]
    )
    about.close()
