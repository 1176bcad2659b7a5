"""The manifest of an audit package: what it holds, where from, and the checksum of its content."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from auditor.errors import Refused

FORMAT = "case-auditor-package"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
CONTENT_NAME = "inspection.caseaudit"
PACKAGE_SUFFIX = ".caseaudit-package"


class PackageError(Refused):
    """A package that cannot be written or merged, described in one line for the user."""


@dataclass(frozen=True)
class Manifest:
    """What a package says about itself (``manifest.json``, see resources/guide/packages.md)."""

    format: str
    format_version: int
    schema_version: int
    framework_id: str
    framework_version: str
    framework_sha256: str
    inspection_id: str
    inspection_name: str
    source_file: str
    assessor: str
    created_at: str
    content_sha256: str
    content_size: int
    counts: dict[str, int]
    #: The content is encrypted (SQLCipher) with the passphrase of the file it was made from.
    #: Absent from packages written before encryption: read as False.
    encrypted: bool = False
    #: The fingerprint of the key that signed the manifest (a signed inspection's packages).
    signed_by: str = ""
    #: Base64 Ed25519 signature over ``signed_part()`` by the person who made the package.
    signature: str = ""

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True) + "\n"

    def signed_part(self) -> bytes:
        """What the maker signs: every field but the signature (the content's SHA-256 too)."""
        fields = asdict(self)
        fields.pop("signature")
        return json.dumps(fields, sort_keys=True).encode()

    @classmethod
    def from_json(cls, text: bytes, where: str) -> Manifest:
        """Parse a manifest; a ``PackageError`` naming ``where`` when it is not one."""
        try:
            data = json.loads(text.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise PackageError(f"{where}: the package's manifest is damaged ({exc})") from None
        except RecursionError:  # nested thousands deep: no manifest is
            raise PackageError(
                f"{where}: the package's manifest is damaged (nested too deeply to read)"
            ) from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise PackageError(f"{where}: not a Case File Auditor package")
        version = data.get("format_version")
        if isinstance(version, int) and version > FORMAT_VERSION:
            raise PackageError(
                f"{where}: package format {version} is from a newer version of Case File "
                f"Auditor (this version reads up to {FORMAT_VERSION}); update the workstation"
            )
        fields: dict[str, Any] = {}
        for name, kind in _FIELD_TYPES.items():
            value = data.get(name)
            if not isinstance(value, kind) or isinstance(value, bool):
                raise PackageError(f"{where}: the package's manifest lacks a valid {name!r}")
            fields[name] = value
        encrypted = data.get("encrypted", False)
        if not isinstance(encrypted, bool):
            raise PackageError(f"{where}: the package's manifest lacks a valid 'encrypted'")
        signed_by, signature = data.get("signed_by", ""), data.get("signature", "")
        if not isinstance(signed_by, str) or not isinstance(signature, str):
            raise PackageError(f"{where}: the package's manifest has a damaged signature")
        return cls(**fields, encrypted=encrypted, signed_by=signed_by, signature=signature)


_FIELD_TYPES: dict[str, type] = {
    "format": str,
    "format_version": int,
    "schema_version": int,
    "framework_id": str,
    "framework_version": str,
    "framework_sha256": str,
    "inspection_id": str,
    "inspection_name": str,
    "source_file": str,
    "assessor": str,
    "created_at": str,
    "content_sha256": str,
    "content_size": int,
    "counts": dict,
}
