"""The demo ships fictional people with keys, so a newcomer can try both sides, signed."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from openpyxl import load_workbook

from auditor.audit.verify import verify_ledger
from auditor.inspection import Inspection
from auditor.people.keys import KEY_PASSPHRASE_ENV
from auditor.samples.demo import DEMO_KEY_PASSPHRASE, DEMO_KEYS, demo_key
from tests.support.signed import ok


def test_the_signed_demo_verifies_and_each_demo_person_can_sign_in(capsys, tmp_path: Path):
    demo = tmp_path / "demo.caseaudit"
    ok(capsys, "demo", "--db", demo, "--signed")
    assert "all signatures valid" in ok(capsys, "check", "--db", demo)
    roles = {}
    for name in DEMO_KEYS:
        with Inspection.open(demo, key=demo_key(name)) as inspection:
            roles[inspection.me.name] = inspection.me.role
            case_id = inspection.case_list(inspection.me.id)[0][0]
            inspection.record_consultation(inspection.me, case_id)  # a signed write
            assert verify_ledger(inspection).ok
    assert roles == {
        "Alex Placeholder": "supervisor",
        "Robin Example": "inspector",
        "Sam Sample": "inspector",
    }


def test_the_command_says_where_the_keys_are(capsys, tmp_path: Path) -> None:
    """An installed copy's keys are inside it, not in a folder the guide can name."""
    out = ok(capsys, "demo", "--db", tmp_path / "demo.caseaudit", "--signed")
    folder = Path(out.splitlines()[-1].rpartition(" are in ")[2])
    for name in DEMO_KEYS:  # the files named are there, and are the people's keys
        assert f"{name}.key" in out
        assert (folder / f"{name}.key").read_bytes() == (
            resources.files("resources.demo.keys").joinpath(f"{name}.key").read_bytes()
        )
    assert repr(DEMO_KEY_PASSPHRASE) in out


def test_the_user_guide_gives_the_demo_keys_passphrase() -> None:
    guide = resources.files("resources.guide").joinpath("user-guide.md").read_text("utf-8")
    assert DEMO_KEY_PASSPHRASE in guide


def test_the_log_and_the_workbook_name_every_person_with_their_role(
    capsys, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv(KEY_PASSPHRASE_ENV, DEMO_KEY_PASSPHRASE)  # the demo keys' passphrase
    demo = tmp_path / "demo.caseaudit"
    ok(capsys, "demo", "--db", demo, "--signed")
    with Inspection.open(demo, key=demo_key("robin")) as inspection:
        case_id = inspection.case_list(inspection.me.id)[0][0]
        inspection.record_consultation(inspection.me, case_id)
        whos = {entry.who for entry in inspection.log.entries(case_id=case_id)}
    assert "Robin Example (inspector)" in whos
    out = tmp_path / "demo.xlsx"
    ok(capsys, "export", "--db", demo, out, "--as", Path(_key_path("alex")))
    names = {
        row[1] for row in load_workbook(out)["Audit trail"].iter_rows(min_row=2, values_only=True)
    }
    assert "Robin Example (inspector)" in names and "Alex Placeholder (supervisor)" in names


def _key_path(name: str) -> str:
    with resources.as_file(resources.files("resources.demo.keys").joinpath(f"{name}.key")) as p:
        return str(p)
