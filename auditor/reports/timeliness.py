"""Table 4: per timeliness measure, delays in hours across the cases the report covers.

Each case is measured by ``auditor.timeliness.measure_case`` from its chronology, so the table
agrees with what the inspector sees on the case. Per measure of the framework, in framework
order: *measured* cases are those where both events happened (within target or late); their
median and 90th-percentile delay use ``auditor.reports.stats`` (linear interpolation, as
Excel's PERCENTILE.INC); *within target* means a delay no greater than the target. A case
whose start event happened but whose end event never did is counted under *missing event*,
apart from the measured cases. Cases where the measure does not arise (no start event) or
does not apply to the case type are not counted. Graded and ungraded cases alike are counted.

Delays are kept in hours (``hours``, every measure) and in the target's unit (``delays``:
hours, calendar days or working days as ``auditor.timeliness`` counts them), so a measure
whose target is "15 working days" is reported in working days.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from auditor.reports.data import ReportData
from auditor.reports.stats import median, percentile, share
from auditor.timeliness import LATE, MISSING, NOT_ARISEN, WITHIN, measure_case

UPPER_PERCENTILE = 0.9


@dataclass(frozen=True)
class TimelinessRow:
    """One measure: delays of measured cases (hours, ascending) and the counts around them."""

    measure_id: str
    label: str
    target_hours: float
    hours: tuple[float, ...] = field(default=(), repr=False)
    within: int = 0
    late: int = 0
    missing: int = 0
    not_arisen: int = 0
    #: The target's unit ("hours", "days", "working_days") and its text ("15 working days").
    unit: str = "hours"
    target_text: str = ""
    #: Delays of measured cases in the target's unit, ascending (``hours`` when in hours).
    delays: tuple[float, ...] = field(default=(), repr=False)

    @property
    def median_delay(self) -> float | None:
        """The median delay in the target's unit."""
        return median(self.delays if self.unit != "hours" else self.hours)

    @property
    def p90_delay(self) -> float | None:
        """The 90th percentile delay in the target's unit (PERCENTILE.INC)."""
        return percentile(self.delays if self.unit != "hours" else self.hours, UPPER_PERCENTILE)

    @property
    def measured(self) -> int:
        """Cases where both events happened."""
        return self.within + self.late

    @property
    def median_hours(self) -> float | None:
        return median(self.hours)

    @property
    def p90_hours(self) -> float | None:
        """The 90th percentile delay (PERCENTILE.INC); None when nothing was measured."""
        return percentile(self.hours, UPPER_PERCENTILE)

    @property
    def within_share(self) -> float | None:
        """Within target as a percentage of measured cases (None when none was measured)."""
        return share(self.within, self.measured)


@dataclass(frozen=True)
class TimelinessTable:
    """Table 4: a row per measure of the framework, in framework order."""

    rows: tuple[TimelinessRow, ...]

    def row(self, measure_id: str) -> TimelinessRow:
        found = next((r for r in self.rows if r.measure_id == measure_id), None)
        if found is None:
            raise KeyError(measure_id)
        return found

    def percentages(self) -> tuple[float | None, ...]:
        """The within-target share of every row."""
        return tuple(r.within_share for r in self.rows)


def timeliness(data: ReportData) -> TimelinessTable:
    """Table 4 for the data's cases (graded or not), from their chronologies."""
    framework = data.framework
    hours: dict[str, list[float]] = {m.id: [] for m in framework.measures}
    delays: dict[str, list[float]] = {m.id: [] for m in framework.measures}
    states: dict[str, dict[str, int]] = {
        m.id: dict.fromkeys((WITHIN, LATE, MISSING, NOT_ARISEN), 0) for m in framework.measures
    }
    for case in data.cases:
        for result in measure_case(framework, case.case_type, data.events_of(case.id)):
            states[result.measure.id][result.state] += 1
            if result.state in (WITHIN, LATE) and result.hours is not None:
                hours[result.measure.id].append(result.hours)
                if result.days is not None:
                    delays[result.measure.id].append(result.days)
    rows = tuple(
        TimelinessRow(
            measure_id=m.id,
            label=m.label,
            target_hours=m.target_hours,
            hours=tuple(sorted(hours[m.id])),
            within=states[m.id][WITHIN],
            late=states[m.id][LATE],
            missing=states[m.id][MISSING],
            not_arisen=states[m.id][NOT_ARISEN],
            unit=m.target_unit,
            target_text=m.target_text,
            delays=tuple(sorted(delays[m.id])),
        )
        for m in framework.measures
    )
    return TimelinessTable(rows)
