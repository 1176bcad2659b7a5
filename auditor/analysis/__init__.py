"""Inspections as pandas DataFrames, and inspections compared (``case-auditor compare``).

The only place pandas is imported (it is never loaded at start-up: ``auditor.inspection``,
``auditor.cli`` and the window's launcher do not import this package). See docs/analysis.md.

- ``read_inspection(path)`` / ``read_inspections(paths)``: the tables of one file or several
  (``InspectionFrames``: cases, assessments, criteria, events, timeliness, referrals, reviews),
  the opening logged in each file as a consultation;
- ``frames_of(inspection)``: the same tables of an inspection already open;
- ``write_table(frame, path, source)``: a table written out, logged as a disclosure;
- ``cases_assessed``, ``referrals``, ``criteria``, ``timeliness``, ``figure_1``: the report's
  tables 1 to 4 computed from the frames;
- ``export_comparison(inspections, out)``: the comparison workbook of open inspections
  (``compare`` / ``side_of`` / ``write_comparison``: its parts).
"""

from __future__ import annotations

from auditor.analysis.compare import Comparison, Side, compare, side_of
from auditor.analysis.compare_book import export_comparison, write_comparison
from auditor.analysis.frames import TABLES, InspectionFrames, combine, frames_of
from auditor.analysis.opening import (
    CONSULTED,
    AnalysisError,
    distinct_names,
    opened_for_analysis,
    read_inspection,
    read_inspections,
    record_analysis,
    write_table,
)
from auditor.analysis.tables import cases_assessed, criteria, figure_1, referrals, timeliness

__all__ = [
    "CONSULTED",
    "TABLES",
    "AnalysisError",
    "Comparison",
    "InspectionFrames",
    "Side",
    "cases_assessed",
    "combine",
    "compare",
    "criteria",
    "distinct_names",
    "export_comparison",
    "figure_1",
    "frames_of",
    "opened_for_analysis",
    "read_inspection",
    "read_inspections",
    "record_analysis",
    "referrals",
    "side_of",
    "timeliness",
    "write_comparison",
    "write_table",
]
