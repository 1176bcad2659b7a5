"""Every table of the report at once, for one filter: what the Reports view and export show."""

from __future__ import annotations

from dataclasses import dataclass

from auditor.reports.areas import AreaTable, area_tables
from auditor.reports.baseline import Baseline, BaselineComparison, compare_with_baseline
from auditor.reports.criteria import CriteriaTable, criteria
from auditor.reports.data import ReportData
from auditor.reports.filters import ReportFilter
from auditor.reports.grades import CasesAssessedTable, ReferralsTable, cases_assessed, referrals
from auditor.reports.timeliness import TimelinessTable, timeliness


@dataclass(frozen=True)
class Report:
    """Tables 1 to 6 for the cases one filter keeps."""

    report_filter: ReportFilter
    cases: int
    cases_assessed: CasesAssessedTable
    referrals: ReferralsTable
    criteria: CriteriaTable
    timeliness: TimelinessTable
    by_borough: tuple[AreaTable, ...]
    by_bcu: tuple[AreaTable, ...]
    by_team: tuple[AreaTable, ...]
    baseline: BaselineComparison | None = None


def build_report(
    data: ReportData,
    report_filter: ReportFilter | None = None,
    baseline: Baseline | None = None,
) -> Report:
    """Compute every table from loaded data (pure Python; safe on a worker thread)."""
    report_filter = report_filter or ReportFilter()
    kept = data.filtered(report_filter)
    assessed = cases_assessed(kept)
    referred = referrals(kept)
    return Report(
        report_filter=report_filter,
        cases=len(kept.cases),
        cases_assessed=assessed,
        referrals=referred,
        criteria=criteria(kept),
        timeliness=timeliness(kept),
        by_borough=area_tables(kept, "borough"),
        by_bcu=area_tables(kept, "bcu"),
        by_team=area_tables(kept, "team"),
        baseline=(
            None
            if baseline is None
            else compare_with_baseline(baseline, kept.framework, assessed, referred)
        ),
    )
