"""A key file asking scrypt for more memory or passes than any key this application writes is
damaged, said at once: not a MemoryError, not a command held for hours (a fresh-eyes review)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.people.keys import SCRYPT, KeyFileError, new_key, read_key, write_key

PASS = "a long enough passphrase"


@pytest.mark.parametrize(
    "kdf",
    [
        {"r": 2**20},  # 128 * n * r: 4 TiB of memory
        {"p": 2000},  # 2000 passes over 4 MiB each: an hour's work
        {"p": 2**30},
        {"n": 2**22},  # 4 GiB of memory at r = 8
        {"n": 3},  # not a power of two: no scrypt accepts it
        {"p": 0},
    ],
)
def test_a_key_file_asking_too_much_of_scrypt_is_damaged(tmp_path: Path, kdf: dict) -> None:
    path = tmp_path / "ann.key"
    write_key(new_key("Ann Example", PASS), PASS, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["kdf"].update(kdf)
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(KeyFileError, match="sealed key is damaged"):  # before any derivation
        read_key(path, PASS)


def test_the_keys_this_application_writes_open(tmp_path: Path) -> None:
    path = tmp_path / "ann.key"
    write_key(new_key("Ann Example", PASS), PASS, path)
    assert json.loads(path.read_text(encoding="utf-8"))["kdf"]["n"] == SCRYPT["n"]
    assert read_key(path, PASS).name == "Ann Example"
