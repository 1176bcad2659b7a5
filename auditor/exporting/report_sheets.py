"""The published tables as sheets: Summary (tables 1 and 2 with a chart) and Timeliness."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from auditor.exporting.printing import break_after
from auditor.exporting.values import Styled, percent
from auditor.exporting.workbook import Sheet
from auditor.reports import (
    TOTAL_LABEL,
    CriteriaTable,
    CriterionRow,
    Report,
    redact_answers,
    redact_cases_assessed,
    redact_referrals,
    redact_timeliness,
)

REFERRALS_HEADINGS = ["Case type", "Cases graded", "Referred back", "Referred back %"]
TIMELINESS_HEADINGS = [
    "Measure",
    "Target",
    "Cases",
    "Median",
    "90th percentile",
    "Within target",
    "Within target %",
    "Missing event",
]
#: Where every measure's target is in hours (every format 1 framework), the sheet keeps the
#: headings it always had: no Target column, the delays headed in hours.
HOURS_HEADINGS = [
    "Measure",
    "Cases",
    "Median hours",
    "90th percentile hours",
    "Within target",
    "Within target %",
    "Missing event",
]
#: The median and 90th percentile are in the target's unit, which their number format shows.
DELAY_FORMATS = {
    "hours": '0.0 "hours"',
    "days": '0.0 "days"',
    "working_days": '0.0 "working days"',
}
HOURS = "0.0"  # delays in hours, as the sheet always showed them
CHART_ROWS = 24  # the chart's height in rows: within one landscape page


@dataclass(frozen=True)
class CriteriaLine:
    """A row of table 3's cells: a criterion, or (``domain_row``) its domain's total."""

    domain: str  # the domain's title; "" where the framework has no domains
    title: str
    applicable: Any
    counts: list[Any]  # per answer of the criteria's scale
    below_best: Any
    share: Any
    domain_row: bool = False


@dataclass(frozen=True)
class Tables:
    """Display cells of tables 1 to 4 (counts, or '<5' / '[c]' where suppressed)."""

    grade_labels: list[str]
    assessed: list[tuple[str, list[Any], Any]]  # label, counts per grade, total
    assessed_shares: list[tuple[str, list[Any]]]
    not_yet_graded: Any
    referrals: list[tuple[str, Any, Any, Any]]
    criteria: list[CriteriaLine]
    timeliness: list[tuple[Any, ...]]
    #: Table 3's scale: the criteria's answers (Yes / No, or the grades), and the worse ones.
    answer_labels: tuple[str, ...] = ()
    below_best_label: str = ""
    has_domains: bool = False


def criteria_lines(table: CriteriaTable, *, redact: bool) -> list[CriteriaLine]:
    """Table 3 as rows: each domain's total, its criteria under it (or the criteria alone)."""

    def line(row: CriterionRow, domain: str, total: bool) -> CriteriaLine:
        if redact:
            r = redact_answers(row)
            return CriteriaLine(
                domain,
                r.title,
                r.applicable,
                list(r.counts),
                r.below_best,
                r.below_best_share,
                total,
            )
        return CriteriaLine(
            domain,
            row.title,
            row.applicable,
            list(row.counts),
            row.below_best,
            row.below_best_share,
            total,
        )

    if not table.domains:
        return [line(row, "", False) for row in table.rows]
    lines = []
    placed: set[str] = set()
    for domain in table.domains:
        lines.append(line(domain, domain.title, True))
        for row in table.in_domain(domain.criterion_id):
            lines.append(line(row, domain.title, False))
            placed.add(row.criterion_id)
    lines += [line(row, "", False) for row in table.rows if row.criterion_id not in placed]
    return lines


def tables(report: Report, *, redact: bool) -> Tables:
    """The report's tables as cells, small numbers suppressed when ``redact``."""
    t1 = report.cases_assessed
    labels = [g.label for g in t1.grades]
    t3 = report.criteria
    scale = (tuple(g.label for g in t3.grades), t3.below_best_label, bool(t3.domains))
    if redact:
        r1 = redact_cases_assessed(t1)
        assessed = [
            (label, list(c[:-1]), c[-1]) for label, c in zip(r1.labels, r1.counts, strict=True)
        ]
        shares = [(label, list(p)) for label, p in zip(r1.labels, r1.percentages, strict=True)]
        r2 = redact_referrals(report.referrals)
        referrals = [(label, *row) for label, row in zip(r2.labels, r2.rows, strict=True)]
        criteria = criteria_lines(report.criteria, redact=True)
        timeliness = [
            (
                m.label,
                m.target_text,
                m.measured,
                m.median_delay,
                m.p90_delay,
                m.within,
                m.within_share,
                m.missing,
                m.unit,
            )
            for m in redact_timeliness(report.timeliness)
        ]
        return Tables(
            labels,
            assessed,
            shares,
            r1.not_yet_graded,
            referrals,
            criteria,
            timeliness,
            *scale,
        )
    rows = (*t1.rows, t1.total_row)
    return Tables(
        grade_labels=labels,
        assessed=[(r.label, list(r.counts), r.total) for r in rows],
        assessed_shares=[(r.label, list(r.percentages())) for r in rows],
        not_yet_graded=t1.not_yet_graded,
        referrals=[
            (r.label, r.graded, r.referred, r.percentage)
            for r in (*report.referrals.rows, report.referrals.total_row)
        ],
        criteria=criteria_lines(t3, redact=False),
        timeliness=[
            (
                r.label,
                r.target_text,
                r.measured,
                r.median_delay,
                r.p90_delay,
                r.within,
                r.within_share,
                r.missing,
                r.unit,
            )
            for r in report.timeliness.rows
        ],
        answer_labels=scale[0],
        below_best_label=scale[1],
        has_domains=scale[2],
    )


