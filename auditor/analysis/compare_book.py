"""The comparison workbook: Comparison, Criteria, Timeliness, Chart and About sheets.

Shares are numbers formatted as percentages (0.0%), changes are numbers of percentage points
(0.0), hours 0.0; an empty cell is a type (or criterion, measure) an inspection lacks or a share
of nothing. The Chart sheet holds a native clustered bar chart of the worst grade's share
(Inadequate) by case type, one series per inspection, drawn from the Comparison sheet.
Written atomically (``auditor.exporting.workbook.save_atomically``); ``before_replace`` logs
the disclosure in each file compared.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.analysis.compare import HOURS, POINTS, SHARE, Comparison, Table, compare, side_of
from auditor.analysis.frames import frames_of
from auditor.analysis.opening import AnalysisError, distinct_names, log_disclosure
from auditor.exporting.values import Styled, moment_cell
from auditor.exporting.workbook import Sheet, save_atomically
from auditor.file_access import refuse_writing_over
from auditor.records import Assessor
from auditor.timestamps import utc_now

if TYPE_CHECKING:
    from auditor.inspection import Inspection

SHARE_FORMAT, POINTS_FORMAT, HOURS_FORMAT = "0.0%", "0.0", "0.0"
CHART_SHEET = "Chart"
CHART_WIDTH_CM, CHART_HEIGHT_CM = 24, 12.5


def _cell(value: Any, kind: str) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value  # None (empty), '<5', '[c]', a label
    if kind == SHARE:
        return Styled(value / 100.0, SHARE_FORMAT)
    if kind == POINTS:
        return Styled(float(value), POINTS_FORMAT)
    if kind == HOURS:
        return Styled(float(value), HOURS_FORMAT)
    return value


#: Column widths: the labels, then every figure's column (its heading wraps to fit).
LABEL_WIDTH, FIGURE_WIDTH = 56, 15


def _table_sheet(book: Any, title: str, table: Table) -> Sheet:
    """A sheet of one table: narrow figure columns under wrapped headings (printable), the
    headings filtered, frozen with the labels, and repeated on every printed page."""
    widths = [LABEL_WIDTH, *(FIGURE_WIDTH for _ in table.headings[1:])]
    sheet = Sheet(book, title, [], widths, table=False, freeze="B2", align_rows=False)
    sheet.heading(list(table.headings), main=True)
    for row in table.rows:
        sheet.append([_cell(v, k) for v, k in zip(row, table.kinds, strict=True)])
    return sheet


def export_comparison(
    inspections: Sequence[Inspection],
    out: Path,
    *,
    redact: bool = False,
    recipient: str = "",
    user: Assessor | None = None,
    who: str = "",
) -> Comparison:
    """Compare open inspections (the first is now, then earlier ones) into the workbook
    ``out``, logging the disclosure in each just before the workbook takes its name.

    ``who`` ends the log's sentence (the command line: ' by <login> from the command line');
    ``user`` is the actor in each file whose people include them (else the row has none).
    Raises AnalysisError (nothing written) for an ``out`` that is not .xlsx, a missing folder,
    fewer than two inspections, a file open read-only or signed with nobody signed in (its
    disclosure could not be logged), or a disclosure that could not be logged.
    """
    if out.suffix.lower() != ".xlsx":
        raise AnalysisError(f"{out}: the workbook's name must end in .xlsx")
    if not out.parent.is_dir():
        raise AnalysisError(f"{out}: the folder {out.parent} does not exist")
    if out.is_dir():
        raise AnalysisError(f"{out}: is a folder; the workbook is written to a file")
    refuse_writing_over(out, [i.path for i in inspections], AnalysisError)
    if len(inspections) < 2:
        raise AnalysisError("a comparison needs at least two inspection files")
    for inspection in inspections:  # before anything is written: every file can log it
        if inspection.read_only:
            raise AnalysisError(
                f"{inspection.path}: is open read-only, so the disclosure cannot be logged in "
                "it; no workbook written"
            )
        if inspection.signed and inspection.signer is None and user is None:
            raise AnalysisError(
                f"{inspection.path}: is signed: say who you are (--as KEYFILE) to log the "
                "disclosure in it; no workbook written"
            )
    names = distinct_names(i.name for i in inspections)
    sides = [side_of(frames_of(i, n)) for i, n in zip(inspections, names, strict=True)]
    comparison = compare(sides, redact=redact)
    sources = [
        (n, Path(i.path), f"{i.framework.name} {i.framework.version}")
        for i, n in zip(inspections, names, strict=True)
    ]
    kind = "redacted comparison" if redact else "comparison"
    files = ", ".join(Path(i.path).name for i in inspections)

    def log_all() -> None:
        for inspection in inspections:
            log_disclosure(
                Path(inspection.path),
                f"exported the {kind} workbook {out.name} ({files}){who}",
                recipient,
                user=_actor_in(inspection, user),
                inspection=inspection,
            )

    try:
        write_comparison(out, comparison, sources, before_replace=log_all)
    except OSError as exc:
        raise AnalysisError(f"{out}: could not be written ({exc.strerror or exc})") from None
    return comparison


def _actor_in(inspection: Inspection, user: Assessor | None) -> Assessor | None:
    """``user`` where they are one of the file's people; None in another file (an earlier
    inspection's people have their own ids: ``who`` names the user there)."""
    if user is None or not any(p.id == user.id for p in inspection.assessors()):
        return None
    return user


