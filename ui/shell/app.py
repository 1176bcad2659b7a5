"""Starting the workstation: settings, the current user, the file to open, the window; and
File → Switch user…, which reopens the window's file as someone else."""

from __future__ import annotations

import sys
import weakref
from importlib import resources
from pathlib import Path

# The core first, then Qt: PySide6 hooks the import of every module imported after it (its
# feature switch looks at each one), about 40 ms at start-up for the core's modules
# (benchmarks/RESULTS.md). The window's own modules, which import Qt, come after it anyway.
# isort: off
import auditor.allocation.whose
import auditor.case_list
import auditor.grading.undo
import auditor.timeliness  # noqa: F401
from auditor.backups import list_backups
from auditor.encryption import PassphraseCancelled, WrongPassphrase, use_source
from auditor.errors import FILE_FAILURES, Refused
from auditor.inspection import Assessor, FileInUse, Inspection
from auditor.people import ROLES, session

# isort: on
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ui.common.asking import go_ahead
from ui.common.errors import install_hook
from ui.common.paths import backups_root, data_dir
from ui.files.health_check import HealthCheck, check_before_opening
from ui.files.passphrase import window_source
from ui.shell.identity import ask_identity, sign_in_to
from ui.shell.main_window import APP_TITLE, OPENING_WORK_DELAY_MS, MainWindow
from ui.shell.signals import CloseOnSignal, close_on_terminate
from ui.shell.start_up import release_collection

ORGANISATION = "CaseFileAuditor"
DEMO_FILE = "demo.caseaudit"


def make_settings() -> QSettings:
    return QSettings(ORGANISATION, "workstation")


def choose_file(requested: Path | None, settings: QSettings) -> tuple[Path, str]:
    """The file to open (absolute): the one asked for, else the last one used, else the demo.

    The second value is a notice for the user when the last file used has gone ("" if not).
    """
    if requested is not None:
        return requested.absolute(), ""
    notice = ""
    last = str(settings.value("file/last") or "")
    if last:
        if Path(last).is_absolute() and Path(last).exists():
            return Path(last), ""
        notice = (
            f"The inspection file last used, {last}, is no longer there (moved, renamed or "
            "on a drive not connected). The demo inspection is open instead; start "
            "with --db PATH to open another file."
        )
    demo = data_dir() / DEMO_FILE
    if not demo.exists():
        from auditor.samples.demo import write_demo  # its PDF writer is loaded only on first run

        write_demo(demo).close()
    return demo, notice


def say_last_file_gone(window: QWidget, notice: str) -> QMessageBox:
    """Tell the user, without blocking the window, that the last file used has gone."""
    box = QMessageBox(QMessageBox.Icon.Information, APP_TITLE, notice, parent=window)
    box.setObjectName("lastFileGone")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    QTimer.singleShot(0, box.open)
    return box


def say_not_signed_in(window: MainWindow, reason: str) -> QMessageBox:
    """Tell the user, without blocking the window, why the file is open read-only."""
    window.read_only_label.setText("Read-only: not signed in; nothing can be saved here")
    window.read_only_label.setToolTip(reason)
    box = QMessageBox(QMessageBox.Icon.Information, APP_TITLE, "", parent=window)
    box.setObjectName("notSignedIn")
    # Wide enough for a card's path on a line or two (Qt names the message box's label so).
    box.setStyleSheet("QLabel#qt_msgbox_informativelabel { min-width: 460px; }")
    box.setText("The inspection is open read-only")
    box.setInformativeText(reason)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    QTimer.singleShot(0, box.open)
    return box


def current_user(inspection: Inspection, settings: QSettings) -> Assessor | None:
    """An unsigned inspection's user from settings, or asked for on first run (None if they
    cancel). A signed inspection's user signs in instead (``ui.shell.identity.sign_in_to``)."""
    name = str(settings.value("user/name") or "")
    role = str(settings.value("user/role") or "")
    if not name or role not in ROLES:
        answer = ask_identity()
        if answer is None:
            return None
        name, role = answer
        settings.setValue("user/name", name)
        settings.setValue("user/role", role)
    if inspection.read_only:  # nothing can be added to a file viewed read-only
        known = [p for p in inspection.assessors() if p.name == name and p.role == role]
        return known[0] if known else Assessor("", name, role)
    return inspection.assessor(name, role)


