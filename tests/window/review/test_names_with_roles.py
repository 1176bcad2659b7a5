"""The review views name every person with their role."""

from __future__ import annotations

from datetime import date

from auditor.inspection import Inspection
from ui.review.models import QueueModel, ReferralModel


def test_the_review_queue_names_the_inspector_with_their_role(demo: Inspection) -> None:
    items = demo.review.queue()
    assert items, "the demo has flagged cases awaiting review"
    model = QueueModel(demo.framework)
    model.reload(items)
    shown = model.index(0, QueueModel.COL_INSPECTOR).data()
    assert shown == f"{items[0].inspector.name} ({items[0].inspector.role})"
    assert shown.endswith("(inspector)")


def test_the_referrals_view_names_the_inspector_with_their_role(demo: Inspection) -> None:
    rows = demo.referrals.listing(date(2026, 12, 1))
    assert rows, "the demo has referrals"
    model = ReferralModel(demo.framework)
    model.reload(rows)
    shown = model.index(0, ReferralModel.COL_INSPECTOR).data()
    assert shown == f"{rows[0].inspector_name} (inspector)"