def write_comparison(
    out: Path,
    comparison: Comparison,
    sources: Sequence[tuple[str, Path, str]],
    before_replace: Callable[[], None] | None = None,
) -> None:
    """Write the workbook to ``out``; ``sources`` are (name, file, framework) per inspection."""

    def build(book: Any) -> None:
        first = _table_sheet(book, "Comparison", comparison.by_type)
        first.close()
        _table_sheet(book, "Criteria", comparison.criteria).close()
        _table_sheet(book, "Timeliness", comparison.timeliness).close()
        _chart_sheet(book, first, comparison)
        _about(book, comparison, sources)

    save_atomically(out, build, before_replace=before_replace)


def _chart_sheet(book: Any, table: Sheet, comparison: Comparison) -> None:
    from openpyxl.chart import BarChart, Reference, Series

    worst = comparison.by_type.headings[-2].removeprefix("Change in ").removesuffix(" (points)")
    sheet = Sheet(book, CHART_SHEET, [], [12], table=False)
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "clustered"
    chart.title = f"{worst} % by case type"
    chart.y_axis.title = f"{worst} %"
    chart.y_axis.numFmt = "0%"
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 1
    chart.legend.position = "b"
    last = 1 + comparison.type_rows  # the header is row 1, the Total row is left out
    for name in comparison.names:
        column = comparison.share_column(name, worst) + 1
        values = Reference(table.ws, min_col=column, min_row=2, max_row=last)
        chart.series.append(Series(values, title=name))
    chart.set_categories(Reference(table.ws, min_col=1, min_row=2, max_row=last))
    chart.x_axis.scaling.orientation = "maxMin"  # the first case type at the top, as listed
    chart.width, chart.height = CHART_WIDTH_CM, CHART_HEIGHT_CM  # one landscape page
    caption = f"{worst} % by case type, one bar per inspection (from the Comparison sheet)"
    sheet.append([caption], wrap=False)
    sheet.ws.add_chart(chart, "A3")
    sheet.close()


def _about(book: Any, comparison: Comparison, sources: Sequence[tuple[str, Path, str]]) -> None:
    about = Sheet(book, "About", ["About this workbook", ""], [28, 110])
    about.append_all(
        [
            ["Written (UTC)", moment_cell(utc_now())],
            *(
                [f"Inspection {i}", f"{name}: {path.name} ({framework})"]
                for i, (name, path, framework) in enumerate(sources, start=1)
            ),
            [
                "Which cases count",
                "Each case's reported assessment, as in the report's table 1: cases without a "
                "graded assessment are left out. Case types are matched by their label; a type "
                "an inspection's framework lacks has empty cells.",
            ],
            [
                "Changes",
                "In percentage points: the first inspection minus the last.",
            ],
            [
                "Small numbers",
                "Counts from 1 to 4 shown as <5, and a count or share that would reveal one "
                "as [c] (the redacted export's rules)."
                if comparison.redacted
                else "Not suppressed: this workbook is for the inspection team.",
            ],
        ]
    )
    about.close()
