"""Writing an audit package from a laptop's inspection, and opening one after checking it whole.

A package is a zip holding ``manifest.json`` and ``inspection.caseaudit``, a consistent copy
of the laptop's file (``VACUUM INTO``). The copy of an encrypted file is encrypted with the
same passphrase (SQLCipher's ``VACUUM INTO`` keeps the key); the manifest is not encrypted and
holds no case material. See resources/guide/packages.md and docs/encryption.md.
"""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.audit.log import NOT_STATED
from auditor.file_access import refuse_writing_over
from auditor.merging.manifest import (
    CONTENT_NAME,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST_NAME,
    Manifest,
    PackageError,
)
from db import merge as merge_rows
from db import meta
from db.connection import (
    APPLICATION_ID,
    has_dangling_references,
    integrity_check,
    is_encrypted,
    open_copy,
    open_database,
    passphrase_of,
    read_version,
)
from db.database import Database
from db.errors import DATABASE_ERRORS, SQLITE_ERRORS, StorageError
from db.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    from auditor.inspection import Assessor, Inspection

_CHUNK = 1 << 20


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, as hex."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def write_package(
    inspection: Inspection,
    out: str | Path,
    *,
    assessor: str | None = None,
    actor: Assessor | None = None,
    recipient: str | None = None,
) -> Manifest:
    """Write the package of ``inspection`` to ``out`` (replaced only when complete).

    ``assessor`` names whose work it is (default: everyone with an assessment in the file).
    The package is logged as a disclosure in the laptop's file, by ``actor`` to ``recipient``.
    """
    out = Path(out)
    if not out.parent.is_dir():
        raise PackageError(f"{out}: the folder {out.parent} does not exist")
    if out.is_dir():
        raise PackageError(f"{out}: is a folder; give a file name for the package")
    refuse_writing_over(out, [inspection.path], PackageError)
    framework = meta.get_framework_row(inspection.db) or {}
    info = meta.get_inspection(inspection.db) or {}
    who = " ".join((assessor or "").split())
    who = who or ", ".join(merge_rows.assessor_names_with_assessments(inspection.db))
    who = who or (actor.name if actor else "")  # no assessments yet: whoever writes it
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=f".{out.name}-") as tmp:
        content = Path(tmp) / CONTENT_NAME
        try:
            merge_rows.vacuum_into(inspection.db, content)
        except SQLITE_ERRORS as exc:
            raise PackageError(f"{out}: could not be written ({exc}); no package written") from None
        manifest = Manifest(
            format=FORMAT,
            format_version=FORMAT_VERSION,
            schema_version=inspection.schema_version(),
            framework_id=str(framework.get("id", "")),
            framework_version=str(framework.get("version", "")),
            framework_sha256=str(framework.get("sha256", "")),
            inspection_id=str(info.get("id", "")),
            inspection_name=str(info.get("name", "")),
            source_file=inspection.path.name,
            assessor=who or NOT_STATED,
            created_at=inspection.clock(),
            content_sha256=file_sha256(content),
            content_size=content.stat().st_size,
            counts=inspection.counts(),
            encrypted=is_encrypted(inspection.db),  # VACUUM INTO keeps the file's key
        )
        if inspection.signer is not None:  # signed by the person who made it
            key = inspection.signer.key
            manifest = replace(manifest, signed_by=key.fingerprint)
            signature = base64.b64encode(key.sign(manifest.signed_part())).decode()
            manifest = replace(manifest, signature=signature)
        partial = Path(tmp) / "package.zip"
        try:
            with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                archive.writestr(MANIFEST_NAME, manifest.to_json())
                archive.write(content, CONTENT_NAME)
        except OSError as exc:
            raise PackageError(
                f"{out}: could not be written ({exc.strerror or exc}); no package written"
            ) from None
        # Logged before the package appears: if the log cannot be written, nothing leaves.
        _log_disclosure(inspection, out, actor, recipient)
        os.replace(partial, out)
    return manifest


def _log_disclosure(
    inspection: Inspection, out: Path, actor: Assessor | None, recipient: str | None
) -> None:
    """Log the package as a disclosure; a PackageError (nothing written) when that fails."""
    try:
        inspection.log.record_disclosure(actor, f"audit package {out.name}", recipient)
    except (StorageError, *SQLITE_ERRORS) as exc:
        raise PackageError(
            f"{out}: not written, as its disclosure could not be logged in {inspection.path} "
            f"({exc})"
        ) from None


@dataclass
class Package:
    """A package checked whole and extracted to a temporary folder; close it when done."""

    path: Path
    manifest: Manifest
    sha256: str
    db: Database
    framework: dict[str, Any]
    inspection: dict[str, Any]
    _folder: Path = field(repr=False)

    def close(self) -> None:
        self.db.close()
        shutil.rmtree(self._folder, ignore_errors=True)

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


#: The hidden folders packages are unpacked into (beside the file being merged into), by pid.
UNPACKED_PREFIX = ".case-auditor-package-"


