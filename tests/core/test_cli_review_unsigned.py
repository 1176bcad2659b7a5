"""``review`` works on an unsigned inspection with ``--by NAME`` (a supervisor), as ``allocate``
does; without it the one line says so (a fresh-eyes review found no way to decide at all)."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.cli.entry import main
from auditor.inspection import Inspection
from auditor.people import is_supervisor


def _queue(path: Path) -> tuple[str, str, str]:
    """(a waiting case's reference, a supervisor's name, an inspector's name), read here."""
    with Inspection.open(path) as inspection:
        reference = inspection.review.queue()[0].case.reference
        people = inspection.assessors()
    supervisor = next(p.name for p in people if is_supervisor(p))
    inspector = next(p.name for p in people if not is_supervisor(p))
    return reference, supervisor, inspector


def test_a_supervisor_named_with_by_decides(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reference, supervisor, _ = _queue(demo_path)
    argv = ["review", "confirm", "--db", str(demo_path), "--case", reference.lower()]
    assert main([*argv, "--by", supervisor]) == 0, capsys.readouterr().err
    assert f"{reference}: confirm recorded by {supervisor} (supervisor)" in capsys.readouterr().out
    with Inspection.open(demo_path) as inspection:
        assert reference not in [i.case.reference for i in inspection.review.queue()]


@pytest.mark.parametrize("who", ["nobody", "the inspector", "a stranger"])
def test_without_a_supervisor_nothing_is_decided(
    demo_path: Path, capsys: pytest.CaptureFixture[str], who: str
) -> None:
    reference, _, inspector = _queue(demo_path)
    by = {"nobody": [], "the inspector": ["--by", inspector], "a stranger": ["--by", "No One"]}
    argv = ["review", "confirm", "--db", str(demo_path), "--case", reference, *by[who]]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and err.rstrip().endswith("no decision recorded")
    expected = {
        "nobody": "say who decides: --by NAME",
        "the inspector": "only a supervisor decides",
        "a stranger": "nobody named 'No One' is on the roster",
    }
    assert expected[who] in err
    with Inspection.open(demo_path) as inspection:
        assert reference in [i.case.reference for i in inspection.review.queue()]
