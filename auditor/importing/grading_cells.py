"""A Cases row's grading columns: each criterion's grade, note and sub-prompt ticks, the
overall grade and override reason, and the referral back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from auditor.framework import Criterion, Framework
from auditor.importing import cells
from auditor.importing.case_values import ticks_cell
from auditor.importing.layout import PROMPTS, value
from auditor.importing.problems import cell
from auditor.importing.reading import Reader, lookup


@dataclass
class GradingRecord:
    """A Cases row's grading columns, for one assessor (None: the person importing)."""

    row: int
    reference: str
    assessor: str | None
    grades: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    #: Criterion id -> its sub-prompt ticks, one of "y", "n", "-" per prompt ("yn-").
    prompts: dict[str, str] = field(default_factory=dict)
    overall: str | None = None
    override_reason: str = ""
    referral: tuple[str, str] | None = None

    def is_empty(self) -> bool:
        return not (self.grades or self.notes or self.prompts or self.overall or self.referral)


def read_grading(
    framework: Framework,
    columns: dict[str, str],
    positions: dict[str, int],
    values: list[Any],
    number: int,
    sheet: str,
    reference: str,
    case_type: str | None,
    reasons: dict[str, str],
    reader: Reader,
    attributes: Mapping[str, Any] | None = None,
) -> GradingRecord | None:
    """A Cases row's grading columns (each problem added to the reader's).

    ``attributes`` are the row's case attributes, for the attribute columns the sheet has: a
    criterion applying by an attribute the sheet gives is checked here; by one it does not
    give, when written (by the case's recorded attributes)."""
    given = attributes or {}

    def not_for(criterion: Criterion) -> str | None:
        """Why the criterion does not apply to this row's case, as far as the row says."""
        if case_type not in criterion.applies_to:
            return not_applying
        for condition in criterion.conditions:
            if condition.attribute in given and not condition.holds(given):
                when = framework.conditions_text(criterion)
                return f"this criterion applies only when {when}; leave it blank"
        return None

    problems = reader.problems

    def at(key: str) -> Any:
        return value(values, positions, key)

    def code(key: str, heading: str) -> str:
        """A code cell's text ('' when blank or refused for an invisible character)."""
        return reader.identifier(at(key), (sheet, number, heading), "codes") or ""

    assessor = reader.identifier(at("assessor"), (sheet, number, columns["assessor"]), "names")
    record = GradingRecord(number, reference, assessor or None)
    scale = ", ".join(g.label for g in framework.grades)
    answers = ", ".join(g.label for g in framework.answers)  # a criterion's (format 2: its own)
    kind = "an answer" if framework.separate_answers else "a grade"
    type_label = framework.case_type_label(case_type or "")
    not_applying = f"this criterion does not apply to {type_label!r} cases; leave it blank"
    for criterion in framework.criteria:
        raw = code(f"grade:{criterion.id}", criterion.id)
        note_where = (sheet, number, f"{criterion.id} note")
        note = reader.free(at(f"note:{criterion.id}"), note_where)
        if raw:
            where = cell(sheet, number, criterion.id)
            grade = framework.parse_answer(raw)
            if grade is None:
                problems.add(
                    where,
                    f"{cells.quoted(raw)} is not {kind} "
                    f"(one of: {answers}, {framework.not_applicable.label})",
                )
            elif case_type and not_for(criterion):
                problems.add(where, not_for(criterion) or "")
            else:
                record.grades[criterion.id] = grade.code
        if note:
            if case_type and not_for(criterion):
                problems.add(cell(*note_where), not_for(criterion) or "")
            else:
                record.notes[criterion.id] = note
        if criterion.prompts and PROMPTS + criterion.id in positions:
            heading = columns[PROMPTS + criterion.id]
            raw_ticks = code(PROMPTS + criterion.id, heading)
            if raw_ticks:
                ticks = ticks_cell(raw_ticks, len(criterion.prompts))
                if isinstance(ticks, tuple):
                    problems.add(cell(sheet, number, heading), ticks[0])
                elif case_type and not_for(criterion):
                    problems.add(cell(sheet, number, heading), not_for(criterion) or "")
                else:
                    record.prompts[criterion.id] = ticks
    raw_overall = code("overall", columns["overall"])
    if raw_overall:
        grade = framework.parse_grade(raw_overall, allow_not_applicable=False)
        if grade is None:
            problems.add(
                cell(sheet, number, columns["overall"]),
                f"{cells.quoted(raw_overall)} is not an overall grade (one of: {scale})",
            )
        else:
            record.overall = grade.code
    record.override_reason = reader.free(
        at("override_reason"), (sheet, number, columns["override_reason"])
    )
    raw_referred = code("referred", columns["referred"])
    try:
        referred = cells.yes_no(raw_referred)
    except cells.CellError as exc:
        problems.add(cell(sheet, number, columns["referred"]), str(exc))
        referred = False
    raw_reason = code("referral_reason", columns["referral_reason"])
    reason = lookup(reasons, raw_reason)
    reason_list = ", ".join(r.label for r in framework.referral_reasons)
    reason_where = cell(sheet, number, columns["referral_reason"])
    note = reader.free(at("referral_note"), (sheet, number, columns["referral_note"]))
    if referred:
        if not raw_reason:
            if not cells.text(at("referral_reason")):
                problems.add(
                    reason_where,
                    "is blank but the case is referred back; give a reason "
                    f"(one of: {reason_list})",
                )
        elif reason is None:
            problems.add(
                reason_where,
                f"{cells.quoted(raw_reason)} is not a referral reason (one of: {reason_list})",
            )
        else:
            record.referral = (reason, note)
    elif raw_reason:
        problems.add(
            reason_where,
            "has a reason but Referred back is not Yes; "
            "set Referred back to Yes or clear the reason",
        )
    return record
