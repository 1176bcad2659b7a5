"""Refusals a user should read: one base, ``Refused``, with where as data (``Where``).

Every error class of the core that describes something refused (a bad cell, a decision not
allowed, a package of another inspection…) derives from ``Refused``; the window catches that
base and shows the message, the command line prints it and exits 2. The storage layer's
``StorageError`` is one too. ``Where`` carries the sheet, row and column, case or field, so no
caller has to read them out of the message text.
"""

from __future__ import annotations

from db.errors import SQLITE_ERRORS, CorruptFileError, Refused, Where

__all__ = [
    "FILE_FAILURES",
    "Cancelled",
    "CorruptFileError",
    "GradingError",
    "Refused",
    "ReviewError",
    "Where",
]

#: The file could not be read or written (a full disk, a lock, a missing folder, a read-only
#: file): not a bug, and not the user's input either; said in words and retried or refused.
FILE_FAILURES: tuple[type[Exception], ...] = (OSError, *SQLITE_ERRORS)


class GradingError(Refused):
    """A grading edit that is not allowed, described for the inspector."""


class ReviewError(GradingError):
    """A review decision or referral step that is not allowed, described for the user."""


class Cancelled(Exception):
    """The user pressed Cancel: raised from a progress callback, so work stops between steps
    (and a transaction under way rolls back). Not a refusal and not an error."""
