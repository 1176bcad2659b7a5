"""Personal signing keys: an Ed25519 key per person, its private part encrypted with the
person's own passphrase, its public part a small "card" the lead adds to the roster.

Everything cryptographic is the ``cryptography`` library's: Ed25519 signatures; the private
key sealed with AES-256-GCM under a key derived from the passphrase by scrypt (n = 2^15,
r = 8, p = 1: about a tenth of a second and 32 MB to try one passphrase, so a stolen key file
resists guessing), the name and public key bound in as associated data. The two file formats
are JSON so a person, an IT department or a lead can read what a file is:

* a **key file** (private): ``{"format": KEY_FORMAT, "name", "public", "kdf", "sealed"}``;
* a **card** (``KEYFILE.pub``): ``{"format": CARD_FORMAT, "name", "public", "fingerprint"}``.

The fingerprint is the SHA-256 of the raw 32-byte public key, in hex; people compare its
first groups when a card changes hands (``short_fingerprint``).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.errors import Refused, Where
from auditor.text_rules import identifier_problem

# ``cryptography`` (about 30 ms to import) is loaded by the functions that sign, verify or
# seal, on first use: opening an unsigned inspection, as the window does, never needs it.
if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

KEY_FORMAT = "case-file-auditor-key/1"
CARD_FORMAT = "case-file-auditor-card/1"
CARD_SUFFIX = ".pub"
#: The environment variable a key's passphrase may come from (the command line).
KEY_PASSPHRASE_ENV = "CASE_AUDITOR_KEY_PASSPHRASE"
MIN_PASSPHRASE = 8
SCRYPT = {"n": 2**15, "r": 8, "p": 1}


class KeyFileError(Refused):
    """A key file or card that cannot be used: missing, malformed, or a wrong passphrase."""


class WrongKeyPassphrase(KeyFileError):
    """The passphrase does not open the key file (nothing was changed)."""


def fingerprint_of(public: bytes) -> str:
    """The SHA-256 of a raw public key, in hex (64 characters)."""
    return hashlib.sha256(public).hexdigest()


def short_fingerprint(fingerprint: str) -> str:
    """The first 16 hex digits in groups of four, as people read them aloud."""
    return " ".join(fingerprint[i : i + 4] for i in range(0, 16, 4))


def _raw_public(key: Ed25519PublicKey) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def verify(public: bytes, signature: bytes, message: bytes) -> bool:
    """Whether ``signature`` is the holder of ``public``'s signature over ``message``."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


@dataclass(frozen=True)
class Card:
    """A person's public card: their name, public key and its fingerprint."""

    name: str
    public: bytes
    fingerprint: str

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": CARD_FORMAT,
                "name": self.name,
                "public": base64.b64encode(self.public).decode(),
                "fingerprint": self.fingerprint,
            },
            indent=2,
        )


@dataclass(frozen=True)
class PersonalKey:
    """A person's private signing key, opened with their passphrase (held only in memory)."""

    name: str
    private: Ed25519PrivateKey

    @property
    def public(self) -> bytes:
        return _raw_public(self.private.public_key())

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self.public)

    @property
    def card(self) -> Card:
        return Card(self.name, self.public, self.fingerprint)

    def sign(self, message: bytes) -> bytes:
        return self.private.sign(message)


def check_new_passphrase(passphrase: str) -> None:
    """Refuse a passphrase too short to protect a key (said in words)."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise KeyFileError(f"a key's passphrase needs at least {MIN_PASSPHRASE} characters")


def new_key(name: str, passphrase: str) -> PersonalKey:
    """A new key for ``name`` (not yet written anywhere)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    name = " ".join(name.split())
    if not name:
        raise KeyFileError("a key needs the name of the person who holds it")
    problem = identifier_problem(name, "names")
    if problem is not None:
        raise KeyFileError(f"the key's name {problem}")
    check_new_passphrase(passphrase)
    return PersonalKey(name, Ed25519PrivateKey.generate())


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _sealing_key(passphrase: str, salt: bytes, kdf: dict) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=kdf["n"], r=kdf["r"], p=kdf["p"]).derive(
        passphrase.encode()
    )


def _bound(name: str, public: bytes) -> bytes:
    """What the seal binds to the private key: the name and public key it belongs with."""
    return json.dumps({"name": name, "public": _b64(public)}, sort_keys=True).encode()


