"""Case documents of an import: the files of a folder holding one folder per case reference.

Only what is really there is read: a case folder or a document that is a symbolic link is
refused (a link to /etc/passwd is not attached), and so is a named pipe, a device or a folder
where a document should be. A document's name must be a plain file name: one holding a path
separator (``\\`` or ``/``), ``..`` as a part, a control character or an invisible formatting
character is refused, saying which. Sizes are checked when the folder is listed, before any
document is read, and again on the opened file; a document is read in chunks, at most its
limit, and hashed as it is read.

Each folder is opened once (``O_NOFOLLOW``) and what is inside it is opened relative to that
open folder, so a folder renamed or swapped for a link between the listing and the reading is
refused, not followed.
"""

from __future__ import annotations

import contextlib
import os
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from auditor.case_material import MEDIA_TYPES
from auditor.importing.limits import DEFAULT_LIMITS, DOCUMENT_FLAG, Limits
from auditor.importing.opening import (
    NotRegular,
    kind,
    megabytes,
    open_regular,
    read_and_hash,
    refusal,
)
from auditor.importing.problems import ImportRefused, Problems
from auditor.inspection import Inspection
from auditor.records import Assessor, Case
from db import cases as case_rows

_FOLDER_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_DIRECTORY", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
)
#: Characters that show nothing but change how a name reads (bidi overrides and isolates,
#: marks, zero-width characters): "invoice\u202efdp.exe" shows as "invoiceexe.pdf".
INVISIBLE = {
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
    0x200B,
    0x200C,
    0x200D,
    0x200E,
    0x200F,
    0x061C,
    0x2060,
    0xFEFF,
}


@dataclass
class DocumentRecord:
    """A file in the documents folder, for the case its folder is named after."""

    reference: str
    path: Path
    size: int = 0
    #: The most that is read of it (the import's document limit).
    limit: int = DEFAULT_LIMITS.document_bytes


def shown(name: str) -> str:
    """A name quoted for a message: control and invisible characters as ``\\uXXXX`` (never
    sent raw to a terminal), everything else as it is (a backslash stays one backslash)."""
    return "'" + "".join(_shown_char(c) for c in name) + "'"


def _shown_char(char: str) -> str:
    code = ord(char)
    if unicodedata.category(char) in ("Cc", "Cs") or code in INVISIBLE:
        return f"\\u{code:04x}" if code > 0xFF else f"\\x{code:02x}"
    return char


def unsafe_name(name: str) -> str | None:
    """Why ``name`` is not a plain file name, or None when it is one."""
    for char in name:
        code = ord(char)
        if unicodedata.category(char) == "Cc":
            return f"its name holds a control character (U+{code:04X}); rename the file"
        if code in INVISIBLE:
            what = unicodedata.name(char, "a formatting character")
            return (
                f"its name holds an invisible character (U+{code:04X} {what}), which can "
                "disguise what a file is; rename the file"
            )
    separators = [s for s in ("\\", "/") if s in name]
    if separators:
        named = " and ".join(f"'{s}'" for s in separators)
        parts = name.replace("\\", "/").split("/")
        if ".." in parts:
            return (
                f"its name holds '..' and the path separator {named}, so it could point "
                "outside its folder; rename the file"
            )
        return f"its name holds the path separator {named}; rename the file"
    if name in (".", ".."):
        return "is not a file name"
    return None


def find_documents(
    folder: Path | None, references: set[str], limits: Limits, problems: Problems
) -> list[DocumentRecord]:
    """The documents in ``folder`` for the cases ``references`` names; problems are added."""
    if folder is None:
        return []
    where = str(folder)
    try:
        mode = os.lstat(folder).st_mode
    except FileNotFoundError:
        problems.add(where, "no such folder of case documents")
        return []
    except OSError as exc:
        problems.add(where, f"cannot be read ({exc.strerror or exc})")
        return []
    if not stat.S_ISDIR(mode):
        what = refusal(folder, mode, "folder of case documents")
        if stat.S_ISREG(mode):
            what = "is not a folder of case documents"
        problems.add(where, what)
        return []
    folded = {r.casefold(): r for r in references}
    found: list[DocumentRecord] = []
    try:
        with _Folder.opened(folder) as top:
            for entry in top.entries():
                if entry.name.startswith("."):
                    continue
                _case_folder(entry, top, folded, limits, problems, found)
    except OSError as exc:
        problems.add(where, f"cannot be read ({exc.strerror or exc})")
    return found


def _case_folder(
    entry: os.DirEntry,
    top: _Folder,
    folded: dict[str, str],
    limits: Limits,
    problems: Problems,
    found: list[DocumentRecord],
) -> None:
    where = f"Documents, folder {shown(entry.name)}"
    mode = entry.stat(follow_symlinks=False).st_mode
    if stat.S_ISLNK(mode):
        target = top.link_target(entry.name)
        problems.add(
            where,
            f"is a symbolic link to {target}; links are not followed, so put the documents "
            "in a real folder",
        )
        return
    if stat.S_ISREG(mode):
        problems.add(where, "is a file; put documents in a folder named after the case reference")
        return
    if not stat.S_ISDIR(mode):
        problems.add(where, f"is {kind(mode)}, not a folder of documents")
        return
    reference = folded.get(entry.name.casefold())
    if reference is None:
        problems.add(where, "no case has this reference")
        return
    try:
        with _Folder.opened(top.path / entry.name, top) as case_folder:
            for item in case_folder.entries():
                size = _document(item, case_folder, where, limits, problems)
                if size is not None:
                    path = case_folder.path / item.name
                    found.append(DocumentRecord(reference, path, size, limits.document_bytes))
    except OSError as exc:
        problems.add(where, f"cannot be read ({exc.strerror or exc})")


