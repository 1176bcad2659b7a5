"""Timeliness measures computed from a case's chronology."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from auditor.framework import Framework, Measure

WITHIN = "within"
LATE = "late"
MISSING = "missing"
NOT_ARISEN = "not_arisen"


@dataclass(frozen=True)
class MeasureResult:
    """A measure applied to one case: the delay in hours and how it compares to target."""

    measure: Measure
    state: str
    hours: float | None
    text: str

    @property
    def needs_attention(self) -> bool:
        return self.state in (LATE, MISSING)


def when_text(moment: datetime) -> str:
    """A chronology date-time as stored: 'YYYY-MM-DDTHH:MM', with ':SS' when not zero.

    One text per moment (so that the same event read twice is the same row), and text order is
    time order: '…T10:00' sorts before '…T10:00:30', which sorts before '…T10:01'.
    """
    return moment.isoformat(timespec="seconds" if moment.second else "minutes")


def parse_when(text: str) -> datetime:
    """An ISO date-time of the chronology ('YYYY-MM-DDTHH:MM[:SS]'), as naive local time.

    A time given with an offset is taken as written (its offset dropped), so a chronology that
    mixes both forms still orders and measures.
    """
    return datetime.fromisoformat(text).replace(tzinfo=None)


def _readable(events: Iterable[tuple[str, str]]) -> list[tuple[datetime, str]]:
    readable = []
    for when, kind in events:
        try:
            readable.append((parse_when(when), kind))
        except (TypeError, ValueError):
            continue
    return readable


def format_duration(hours: float) -> str:
    """'45 minutes', '5 hours', '29 days' (days from 48 hours on)."""
    if hours < 1:
        minutes = round(hours * 60)
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    if hours < 48:
        value = round(hours, 1)
        value_text = f"{value:g}"
        return f"{value_text} hour{'s' if value != 1 else ''}"
    days = round(hours / 24, 1)
    return f"{days:g} days"


def _shown_hours(hours: float) -> float:
    """The hours :func:`format_duration` shows (rounded as it rounds)."""
    if hours < 1:
        return round(hours * 60) / 60
    if hours < 48:
        return round(hours, 1)
    return round(hours / 24, 1) * 24


def exact_duration(hours: float) -> str:
    """'24 hours 1 minute', '2 hours 0 minutes 30 seconds': to the second, for a delay whose
    rounded form would not show that it is over its target."""
    seconds = round(hours * 3600)
    whole, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)

    def unit(n: int, word: str) -> str:
        return f"{n} {word}{'s' if n != 1 else ''}"

    parts = [unit(whole, "hour"), unit(minutes, "minute")]
    if seconds:
        parts.append(unit(seconds, "second"))
    return " ".join(parts)


def _target_text(hours: float) -> str:
    return f"target {hours:g} hour{'s' if hours != 1 else ''}"


def measure_case(
    framework: Framework, case_type: str, events: Iterable[tuple[str, str]]
) -> list[MeasureResult]:
    """Every measure that applies to the case type, from (occurred_at, event_type) pairs.

    An event whose time is not a date-time (stored by hand or merged from a package; an
    import never stores one) cannot be placed in time and is left out of the measures; the
    chronology still shows it as stored.
    """
    ordered = sorted(_readable(events))
    results = []
    for measure in framework.measures_for(case_type):
        to_label = framework.event_label(measure.to_event)
        from_label = measure.since or framework.event_label(measure.from_event).lower()
        start = next((when for when, kind in ordered if kind == measure.from_event), None)
        if start is None:
            results.append(
                MeasureResult(
                    measure, NOT_ARISEN, None, f"{measure.label}: does not arise (no {from_label})"
                )
            )
            continue
        end = next(
            (when for when, kind in ordered if kind == measure.to_event and when >= start), None
        )
        if end is None:
            results.append(
                MeasureResult(
                    measure,
                    MISSING,
                    None,
                    f"{to_label}: missing, no record after {from_label} "
                    f"({_target_text(measure.target_hours)})",
                )
            )
            continue
        hours = (end - start).total_seconds() / 3600
        late = hours > measure.target_hours
        shown = format_duration(hours)
        if late and _shown_hours(hours) <= measure.target_hours:  # late by minutes or seconds
            shown = exact_duration(hours)
        text = f"{to_label} {shown} after {from_label}: {_target_text(measure.target_hours)}" + (
            " (late)" if late else ""
        )
        results.append(MeasureResult(measure, LATE if late else WITHIN, hours, text))
    return results
