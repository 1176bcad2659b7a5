"""Build dist/case-auditor/ with PyInstaller, the same way on Linux and Windows.

Run with Python 3.11+ (the first with tomllib), from any folder:
``python packaging/build_bundle.py``; ``scripts/bundle`` does, after the Linux system
libraries. It keeps its own virtual environment, .venv-bundle in the checkout, holding
PyInstaller (pinned) and the application's run-time dependencies read from pyproject.toml,
and nothing else: the test environment's pytest, hypothesis and other tools are never within
PyInstaller's reach, and the build tools stay out of .venv.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv-bundle"
SPEC = ROOT / "packaging" / "case-auditor.spec"
DIST = ROOT / "dist"
PYINSTALLER = ["pyinstaller==6.22.3", "pyinstaller-hooks-contrib==2026.9"]


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def dependencies() -> list[str]:
    """The application's run-time dependencies, as pyproject.toml declares them."""
    with (ROOT / "pyproject.toml").open("rb") as f:
        return list(tomllib.load(f)["project"]["dependencies"])


def pip_install(command: list[str]) -> None:
    """Run pip, leaving out its notes about configured index locations that do not exist."""
    done = subprocess.run(command, stderr=subprocess.PIPE, text=True)
    for line in done.stderr.splitlines():
        if not line.startswith("WARNING: Location"):
            print(line, file=sys.stderr)
    if done.returncode != 0:
        raise SystemExit(f"pip failed: {' '.join(command)}")


def set_up() -> Path:
    """The build environment, created or brought up to date when what it should hold changed."""
    python = venv_python()
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    wanted = [*PYINSTALLER, *dependencies()]
    stamp = VENV / ".installed"
    if not stamp.exists() or stamp.read_text(encoding="utf-8") != "\n".join(wanted):
        print(f"Setting up {VENV.name}: {', '.join(wanted)}", flush=True)
        pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        pip_install([*pip, "--upgrade", "pip"])
        pip_install([*pip, *wanted])
        stamp.write_text("\n".join(wanted), encoding="utf-8")
    return python


def folder_size(folder: Path) -> tuple[int, int]:
    """Bytes and files under ``folder`` (symbolic links not followed)."""
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def main() -> int:
    python = set_up()
    started = time.monotonic()
    built = subprocess.run(
        [
            str(python),
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(ROOT / "build" / "pyinstaller"),
            str(SPEC),
        ],
        cwd=ROOT,
    )
    if built.returncode != 0:
        return built.returncode
    seconds = time.monotonic() - started
    size, files = folder_size(DIST / "case-auditor")
    launcher = "case-auditor.exe" if os.name == "nt" else "case-auditor"
    print(
        f"Built dist/case-auditor/ in {seconds:.0f} s: {size / 2**20:.0f} MiB in {files} files; "
        f"start dist/case-auditor/{launcher}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