def open_main_window(requested: Path | None, settings: QSettings) -> MainWindow | None:
    """Open the inspection and build its window; problems are shown, never raised."""
    use_source(window_source())  # an encrypted file's passphrase is asked in a dialog
    path, notice = choose_file(requested, settings)
    inspection = open_inspection(path)
    if inspection is None:
        return None
    reason = ""  # why nobody signed in to a signed inspection: it is then viewed read-only
    try:
        if inspection.signed:
            user, reason = sign_in_to(inspection)
            if reason:
                inspection = view_read_only(inspection)
        else:
            user = current_user(inspection, settings)
    except (
        Refused,
        *FILE_FAILURES,
    ) as exc:  # signing in writes (a new assessor): a damaged file says so
        inspection.close()
        restored = _cannot_open(None, path, exc, offer_backups=True)
        if restored is None:
            return None
        restored.close()  # a backup restored into a new file: open that in the window
        return open_main_window(restored.path, settings)
    if user is None:
        inspection.close()
        return None
    if not inspection.read_only or reason:
        settings.setValue("file/last", str(path))  # absolute: the same file from any folder
    window = MainWindow(
        inspection,
        user,
        settings,
        open_file=lambda p: open_another(p, settings),
        switch_user=lambda w: switch_user(w, settings),
    )
    if notice:
        say_last_file_gone(window, notice)
    if reason:
        say_not_signed_in(window, reason)
    if not check_before_opening(inspection.path):
        window.health_check = HealthCheck(window.workspace, window.open_elsewhere)
        check = window.health_check.start  # after the first paint, as the opening backup
        window.case_loader.when_loaded(
            lambda: QTimer.singleShot(OPENING_WORK_DELAY_MS, window, check)
        )
    return window


def open_another(path: Path, settings: QSettings) -> MainWindow | None:
    """Open ``path`` in a window of its own, closed with its file (a restored backup)."""
    opened = open_main_window(path, settings)
    if opened is None:
        return None
    inspection = opened.inspection
    opened.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    opened.destroyed.connect(lambda _obj=None: close_once(inspection))
    opened.show()
    return opened


#: Inspections the shell has closed (a window's file is closed once, however it closes).
_closed: weakref.WeakSet[Inspection] = weakref.WeakSet()


def close_once(inspection: Inspection) -> None:
    """Close a window's inspection unless it was closed already (switch user closes it first)."""
    if inspection not in _closed:
        _closed.add(inspection)
        inspection.close()


def view_read_only(inspection: Inspection) -> Inspection:
    """The same file opened read-only (nobody signed in); the writing connection is closed.

    The viewer is opened first, so an encrypted file's passphrase is not asked again.
    """
    viewer = Inspection.open(inspection.path, read_only=True, quick_check=False)
    inspection.close()
    return viewer


def switch_user(window: MainWindow, settings: QSettings) -> MainWindow | None:
    """File → Switch user…: ask who is at the workstation now, then reopen the window's file
    as them in a new window (this one closes). None when nobody else signed in."""
    window.flush_edits()
    inspection = window.inspection
    path = inspection.path
    before = session.key_for(path)
    if inspection.signed:
        session.forget(path)  # asked again: choose from the roster, then the passphrase
        from ui.people.sign_in import sign_in  # the key sign-in dialog: signed files only

        outcome = sign_in(inspection, window)
        if outcome.key is None:
            if before is not None:
                session.sign_in_here(path, before)
            window.show_status(f"Nobody else signed in; still {window.user_label.text()}", 8000)
            return None
        session.sign_in_here(path, outcome.key)
    else:
        answer = ask_identity(window)
        if answer is None:
            return None
        settings.setValue("user/name", answer[0])
        settings.setValue("user/role", answer[1])
    opened = reopen(window, settings)
    if opened is None and inspection.signed and before is not None and not window.closed:
        session.sign_in_here(path, before)  # the window stayed: so does who was signed in
    return opened


