"""Running the import command and snapshotting an inspection file for comparison."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlite3  # the workstation's own SQLite library

from auditor import cli


def run_import(capsys, db: Path, source: Path, *extra: str) -> tuple[int, str, str]:
    code = cli.main(["import", "--db", str(db), str(source), "--assessor", "Robin Example", *extra])
    out = capsys.readouterr()
    return code, out.out, out.err


def snapshot(db: Path) -> str:
    """A digest of every row of every table (the file unchanged means the same digest)."""
    with sqlite3.connect(db) as conn:
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        digest = hashlib.sha256()
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
                digest.update(repr(row).encode())
    return digest.hexdigest()
