"""The main window: case list (left), case file (centre), grading (right)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from auditor.errors import FILE_FAILURES, Refused
from auditor.evidence.passage import Passage
from auditor.inspection import Assessor, Inspection
from auditor.timeliness import measure_case
from ui.cases.file_view import CaseFileView
from ui.cases.filter_bar import CaseFilterBar
from ui.cases.model import CaseTableModel
from ui.cases.views import CaseViews
from ui.common.a11y import explain, in_reading_order
from ui.common.paths import backups_root
from ui.common.save_retry import SaveBanner, unsaved_may_close
from ui.common.workspace import Workspace
from ui.files.backups import BackupRunner
from ui.files.team_views import TeamViews
from ui.files.views import FileViews
from ui.grading.panel import GradingPanel
from ui.grading.unfinished_flag import UnfinishedFlagBanner
from ui.moderation.views import ModerationViews
from ui.people.views import PeopleViews
from ui.reports.views import ReportViews
from ui.review.calls_bar import CallsBar
from ui.review.views import ReviewViews
from ui.shell.attention import AttentionActions
from ui.shell.case_list import CaseListActions
from ui.shell.case_loader import CaseLoader, last_case_key
from ui.shell.case_table import case_table
from ui.shell.evidence import EvidenceLinks
from ui.shell.identity import user_text
from ui.shell.layout_memory import available_area, fit_to, restore_layout, save_layout
from ui.shell.read_only import apply_read_only
from ui.shell.shortcuts import build_menus

if TYPE_CHECKING:
    from ui.files.health_check import HealthCheck
    from ui.files.import_dialog import ImportDialog
    from ui.shell.help import GuideDialog

APP_TITLE = "Case File Auditor"
CONSULTATION_FLUSH_MS = 2000
#: The backup made on opening (and a large file's quick check) start this long after the list
#: is in: after the first paint and keystrokes, not competing with them for the CPU and disk.
OPENING_WORK_DELAY_MS = 1500


class MainWindow(CaseListActions, AttentionActions, QMainWindow):
    """The inspector's workstation for one open inspection."""

    def __init__(
        self,
        inspection: Inspection,
        user: Assessor,
        settings: QSettings,
        open_file: Callable[[Path], MainWindow | None] | None = None,
        switch_user: Callable[[MainWindow], MainWindow | None] | None = None,
    ) -> None:
        super().__init__()
        self.inspection = inspection
        self.user = user
        self.settings = settings
        self.guide: GuideDialog | None = None
        self.import_dialog: ImportDialog | None = None
        self.health_check: HealthCheck | None = None  # a large file's check (ui.shell.app)
        self.closed = False
        self.close_waiters: list[Callable[[], None]] = []  # worker threads to end on closing
        self._open_file = open_file  # ui.shell.app: a file opened in a window of its own
        self.opened_windows: list[MainWindow] = []  # restored files opened from this one
        self._switch_user = switch_user  # ui.shell.app: this file reopened as someone else
        self.replaced_by: MainWindow | None = None  # the window File → Switch user… opened
        self.workspace = Workspace(self, self)  # all that the feature views see of the window
        self.retitle()
        self.setAccessibleName(APP_TITLE)

        self.case_model = CaseTableModel(inspection.framework, self)
        self.case_table = case_table(inspection.framework, self.case_model)

        self.filter_bar = CaseFilterBar(inspection.framework, user)
        self.filter_bar.changed.connect(self._apply_filters)
        self.filter_bar.search.open_first.connect(self.open_first_match)
        self.filter_bar.search.enter_list.connect(self.enter_list)
        bar = self.filter_bar  # the controls, named as tests and benchmarks know them
        self.search, self.type_filter, self.status_filter = (
            bar.search,
            bar.type_filter,
            bar.status_filter,
        )
        self.grade_filter, self.flag_filter = bar.grade_filter, bar.flag_filter
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(4, 4, 4, 4)
        left_layout.addWidget(self.filter_bar)
        left_layout.addWidget(self.case_table, 1)

        self.case_file = CaseFileView(inspection)
        self.grading = GradingPanel(inspection, user)
        self.grading.changed.connect(self._case_changed)
        self.grading.failed.connect(self._show_failure)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.case_file)
        self.splitter.addWidget(self.grading)
        in_reading_order(self.splitter)  # read list, case file, grading (docs/accessibility.md)
        self.save_banner = SaveBanner(self.grading.pending.retry)
        self.grading.pending.failed.connect(self.save_banner.show_problem)
        self.grading.pending.saved.connect(self._saved_again)
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.addWidget(self.save_banner)
        self.flag_banner = UnfinishedFlagBanner(self._back_to_reason, self._withdraw_flag)
        central_layout.addWidget(self.flag_banner)
        central_layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.progress = QLabel()
        explain(self.progress, "Progress of the inspection")
        self.statusBar().addPermanentWidget(self.progress)
        self.user_label = QLabel(user_text(inspection, user))
        self.user_label.setObjectName("userLabel")
        explain(self.user_label, "Signed in as")
        self.statusBar().addPermanentWidget(self.user_label)

        # Openings of cases (DPA 2018 s62 consultation) are logged in batches, so stepping
        # through cases never waits on the disk; see flush_consultations.
        self.consultations: list[tuple[str, str]] = []
        self.consultation_timer = QTimer(self, singleShot=True, interval=CONSULTATION_FLUSH_MS)
        self.consultation_timer.timeout.connect(self.flush_consultations)
        self.review_views = ReviewViews(self.workspace)
        self.calls_bar = CallsBar(
            self.workspace,
            {
                "questions": self.review_views.open_questions,
                "review": self.review_views.open_queue,
                "overdue": self.review_views.open_overdue_referrals,
            },
        )
        self.statusBar().insertPermanentWidget(0, self.calls_bar)
        self.report_views = ReportViews(self.workspace)
        self.moderation_views = ModerationViews(self.workspace)
        self.team_views = TeamViews(self.workspace, self.moderation_views.open_moderation)
        self.file_views = FileViews(self.workspace, self.open_elsewhere)
        self.case_views = CaseViews(self.workspace)
        self.people_views = PeopleViews(self.workspace)
        self.evidence = EvidenceLinks(self.workspace, self.case_file, self.grading, self.filter_bar)
        self.backups = BackupRunner(inspection.path, backups_root(), settings, self)
        self.backups.failed.connect(self._show_failure)
        self._build_menus()
        if inspection.read_only:  # viewing a file another copy holds (ui/shell/read_only.py)
            apply_read_only(self, APP_TITLE)
        self.case_table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.case_model.modelReset.connect(self._reselect_shown_case)
        self._fitted = False
        restore_layout(self)
        self.last_case_key = last_case_key(self)
        self.case_loader = CaseLoader(self)  # fills the list, at once or off the UI thread
        self.case_loader.start()
        self.case_loader.when_loaded(self.first_view)  # at once, or when the list arrives
        self.case_loader.when_loaded(self._announce_calls)
        if not inspection.read_only:  # a viewer leaves backups to the writer
            self.case_loader.when_loaded(lambda: self.backups.begin_soon(OPENING_WORK_DELAY_MS))

    # --- menus -----------------------------------------------------------------------------

    def _build_menus(self) -> None:
        handlers = {
            "import": self.open_import,
            "export": self.report_views.open_export,
            "export_force": self.report_views.open_export_for_force,
            "export_package": self.team_views.export_package,
            "merge_packages": self.team_views.merge_packages,
            "restore_backup": self.file_views.restore_backup,
            "change_passphrase": self.file_views.change_passphrase,
            "switch_user": self.switch_user,
            "people": self.people_views.open_people,
            "moderation": self.moderation_views.open_moderation,
            "reports": self.report_views.open_reports,
            "questions": self.review_views.open_questions,
            "review_queue": self.review_views.open_queue,
            "quality": self.review_views.quality_assure,
            "referrals": self.review_views.open_referrals,
            "history": self.review_views.open_history,
            "audit_log": self.review_views.open_log,
            "quit": self.close,
            "undo": self._undo,
            "redo": self._redo,
            "search": self._focus_search,
            "focus_mode": self.toggle_focus_mode,
            "fit_columns": self.case_table.fit_columns_automatically,
            "next": lambda: self.step(1, focus_grading=True),
            "previous": lambda: self.step(-1, focus_grading=True),
            "next_incomplete": self.next_incomplete,
            "refer": self.grading.start_referral,
            "grade": self.grading.focus_first_criterion,
            "cite": self.evidence.cite,
            "search_documents": self.evidence.search,
            "allocate": self.case_views.open_allocate,
            "shortcuts": self.show_shortcuts,
            "guide": self.show_guide,
        }
        self.actions_by_id = build_menus(self, handlers)
        self.actions_by_id["focus_mode"].setCheckable(True)
        about = QAction("&About Case File Auditor", self)
        about.triggered.connect(self.show_about)
        self.menuBar().actions()[-1].menu().addAction(about)  # Help, the last menu

    def switch_user(self) -> MainWindow | None:
        """File → Switch user…: the file reopened, in a new window, as whoever signs in."""
        if self._switch_user is None:
            return None
        return self._switch_user(self)

    def show_guide(self) -> None:
        from ui.shell.help import GuideDialog  # on first use: quicker start-up

        if self.guide is None:
            self.guide = GuideDialog(self)
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()

    def show_shortcuts(self) -> None:
        from ui.shell.help import show_shortcuts  # on first use: quicker start-up

        show_shortcuts(self)

    def show_about(self) -> None:
        from ui.shell.help import show_about  # on first use: quicker start-up

        show_about(self, APP_TITLE)

    def open_import(self) -> None:
        """File → Import…: the import runs off the UI thread; the list reloads when it is done."""
        self.grading.flush()
        if self.import_dialog is None:
            from ui.files.import_dialog import ImportDialog  # on first use: quicker start-up

            self.import_dialog = ImportDialog(self.inspection.path, self.user.name, self)
            self.import_dialog.imported.connect(self._imported)
            self.close_waiters.append(self.import_dialog.wait_idle)
        self.import_dialog.show()
        self.import_dialog.raise_()
        self.import_dialog.activateWindow()

    def _imported(self) -> None:
        self.reload_cases()
        self.evidence.index_when_idle()  # the documents it attached, in the background
        shown = self.grading.case
        if shown is not None:
            self.show_case(shown.id, consulted=False)
        elif self.case_model.rowCount():
            self.select_row(0)

    def _undo(self) -> None:
        self._show_history_step(self.grading.undo())

    def _redo(self) -> None:
        self._show_history_step(self.grading.redo())

    def _show_history_step(self, case_id: str | None) -> None:
        if case_id is None:
            self.statusBar().showMessage("Nothing to undo or redo", 3000)
        elif case_id != self.current_case_id():
            self.select_case(case_id)

    def show_case(self, case_id: str, *, consulted: bool = True) -> None:
        """Show a case's file and grading (read afresh from the inspection).

        Opening a case is logged as a consultation (Data Protection Act 2018, section 62);
        re-showing the same case after an import is not a new consultation.
        """
        case = self.inspection.case(case_id)
        if consulted:
            self.consultations.append((case_id, self.inspection.clock()))
            if not self.consultation_timer.isActive():
                self.consultation_timer.start()
        events = self.inspection.chronology(case.id)
        measures = measure_case(
            self.inspection.framework,
            case.case_type,
            [(e.occurred_at, e.event_type) for e in events],
        )
        left = self.grading.case
        self.case_file.show_case(case, events, measures)
        self.grading.show_case(case)  # commits what was being typed on the case left
        if left is not None and left.id != case.id and self._flagged_without_reason(left.id):
            self.flag_banner.ask(left)
        elif self.flag_banner.case_id == case.id:
            self.flag_banner.hide()

    # --- what the workspace offers the views (ui/common/workspace.py) ------------------------

    def flush_edits(self) -> None:
        """Commit a note being typed and the openings waiting to be logged."""
        self.grading.flush()
        self.flush_consultations()

    def shown_case_id(self) -> str | None:
        return self.grading.case.id if self.grading.case is not None else None

    def show_status(self, text: str, milliseconds: int = 0) -> None:
        self.statusBar().showMessage(text, milliseconds)

    def retitle(self) -> None:
        self.setWindowTitle(f"{self.inspection.name} — {APP_TITLE}")

    def open_passage(self, passage: Passage) -> None:
        self.evidence.open_passage(passage)

    def bring_to_front(self) -> None:
        self.raise_()
        self.activateWindow()

    def open_elsewhere(self, path: Path) -> MainWindow | None:
        """Open ``path`` (a restored backup) in a window of its own; this one stays on its file."""
        opened = self._open_file(path) if self._open_file is not None else None
        if opened is not None:
            self.opened_windows.append(opened)
        return opened

    def flush_consultations(self) -> None:
        """Write the openings collected since the last flush, in one transaction."""
        pending, self.consultations = self.consultations, []
        if not pending:
            return
        try:
            self.inspection.record_consultations(self.user, pending)
        except (
            Refused,
            *FILE_FAILURES,
        ) as exc:  # a full disk must not stop anyone reading the case
            self.consultations = pending + self.consultations  # kept, tried again later
            self.statusBar().showMessage(f"Opening cases is not logged yet: {exc}")
            self.consultation_timer.start()

    def _case_changed(self, case_id: str) -> None:
        if self.case_loader.loading:  # its row is read afresh once the list arrives
            self.case_loader.changed.add(case_id)
            return
        row = self.inspection.case_list_row(case_id, self.user.id)
        position = self.case_model.position_of(case_id)
        before = self.case_model.cases.row_at(position) if position is not None else None
        if row is not None:
            self.case_model.update_row(row)
        self.update_progress(before, row)  # by the one row changed when it is listed
        self.statusBar().clearMessage()

    def _show_failure(self, message: str) -> None:
        self.statusBar().showMessage(message)

    def _saved_again(self, case_ids: list[str]) -> None:
        self.save_banner.hide()
        self.statusBar().showMessage(f"Saved: the edits waiting on {len(case_ids)} case(s)", 8000)

    # --- closing ---------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted:  # the frame is known once shown: the whole window on the screen
            self._fitted = True
            QTimer.singleShot(0, lambda: fit_to(self, available_area(self)))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.grading.flush()
        if not unsaved_may_close(self, self.grading.pending):
            event.ignore()
            return
        self.closed = True  # work finishing after this starts nothing (ui/shell/case_loader.py)
        for wait in self.close_waiters:  # once the close is decided: cancel and wait
            wait()
        self.backups.stop()
        self.flush_consultations()
        if self.grading.case is not None:  # the file reopens on this case
            self.settings.setValue(self.last_case_key, self.grading.case.id)
        save_layout(self)
        super().closeEvent(event)
