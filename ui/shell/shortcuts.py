"""Keyboard shortcuts as data: turned into menu actions and listed in Help and the README."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from auditor.framework import Framework, Words
from ui.cases.reader_keys import READER_KEYS
from ui.common.scale_words import scale
from ui.shell.new_file import new_inspection_handler


@dataclass(frozen=True)
class Shortcut:
    """A named action: its menu, its text, its keys and what it does."""

    id: str
    menu: str
    text: str
    keys: str
    help: str


#: Actions the table connects itself when the window gives no handler: what makes one.
DEFAULT_HANDLERS: dict[str, Callable[[QMainWindow], Callable[[], object]]] = {
    "new_inspection": new_inspection_handler,
}

MENUS = ("File", "Edit", "View", "Case", "Review", "Help")

SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut(
        "new_inspection",
        "File",
        "&New inspection…",
        "Ctrl+N",
        "Start a new inspection file from a bundled framework or a framework file",
    ),
    Shortcut(
        "import",
        "File",
        "&Import…",
        "Ctrl+I",
        "Import cases, gradings and chronology from a workbook or CSV file",
    ),
    Shortcut(
        "export",
        "File",
        "&Export workbook…",
        "Ctrl+E",
        "Write the inspection's Excel workbook (full or redacted)",
    ),
    Shortcut(
        "export_force",
        "File",
        "Export for {body&}…",
        "Ctrl+Shift+E",
        "Write {body}'s workbook: the tables and the cases referred back",
    ),
    Shortcut(
        "export_package",
        "File",
        "Export &package…",
        "Ctrl+Shift+P",
        "Write this laptop's work to one package file for the lead inspector",
    ),
    Shortcut(
        "merge_packages",
        "File",
        "&Merge packages…",
        "Ctrl+Shift+M",
        "Bring inspectors' packages into this inspection and list the conflicts",
    ),
    Shortcut(
        "restore_backup",
        "File",
        "Restore from &backup…",
        "Ctrl+Shift+B",
        "List the automatic backups of this file and restore one into a new file",
    ),
    Shortcut(
        "change_passphrase",
        "File",
        "C&hange passphrase…",
        "Ctrl+Shift+K",
        "Encrypt this file, or change or remove its passphrase",
    ),
    Shortcut(
        "switch_user",
        "File",
        "Switch &user…",
        "Ctrl+Shift+U",
        "Sign in as someone else: the file reopens as them",
    ),
    Shortcut(
        "people",
        "File",
        "Peop&le…",
        "Ctrl+Shift+L",
        "The inspection's roster: people, roles and keys (supervisors change it)",
    ),
    Shortcut("quit", "File", "&Quit", "Ctrl+Q", "Close the workstation (everything is saved)"),
    Shortcut("undo", "Edit", "&Undo grading edit", "Ctrl+Z", "Undo the last grading edit"),
    Shortcut("redo", "Edit", "&Redo grading edit", "Ctrl+Shift+Z", "Redo the edit undone"),
    Shortcut("search", "View", "&Search cases", "Ctrl+F", "Search reference and summary"),
    Shortcut(
        "search_documents",
        "View",
        "Search &documents…",
        "Ctrl+Shift+F",
        'Search the text of every document of the inspection: words, prefix*, "phrases"',
    ),
    Shortcut(
        "focus_mode",
        "View",
        "&Focus on the case",
        "F11",
        "Hide or show the case list, giving the case file and its grading the width",
    ),
    Shortcut(
        "fit_columns",
        "View",
        "Fit the list's &columns",
        "Ctrl+Shift+W",
        "Give the case list's columns their own widths again, undoing any sized by hand",
    ),
    Shortcut("next", "Case", "&Next case", "Ctrl+PgDown", "Next case in the list's order"),
    Shortcut("previous", "Case", "&Previous case", "Ctrl+PgUp", "Previous case in the list"),
    Shortcut(
        "next_incomplete",
        "Case",
        "Next &incomplete case",
        "Ctrl+Shift+PgDown",
        "Next case in the list that is not complete",
    ),
    Shortcut(
        "refer",
        "Case",
        "&Refer back to {body}…",
        "Ctrl+R",
        "Flag the case for referral back and choose the reason",
    ),
    Shortcut(
        "allocate",
        "Case",
        "&Allocate cases…",
        "Ctrl+Shift+G",
        "The lead gives the case shown, or the cases listed, to inspectors, or balances them",
    ),
    Shortcut("grade", "Case", "&Grade first criterion", "Ctrl+G", "Focus the first criterion"),
    Shortcut(
        "cite",
        "Case",
        "&Cite the selection",
        "Ctrl+Shift+C",
        "Attach the passage selected in the document to the focused criterion, as its evidence",
    ),
    Shortcut(
        "questions",
        "Review",
        "&Questions for me…",
        "F4",
        "Questions supervisors asked about your cases; answer and resubmit",
    ),
    Shortcut(
        "review_queue",
        "Review",
        "Re&view queue…",
        "F5",
        "Supervisors: flagged cases awaiting a decision, oldest first",
    ),
    Shortcut(
        "quality",
        "Review",
        "Quality-&assure this case…",
        "Ctrl+Shift+A",
        "Supervisors: agree or disagree with this case's overall grade",
    ),
    Shortcut(
        "referrals",
        "Review",
        "&Referrals…",
        "F6",
        "Every referral back with its state and age; sent, response, closed",
    ),
    Shortcut("history", "Review", "Case &history…", "F7", "Everything recorded about this case"),
    Shortcut(
        "audit_log", "Review", "Audit &log…", "F8", "The audit log, by user, case, kind and date"
    ),
    Shortcut(
        "moderation",
        "Review",
        "&Moderation…",
        "Ctrl+M",
        "Double grading: the sample, agreement and kappa, conflicts, {body}'s own audit",
    ),
    Shortcut(
        "reports",
        "View",
        "&Reports…",
        "F9",
        "The published tables and charts, with filters and a baseline",
    ),
    Shortcut("guide", "Help", "User &guide", "F1", "How to grade case files with the workstation"),
    Shortcut("shortcuts", "Help", "&Keyboard shortcuts", "Ctrl+F1", "This list"),
)


def worded(text: str, words: Words) -> str:
    """A shortcut's text in the framework's words: ``{body}`` is the inspected body ("the
    force", "the probation region"), ``{body&}`` the same with the mnemonic on its last word."""
    body = words.inspected_body
    head, _, last = body.rpartition(" ")
    return text.replace("{body&}", f"{head} &{last}".lstrip()).replace("{body}", body)


def grading_keys(framework: Framework) -> list[tuple[str, list[tuple[str, str]]]]:
    """The grading keys, from the open framework's scales (keys 1..n follow them), as
    (heading, [(key, what it records)]): one group where criteria and the overall grade share
    a scale, one for each where criteria have answers of their own (Yes / No)."""
    na = framework.not_applicable
    clear = ("Backspace", "Clear the grade")
    if not framework.separate_answers:
        rows = [(g.key, g.label) for g in framework.grades if g.key]
        rows += [(na.key, f"{na.label} (criteria only)"), clear]
        return [("With a criterion or the overall grade focused", rows)]
    answers = [(g.key, g.label) for g in scale(framework, answers=True) if g.key]
    ratings = [(g.key, g.label) for g in framework.grades if g.key]
    return [
        ("With a criterion focused", [*answers, clear]),
        ("With the overall grade focused", [*ratings, clear]),
    ]


def shortcuts_html(framework: Framework) -> str:
    """The shortcut list as an HTML table for Help → Keyboard shortcuts, in the open
    framework's words and with the keys of its scales."""
    words = framework.words
    rows = [
        f"<tr><td><b>{s.keys}</b></td><td>{escape(worded(s.help, words))}</td></tr>"
        for s in SHORTCUTS
    ]
    for heading, keys in grading_keys(framework):
        rows.append(f"<tr><td colspan=2><br><b>{escape(heading)}</b></td></tr>")
        rows += [
            f"<tr><td><b>{escape(key)}</b></td><td>{escape(text)}, then move to the next</td></tr>"
            for key, text in keys
        ]
    rows.append(
        "<tr><td><b>Tab / Shift+Tab</b></td><td>Move between criterion, note and buttons</td></tr>"
    )
    rows.append("<tr><td colspan=2><br><b>In the document reader</b></td></tr>")
    rows += [
        f"<tr><td><b>{key}</b></td><td>{text.capitalize()}</td></tr>" for key, text in READER_KEYS
    ]
    return "<table cellpadding=4>" + "".join(rows) + "</table>"


def build_menus(
    window: QMainWindow,
    handlers: dict[str, Callable[[], object]],
    words: Words | None = None,
) -> dict[str, QAction]:
    """The window's menus from the table, in the framework's words (``words``, else the open
    inspection's): one action per shortcut, by id (none auto-repeats, so a held key never
    grades twice). File → New inspection… opens its dialog unless ``handlers`` says otherwise."""
    if words is None:
        words = window.inspection.framework.words  # type: ignore[attr-defined]
    menus = {name: window.menuBar().addMenu(f"&{name}") for name in MENUS}
    actions: dict[str, QAction] = {}
    for shortcut in SHORTCUTS:
        action = QAction(worded(shortcut.text, words), window)
        action.setShortcut(QKeySequence(shortcut.keys))
        action.setAutoRepeat(False)
        action.setStatusTip(worded(shortcut.help, words))
        handler = handlers.get(shortcut.id) or DEFAULT_HANDLERS[shortcut.id](window)
        action.triggered.connect(handler)
        menus[shortcut.menu].addAction(action)
        actions[shortcut.id] = action
    return actions
