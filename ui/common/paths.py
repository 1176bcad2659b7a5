"""Where the workstation keeps its own files: the data folder and the backups under it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths


def data_dir() -> Path:
    """The application's data folder (on Linux under ``$XDG_DATA_HOME``), made when missing."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    folder = Path(location or Path.home() / ".case-file-auditor")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def backups_root() -> Path:
    """Where the window keeps backups: ``backups`` in the application's data folder."""
    return data_dir() / "backups"
