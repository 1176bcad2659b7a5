"""Import problems, each naming where (sheet, row, column) and what is wrong."""

from __future__ import annotations

from dataclasses import dataclass, field

from auditor.errors import Refused

MAX_LISTED = 200


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an import file, and what is allowed instead."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def cell(sheet: str, row: int, column: str) -> str:
    return f"{sheet}, row {row}, {column}"


@dataclass
class Problems:
    """Every problem found in a file (all are collected; the listing is capped)."""

    items: list[Problem] = field(default_factory=list)

    def add(self, where: str, message: str) -> None:
        self.items.append(Problem(where, message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def lines(self) -> list[str]:
        """The problems as lines, at most MAX_LISTED, then how many more."""
        shown = [str(p) for p in self.items[:MAX_LISTED]]
        if len(self.items) > MAX_LISTED:
            shown.append(f"… and {len(self.items) - MAX_LISTED} more problems")
        return shown


class ImportRefused(Refused):
    """The file was refused; nothing was written."""

    def __init__(self, problems: Problems) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


class ImportFailed(Refused):
    """The inspection file could not be written (a full disk, a read-only file); nothing was
    written, and the message says where and why."""
