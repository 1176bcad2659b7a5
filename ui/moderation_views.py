"""Review → Moderation…: double grading, agreement and kappa, conflicts, the force's audit."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class ModerationViews:
    """Opens the moderation window of one main window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def open_moderation(self) -> None:
        self.window.statusBar().showMessage("Moderation: being built", 3000)
