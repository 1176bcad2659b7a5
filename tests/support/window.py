"""The real main window in a test: opening it, screenshots, waiting for reports, answering
modal dialogs (passphrases)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from auditor.allocation.whose import whose_grading
from auditor.grading.rules import DONE_STATUSES, NOT_REFERRED_STATE
from ui.cases.model import CaseIdRole
from ui.files.passphrase import PassphraseDialog
from ui.reports.window import ReportsWindow
from ui.shell.app import open_main_window

SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def save_screenshot(widget, name: str) -> None:
    """Render ``widget`` to build/screenshots/NAME for a reviewer to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    QApplication.processEvents()
    assert widget.grab().save(str(SCREENSHOTS / name))


def open_window(qtbot, path: Path, settings):
    """The main window on ``path``, shown at a fixed size and registered with qtbot."""
    window = open_main_window(path, settings)
    assert window is not None
    qtbot.addWidget(window)
    window.resize(1500, 900)
    window.show()
    qtbot.waitExposed(window)
    return window


#: How long a report may take to build in a test (ms).
WAIT = 20_000


def wait_built(qtbot, reports: ReportsWindow) -> None:
    """Wait until the Reports window has built its report."""
    qtbot.waitUntil(lambda: reports.report is not None and not reports.busy, timeout=WAIT)


#: The waits of ``when_modal`` still polling; each test's are stopped when it ends, so a
#: wait a test did not use up never acts on a later test's dialog.
_waiting: list[list[bool]] = []


def stop_waiting_for_modals() -> None:
    """Stop every ``when_modal`` wait still polling (called after each window test)."""
    for alive in _waiting:
        alive[0] = False
    _waiting.clear()


def when_modal(kind: type, act: Callable[[QWidget], None], times: int = 1) -> list[QWidget]:
    """Run ``act`` on the next ``times`` showings of a modal widget of ``kind`` (a dialog
    shown again after it closed counts again)."""
    seen: list[QWidget] = []
    waiting_to_hide: list[QWidget] = []
    alive = [True]
    _waiting.append(alive)

    def poll() -> None:
        if not alive[0]:
            return
        widget = QApplication.activeModalWidget()
        if waiting_to_hide and waiting_to_hide[0] is widget and widget.isVisible():
            QTimer.singleShot(20, poll)
            return
        waiting_to_hide.clear()
        if isinstance(widget, kind) and widget.isVisible():
            if widget not in seen:  # closed and shown again without a pause: count it again
                widget.finished.connect(lambda *_: waiting_to_hide.clear())
            seen.append(widget)
            waiting_to_hide.append(widget)
            act(widget)
            if len(seen) >= times:
                return
        QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen


def type_passphrases(*answers: str, shots: dict[int, str] | None = None) -> list[str]:
    """Answer successive passphrase dialogs; returns the problem each one showed."""
    problems: list[str] = []
    queue = list(answers)

    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, PassphraseDialog)
        problems.append(dialog.problem.text() if dialog.problem.isVisibleTo(dialog) else "")
        dialog.field.setText(queue.pop(0))
        if shots and len(problems) in shots:
            save_screenshot(dialog, shots[len(problems)])
        dialog.accept()

    when_modal(PassphraseDialog, act, times=len(answers))
    return problems


def select_gradable(window, after: int = -1) -> str:
    """Select the first listed case after row ``after`` that the window's user may grade
    (nobody else's); its id."""
    model = window.case_model
    for row in range(after + 1, model.rowCount()):
        case_id = model.index(row, 0).data(CaseIdRole)
        if whose_grading(window.inspection, window.user, case_id).editable:
            window.select_case(case_id)
            return case_id
    raise AssertionError("no case in the list is the user's to grade")


def team_counts(inspection) -> tuple[int, int, int]:
    """(cases, cases someone has graded completely, cases with a live referral back), counted
    from each case's gradings directly (the demo has one grader a case)."""
    cases = graded = flagged = 0
    for row in inspection.case_list():
        cases += 1
        assessments = inspection.grading.assessments(row[0])
        graded += any(a.status in DONE_STATUSES for a in assessments)
        flagged += any(
            a.referral is not None and a.referral.state != NOT_REFERRED_STATE for a in assessments
        )
    return cases, graded, flagged


def changeable_controls(panel) -> list[bool]:
    """For the grading shown: whether each control that would change it can be used (the grade
    buttons and sub-prompts of every card, the notes, the overall grade, its reason, the
    referral's tick and note)."""
    states = []
    for card in panel.visible_cards():
        states += [card.buttons.isEnabled(), card.prompts.isEnabled(), not card.note.isReadOnly()]
    states += [panel.overall_buttons.isEnabled(), not panel.override_reason.isReadOnly()]
    states += [panel.refer.isEnabled(), not panel.referral_note.isReadOnly()]
    return states


def grading_read_only(panel) -> bool:
    """Nothing on the grading shown can change it (every control off or read only)."""
    return panel.read_only and not any(changeable_controls(panel))


def grading_editable(panel) -> bool:
    """Every control of the grading shown can change it."""
    return not panel.read_only and all(changeable_controls(panel))
