"""Names given on the command line or on a card follow the rules an imported name follows: no
control or invisible characters (they would reach logs and every terminal that lists them), not
empty; a card naming someone already on the roster is refused (found by a fresh-eyes review)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from auditor.cli.entry import main
from auditor.inspection import Inspection
from auditor.people.keys import KeyFileError, card_path_of, new_key, read_card, read_key, write_key
from auditor.people.roster import RosterError

PASS = "a long enough passphrase"
ESCAPE = "Bob\x1b[31m Red"
RIGHT_TO_LEFT = "Eve\u202eevE"


@pytest.mark.parametrize(
    "argv",
    [
        ["import", "--db", "{tmp}/n.caseaudit", "--assessor", ESCAPE, "{tmp}/cases.csv"],
        ["import", "--db", "{tmp}/n.caseaudit", "--assessor", "", "{tmp}/cases.csv"],
        ["export", "--db", "{demo}", "--recipient", ESCAPE, "{tmp}/out.xlsx"],
        ["package", "--db", "{demo}", "--recipient", RIGHT_TO_LEFT, "{tmp}/out.pkg"],
        ["person", "new", "--name", ESCAPE, "--key", "{tmp}/bob.key"],
    ],
)
def test_a_name_with_control_characters_or_none_is_refused(
    tmp_path: Path, demo_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    (tmp_path / "cases.csv").write_text("Case reference,Case type\nX-1,S47\n", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    code = main([a.format(tmp=tmp_path, demo=demo_path) for a in argv])
    err = capsys.readouterr().err
    assert code == 2 and len(err.splitlines()) == 1, err
    assert "\x1b" not in err and "\u202e" not in err  # named, never sent to the terminal
    assert "cannot hold" in err or "an empty name" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def _card(folder: Path, name: str) -> Path:
    key = folder / f"{len(list(folder.iterdir()))}.key"
    write_key(new_key("Placeholder Person", PASS), PASS, key)
    card = card_path_of(key)
    data = json.loads(card.read_text(encoding="utf-8"))
    data["name"] = name
    card.write_text(json.dumps(data), encoding="utf-8")
    return card


@pytest.mark.parametrize("name", [ESCAPE, RIGHT_TO_LEFT, ["a"], 7])
def test_a_card_whose_name_is_not_plain_text_is_refused(tmp_path: Path, name: object) -> None:
    with pytest.raises(KeyFileError, match="the card's name"):
        read_card(_card(tmp_path, name))  # type: ignore[arg-type]


def test_a_card_naming_someone_on_the_roster_is_refused(tmp_path: Path, demo_path: Path) -> None:
    path = tmp_path / "team.caseaudit"
    shutil.copyfile(demo_path, path)
    keys = tmp_path / "keys"
    keys.mkdir()
    lead_key = keys / "lee.key"
    write_key(new_key("Lee Lead", PASS), PASS, lead_key)
    with Inspection.open(path) as inspection:
        lead = inspection.roster.start(read_key(lead_key, PASS))
        inspection.roster.add(lead, read_card(_card(keys, "Ana Example")), "inspector")
        people = len(inspection.roster.people())
        with pytest.raises(RosterError, match="Ana Example is on the roster already"):
            inspection.roster.add(lead, read_card(_card(keys, "ana  EXAMPLE")), "inspector")
        assert len(inspection.roster.people()) == people
