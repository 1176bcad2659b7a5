"""The report's tables computed from an inspection file: pure Python, no Qt, no pandas.

Load once with ``load_report_data`` (a few bulk queries), then build tables for any filter
with ``build_report`` or the table functions. The rule for which assessment of a case counts
is in ``auditor.reports.data``; percentiles are defined in ``auditor.reports.stats``;
suppression of small numbers in ``auditor.reports.redaction``.
"""

from __future__ import annotations

from auditor.reports.areas import (
    AREA_FIELDS,
    NOT_RECORDED,
    AreaTable,
    area_fields,
    area_tables,
    grades_by_area,
)
from auditor.reports.baseline import (
    BASELINES_SETTING,
    Baseline,
    BaselineComparison,
    BaselineError,
    ComparisonRow,
    baseline_from_dict,
    baseline_to_dict,
    baselines_from_json,
    baselines_to_json,
    compare_with_baseline,
)
from auditor.reports.criteria import (
    CriteriaTable,
    CriterionRow,
    DomainRow,
    below_best_answer_label,
    below_best_label,
    criteria,
)
from auditor.reports.data import (
    NOT_REFERRED_STATES,
    ReportCase,
    ReportData,
    load_report_data,
)
from auditor.reports.filters import ReportFilter
from auditor.reports.grades import (
    TOTAL_LABEL,
    CasesAssessedTable,
    GradeRow,
    ReferralRow,
    ReferralsTable,
    cases_assessed,
    referrals,
)
from auditor.reports.redaction import (
    THRESHOLD,
    WITHHELD,
    RedactedCasesAssessed,
    RedactedCriterion,
    RedactedGrid,
    RedactedMeasure,
    RedactedReferrals,
    margin_lines,
    redact_answers,
    redact_cases_assessed,
    redact_criteria,
    redact_grid,
    redact_referrals,
    redact_timeliness,
    suppress_count,
    suppressed_mark,
)
from auditor.reports.report import Report, build_report
from auditor.reports.stats import median, percentile, share
from auditor.reports.timeliness import TimelinessRow, TimelinessTable, timeliness

__all__ = [
    "AREA_FIELDS",
    "BASELINES_SETTING",
    "NOT_RECORDED",
    "NOT_REFERRED_STATES",
    "THRESHOLD",
    "TOTAL_LABEL",
    "WITHHELD",
    "AreaTable",
    "Baseline",
    "BaselineComparison",
    "BaselineError",
    "CasesAssessedTable",
    "ComparisonRow",
    "CriteriaTable",
    "CriterionRow",
    "DomainRow",
    "GradeRow",
    "RedactedCasesAssessed",
    "RedactedCriterion",
    "RedactedGrid",
    "RedactedMeasure",
    "RedactedReferrals",
    "ReferralRow",
    "ReferralsTable",
    "Report",
    "ReportCase",
    "ReportData",
    "ReportFilter",
    "TimelinessRow",
    "TimelinessTable",
    "area_fields",
    "area_tables",
    "baseline_from_dict",
    "baseline_to_dict",
    "baselines_from_json",
    "baselines_to_json",
    "below_best_answer_label",
    "below_best_label",
    "build_report",
    "cases_assessed",
    "compare_with_baseline",
    "criteria",
    "grades_by_area",
    "load_report_data",
    "margin_lines",
    "median",
    "percentile",
    "redact_answers",
    "redact_cases_assessed",
    "redact_criteria",
    "redact_grid",
    "redact_referrals",
    "redact_timeliness",
    "referrals",
    "share",
    "suppress_count",
    "suppressed_mark",
    "timeliness",
]
