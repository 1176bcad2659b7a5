"""People and keys in the window's tests: a signed copy of the demo whose roster holds a lead
and an inspector, real key files made with the core, keys put on this workstation, and the
sign-in dialogs answered."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from auditor.inspection import Inspection
from auditor.people import INSPECTOR, session
from auditor.people.keys import card_path_of, new_key, read_card, read_key, write_key
from tests.support.window import save_screenshot, when_modal
from ui.people.keyring import LocalKey, import_key_file
from ui.people.sign_in import SignInDialog

#: (name, personal passphrase) of the people of the team inspection.
LEE = ("Lee Lead", "lee's own passphrase")
ANA = ("Ana Inspector", "ana's own passphrase")
UMA = ("Uma Outsider", "uma's own passphrase")  # has a key, not on the roster
PEOPLE = (LEE, ANA, UMA)
TEAM_FILE = "team.caseaudit"
SHOT_SIZE = (1366, 768)
ROOT = Path(__file__).resolve().parents[2]
#: The lead, in another process, adds a card to the roster (argv: file, lead key, card, role).
LEAD_ADDS = """
import sys
from pathlib import Path
from auditor.inspection import Inspection
from auditor.people.keys import read_card, read_key
path, key, passphrase, card, role = sys.argv[1:]
with Inspection.open(Path(path), key=read_key(Path(key), passphrase)) as inspection:
    inspection.roster.add(inspection.me, read_card(Path(card)), role)
"""


@dataclass(frozen=True)
class Team:
    """A signed inspection (the demo signed by Lee, its lead; Ana an inspector) and key files
    kept outside the workstation's data folder (as on a memory stick)."""

    path: Path
    folder: Path

    def key(self, who: tuple[str, str]) -> Path:
        return self.folder / "stick" / f"{who[0].split()[0].lower()}.key"

    def card(self, who: tuple[str, str]) -> Path:
        return card_path_of(self.key(who))


def make_team(folder: Path, demo: Path) -> Team:
    """Write the team's inspection and keys into ``folder``."""
    team = Team(folder / TEAM_FILE, folder)
    (folder / "stick").mkdir(parents=True)
    shutil.copyfile(demo, team.path)
    for name, passphrase in PEOPLE:
        write_key(new_key(name, passphrase), passphrase, team.key((name, passphrase)))
    with Inspection.open(team.path) as inspection:
        lead = inspection.roster.start(read_key(team.key(LEE), LEE[1]))
        inspection.roster.add(lead, read_card(team.card(ANA)), INSPECTOR)
    return team


@pytest.fixture(scope="session")
def team_template(tmp_path_factory: pytest.TempPathFactory, demo_template: Path) -> Team:
    """The team, made once per test run (tests get copies)."""
    return make_team(tmp_path_factory.mktemp("team"), demo_template)


@pytest.fixture
def team(team_template: Team, tmp_path: Path) -> Iterator[Team]:
    """A fresh copy of the team for one test; nobody is left signed in to it afterwards."""
    copy = Team(tmp_path / "team" / TEAM_FILE, tmp_path / "team")
    shutil.copytree(team_template.folder, copy.folder)
    yield copy
    session.forget(copy.path)


def lead_adds(team: Team, card: Path, role: str = INSPECTOR) -> None:
    """The lead adds ``card`` to the roster from another process (the window may be viewing
    the file read-only here, and this process then only reads it)."""
    subprocess.run(
        [
            sys.executable,
            "-c",
            LEAD_ADDS,
            str(team.path),
            str(team.key(LEE)),
            LEE[1],
            str(card),
            role,
        ],
        cwd=ROOT,
        check=True,
        timeout=60,
    )


def keys_here(team: Team, *who: tuple[str, str]) -> list[LocalKey]:
    """Put these people's key files on this workstation (the data folder's ``keys``)."""
    return [import_key_file(team.key(person)) for person in who]


def sign_in_as(
    who: tuple[str, str], *wrong: str, shot: str = "", seen: list[str] | None = None
) -> list[SignInDialog]:
    """Answer the next sign-in dialog: choose ``who``, type each ``wrong`` passphrase, then
    the right one. ``seen`` collects the people listed and each problem shown."""

    def act(widget: QWidget) -> None:
        assert isinstance(widget, SignInDialog)
        if seen is not None:
            seen.extend(c.text for c in widget.choices)
        widget.choose(who[0])
        for attempt in wrong:
            widget.passphrase.setText(attempt)
            widget.sign_in_button.click()
            if seen is not None:
                seen.append(widget.problem.text())
        if shot:
            save_screenshot(widget, shot)
        widget.passphrase.setText(who[1])
        widget.sign_in_button.click()

    return when_modal(SignInDialog, act)  # type: ignore[return-value]


def read_only_reason(qtbot, window) -> str:
    """Why the window is read-only, as its message box says (the box is then closed)."""
    boxes = [b for b in window.findChildren(QMessageBox) if b.objectName() == "notSignedIn"]
    assert len(boxes) == 1
    qtbot.waitUntil(boxes[0].isVisible)
    text = boxes[0].informativeText()
    boxes[0].close()
    return text


def save_at_size(widget: QWidget, name: str) -> None:
    """Render ``widget`` at 1366x768 to build/screenshots/NAME."""
    widget.resize(*SHOT_SIZE)
    save_screenshot(widget, name)
