"""A child process for tests/window/test_fits_the_screen.py: the real main window opened for
the first time on a screen of a given size (offscreen; QT_SCALE_FACTOR as set), a screenshot
of it and of focus mode, and what a reviewer checks, printed as JSON.

python tests/support/screen_fit_child.py DEMO SETTINGS NAME
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QPlainTextEdit, QWidget

import ui  # noqa: F401  (first: contains PySide6's None refcount bug on Python 3.11)
from auditor.case_rows import COL_GRADE, COL_REFERENCE, COL_STATUS
from auditor.grading.rules import STATUS_LABELS
from tests.support.window import save_screenshot
from ui.shell.app import open_main_window


def cut_controls(window, scroll) -> list[str]:
    """Grading controls not wholly inside the grading pane's visible width."""
    viewport = scroll.viewport()
    width = viewport.width()
    found = []
    for control in scroll.widget().findChildren(QWidget):
        if not isinstance(control, QAbstractButton | QPlainTextEdit) or not control.isVisible():
            continue
        box: QRect = control.rect().translated(control.mapTo(viewport, control.rect().topLeft()))
        if box.left() < 0 or box.right() > width - 1:
            found.append(
                f"{control.accessibleName() or control.text()} at {box.left()}-{box.right()}"
            )
    return found


def list_columns_cut(window) -> list[str]:
    """The case list's reference, status and grade columns not wholly in view, or narrower
    than their longest text (the status and grade labels) with Qt's margins."""
    table = window.case_table
    model = table.model()
    metrics = table.fontMetrics()
    longest = {
        COL_STATUS: max(metrics.horizontalAdvance(s) for s in STATUS_LABELS.values()),
        COL_GRADE: max(
            metrics.horizontalAdvance(g.label) for g in window.inspection.framework.grades
        ),
    }
    found = []
    for column in (COL_REFERENCE, COL_STATUS, COL_GRADE):
        right = table.columnViewportPosition(column) + table.columnWidth(column)
        if (
            right > table.viewport().width()
            or table.columnWidth(column) < longest.get(column, 0) + 8
        ):
            found.append(f"{model.headerData(column, Qt.Orientation.Horizontal)}: {right}")
    return found


def main() -> None:
    demo, settings_file, name = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    app = QApplication([])
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    window = open_main_window(demo, settings)
    assert window is not None
    window.show()
    for _ in range(30):
        app.processEvents()
    scroll = window.grading.scroll
    area = window.screen().availableGeometry()
    report = {
        "screen": [area.width(), area.height()],
        "window": [window.frameGeometry().width(), window.frameGeometry().height()],
        "inside": area.contains(window.frameGeometry()),
        "sideways": scroll.horizontalScrollBar().isVisible()
        or scroll.widget().width() > scroll.viewport().width(),
        "cut": cut_controls(window, scroll),
        "status_bar_shown": window.statusBar().isVisible()
        and area.contains(window.statusBar().mapToGlobal(window.statusBar().rect().bottomRight())),
    }
    report["list_cut"] = list_columns_cut(window)
    save_screenshot(window, f"fit-{name}.png")
    window.actions_by_id["focus_mode"].trigger()
    for _ in range(30):
        app.processEvents()
    report["focus_hides_list"] = not window.splitter.widget(0).isVisible()
    report["focus_cut"] = cut_controls(window, scroll)
    save_screenshot(window, f"fit-{name}-focus.png")
    window.actions_by_id["focus_mode"].trigger()
    views = ("review_queue", "questions", "referrals", "history", "audit_log", "reports")
    views += ("moderation", "people", "import", "merge_packages", "export", "allocate")
    for key in views:
        window.actions_by_id[key].trigger()
    for _ in range(30):
        app.processEvents()
    report["too_big"] = [
        f"{top.windowTitle()}: {top.frameGeometry().width()}x{top.frameGeometry().height()}"
        for top in QApplication.topLevelWidgets()
        if top.isVisible() and top is not window and not area.contains(top.frameGeometry())
    ]
    report["views"] = sum(
        1 for top in QApplication.topLevelWidgets() if top.isVisible() and top is not window
    )
    queue = window.review_views.queue
    if queue is not None:
        save_screenshot(queue, f"fit-{name}-queue.png")
    reports = window.report_views.reports
    if reports is not None:
        save_screenshot(reports, f"fit-{name}-reports.png")
    window.close()
    window.inspection.close()
    print(json.dumps(report))


if __name__ == "__main__":
    main()
