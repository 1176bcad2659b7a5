"""Starting the workstation: settings, the current user, the file to open, the window."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from auditor.inspection import Assessor, Inspection
from ui.identity import ask_identity
from ui.main_window import APP_TITLE, MainWindow

ORGANISATION = "CaseFileAuditor"
DEMO_FILE = "demo.caseaudit"


def make_settings() -> QSettings:
    return QSettings(ORGANISATION, "workstation")


def data_dir() -> Path:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    folder = Path(location or Path.home() / ".case-file-auditor")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def choose_file(requested: Path | None, settings: QSettings) -> Path:
    """The file to open: the one asked for, else the last one used, else the demo."""
    if requested is not None:
        return requested
    last = settings.value("file/last")
    if last and Path(str(last)).exists():
        return Path(str(last))
    demo = data_dir() / DEMO_FILE
    if not demo.exists():
        from auditor.demo import write_demo

        write_demo(demo).close()
    return demo


def current_user(inspection: Inspection, settings: QSettings) -> Assessor | None:
    """The user from settings, or asked for on first run (None if they cancel)."""
    name = str(settings.value("user/name") or "")
    role = str(settings.value("user/role") or "")
    if not name or role not in ("inspector", "supervisor"):
        answer = ask_identity()
        if answer is None:
            return None
        name, role = answer
        settings.setValue("user/name", name)
        settings.setValue("user/role", role)
    return inspection.assessor(name, role)


def open_main_window(requested: Path | None, settings: QSettings) -> MainWindow | None:
    """Open the inspection and build its window; problems are shown, never raised."""
    path = choose_file(requested, settings)
    try:
        inspection = Inspection.open(path)
    except Exception as exc:  # every opening problem is shown as a message, not a traceback
        QMessageBox.critical(None, APP_TITLE, f"Cannot open the inspection file.\n\n{exc}")
        return None
    user = current_user(inspection, settings)
    if user is None:
        inspection.close()
        return None
    settings.setValue("file/last", str(path))
    return MainWindow(inspection, user, settings)


def run_window(requested: Path | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_TITLE)
    app.setOrganizationName(ORGANISATION)
    icon = resources.files("resources.icons").joinpath("app.svg")
    app.setWindowIcon(QIcon(str(icon)))
    window = open_main_window(requested, make_settings())
    if window is None:
        return 1
    window.show()
    code = app.exec()
    window.inspection.close()
    return code
