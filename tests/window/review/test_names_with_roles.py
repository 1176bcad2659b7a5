"""The review views name every person with their role."""

from __future__ import annotations

from auditor.inspection import Inspection
from ui.review.models import QueueModel


def test_the_review_queue_names_the_inspector_with_their_role(demo: Inspection) -> None:
    items = demo.review.queue()
    assert items, "the demo has flagged cases awaiting review"
    model = QueueModel(demo.framework)
    model.reload(items)
    shown = model.index(0, QueueModel.COL_INSPECTOR).data()
    assert shown == f"{items[0].inspector.name} ({items[0].inspector.role})"
    assert shown.endswith("(inspector)")