def _document(
    item: os.DirEntry, case_folder: _Folder, case_where: str, limits: Limits, problems: Problems
) -> int | None:
    """The size of a document to attach, or None (with a problem, unless it is hidden)."""
    where = f"{case_where}, file {shown(item.name)}"
    unsafe = unsafe_name(item.name)
    if unsafe is not None:
        problems.add(where, unsafe)
        return None
    if item.name.startswith("."):
        return None  # hidden files (.DS_Store, editors' backups) are not documents
    info = item.stat(follow_symlinks=False)
    if stat.S_ISLNK(info.st_mode):
        problems.add(
            where,
            f"is a symbolic link to {case_folder.link_target(item.name)}; links are not "
            "followed, so put the document itself in the folder",
        )
        return None
    if stat.S_ISDIR(info.st_mode):
        problems.add(where, "is a folder; documents are the files directly in the case's folder")
        return None
    if not stat.S_ISREG(info.st_mode):
        problems.add(where, f"is {kind(info.st_mode)}, not a document: only regular files are read")
        return None
    if Path(item.name).suffix.lower() not in MEDIA_TYPES:
        problems.add(
            where,
            f"is not a document the workstation opens ({', '.join(sorted(MEDIA_TYPES))})",
        )
        return None
    if info.st_size > limits.document_bytes:
        problems.add(
            where,
            f"is {megabytes(info.st_size)} ({info.st_size:,} bytes); documents above "
            f"{megabytes(limits.document_bytes)} are refused before they are read (raise the "
            f"limit with {DOCUMENT_FLAG})",
        )
        return None
    return info.st_size


#: Whether folders can be held open and read relative to their descriptor (POSIX); elsewhere
#: (Windows) each name is checked with lstat just before it is used.
_BY_DESCRIPTOR = (
    os.open in os.supports_dir_fd
    and os.lstat in os.supports_dir_fd
    and os.scandir in os.supports_fd
    and bool(getattr(os, "O_NOFOLLOW", 0))
)


class _Folder:
    """A folder being read: held open (``O_NOFOLLOW``) where the system allows, so that what
    is inside it is found relative to the folder opened, not to a path that may change."""

    def __init__(self, path: Path, fd: int | None) -> None:
        self.path = path
        self.fd = fd

    @classmethod
    @contextlib.contextmanager
    def opened(cls, path: Path, parent: _Folder | None = None) -> Iterator[_Folder]:
        """The folder at ``path`` (a name inside ``parent`` when given), never through a link."""
        if not _BY_DESCRIPTOR:
            if not stat.S_ISDIR(os.lstat(path).st_mode):
                raise NotADirectoryError(20, "not a folder (or a link to one)", str(path))
            yield cls(path, None)
            return
        fd = os.open(
            path.name if parent else path, _FOLDER_FLAGS, dir_fd=parent.fd if parent else None
        )
        try:
            if not stat.S_ISDIR(os.fstat(fd).st_mode):
                raise NotADirectoryError(20, "not a folder", str(path))
            yield cls(path, fd)
        finally:
            os.close(fd)

    def entries(self) -> list[os.DirEntry]:
        """What the folder holds, by name (os.scandir reads a copy of the descriptor)."""
        with os.scandir(self.fd if self.fd is not None else self.path) as listing:
            return sorted(listing, key=lambda e: e.name)

    def link_target(self, name: str) -> str:
        try:
            if self.fd is not None:
                return os.readlink(name, dir_fd=self.fd)
            return os.readlink(self.path / name)
        except OSError:
            return "somewhere else"

    def open_file(self, name: str, limit: int) -> BinaryIO:
        """The document ``name`` in this folder, opened as opening.open_regular opens it."""
        if self.fd is not None:
            return open_regular(Path(name), limit, DOCUMENT_FLAG, "document", dir_fd=self.fd)
        return open_regular(self.path / name, limit, DOCUMENT_FLAG, "document")


def _read(doc: DocumentRecord) -> tuple[bytes, str]:
    """(content, SHA-256) of a document found by find_documents, read as it was found: each
    folder and the file opened without following a link, the file no bigger than its limit."""
    case_folder = doc.path.parent
    try:
        with (
            _Folder.opened(case_folder.parent) as top,
            _Folder.opened(case_folder, top) as folder,
            folder.open_file(doc.path.name, doc.limit) as handle,
        ):
            return read_and_hash(handle, doc.limit, DOCUMENT_FLAG)
    except (NotRegular, OSError) as exc:
        said = str(exc) if isinstance(exc, NotRegular) else f"cannot be read ({exc.strerror})"
        problems = Problems()
        problems.add(
            f"Documents, folder {shown(case_folder.name)}, file {shown(doc.path.name)}",
            f"{said} (it changed while the import ran)",
        )
        raise ImportRefused(problems) from None


def attach_documents(
    inspection: Inspection,
    user: Assessor,
    docs: list[DocumentRecord],
    by_reference: dict[str, Case],
) -> int:
    """Attach each document not already attached to its case; how many were attached.

    Raises ImportRefused if a document is no longer what was found (the caller's transaction
    then rolls everything back)."""
    attached = case_rows.document_keys(inspection.db)
    added = 0
    for doc in docs:
        content, digest = _read(doc)
        case_id = by_reference[doc.reference.casefold()].id
        key = (case_id, doc.path.name, digest)
        if key not in attached:
            attached.add(key)
            # Indexed for search after the import (the window in the background, the command
            # line when first searched): PDF text would lengthen the import's one transaction.
            inspection.add_document(user, case_id, doc.path.name, content, index=False)
            added += 1
        del content
    return added