def reopen(window: MainWindow, settings: QSettings) -> MainWindow | None:
    """Close ``window`` and open its file again in a new one (through the shell's open path)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    quits = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)  # between the two windows, none is open
    try:
        if not window.close():  # edits that could not be saved: the user chose to stay
            return None
        own_window = window.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        close_once(window.inspection)
        path = window.inspection.path
        opened = open_another(path, settings) if own_window else open_main_window(path, settings)
    finally:
        app.setQuitOnLastWindowClosed(quits)
    if opened is None:
        if not any(w.isVisible() for w in app.topLevelWidgets() if isinstance(w, MainWindow)):
            app.quit()  # the file could not be opened again, and no window is left
        return None
    window.replaced_by = opened
    if not own_window:
        opened.resize(window.size())
        opened.show()
    for handler in window.findChildren(CloseOnSignal):  # SIGTERM now closes the new window
        if handler.installed:
            handler.restore()
            close_on_terminate(opened)
    return opened


def open_inspection(path: Path, parent: QWidget | None = None) -> Inspection | None:
    """Open ``path`` for the window, saying in words why it cannot be (None then).

    Held by another copy: says who, and offers to view it read-only. A file that cannot be
    opened for another reason: names it and the problem, and offers its backups when it has
    some (restored into a new file, which is opened instead).
    """
    checked = check_before_opening(path)  # a large file is checked after the window shows
    try:
        return Inspection.open(path, quick_check=checked)
    except PassphraseCancelled:
        return None  # the user chose not to open it
    except FileInUse as exc:
        if not ask_read_only(parent, path, exc.holder):
            return None
        try:
            return Inspection.open(path, read_only=True, quick_check=checked)
        except PassphraseCancelled:
            return None
        except (Refused, *FILE_FAILURES) as again:  # shown in words, never a traceback
            return _cannot_open(parent, path, again, offer_backups=False)
    except WrongPassphrase as exc:  # its backups need the same passphrase: none offered
        return _cannot_open(parent, path, exc, offer_backups=False)
    except (
        Refused,
        *FILE_FAILURES,
    ) as exc:  # every opening problem is shown as a message, not a traceback
        return _cannot_open(parent, path, exc, offer_backups=True)


def _cannot_open(
    parent: QWidget | None, path: Path, exc: Exception, *, offer_backups: bool
) -> Inspection | None:
    problem = _problem(path, exc)
    if offer_backups and has_backups(path):
        # The restore window (and its table of backups) loads only for a file that failed.
        from ui.files.restore_dialog import offer_restore

        restored = offer_restore(parent, path, problem)
        return open_inspection(restored, parent) if restored is not None else None
    show_problem(parent, path, problem)
    return None


def _problem(path: Path, exc: Exception) -> str:
    """What is wrong, without repeating the file's name the message starts with."""
    text = str(exc) or type(exc).__name__
    prefix = f"{path}: "
    return text[len(prefix) :] if text.startswith(prefix) else text


def has_backups(path: Path) -> bool:
    """Whether the window has backups of ``path`` to offer."""
    try:
        return bool(list_backups(backups_root(), path))
    except (Refused, *FILE_FAILURES):  # a backups folder that cannot be read offers nothing
        return False


def show_problem(parent: QWidget | None, path: Path, problem: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, APP_TITLE, "", parent=parent)
    box.setObjectName("openingProblem")
    box.setText(f"Cannot open {path.name}")
    box.setInformativeText(f"{path}\n\n{problem[:1].upper()}{problem[1:]}")
    box.exec()


def ask_read_only(parent: QWidget | None, path: Path, holder: dict) -> bool:
    """Say who holds ``path`` and ask whether to view it read-only."""
    return go_ahead(
        parent,
        APP_TITLE,
        f"{path.name} is open in another copy of Case File Auditor",
        f"{path}\n\nIt is open for writing by {holder.get('user', 'someone')} on "
        f"{holder.get('host', 'another computer')} (process {holder.get('pid', '?')}, since "
        f"{holder.get('since', '?')}). Only one copy may change it at a time.\n\n"
        "You can view it read-only: nothing can be changed or saved, and the other copy is "
        "not disturbed.",
        "View read-only",
        icon=QMessageBox.Icon.Information,
        name="fileInUse",
    )


def run_window(requested: Path | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    install_hook()  # a fault escaping a slot is logged to a file and said, not printed
    app.setApplicationName(APP_TITLE)
    app.setOrganizationName(ORGANISATION)
    icon = resources.files("resources.icons").joinpath("app.svg")
    app.setWindowIcon(QIcon(str(icon)))
    try:
        window = open_main_window(requested, make_settings())
        if window is None:
            return 1
        window.show()
    finally:
        release_collection()  # held by the launcher while the window starts
    close_on_terminate(window)  # SIGTERM (a session logging out) closes it as Ctrl+Q does
    code = app.exec()
    while window.replaced_by is not None:  # File → Switch user… opened it again
        window = window.replaced_by
    close_once(window.inspection)
    return code
