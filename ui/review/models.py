"""Table models of the review windows: thin Qt adapters over the core's plain objects."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from auditor.audit.log import KIND_LABELS, AuditEntry
from auditor.audit.words import entry_sentence
from auditor.review.desk import Question, QueueItem
from auditor.review.referrals import ReferralRow
from ui.common.framework_words import in_words
from ui.common.table_model import ListTableModel
from ui.common.widgets import day, named, when


class QueueModel(ListTableModel[QueueItem]):
    """The review queue: flagged cases awaiting a supervisor, oldest first."""

    # The flag's day beside the reference: the queue's order (oldest first), never scrolled off.
    COL_REFERENCE, COL_FLAGGED, COL_REASON, COL_INSPECTOR, COL_CASE_TYPE = range(5)
    HEADERS = ("Reference", "Flagged", "Reason", "Inspector", "Case type")

    def display(self, item: QueueItem, column: int) -> str:
        if column == self.COL_REFERENCE:
            return item.case.reference
        if column == self.COL_CASE_TYPE:
            return self.framework.case_type_label(item.case.case_type)
        if column == self.COL_INSPECTOR:
            return named(item.inspector)
        if column == self.COL_REASON:
            return self.framework.referral_reason_label(item.reason) if item.reason else ""
        if column == self.COL_FLAGGED:
            return day(item.flagged_at)
        return ""


class QuestionModel(ListTableModel[Question]):
    """Questions from supervisors waiting for an inspector's answer, oldest first."""

    COL_REFERENCE, COL_CASE_TYPE, COL_KIND, COL_ASKED_BY, COL_ASKED = range(5)
    HEADERS = ("Reference", "Case type", "Kind", "Asked by", "Asked")

    def display(self, item: Question, column: int) -> str:
        if column == self.COL_REFERENCE:
            return item.reference
        if column == self.COL_CASE_TYPE:
            return self.framework.case_type_label(item.case_type)
        if column == self.COL_KIND:
            return item.label
        if column == self.COL_ASKED_BY:
            return item.reviewer_name
        if column == self.COL_ASKED:
            return when(item.asked_at)
        return ""


def overdue_text(row: ReferralRow) -> str:
    """ "overdue N days" in words, so lateness never shows by colour alone."""
    if not row.overdue:
        return ""
    return f"⚠ overdue {row.days_overdue} day{'s' if row.days_overdue != 1 else ''}"


def age_text(row: ReferralRow) -> str:
    days = max(row.age_days, 0)
    return f"{days} day{'s' if days != 1 else ''} since {row.age_since}"


class ReferralModel(ListTableModel[ReferralRow]):
    """Every referral back with its state and age; overdue responses in bold and in words."""

    (
        COL_REFERENCE,
        COL_CASE_TYPE,
        COL_INSPECTOR,
        COL_REASON,
        COL_STATE,
        COL_CONFIRMED,
        COL_AGE,
        COL_OVERDUE,
        COL_FORCE_REFERENCE,
    ) = range(9)
    HEADERS = (
        "Reference",
        "Case type",
        "Inspector",
        "Reason",
        "State",
        "Confirmed by",
        "Age",
        "Response",
        "Force reference",
    )

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        """Headings in the framework's words ("Force reference" → "Probation region reference")."""
        found = super().headerData(section, orientation, role)
        return in_words(found, self.framework.words) if isinstance(found, str) else found

    def display(self, item: ReferralRow, column: int) -> str:
        if column == self.COL_REFERENCE:
            return item.reference
        if column == self.COL_CASE_TYPE:
            return self.framework.case_type_label(item.case_type)
        if column == self.COL_INSPECTOR:
            return f"{item.inspector_name} ({item.inspector_role})"
        if column == self.COL_REASON:
            return self.framework.referral_reason_label(item.reason) if item.reason else ""
        if column == self.COL_STATE:
            return in_words(item.state_label, self.framework.words)
        if column == self.COL_CONFIRMED:
            if not item.confirmed_by:
                return ""
            return f"{item.confirmed_by}, {day(item.confirmed_at)}"
        if column == self.COL_AGE:
            return age_text(item)
        if column == self.COL_OVERDUE:
            if item.overdue:
                return overdue_text(item)
            return f"received {day(item.response_at)}" if item.response_at else ""
        if column == self.COL_FORCE_REFERENCE:
            return item.force_reference
        return ""

    def emphasised(self, item: ReferralRow) -> bool:
        return item.overdue


class AuditModel(ListTableModel[AuditEntry]):
    """Audit log entries in the order they happened: when, who, what kind, what."""

    COL_WHEN, COL_WHO, COL_CASE, COL_KIND, COL_WHAT = range(5)
    HEADERS = ("When", "Who", "Case", "Kind", "What")

    def display(self, item: AuditEntry, column: int) -> str:
        if column == self.COL_WHEN:
            return when(item.at)
        if column == self.COL_WHO:
            return item.who
        if column == self.COL_CASE:
            return item.reference
        if column == self.COL_KIND:
            return KIND_LABELS.get(item.kind, item.kind)
        if column == self.COL_WHAT:
            return entry_sentence(self.framework, item)  # in the framework's words
        return ""
