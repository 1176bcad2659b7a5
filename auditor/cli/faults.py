"""A fault in the program itself, met on the command line: logged with its traceback, named in
one line, never a traceback on the screen.

The log is the window's own: ``errors.log`` in the application's data folder, where Qt's
``QStandardPaths.AppDataLocation`` puts it for organisation ``CaseFileAuditor`` and application
``Case File Auditor``. The core does not import Qt, so the same folder is named here for the
three systems the application is built for (``CASE_AUDITOR_ERROR_LOG`` names another file).
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path

#: Exit code for a fault in the program (sysexits' EX_SOFTWARE): not the user's doing.
EXIT_FAULT = 70
LOG_ENV = "CASE_AUDITOR_ERROR_LOG"
APP_FOLDER = Path("CaseFileAuditor") / "Case File Auditor"


def data_folder() -> Path:
    """The application's data folder, as the window's (``ui.common.paths.data_dir``)."""
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / APP_FOLDER


def log_path() -> Path:
    return Path(os.environ[LOG_ENV]) if os.environ.get(LOG_ENV) else data_folder() / "errors.log"


def log_fault(exc: BaseException, command: str) -> str:
    """Append ``exc`` with its traceback to the log; the line to say instead of it."""
    path = log_path()
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError as unwritable:
        return (
            f"a fault in the program ({type(exc).__name__}); its details could not be saved "
            f"to {path} ({unwritable.strerror or unwritable}): please report what you ran"
        )
    log = logging.getLogger("case_auditor.cli_fault")
    log.propagate = False
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    log.addHandler(handler)
    try:
        log.error("Unexpected error in %s\n%s", command, text)
    finally:
        log.removeHandler(handler)
        handler.close()
    return (
        f"a fault in the program ({type(exc).__name__}), not in what you gave it; "
        f"details were saved to {path}"
    )
