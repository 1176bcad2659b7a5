"""The roster always keeps a supervisor who can sign: the last one can be neither made an
inspector nor left without a key (a fresh-eyes review locked a roster for good that way)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from auditor.inspection import Inspection
from auditor.people import INSPECTOR, SUPERVISOR
from auditor.people.keys import card_path_of, new_key, read_card, read_key, write_key
from auditor.people.roster import RosterError

PASS = "a long enough passphrase"


def _key(folder: Path, name: str) -> Path:
    """A key file for ``name`` (its card beside it); the key file's path."""
    path = folder / f"{name.split()[0].lower()}-{len(name)}.key"
    write_key(new_key(name, PASS), PASS, path)
    return path


def _signed(tmp_path: Path, demo_path: Path) -> tuple[Path, Path, Path]:
    path = tmp_path / "team.caseaudit"
    shutil.copyfile(demo_path, path)
    lee, ana = _key(tmp_path, "Lee Lead"), _key(tmp_path, "Ana Inspector")
    with Inspection.open(path) as inspection:
        lead = inspection.roster.start(read_key(lee, PASS))
        inspection.roster.add(lead, read_card(card_path_of(ana)), INSPECTOR)
    return path, lee, ana


def _open(path: Path, key: Path) -> Inspection:
    return Inspection.open(path, key=read_key(key, PASS))


def test_the_last_supervisor_cannot_be_made_an_inspector(tmp_path: Path, demo_path: Path):
    path, lee, _ = _signed(tmp_path, demo_path)
    with _open(path, lee) as inspection:
        me = inspection.me
        rows = len(inspection.log.entries())
        with pytest.raises(RosterError, match="last supervisor with a key: make someone else"):
            inspection.roster.change_role(me, me.id, INSPECTOR)
        assert inspection.roster.person(me.id).role == SUPERVISOR
        assert len(inspection.log.entries()) == rows
        # Once another supervisor can sign, the lead may step down.
        ana_id = next(p.id for p in inspection.roster.people() if p.name == "Ana Inspector")
        inspection.roster.change_role(me, ana_id, SUPERVISOR)
        assert inspection.roster.change_role(me, me.id, INSPECTOR).role == INSPECTOR


def test_the_last_supervisors_only_key_cannot_be_retired(tmp_path: Path, demo_path: Path):
    path, lee, _ = _signed(tmp_path, demo_path)
    with _open(path, lee) as inspection:
        me = inspection.me
        fingerprint = inspection.roster.person(me.id).active_key.fingerprint
        with pytest.raises(RosterError, match="add their new key first"):
            inspection.roster.retire(me, fingerprint)
        assert inspection.roster.person(me.id).active_key.fingerprint == fingerprint
        # A new key first (a lost key's replacement), then the old one can go.
        spare = _key(tmp_path, "Lee Spare")
        inspection.roster.add_key(me, me.id, read_card(card_path_of(spare)))
        person = inspection.roster.retire(me, fingerprint)
        assert person.active_key is not None and person.active_key.fingerprint != fingerprint
