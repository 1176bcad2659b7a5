"""The demo ships fictional people with keys, so a newcomer can try both sides, signed."""

from __future__ import annotations

from pathlib import Path

from auditor.audit.verify import verify_ledger
from auditor.inspection import Inspection
from auditor.samples.demo import DEMO_KEYS, demo_key
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


def test_the_user_guide_gives_the_demo_keys_passphrase() -> None:
    from importlib import resources

    from auditor.samples.demo import DEMO_KEY_PASSPHRASE

    guide = resources.files("resources.guide").joinpath("user-guide.md").read_text("utf-8")
    assert DEMO_KEY_PASSPHRASE in guide