def clean_unpacked(folder: Path) -> None:
    """Remove what a killed merge left unpacked in ``folder`` (its process is gone)."""
    for leftover in folder.glob(f"{UNPACKED_PREFIX}*"):
        pid = leftover.name[len(UNPACKED_PREFIX) :].split("-", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(leftover, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def open_package(path: str | Path, work_dir: Path | None = None) -> Package:
    """Check a package whole and open its content; a one-line ``PackageError`` if unfit.

    Refused: a file that is not a complete zip, a manifest that is missing or malformed,
    content whose size or SHA-256 differs from the manifest's, content SQLite finds damaged,
    a newer package format or schema, and content that is not an inspection.
    """
    path = Path(path)
    if not path.is_file():
        raise PackageError(f"{path}: no such package")
    # Unpacked beside the file it merges into (its content is encrypted when the package is),
    # never into a shared temporary folder; removed on every exit, and after a kill by the
    # next merge there (``clean_unpacked``).
    folder = Path(tempfile.mkdtemp(prefix=f"{UNPACKED_PREFIX}{os.getpid()}-", dir=work_dir))
    try:
        manifest = _extract(path, folder)
        return _open_content(path, folder, manifest)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


#: What a package may hold, checked before anything is unpacked.
MAX_CONTENT_BYTES = 16 << 30  # 16 GiB: a 100,000-case inspection is about 0.6 GiB
MAX_MANIFEST_BYTES = 1 << 20
MAX_RATIO = 200  # an inspection file compresses about 3-10x; a zip bomb, thousands of times
ZIP_START, ZIP_END = b"PK\x03\x04", b"PK\x05\x06"


def _check_bounds(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse, before unpacking: other entries, bytes before or after the zip, a manifest or
    content too large, or content that would inflate out of all proportion."""
    infos = archive.infolist()
    if sorted(i.filename for i in infos) != sorted((MANIFEST_NAME, CONTENT_NAME)):
        raise PackageError(f"{path}: not a Case File Auditor package (it holds other files)")
    size = path.stat().st_size
    with path.open("rb") as handle:
        head = handle.read(4)
        handle.seek(max(0, size - 22))
        tail = handle.read(22)
    if head != ZIP_START or not (tail.startswith(ZIP_END) and tail[20:22] == b"\0\0"):
        raise PackageError(f"{path}: bytes before or after the package's zip; nothing merged")
    for info in infos:
        limit = MAX_MANIFEST_BYTES if info.filename == MANIFEST_NAME else MAX_CONTENT_BYTES
        ratio = info.file_size / max(1, info.compress_size)
        if info.file_size > limit or ratio > MAX_RATIO:
            raise PackageError(
                f"{path}: {info.filename} would unpack to {info.file_size:,} bytes "
                f"({ratio:,.0f} times its packed size); refused before unpacking, nothing merged"
            )


def _extract(path: Path, folder: Path) -> Manifest:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if MANIFEST_NAME not in names or CONTENT_NAME not in names:
                raise PackageError(f"{path}: not a Case File Auditor package (contents missing)")
            _check_bounds(path, archive)
            manifest = Manifest.from_json(archive.read(MANIFEST_NAME), str(path))
            _check_versions(path, manifest)
            if archive.getinfo(CONTENT_NAME).file_size != manifest.content_size:
                raise PackageError(
                    f"{path}: the package's content fails its checksum; nothing merged"
                )
            archive.extract(CONTENT_NAME, folder)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError) as exc:
        raise PackageError(
            f"{path}: the package is damaged or incomplete ({exc}); nothing merged"
        ) from None
    except OSError as exc:  # reading the package, or unpacking it into the temporary folder
        raise PackageError(
            f"{path}: could not be unpacked into {folder} ({exc.strerror or exc}); nothing merged"
        ) from None
    content = folder / CONTENT_NAME
    if content.stat().st_size != manifest.content_size or (
        file_sha256(content) != manifest.content_sha256
    ):
        raise PackageError(f"{path}: the package's content fails its checksum; nothing merged")
    return manifest


def _names(exc: Exception, path: Path) -> bool:
    return str(exc).startswith(f"{path}:")


def _check_versions(path: Path, manifest: Manifest) -> None:
    if manifest.schema_version > SCHEMA_VERSION:
        raise PackageError(
            f"{path}: made by a newer version of Case File Auditor (schema version "
            f"{manifest.schema_version}; this version reads up to {SCHEMA_VERSION}); "
            "update the workstation to merge it"
        )


def _open_content(path: Path, folder: Path, manifest: Manifest) -> Package:
    """Check the extracted content whole, then open it (migrated in the copy). An encrypted
    package is opened with the passphrase asked for ``path`` (env var, prompt or dialog)."""
    content = folder / CONTENT_NAME
    try:
        check = open_copy(content, label=path)
    except StorageError as exc:
        message = f"{exc}; nothing merged" if _names(exc, path) else f"{path}: {exc}"
        raise PackageError(message) from None
    try:
        problems = integrity_check(check)
        if problems == ["ok"] and has_dangling_references(check):
            problems = ["a record refers to another that is not in the package"]
        app_id, version = read_version(check)
        if problems == ["ok"] and app_id == APPLICATION_ID and version == manifest.schema_version:
            # migrates a package from an older version, in the copy
            db = open_database(content, passphrase=passphrase_of(check))
    except DATABASE_ERRORS as exc:
        raise PackageError(f"{path}: the package's content is damaged ({exc})") from None
    except StorageError as exc:
        raise PackageError(f"{path}: {exc}") from None
    finally:
        check.close()
    if problems != ["ok"]:
        raise PackageError(f"{path}: the package's content is damaged ({problems[0]})")
    if app_id != APPLICATION_ID or version != manifest.schema_version:
        raise PackageError(f"{path}: the package's content is not the inspection it describes")
    try:  # the content's connection closed on any refusal, not left for the collector
        framework = meta.get_framework_row(db)
        inspection = meta.get_inspection(db)
        if framework is None or inspection is None:
            raise PackageError(f"{path}: the package holds no inspection")
        if framework["sha256"] != manifest.framework_sha256:
            raise PackageError(f"{path}: the package's framework differs from its manifest")
        return Package(path, manifest, file_sha256(path), db, framework, inspection, folder)
    except DATABASE_ERRORS as exc:  # a table missing or unreadable: named, not a traceback
        db.close()
        raise PackageError(f"{path}: the package's content is damaged ({exc})") from None
    except BaseException:
        db.close()
        raise
