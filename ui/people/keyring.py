"""The personal keys kept on this workstation: key files in ``keys`` in the data folder.

A key file's private part is sealed with its holder's passphrase; its public part (name and
public key) is readable without it, so the window can tell whose keys are here and match them
to an inspection's roster before anyone types a passphrase. Keys are never kept in settings.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from auditor.people.keys import (
    CARD_SUFFIX,
    KEY_FORMAT,
    Card,
    KeyFileError,
    PersonalKey,
    card_path_of,
    fingerprint_of,
    new_key,
    write_key,
)
from ui.common.paths import data_dir

KEY_SUFFIX = ".key"


def keys_dir() -> Path:
    """Where this workstation keeps people's key files (made when missing, owner only)."""
    folder = data_dir() / "keys"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


@dataclass(frozen=True)
class LocalKey:
    """A key file on this workstation: where it is, whose it is, its fingerprint."""

    path: Path
    name: str
    fingerprint: str

    @property
    def card_path(self) -> Path:
        return card_path_of(self.path)


# --- A small helper of the window's (core candidate: auditor.people.keys.read_public) --------
def public_card(path: Path) -> Card:
    """The public part of a key file as a card, read without its passphrase.

    Window-side helper: the core reads the public part only inside ``read_key``; this reads the
    same two fields ("name", "public") of the key file's JSON. ``KeyFileError`` when ``path`` is
    not a key file.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise KeyFileError(f"{path}: not a key file (it cannot be read as one)") from None
    if not isinstance(data, dict) or data.get("format") != KEY_FORMAT:
        raise KeyFileError(
            f"{path}: not a key file (a card ends in {CARD_SUFFIX}: send it to "
            "the lead; the key file is the one without it)"
        )
    try:
        public = base64.b64decode(str(data["public"]), validate=True)
    except (KeyError, binascii.Error):
        raise KeyFileError(f"{path}: the key file's public key is damaged") from None
    if len(public) != 32:
        raise KeyFileError(f"{path}: the key file's public key is damaged")
    name = " ".join(str(data.get("name", "")).split())
    return Card(name, public, fingerprint_of(public))


def local_keys() -> list[LocalKey]:
    """The key files on this workstation, by name (files that are not key files are skipped)."""
    found: list[LocalKey] = []
    for path in sorted(keys_dir().iterdir()):
        if not path.is_file() or path.name.endswith(CARD_SUFFIX):
            continue
        try:
            card = public_card(path)
        except KeyFileError:
            continue
        found.append(LocalKey(path, card.name, card.fingerprint))
    return sorted(found, key=lambda k: (k.name.casefold(), k.fingerprint))


def _file_name(name: str, fingerprint: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "key"
    return f"{slug}-{fingerprint[:8]}{KEY_SUFFIX}"


def make_key(name: str, passphrase: str) -> LocalKey:
    """A new key for ``name``, written to this workstation with its card beside it."""
    key: PersonalKey = new_key(name, passphrase)
    path = keys_dir() / _file_name(key.name, key.fingerprint)
    write_key(key, passphrase, path)
    return LocalKey(path, key.name, key.fingerprint)


def import_key_file(source: Path) -> LocalKey:
    """Copy an existing key file to this workstation (and write its card beside it).

    A key already here is not copied twice: the one here is returned.
    """
    card = public_card(source)
    for known in local_keys():
        if known.fingerprint == card.fingerprint:
            return known
    data = source.read_bytes()
    target = keys_dir() / _file_name(card.name, card.fingerprint)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    card_path = card_path_of(target)
    if not card_path.exists():
        card_path.write_text(card.to_json() + "\n", encoding="utf-8")
    return LocalKey(target, card.name, card.fingerprint)