def key_file_text(key: PersonalKey, passphrase: str) -> str:
    """The key file's content: the private key sealed under ``passphrase``."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = os.urandom(16), os.urandom(12)
    raw = key.private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    sealed = AESGCM(_sealing_key(passphrase, salt, SCRYPT)).encrypt(
        nonce, raw, _bound(key.name, key.public)
    )
    return json.dumps(
        {
            "format": KEY_FORMAT,
            "name": key.name,
            "public": _b64(key.public),
            "kdf": {"name": "scrypt", **SCRYPT, "salt": _b64(salt)},
            "sealed": {"cipher": "AES-256-GCM", "nonce": _b64(nonce), "data": _b64(sealed)},
        },
        indent=2,
    )


def write_key(key: PersonalKey, passphrase: str, path: Path) -> Path:
    """Write the key file (readable by its owner only) and its card beside it; the card's path.

    Refuses to replace an existing key file: a key overwritten is a signature lost.
    """
    card_path = card_path_of(path)
    for target in (path, card_path):
        if target.exists():
            raise KeyFileError(f"{target}: already exists; choose another file", where=_at(target))
    text = key_file_text(key, passphrase)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text + "\n")
    card_path.write_text(key.card.to_json() + "\n", encoding="utf-8")
    return card_path


def card_path_of(key_path: Path) -> Path:
    return key_path.with_name(key_path.name + CARD_SUFFIX)


def _at(path: Path) -> Where:
    return Where(file=str(path))


def _read_json(path: Path, what: str, expected: str) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KeyFileError(f"{path}: no such {what}", where=_at(path)) from None
    except IsADirectoryError:
        raise KeyFileError(f"{path}: is a folder, not a {what}", where=_at(path)) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise KeyFileError(
            f"{path}: not a {what} (it is not readable JSON)", where=_at(path)
        ) from None
    if not isinstance(data, dict) or data.get("format") != expected:
        raise KeyFileError(f"{path}: not a {what} (format is not {expected})", where=_at(path))
    return data


def _public_of(data: dict, path: Path, what: str) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        public = base64.b64decode(str(data["public"]), validate=True)
        Ed25519PublicKey.from_public_bytes(public)
    except (KeyError, ValueError):
        raise KeyFileError(f"{path}: the {what}'s public key is damaged", where=_at(path)) from None
    return public


def read_card(path: Path) -> Card:
    """A card from its file, checked: its fingerprint must be its key's."""
    data = _read_json(path, "card", CARD_FORMAT)
    public = _public_of(data, path, "card")
    raw_name = data.get("name", "")
    if not isinstance(raw_name, str):
        raise KeyFileError(f"{path}: the card's name is not text", where=_at(path))
    name = " ".join(raw_name.split())
    if not name:
        raise KeyFileError(f"{path}: the card names nobody", where=_at(path))
    problem = identifier_problem(name, "names")
    if problem is not None:  # control codes would reach every terminal that lists the roster
        raise KeyFileError(f"{path}: the card's name {problem}", where=_at(path))
    if data.get("fingerprint") != fingerprint_of(public):
        raise KeyFileError(f"{path}: the card's fingerprint is not its key's", where=_at(path))
    return Card(name, public, fingerprint_of(public))


#: The most work a key file may ask of scrypt: 32 times what this application writes (SCRYPT),
#: in memory (128 * n * r bytes: 1 GiB here) and in passes (p). A file asking more is damaged,
#: not a stronger key: it would exhaust the memory or hold the command for hours.
MAX_SCRYPT_MEMORY = 128 * 2**20 * 8
MAX_SCRYPT_P = 16


def _reasonable(kdf: dict[str, int]) -> bool:
    n, r, p = kdf["n"], kdf["r"], kdf["p"]
    power_of_two = n > 1 and n & (n - 1) == 0
    return power_of_two and r >= 1 and 1 <= p <= MAX_SCRYPT_P and 128 * n * r <= MAX_SCRYPT_MEMORY


def read_key(path: Path, passphrase: str) -> PersonalKey:
    """Open a key file with its passphrase (``WrongKeyPassphrase`` when it does not open)."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    data = _read_json(path, "key file", KEY_FORMAT)
    public = _public_of(data, path, "key file")
    name = str(data.get("name", "")).strip()
    try:
        kdf = {k: int(data["kdf"][k]) for k in ("n", "r", "p")}
        salt = base64.b64decode(data["kdf"]["salt"], validate=True)
        nonce = base64.b64decode(data["sealed"]["nonce"], validate=True)
        sealed = base64.b64decode(data["sealed"]["data"], validate=True)
        if data["kdf"].get("name") != "scrypt" or not _reasonable(kdf):
            raise ValueError
    except (KeyError, TypeError, ValueError):
        raise KeyFileError(
            f"{path}: the key file's sealed key is damaged", where=_at(path)
        ) from None
    try:
        raw = AESGCM(_sealing_key(passphrase, salt, kdf)).decrypt(
            nonce, sealed, _bound(name, public)
        )
    except (InvalidTag, ValueError):
        raise WrongKeyPassphrase(
            f"{path}: the passphrase does not open this key", where=_at(path)
        ) from None
    key = PersonalKey(name, Ed25519PrivateKey.from_private_bytes(raw))
    if public != key.public:
        raise KeyFileError(f"{path}: the key file's public part is not its key's", where=_at(path))
    return key
