"""The smaller parts of a framework file: its words, the share rule, attributes and the
conditions on them, the calendar, the risk words and a measure's target."""

from __future__ import annotations

import datetime as dt
from difflib import get_close_matches
from typing import Any

from auditor.framework.model import (
    ATTRIBUTE_TYPES,
    CONDITION_OPS,
    TARGET_UNITS,
    Attribute,
    Condition,
    Grade,
    ShareRule,
    Words,
)
from auditor.framework.reader import FrameworkError, Reader


def words(r: Reader, table: Any) -> Words:
    """``[words]``: each given word replaces the police wording's default."""
    if not isinstance(table, dict):
        raise FrameworkError(f"{r.origin}: [words] must be a table")
    defaults = Words()
    given = {}
    for key in defaults.__dataclass_fields__:
        if key in table:
            value = table[key]
            if not isinstance(value, str) or (not value.strip() and key != "area_2"):
                raise r.fail("[words]", key, f"must be non-empty text, not {value!r}")
            given[key] = " ".join(value.split())
    return Words(**given)


def share(
    r: Reader, table: Any, grades: tuple[Grade, ...], answers: tuple[Grade, ...]
) -> ShareRule | None:
    """``[grading.share]``: the answers counted as yes, and the bands, highest first."""
    if table is None:
        return None
    where = "[grading.share]"
    if not isinstance(table, dict):
        raise FrameworkError(f"{r.origin}: {where} must be a table")
    counted = table.get("answers")
    codes = {a.code for a in answers}
    if not isinstance(counted, list) or not counted:
        raise r.fail(where, "answers", "must list the answer codes counted as yes")
    for code in counted:
        if not isinstance(code, str) or code not in codes:
            raise r.fail(where, "answers", f"unknown answer {code!r} (one of: {', '.join(codes)})")
    bands = table.get("bands")
    if not isinstance(bands, list) or not bands:
        raise r.fail(where, "bands", 'must list bands such as { at_least = 80, grade = "good" }')
    grade_codes = [g.code for g in grades]  # in the scale's order, for the message
    out: list[tuple[float, str]] = []
    for index, band in enumerate(bands, start=1):
        at = f"{where} band {index}"
        if not isinstance(band, dict):
            raise r.fail(at, "bands", "must be a table { at_least = ..., grade = ... }")
        least = band.get("at_least")
        if isinstance(least, bool) or not isinstance(least, int | float) or not 0 <= least <= 100:
            raise r.fail(at, "at_least", f"must be a percentage from 0 to 100, not {least!r}")
        grade = band.get("grade")
        if grade not in grade_codes:
            near = get_close_matches(str(grade), grade_codes, n=1)
            hint = f"did you mean {near[0]!r}? " if near else ""
            raise r.fail(
                at, "grade", f"unknown grade {grade!r} ({hint}one of: {', '.join(grade_codes)})"
            )
        if out and least >= out[-1][0]:
            raise r.fail(at, "at_least", "bands must be listed highest first, each lower")
        out.append((float(least), grade))
    if out[-1][0] != 0:
        raise r.fail(f"{where} band {len(out)}", "at_least", "the last band must start at 0")
    return ShareRule(frozenset(counted), tuple(out))


def attribute(r: Reader, code: str, entry: dict[str, Any]) -> Attribute:
    where = f"attributes '{code}'"
    kind = entry.get("type", "number")
    if kind not in ATTRIBUTE_TYPES:
        raise r.fail(where, "type", f"must be one of {', '.join(ATTRIBUTE_TYPES)}, not {kind!r}")
    return Attribute(code, r.text(entry, where, "label"), kind)


def conditions(
    r: Reader, value: Any, where: str, attributes: tuple[Attribute, ...]
) -> tuple[Condition, ...]:
    """``applies_when``: one condition or a list of them, each "<attribute> <op> <value>"."""
    texts = [value] if isinstance(value, str) else value
    if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
        raise r.fail(where, "applies_when", 'must be text such as "licence_weeks <= 8"')
    known = {a.id: a for a in attributes}
    out = []
    for text in texts:
        parts = text.split(maxsplit=2)
        if len(parts) != 3 or parts[1] not in CONDITION_OPS:
            raise r.fail(
                where,
                "applies_when",
                f"{text!r} is not '<attribute> <op> <value>' (ops: {' '.join(CONDITION_OPS)})",
            )
        name, op, raw = parts
        attribute = known.get(name)
        if attribute is None:
            raise r.fail(where, "applies_when", f"unknown attribute {name!r} (see [[attributes]])")
        if attribute.type == "number":
            try:
                literal: float | str = float(raw)
            except ValueError:
                raise r.fail(where, "applies_when", f"{name} is a number; {raw!r} is not") from None
        else:
            if len(raw) < 2 or raw[0] != raw[-1] or raw[0] not in "'\"":
                raise r.fail(where, "applies_when", f"{name} is text: quote {raw!r}")
            if op not in ("==", "!="):
                raise r.fail(where, "applies_when", f"{name} is text: compare with == or !=")
            literal = raw[1:-1]
        out.append(Condition(name, op, literal))
    return tuple(out)


def holidays(r: Reader, table: Any) -> frozenset[str]:
    """``[calendar] bank_holidays``: ISO dates left out of working days."""
    if not isinstance(table, dict):
        raise FrameworkError(f"{r.origin}: [calendar] must be a table")
    days = table.get("bank_holidays", [])
    if not isinstance(days, list):
        raise r.fail("[calendar]", "bank_holidays", "must be a list of dates")
    out = set()
    for day in days:
        if isinstance(day, dt.date) and not isinstance(day, dt.datetime):
            out.add(day.isoformat())
            continue
        try:
            out.add(dt.date.fromisoformat(str(day)).isoformat())
        except ValueError:
            raise r.fail(
                "[calendar]", "bank_holidays", f"{day!r} is not a date (YYYY-MM-DD)"
            ) from None
    return frozenset(out)


def risk_words(r: Reader, evidence: Any) -> tuple[str, ...]:
    """``[evidence] risk_words``: a list of words or phrases, each given once (any case)."""
    if not isinstance(evidence, dict):
        raise FrameworkError(f"{r.origin}: [evidence] must be a table")
    words = evidence.get("risk_words", [])
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise r.fail("[evidence]", "risk_words", "must be a list of words or phrases")
    cleaned = [" ".join(w.split()) for w in words]
    seen: set[str] = set()
    for word in cleaned:
        if not word:
            raise r.fail("[evidence]", "risk_words", "holds an empty word")
        if word.casefold() in seen:
            raise r.fail("[evidence]", "risk_words", f"{word!r} is listed twice")
        seen.add(word.casefold())
    return tuple(cleaned)


def target(r: Reader, entry: dict[str, Any], where: str) -> tuple[float, str]:
    """``target_hours = 24`` (format 1) or ``target = { value = 15, unit = "working_days" }``."""
    if "target" in entry and "target_hours" in entry:
        raise r.fail(where, "target", "give target or target_hours, not both")
    if "target" in entry:
        target = entry["target"]
        if not isinstance(target, dict):
            raise r.fail(where, "target", 'must be { value = 15, unit = "working_days" }')
        value, unit = target.get("value"), target.get("unit", "hours")
        if unit not in TARGET_UNITS:
            raise r.fail(where, "target", f"unit must be one of {', '.join(TARGET_UNITS)}")
        key = "target"
    else:
        value, unit, key = entry.get("target_hours"), "hours", "target_hours"
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise r.fail(where, key, f"must be a positive number, not {value!r}")
    return float(value), unit
