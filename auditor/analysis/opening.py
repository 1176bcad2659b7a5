"""Opening inspection files for analysis (a consultation) and writing a table out (a disclosure).

Opening a file for analysis reads every case, so it is logged in the file as a consultation
(one row: who, when, "opened for analysis") before any table is returned. A file opened
``read_only`` (another copy holds it) cannot be written, so that opening is not logged, as for
any read-only view (docs/encryption.md). Writing a table to a file is data leaving the
workstation: :func:`write_table` logs a disclosure in every inspection file the table came
from, after the file is complete and before it takes its name (unlogged, nothing leaves).

Encrypted files open with ``passphrase``, else from the installed source (the command line's
``CASE_AUDITOR_PASSPHRASE``, or the window's dialog; ``auditor.encryption.use_source``). A
signed inspection needs the writer's key (``key``, or one signed in for the file).
"""

from __future__ import annotations

import getpass
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pandas as pd

from auditor.analysis.frames import InspectionFrames, combine, frames_of
from auditor.audit.log import CONSULTATION
from auditor.errors import Refused
from auditor.inspection import Inspection
from auditor.people.keys import PersonalKey
from auditor.records import Assessor
from db.errors import SQLITE_ERRORS, StorageError

#: What the consultation row of an analysis says.
CONSULTED = "opened for analysis"
#: The kinds of file :func:`write_table` writes, by suffix.
TABLE_SUFFIXES = (".csv", ".xlsx")


class AnalysisError(Refused):
    """A table could not be read or written; the message says where and why."""


def _who(user: Assessor | None) -> str:
    return "" if user is not None else f" by {getpass.getuser()}"


def record_analysis(inspection: Inspection, user: Assessor | None = None) -> None:
    """Log in the file that its cases were read for analysis (nothing when read-only)."""
    if inspection.read_only:
        return
    with inspection.db.atomic():
        inspection.audit(user, CONSULTATION, detail=f"{CONSULTED}{_who(user)}")


@contextmanager
def opened_for_analysis(
    path: str | Path,
    *,
    passphrase: str | None = None,
    read_only: bool = False,
    user: Assessor | None = None,
    key: PersonalKey | None = None,
) -> Iterator[Inspection]:
    """The inspection at ``path``, open, its consultation logged; closed on leaving."""
    inspection = Inspection.open(path, passphrase=passphrase, read_only=read_only, key=key)
    try:
        record_analysis(inspection, user)
        yield inspection
    finally:
        inspection.close()


def read_inspection(
    path: str | Path,
    *,
    passphrase: str | None = None,
    read_only: bool = False,
    user: Assessor | None = None,
    key: PersonalKey | None = None,
) -> InspectionFrames:
    """The tables of one inspection file (opened, logged as consulted, read and closed)."""
    with opened_for_analysis(
        path, passphrase=passphrase, read_only=read_only, user=user, key=key
    ) as inspection:
        return frames_of(inspection)


def read_inspections(
    paths: Iterable[str | Path],
    *,
    passphrase: str | None = None,
    read_only: bool = False,
    user: Assessor | None = None,
    key: PersonalKey | None = None,
) -> InspectionFrames:
    """The tables of several files together, in the order given; an inspection whose name
    is already taken is named '<name> (2)', '<name> (3)'... in the ``inspection`` column."""
    parts = []
    with ExitStack() as stack:
        opened = [
            stack.enter_context(
                opened_for_analysis(
                    p, passphrase=passphrase, read_only=read_only, user=user, key=key
                )
            )
            for p in paths
        ]
        for inspection, name in zip(opened, distinct_names(i.name for i in opened), strict=True):
            parts.append(frames_of(inspection, name))
    return combine(parts)


def distinct_names(names: Iterable[str]) -> list[str]:
    """The names in order, a repeated one numbered: 'A', 'A (2)', 'A (3)'."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        name = name.strip() or "Unnamed inspection"
        count = seen.get(name, 0) + 1
        seen[name] = count
        out.append(name if count == 1 else f"{name} ({count})")
    return out


# --- writing a table out ------------------------------------------------------------------


def write_table(
    frame: pd.DataFrame | pd.Series,
    path: str | Path,
    source: InspectionFrames,
    *,
    recipient: str = "",
    passphrase: str | None = None,
    user: Assessor | None = None,
    key: PersonalKey | None = None,
) -> Path:
    """Write ``frame`` (or a Series) to ``path`` (.csv or .xlsx), logged as a disclosure in
    each file of ``source`` (the tables it was made from); replaced only once complete.

    The index is written when it means something (a crosstab's labels), not a plain 0, 1, 2.
    """
    path = Path(path)
    if isinstance(frame, pd.Series):
        frame = frame.to_frame()
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise AnalysisError(f"{path}: a table is written to a .csv or .xlsx file")
    if not path.parent.is_dir():
        raise AnalysisError(f"{path.parent}: no such folder")
    if path.is_dir():
        raise AnalysisError(f"{path}: is a folder; a table is written to a file")
    plain_index = isinstance(frame.index, pd.RangeIndex) and frame.index.name is None
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    os.close(handle)
    try:
        if suffix == ".csv":
            frame.to_csv(temporary, index=not plain_index)
        else:
            _excel_ready(frame).to_excel(temporary, index=not plain_index, engine="openpyxl")
        with open(temporary, "rb+") as written:
            os.fsync(written.fileno())
        for file in source.paths:
            log_disclosure(
                file,
                f"wrote the analysis table {path.name}{_who(user)}",
                recipient,
                passphrase=passphrase,
                user=user,
                key=key,
            )
        os.replace(temporary, path)
    except OSError as exc:
        raise AnalysisError(f"{path}: could not be written ({exc.strerror or exc})") from None
    finally:
        Path(temporary).unlink(missing_ok=True)
    return path


def log_disclosure(
    path: Path,
    what: str,
    recipient: str = "",
    *,
    passphrase: str | None = None,
    user: Assessor | None = None,
    key: PersonalKey | None = None,
    inspection: Inspection | None = None,
) -> None:
    """Log in the file at ``path`` (or the open ``inspection``) that ``what`` was written."""
    try:
        if inspection is not None:
            inspection.log.record_disclosure(user, what, recipient)
            return
        with Inspection.open(path, passphrase=passphrase, key=key) as opened:
            opened.log.record_disclosure(user, what, recipient)
    except (StorageError, *SQLITE_ERRORS) as exc:
        raise AnalysisError(
            f"{path}: nothing written, as the disclosure could not be logged in it ({exc})"
        ) from None


def _excel_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """Excel holds no time zone: UTC times are written as UTC without one."""
    out = frame.copy()
    for column in out.columns:
        dtype = out[column].dtype
        if isinstance(dtype, pd.DatetimeTZDtype):
            out[column] = out[column].dt.tz_convert("UTC").dt.tz_localize(None)
    return out
