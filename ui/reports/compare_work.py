"""The work of Compare with… and Export comparison…, run off the UI thread.

Each work function opens its own connections (SQLite connections never cross threads): the
inspection now as the window has it, and each earlier file as the window holds it (viewed
read-only while compared, writable just for an export; the window opened them first, so an
encrypted file's passphrase is held and not asked here). Progress is said between files, so
Cancel stops before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

from auditor.analysis import compare, distinct_names, export_comparison, frames_of, side_of
from auditor.analysis.compare import Comparison
from auditor.inspection import Inspection
from auditor.records import Assessor
from ui.common.background import Progress

Work = Callable[[Progress], Comparison]


def _open_all(stack: ExitStack, now: Path, earlier: list[Path], progress: Progress) -> list:
    opened = []
    for done, path in enumerate([now, *earlier]):
        progress(f"Reading {path.name}…", done)
        opened.append(stack.enter_context(Inspection.open(path, quick_check=False)))
    return opened


def compare_files(now: Path, earlier: list[Path], redact: bool) -> Work:
    """Work reading ``now`` and the ``earlier`` files into their comparison."""

    def work(progress: Progress) -> Comparison:
        with ExitStack() as stack:
            opened = _open_all(stack, now, earlier, progress)
            names = distinct_names(i.name for i in opened)
            sides = []
            for done, (inspection, name) in enumerate(zip(opened, names, strict=True)):
                progress(f"Tabulating {name}…", done)
                sides.append(side_of(frames_of(inspection, name)))
        return compare(sides, redact=redact)

    return work


def export_files(
    now: Path,
    earlier: list[Path],
    out: Path,
    *,
    redact: bool,
    user: Assessor,
    who: str,
) -> Work:
    """Work writing the comparison workbook ``out``, logged as a disclosure in each file."""

    def work(progress: Progress) -> Comparison:
        with ExitStack() as stack:
            opened = _open_all(stack, now, earlier, progress)
            progress(f"Writing {out.name}…", len(opened))
            return export_comparison(opened, out, redact=redact, user=user, who=who)

    return work
