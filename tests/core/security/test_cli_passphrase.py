"""The command line takes a passphrase from CASE_AUDITOR_PASSPHRASE or a terminal prompt, never
an argument; problems are one line naming the file, exit 2, nothing written, no passphrase."""

from __future__ import annotations

import fcntl
import os
import select
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from auditor import cli
from auditor.encryption import NEW_PASSPHRASE_ENV, PASSPHRASE_ENV, is_encrypted_file
from auditor.inspection import Inspection
from tests.support import ROOT
from tests.support.security import MARKER, PASSPHRASE, WRONG, files_beside


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def one_line(err: str) -> str:
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err.strip()


@pytest.fixture
def cases_csv(tmp_path: Path) -> Path:
    path = tmp_path / "cases.csv"
    path.write_text(
        "Case reference,Case type,Borough,BCU,Team,Date opened,Summary\n"
        f"CLI-1,Children in police custody,Ashvale,North BCU,Custody,2018-03-09,{MARKER}\n",
        encoding="utf-8",
    )
    return path


def test_import_encrypt_then_check_with_the_variable(
    tmp_path: Path, cases_csv: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "new.caseaudit"
    code, _, err = run(capsys, "import", "--db", str(path), str(cases_csv), "--encrypt")
    assert code == 2 and not path.exists()
    assert one_line(err).endswith(
        f"set {PASSPHRASE_ENV} or run in a terminal to choose a passphrase"
    )

    monkeypatch.setenv(PASSPHRASE_ENV, "short")
    code, _, err = run(capsys, "import", "--db", str(path), str(cases_csv), "--encrypt")
    assert code == 2 and "at least 8 characters" in one_line(err) and not path.exists()

    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    code, out, err = run(capsys, "import", "--db", str(path), str(cases_csv), "--encrypt")
    assert code == 0, err
    assert is_encrypted_file(path) and MARKER.encode() not in path.read_bytes()
    code, out, _ = run(capsys, "check", "--db", str(path))
    assert code == 0 and "Integrity check: ok" in out and "Cases: 1" in out

    code, _, err = run(capsys, "import", "--db", str(path), str(cases_csv), "--encrypt")
    assert code == 2 and "already exists; --encrypt is for a new file" in one_line(err)


def test_a_missing_or_wrong_passphrase_is_one_line_and_writes_nothing(
    encrypted_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = files_beside(encrypted_path)
    code, _, err = run(capsys, "export", "--db", str(encrypted_path), str(encrypted_path) + ".xlsx")
    line = one_line(err)
    assert code == 2 and line.startswith(f"case-auditor: {encrypted_path}: is encrypted")
    assert PASSPHRASE_ENV in line

    monkeypatch.setenv(PASSPHRASE_ENV, WRONG)
    code, out, err = run(capsys, "package", "--db", str(encrypted_path), str(encrypted_path) + ".p")
    line = one_line(err)
    assert code == 2 and f"the passphrase in {PASSPHRASE_ENV} does not open this file" in line
    assert WRONG not in line + out
    assert files_beside(encrypted_path) == before


def test_a_passphrase_is_never_an_argument(encrypted_path: Path, capsys) -> None:
    code, _, err = run(capsys, "check", "--db", str(encrypted_path), "--passphrase", PASSPHRASE)
    assert code == 2 and "unrecognized arguments" in one_line(err)


def test_encrypt_and_change_passphrase_commands(
    demo_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    code, _, err = run(capsys, "change-passphrase", "--db", str(demo_path))
    assert code == 2 and "is not encrypted" in one_line(err)
    code, out, err = run(capsys, "encrypt", "--db", str(demo_path))
    assert code == 0 and f"Encrypted {demo_path}." in out, err
    assert "not encrypted: delete those you no longer need" in out
    assert is_encrypted_file(demo_path)
    code, _, err = run(capsys, "encrypt", "--db", str(demo_path))
    assert code == 2 and "already encrypted" in one_line(err)

    code, _, err = run(capsys, "change-passphrase", "--db", str(demo_path))
    assert code == 2 and NEW_PASSPHRASE_ENV in one_line(err)
    monkeypatch.setenv(NEW_PASSPHRASE_ENV, "the new team passphrase")
    code, out, err = run(capsys, "change-passphrase", "--db", str(demo_path))
    assert code == 0 and "Changed the passphrase" in out, err
    code, _, err = run(capsys, "check", "--db", str(demo_path))
    assert code == 2 and "does not open this file" in one_line(err)
    monkeypatch.setenv(PASSPHRASE_ENV, "the new team passphrase")
    code, out, _ = run(capsys, "check", "--db", str(demo_path))
    assert code == 0 and "Cases: 62" in out


def test_package_and_merge_encrypted_on_the_command_line(
    encrypted_path: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    package = tmp_path / "laptop.caseaudit-package"
    code, _, err = run(capsys, "package", "--db", str(encrypted_path), str(package))
    assert code == 0, err
    assert MARKER.encode() not in package.read_bytes()
    lead = tmp_path / "lead.caseaudit"
    code, _, err = run(capsys, "merge", "--db", str(lead), str(package), "--encrypt")
    assert code == 0, err
    assert is_encrypted_file(lead) and MARKER.encode() not in lead.read_bytes()
    with Inspection.open(lead, passphrase=PASSPHRASE) as insp:
        assert insp.counts()["cases"] == 1


def test_a_process_with_the_variable_prints_no_sqlcipher_log(encrypted_path: Path) -> None:
    command = [sys.executable, "-m", "auditor", "check", "--db", str(encrypted_path)]
    env = {**os.environ, PASSPHRASE_ENV: WRONG}
    wrong = subprocess.run(command, env=env, capture_output=True, text=True, cwd=ROOT)
    assert wrong.returncode == 2
    assert one_line(wrong.stderr).startswith(f"case-auditor: {encrypted_path}: the passphrase in")
    env[PASSPHRASE_ENV] = PASSPHRASE
    right = subprocess.run(command, env=env, capture_output=True, text=True, cwd=ROOT)
    assert right.returncode == 0 and right.stderr == ""
    assert PASSPHRASE not in right.stdout + wrong.stdout + wrong.stderr


def _controlling_terminal() -> None:
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def test_in_a_terminal_the_passphrase_is_asked_for_without_echo(encrypted_path: Path) -> None:
    main, child_end = os.openpty()
    env = {k: v for k, v in os.environ.items() if k != PASSPHRASE_ENV}
    child = subprocess.Popen(
        [sys.executable, "-m", "auditor", "check", "--db", str(encrypted_path)],
        stdin=child_end,
        stdout=child_end,
        stderr=child_end,
        env=env,
        cwd=ROOT,
        preexec_fn=_controlling_terminal,
    )
    os.close(child_end)
    seen = b""

    def read_until(text: bytes, times: int = 1) -> None:
        """Read until ``text`` has appeared ``times`` times (never blocking past 30 s)."""
        nonlocal seen
        deadline = time.monotonic() + 30
        while seen.count(text) < times and time.monotonic() < deadline:
            ready, _, _ = select.select([main], [], [], 0.2)
            if ready:
                try:
                    seen += os.read(main, 4096)
                except OSError:
                    break
        assert seen.count(text) >= times, seen

    prompt = f"Passphrase for {encrypted_path}: ".encode()
    try:
        # Type only once the prompt is shown: getpass flushes what was typed before it.
        read_until(prompt)
        os.write(main, WRONG.encode() + b"\n")
        read_until(b"That passphrase does not open this file.")
        read_until(prompt, times=2)
        os.write(main, PASSPHRASE.encode() + b"\n")
        read_until(b"Integrity check: ok")
        assert child.wait(timeout=30) == 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        os.close(main)
    assert PASSPHRASE.encode() not in seen and WRONG.encode() not in seen  # not echoed
