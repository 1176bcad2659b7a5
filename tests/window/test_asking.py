"""A go-ahead question shows what it is given as typed; Enter goes ahead, Esc leaves."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from tests.support.window import when_modal
from ui.common.asking import go_ahead

TEXT, DETAILS = "Take over NM-18<i>-1?", "Graded by <b>A</b> & B"


def _ask(qtbot, key: Qt.Key, seen: dict[str, Qt.TextFormat]) -> bool:
    def act(box: QMessageBox) -> None:
        seen.update({label.text(): label.textFormat() for label in box.findChildren(QLabel)})
        qtbot.keyClick(box, key)

    when_modal(QMessageBox, act)
    return go_ahead(None, "Title", TEXT, DETAILS, "&Go")


def test_enter_goes_ahead_and_markup_is_shown_as_typed(qtbot) -> None:
    seen: dict[str, Qt.TextFormat] = {}
    assert _ask(qtbot, Qt.Key.Key_Return, seen) is True
    # Not read as rich text (a reference holding "<i>" would show in italics, its tag lost).
    assert seen[TEXT] == seen[DETAILS] == Qt.TextFormat.PlainText


def test_escape_leaves_things_as_they_are(qtbot) -> None:
    assert _ask(qtbot, Qt.Key.Key_Escape, {}) is False