def _bold_row(values: list[Any]) -> list[Any]:
    return [Styled(v, bold=True) for v in values]


def write_summary(book: Any, cells: Tables) -> None:
    """Table 1 and its percentages, table 2, and a stacked bar chart of table 1, each on a
    printed page of its own (each page starts with its table's headings, so none is repeated:
    table 1's would head the others)."""
    headings = ["Case type", *cells.grade_labels, TOTAL_LABEL]
    shares = [f"{h} %" if h != "Case type" else h for h in headings]
    sheet = Sheet(
        book,
        "Summary",
        [],
        [44, 12, 22, 14, 12],
        table=False,
        also=[headings, shares, REFERRALS_HEADINGS],
        freeze="B2",
    )
    sheet.heading(headings, main=True, repeat=False)
    first = sheet.rows + 1
    for label, counts, total in cells.assessed:
        bold = label == TOTAL_LABEL
        sheet.append(_bold_row([label, *counts, total]) if bold else [label, *counts, total])
    sheet.end_table()
    last_type_row = sheet.rows - 1  # the case types, without the Total row
    sheet.append([f"Cases not yet graded (left out above): {cells.not_yet_graded}"], wrap=False)
    sheet.append([])
    sheet.heading(shares)
    for (label, shares_), (_, _, total) in zip(cells.assessed_shares, cells.assessed, strict=True):
        whole = 100.0 if total else None  # a row with no graded case has no percentages
        sheet.append([label, *(percent(s) for s in shares_), percent(whole)])
    break_after(sheet.ws, sheet.rows)
    sheet.heading(REFERRALS_HEADINGS)
    for label, graded, referred, share in cells.referrals:
        sheet.append([label, graded, referred, percent(share)])
    break_after(sheet.ws, sheet.rows)  # the chart prints on a page of its own
    _chart(sheet, first, last_type_row, len(cells.grade_labels), len(headings))
    sheet.close()


def _chart(sheet: Sheet, first: int, last: int, grades: int, columns: int) -> None:
    """The chart below the tables, as wide as they are (``columns``), 24 rows tall."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, TwoCellAnchor

    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.title = "Cases assessed by case type and overall grade"
    chart.y_axis.title = "Cases"
    data = Reference(sheet.ws, min_col=2, max_col=1 + grades, min_row=first - 1, max_row=last)
    categories = Reference(sheet.ws, min_col=1, min_row=first, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(categories)
    top = sheet.rows + 1  # 0-based: the row after the last written
    chart.anchor = TwoCellAnchor(
        _from=AnchorMarker(col=0, row=top), to=AnchorMarker(col=columns, row=top + CHART_ROWS)
    )
    sheet.ws.add_chart(chart)


def write_timeliness(book: Any, cells: Tables) -> None:
    """Table 4: per measure its target and the delays in the target's unit (hours, calendar
    days or working days, as ``auditor.timeliness`` counts them); in hours alone, the sheet's
    old layout (delays headed in hours, no Target column)."""
    in_hours = all(row[-1] == "hours" for row in cells.timeliness)
    if in_hours:
        sheet = Sheet(book, "Timeliness", HOURS_HEADINGS, [44, 8, 14, 22, 14, 16, 14])
    else:
        sheet = Sheet(book, "Timeliness", TIMELINESS_HEADINGS, [44, 20, 8, 22, 22, 14, 16, 14])
    for label, target, measured, median, p90, within, share, missing, unit in cells.timeliness:
        shown = HOURS if in_hours else DELAY_FORMATS.get(unit, DELAY_FORMATS["hours"])
        sheet.append(
            [
                label,
                *([] if in_hours else [target]),
                measured,
                Styled(median, shown) if isinstance(median, int | float) else median,
                Styled(p90, shown) if isinstance(p90, int | float) else p90,
                within,
                percent(share),
                missing,
            ]
        )
    sheet.close()
