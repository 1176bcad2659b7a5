"""The grading panel shown read only: someone else's grading, or a file another copy holds.

Nothing that changes the grading can be used, and everything can still be read: the notes are
read-only text (scrolled, selected, copied), the guidance still opens, a citation still opens
its document, and the controls switched off keep text that reads (``readable_disabled``), so a
supervisor reviewing a case reads the inspector's grading as clearly as its inspector did.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWidget

from ui.common.theme import readable_disabled

if TYPE_CHECKING:
    from ui.grading.panel import GradingPanel


class ReadableHolder(QWidget):
    """Holds the cards: its switched-off controls' text keeps a readable contrast."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._recolouring = False
        self._recolour()

    def _recolour(self) -> None:
        self._recolouring = True
        try:
            self.setPalette(readable_disabled(self.palette()))
        finally:
            self._recolouring = False

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and not self._recolouring:
            self._recolour()  # the system's palette changed (light to dark): follow it


def show_read_only(panel: GradingPanel, read_only: bool) -> None:
    """Switch the shown page's and the overall grade's controls for ``read_only`` (each only
    when it changes: a step to the next case of the same kind costs nothing here)."""
    key = (panel.page, read_only)
    if panel.read_only_shown == key:
        return
    panel.read_only_shown = key
    editable = not read_only
    for card in panel.cards.values():
        card.buttons.setEnabled(editable)
        card.prompts.setEnabled(editable)
        card.note.setReadOnly(read_only)
        card.citations.remove.setVisible(editable)
    panel.overall_buttons.setEnabled(editable)
    panel.override_reason.setReadOnly(read_only)
    panel.refer.setEnabled(editable)
    panel.reason.setEnabled(editable and panel.refer.isChecked())
    panel.referral_note.setReadOnly(read_only)
