"""What the window does with an error: a refusal is said in words; anything else is a bug,
logged with its traceback to a file in the data folder and named as such.

This is the one place in ``ui`` that catches any exception: ``unexpected`` (for a worker
thread, whose exceptions would otherwise be lost) and the hook for exceptions escaping a Qt
slot (``install_hook``). Views catch ``Refused`` (and ``FILE_FAILURES`` where a save may fail).
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from auditor.errors import FILE_FAILURES, Refused
from ui.common.paths import data_dir

__all__ = [
    "FILE_FAILURES",
    "Refused",
    "excepthook",
    "in_words",
    "install_hook",
    "log_path",
    "unexpected",
]


def log_path() -> Path:
    """The file unexpected errors are written to: ``errors.log`` in the data folder."""
    return data_dir() / "errors.log"


def unexpected(exc: BaseException) -> str:
    """Log ``exc`` with its traceback; the sentence to show the user instead of it."""
    path = log_path()
    log = logging.getLogger("case_auditor.unexpected")
    if not any(getattr(h, "baseFilename", None) == str(path) for h in log.handlers):
        handler = logging.FileHandler(path, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        log.addHandler(handler)
        log.propagate = False
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    log.error("Unexpected error\n%s", text)
    return f"Something went wrong (a fault in the workstation); details were saved to {path}."


def in_words(exc: BaseException) -> str:
    """A refusal or a file problem as its message; anything else logged, as ``unexpected``."""
    if isinstance(exc, (Refused, *FILE_FAILURES)):
        return str(exc) or type(exc).__name__
    return unexpected(exc)


def excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """``sys.excepthook`` for the window: log the fault, say so in a message box."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    exc.__traceback__ = tb
    message = unexpected(exc)
    if QApplication.instance() is not None:
        box = QMessageBox(QMessageBox.Icon.Critical, "Case File Auditor", message)
        box.setObjectName("unexpectedError")
        box.exec()


def install_hook() -> None:
    """Log (and say) any exception that escapes a Qt slot, instead of a traceback on stderr."""
    sys.excepthook = excepthook
