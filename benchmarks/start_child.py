"""The started process of the start-up benchmark: a bare PySide6 window, or the real main window
opened as the console command opens it, timed from the process's first line to usable.

Run by path with ``-P`` (``python -P benchmarks/start_child.py bare|plain|window ...``), not as
``-m benchmarks.startup``: a module of the package would import the package first, and with it
the harness's ``statistics``, ``decimal`` and ``subprocess`` (~10 ms that the application never
imports), into both children. So this module imports nothing of ``benchmarks`` and nothing
beyond what the application imports itself.
"""

from __future__ import annotations

import sys
import time

started = time.perf_counter()  # the child's clock starts before its own imports

from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

READY_TIMEOUT_S = 120
# When the window first showed a case (it may fill the list later, off the UI thread).
MOMENTS: dict[str, float] = {}
MEMORY_STEPS = 20


def peak_rss_kb() -> int:
    """The process's peak resident set size in kB (VmHWM; ru_maxrss where /proc is absent)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def usable(window: Any, cases: int) -> bool:
    """Shown, every case listed, a case in the case file and the grading panel."""
    return bool(
        window.isVisible()
        and window.case_model.rowCount() == cases
        and window.case_file.title.text()
        and window.grading.case is not None
    )


def wait_for_rows(app: Any, window: Any) -> None:
    """Wait until every row of the case list has arrived (a paged list is usable before)."""
    deadline = time.monotonic() + READY_TIMEOUT_S
    while window.case_loader.loading and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)


def open_usable_window(db: str, settings_path: str, cases: int) -> tuple[Any, Any]:
    """The real main window, as the application opens it, once usable (app, window)."""
    # As the console command starts it: its module and the command line (ui.shell.launcher),
    # the garbage collector held as its open_window holds it, then in the order
    # ui.shell.app.run_window has them: the window's modules (which import the core, then
    # Qt), then the application object.
    # isort: off
    import ui.shell.launcher  # noqa: F401
    from ui.shell.start_up import hold_collection, release_collection

    hold_collection()
    from ui.shell.app import ORGANISATION, open_main_window
    from ui.shell.main_window import APP_TITLE

    # isort: on
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])

    app.setApplicationName(APP_TITLE)  # as ui.shell.app.run_window does
    app.setOrganizationName(ORGANISATION)

    settings = QSettings(settings_path, QSettings.Format.IniFormat)
    window = open_main_window(Path(db), settings)
    if window is None:
        raise SystemExit("the window did not open")
    window.resize(1500, 900)
    window.show()
    release_collection()  # as run_window does once the window is shown
    app.processEvents()
    deadline = time.monotonic() + READY_TIMEOUT_S
    # Wait in an event loop, as the application idles in app.exec(): a loop spinning on
    # processEvents would hold Python's lock and starve the thread reading the case list.
    loop = QEventLoop()
    timer = QTimer(interval=5)

    def check() -> None:
        if "case_shown" not in MOMENTS and window.case_file.title.text():
            MOMENTS["case_shown"] = time.perf_counter()
        if usable(window, cases) or time.monotonic() > deadline:
            loop.quit()

    timer.timeout.connect(check)
    if not usable(window, cases):
        timer.start()
        loop.exec()
        timer.stop()
    if not usable(window, cases):
        raise SystemExit(f"not usable after {READY_TIMEOUT_S} s")
    app.processEvents()
    MOMENTS.setdefault("case_shown", time.perf_counter())
    return app, window


def open_plain_window(cases: int) -> tuple[Any, Any]:
    """The widgets of the main window's first screen from PySide6 alone, shown (app, window).

    The floor for a window showing what the main window shows at start, made of the plainest
    widgets and made-up text, with no file and nothing of the application: menus; a search box,
    two filters and a check box over a table model of ``cases`` rows; a case's title, summary,
    four facts, and a tab with a six-row chronology table; a status line over eight criteria,
    each a title, a question, a Guidance button, four grade buttons and a note box. Its time
    beyond the bare window is Qt's and PySide6's for these widgets (their Python types and
    enums, layout, fonts and first paint): time no code of ours can take away.
    """
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import (
        QApplication,
        QCheckBox,
        QComboBox,
        QFormLayout,
        QGridLayout,
        QLabel,
        QLineEdit,
        QMainWindow,
        QPlainTextEdit,
        QPushButton,
        QScrollArea,
        QSplitter,
        QTableView,
        QTabWidget,
        QVBoxLayout,
        QWidget,
    )

    class Rows(QAbstractTableModel):
        """Made-up rows: a reference and three short values."""

        def __init__(self, rows: int, columns: tuple[str, ...]) -> None:
            super().__init__()
            self.rows, self.columns = rows, columns

        def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else self.rows

        def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else len(self.columns)

        def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
            if role != Qt.ItemDataRole.DisplayRole:
                return None
            return f"NM-18-{index.row() + 1:04d}" if index.column() == 0 else "Not started"

        def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
            if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
                return self.columns[section]
            return None

    app = QApplication.instance() or QApplication([sys.argv[0]])
    window = QMainWindow()
    for menu in ("File", "Edit", "View", "Case", "Help"):
        window.menuBar().addMenu(menu).addAction(f"{menu} action")
    window.statusBar().showMessage("0 of 1000 graded, 0 flagged  Bench Inspector (inspector)")
    splitter = QSplitter()

    cases_pane = QWidget()
    column = QVBoxLayout(cases_pane)
    search = QLineEdit(placeholderText="Search reference or summary")
    column.addWidget(search)
    filters = QGridLayout()
    for place, text in enumerate(("All case types", "Any status", "Any grade")):
        box = QComboBox()
        box.addItem(text)
        filters.addWidget(box, place // 2, place % 2)
    filters.addWidget(QCheckBox("Referred back only"), 1, 2)
    column.addLayout(filters)
    table = QTableView()
    table.setModel(Rows(cases, ("Reference", "Status", "Overall grade", "Referral")))
    table.verticalHeader().hide()  # rows of one height, no row numbers: as a long list needs
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    column.addWidget(table)
    splitter.addWidget(cases_pane)

    case_pane = QWidget()
    column = QVBoxLayout(case_pane)
    column.addWidget(QLabel("NM-18-0001: Referrals relating to domestic abuse"))
    summary = QLabel("Police called to a domestic incident; a child was present in the home.")
    summary.setWordWrap(True)
    column.addWidget(summary)
    facts = QFormLayout()
    for name, value in (("Borough:", "Ashvale"), ("Team:", "Unit"), ("Opened:", "2018-02-19")):
        facts.addRow(name, QLabel(value))
    column.addLayout(facts)
    column.addWidget(QLabel("Merlin submitted 4 hours after first contact: target 24 hours"))
    tabs = QTabWidget()
    chronology = QTableView()
    chronology.setModel(Rows(6, ("When", "Event", "Detail")))
    tabs.addTab(chronology, "Chronology")
    tabs.addTab(QWidget(), "Documents")
    column.addWidget(tabs)
    splitter.addWidget(case_pane)

    grading_pane = QWidget()
    column = QVBoxLayout(grading_pane)
    status = QLabel("In progress: 6 to do: Strategy discussion: not graded")
    status.setWordWrap(True)
    column.addWidget(status)
    cards = QWidget()
    card_column = QVBoxLayout(cards)
    for number in range(8):
        card_column.addWidget(QLabel(f"Criterion {number + 1}"))
        question = QLabel("Was the child seen and spoken to, and were their views recorded?")
        question.setWordWrap(True)
        row = QGridLayout()
        row.addWidget(question, 0, 0, 1, 3)
        row.addWidget(QPushButton("Guidance"), 0, 3)
        for place, grade in enumerate(("Good", "Requires improvement", "Inadequate", "N/A")):
            row.addWidget(QPushButton(grade), 1, place)
        note = QPlainTextEdit(placeholderText="Evidence note")
        note.setFixedHeight(54)
        row.addWidget(note, 2, 0, 1, 4)
        card_column.addLayout(row)
    scroll = QScrollArea(widgetResizable=True)
    scroll.setWidget(cards)
    column.addWidget(scroll)
    splitter.addWidget(grading_pane)

    window.setCentralWidget(splitter)
    window.resize(1500, 900)
    window.show()
    table.setFocus()
    app.processEvents()
    return app, window


def _child(kind: str, args: list[str]) -> None:
    if kind == "bare":
        from PySide6.QtWidgets import QApplication, QMainWindow

        app = QApplication([sys.argv[0]])
        window = QMainWindow()
        window.resize(1500, 900)
        window.show()
        app.processEvents()
        ready = time.perf_counter() - started
        print(f"ready {ready:.6f} {ready:.6f}", flush=True)
        print(f"peak_kb {peak_rss_kb()}", flush=True)
        return
    if kind == "plain":
        open_plain_window(int(args[0]))
        ready = time.perf_counter() - started
        print(f"ready {ready:.6f} {ready:.6f}", flush=True)
        print(f"peak_kb {peak_rss_kb()}", flush=True)
        return
    db, settings_path, cases = args[0], args[1], int(args[2])
    app, window = open_usable_window(db, settings_path, cases)
    ready, shown = time.perf_counter() - started, MOMENTS["case_shown"] - started
    print(f"ready {ready:.6f} {shown:.6f}", flush=True)
    wait_for_rows(app, window)  # the memory of every row, not only the pages shown
    for _ in range(min(MEMORY_STEPS, cases - 1)):
        window.step(1)
        app.processEvents()
    print(f"peak_kb {peak_rss_kb()}", flush=True)
    window.close()
    window.inspection.close()


if __name__ == "__main__":
    _child(sys.argv[1], sys.argv[2:])
