"""Every control of the Reports view and the export dialog has a name and a description."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QTabBar, QWidget

from tests.support.window import open_window, wait_built


def unnamed_controls(top: QWidget) -> list[str]:
    def inside(widget: QWidget, kind: type) -> bool:
        parent = widget.parentWidget()
        while parent is not None and parent is not top:
            if isinstance(parent, kind):
                return True
            parent = parent.parentWidget()
        return False

    controls = [
        w
        for w in top.findChildren(QWidget)
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and not inside(w, QComboBox)
        and not isinstance(w, QTabBar)
        and not inside(w, QTabBar)
    ]
    assert len(controls) > 5
    return [
        f"{type(w).__name__} {w.accessibleName()!r}"
        for w in controls
        if not w.accessibleName().strip() or not w.accessibleDescription().strip()
    ]


def test_reports_and_export_controls_are_described(qtbot, demo_path: Path, settings) -> None:
    window = open_window(qtbot, demo_path, settings)
    reports = window.report_views.open_reports()
    wait_built(qtbot, reports)
    assert unnamed_controls(reports) == []
    assert reports.assessed_chart.accessibleDescription().startswith("Chart 1")
    assert "Total:" in reports.assessed_chart.accessibleDescription()
    assert unnamed_controls(window.report_views.open_export()) == []
    window.close()
    window.inspection.close()
