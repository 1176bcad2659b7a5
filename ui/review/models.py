"""Table models of the review windows: thin Qt adapters over the core's plain objects."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from auditor.audit.log import KIND_LABELS, AuditEntry
from auditor.framework import Framework
from auditor.review.desk import Question, QueueItem
from auditor.review.referrals import ReferralRow
from ui.review.common import day, when

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")
ItemRole = Qt.ItemDataRole.UserRole + 1


class ListTableModel(QAbstractTableModel, Generic[T]):
    """Rows of plain objects, one per line; subclasses say what each column shows."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, framework: Framework, parent: Any = None) -> None:
        super().__init__(parent)
        self.framework = framework
        self.items: list[T] = []

    def reload(self, items: list[T]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def item(self, row: int) -> T | None:
        return self.items[row] if 0 <= row < len(self.items) else None

    def display(self, item: T, column: int) -> str:
        raise NotImplementedError

    def emphasised(self, item: T) -> bool:
        """Whether the row is shown in bold (it needs attention; the text says why too)."""
        return False

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.display(item, index.column())
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.display(item, index.column()) or "None"
        if role == Qt.ItemDataRole.FontRole and self.emphasised(item):
            font = QFont()
            font.setBold(True)
            return font
        if role == ItemRole:
            return item
        return None


class QueueModel(ListTableModel[QueueItem]):
    """The review queue: flagged cases awaiting a supervisor, oldest first."""

    COL_REFERENCE, COL_CASE_TYPE, COL_INSPECTOR, COL_REASON, COL_FLAGGED = range(5)
    HEADERS = ("Reference", "Case type", "Inspector", "Reason", "Flagged")

    def display(self, item: QueueItem, column: int) -> str:
        if column == self.COL_REFERENCE:
            return item.case.reference
        if column == self.COL_CASE_TYPE:
            return self.framework.case_type_label(item.case.case_type)
        if column == self.COL_INSPECTOR:
            return item.inspector.name
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
        COL_AGE,
        COL_OVERDUE,
        COL_FORCE_REFERENCE,
    ) = range(8)
    HEADERS = (
        "Reference",
        "Case type",
        "Inspector",
        "Reason",
        "State",
        "Age",
        "Response",
        "Force reference",
    )

    def display(self, item: ReferralRow, column: int) -> str:
        if column == self.COL_REFERENCE:
            return item.reference
        if column == self.COL_CASE_TYPE:
            return self.framework.case_type_label(item.case_type)
        if column == self.COL_INSPECTOR:
            return item.inspector_name
        if column == self.COL_REASON:
            return self.framework.referral_reason_label(item.reason) if item.reason else ""
        if column == self.COL_STATE:
            return item.state_label
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
            return item.actor_name or "the workstation"
        if column == self.COL_CASE:
            return item.reference
        if column == self.COL_KIND:
            return KIND_LABELS.get(item.kind, item.kind)
        if column == self.COL_WHAT:
            return item.describe()
        return ""
