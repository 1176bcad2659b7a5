"""Every window's Alt+letter keys are unique: in each menu, in the menu bar, and in every window
the menus open (each tab page in turn, with the tab titles), so Alt+letter is never two things."""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QTabWidget,
    QWidget,
)

from ui.files.passphrase import ChangePassphraseDialog, PassphraseDialog
from ui.people.dialog import RoleDialog
from ui.people.setup import KeySetupDialog, MakeKeyDialog
from ui.people.sign_in import SignInDialog
from ui.shell.identity import IdentityDialog
from ui.shell.main_window import MainWindow

#: Menu commands that end the session or change the file rather than open a window.
NOT_A_WINDOW = {"quit", "switch_user", "undo", "redo", "change_passphrase"}
_MNEMONIC = re.compile(r"&([^&\s])")


def letter(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def _active_keys(top: QWidget) -> dict[str, list[str]]:
    """The Alt+letter keys of what is visible in ``top`` now: letter → what it is on."""
    keys: dict[str, list[str]] = defaultdict(list)

    def add(text: str, what: str) -> None:
        if (key := letter(text)) is not None:
            keys[key].append(f"{what} {text!r}")

    if isinstance(top, QMainWindow):  # the menu bar's Alt+letters count in the window too
        for action in top.menuBar().actions():
            add(action.text(), "menu")
    for widget in top.findChildren(QWidget):
        if widget.window() is not top or not widget.isVisible():
            continue
        if isinstance(widget, QAbstractButton):
            add(widget.text(), "button")
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            add(widget.text(), "label")
        elif isinstance(widget, QGroupBox):
            add(widget.title(), "group")
        elif isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                add(widget.tabText(index), "tab")
    return keys


def clashes_in(top: QWidget) -> list[str]:
    """Each letter that is two things in ``top``, on each of its tab pages in turn."""
    found: set[str] = set()
    tabs = [t for t in top.findChildren(QTabWidget) if t.window() is top]
    pages = [None] + [(tab, index) for tab in tabs for index in range(tab.count())]
    for page in pages:
        if page is not None:
            page[0].setCurrentIndex(page[1])
        for key, owners in _active_keys(top).items():
            if len(owners) > 1:
                found.add(f"{top.windowTitle()}: Alt+{key.upper()} is {' and '.join(owners)}")
    return sorted(found)


def test_no_alt_letter_is_two_things_in_any_menu(window: MainWindow) -> None:
    bar = window.menuBar()
    titles = defaultdict(list)
    for action in bar.actions():
        titles[letter(action.text())].append(action.text())
    assert all(len(v) == 1 for k, v in titles.items() if k), titles
    problems = []
    for menu in bar.findChildren(QMenu):
        seen = defaultdict(list)
        for action in menu.actions():
            if (key := letter(action.text())) is not None:
                seen[key].append(action.text())
        problems += [f"{menu.title()}: Alt+{k} is {v}" for k, v in seen.items() if len(v) > 1]
    assert problems == []


def test_no_alt_letter_is_two_things_in_any_window(qtbot, window: MainWindow) -> None:
    opened = 0
    for key, action in window.actions_by_id.items():
        if key not in NOT_A_WINDOW:
            action.trigger()
    qtbot.wait(100)
    window.flag_banner.show()  # the notices that can show above the case, with their buttons
    window.grading.held.show()
    problems = clashes_in(window)
    window.flag_banner.hide()
    window.grading.held.hide()
    for top in QApplication.topLevelWidgets():
        if top is not window and top.isVisible() and top.windowTitle():
            opened += 1
            problems += clashes_in(top)
    assert opened >= 12  # import, exports, package, merge, restore, people, moderation, ...
    for top in QApplication.topLevelWidgets():  # leave no window open for the next test
        if top is not window and top.isVisible():
            top.close()
    assert problems == []


def test_no_alt_letter_is_two_things_in_the_modal_dialogs(qtbot, window: MainWindow) -> None:
    """The dialogs shown one at a time (passphrases, identity, keys, roles), made directly."""
    path = window.inspection.path
    dialogs = [
        ChangePassphraseDialog(path, window),
        PassphraseDialog(path, 2, "The passphrase is wrong", window),
        IdentityDialog(window),
        KeySetupDialog("This inspection is signed", window),
        MakeKeyDialog(window),
        RoleDialog("Add a person", "Who joins the team", "inspector", "Add", window),
        SignInDialog(window.inspection.name, list, window),
    ]
    problems = []
    for dialog in dialogs:
        dialog.show()
        qtbot.waitExposed(dialog)
        problems += clashes_in(dialog)
        dialog.reject()
    assert problems == []
