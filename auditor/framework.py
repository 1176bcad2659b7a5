"""The criteria framework: case types, grade scale, criteria, events and measures, from TOML."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from auditor.errors import Refused

BUNDLED_FRAMEWORK = "hmicfrs_2018_child_protection.toml"
ALL_TYPES = "*"
SUGGESTION_RULES = ("worst", "median")


class FrameworkError(Refused):
    """A framework file that cannot be used, with the file, entry and key named."""


@dataclass(frozen=True)
class Grade:
    """One point of the grade scale (rank 0 is best)."""

    code: str
    label: str
    rank: int
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class CaseType:
    """A kind of case file, with the report's label."""

    code: str
    label: str


@dataclass(frozen=True)
class ReferralReason:
    """A reason category for referring a case back to the force."""

    code: str
    label: str


@dataclass(frozen=True)
class Criterion:
    """A question the inspector grades, for the case types it applies to."""

    id: str
    title: str
    question: str
    guidance: str
    applies_to: frozenset[str]

    def applies(self, case_type: str) -> bool:
        return case_type in self.applies_to


@dataclass(frozen=True)
class EventType:
    """A kind of chronology event."""

    code: str
    label: str


@dataclass(frozen=True)
class Measure:
    """A timeliness measure: from one event to another, with a target in hours."""

    id: str
    label: str
    from_event: str
    to_event: str
    target_hours: float
    applies_to: frozenset[str]
    since: str = ""

    def applies(self, case_type: str) -> bool:
        return case_type in self.applies_to


@dataclass(frozen=True)
class Framework:
    """A whole criteria framework, as loaded and validated from one TOML file."""

    id: str
    name: str
    version: str
    source: str
    grades: tuple[Grade, ...]
    not_applicable: Grade
    case_types: tuple[CaseType, ...]
    referral_reasons: tuple[ReferralReason, ...]
    criteria: tuple[Criterion, ...]
    event_types: tuple[EventType, ...]
    measures: tuple[Measure, ...]
    overall_suggestion: str
    toml_text: str = field(repr=False, compare=False)
    #: Words and phrases the document reader marks and the case file counts (``[evidence]``).
    risk_words: tuple[str, ...] = ()

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.toml_text.encode("utf-8")).hexdigest()

    def case_type(self, code: str) -> CaseType | None:
        return next((t for t in self.case_types if t.code == code), None)

    def case_type_label(self, code: str) -> str:
        found = self.case_type(code)
        return found.label if found else code

    def criteria_for(self, case_type: str) -> list[Criterion]:
        """The criteria that apply to a case type, in framework order."""
        return [c for c in self.criteria if c.applies(case_type)]

    def measures_for(self, case_type: str) -> list[Measure]:
        return [m for m in self.measures if m.applies(case_type)]

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)

    def grade(self, code: str | None) -> Grade | None:
        """The grade (or Not applicable) with this code."""
        if code is None:
            return None
        if code == self.not_applicable.code:
            return self.not_applicable
        return next((g for g in self.grades if g.code == code), None)

    def grade_label(self, code: str | None) -> str:
        grade = self.grade(code)
        return grade.label if grade else ""

    def event_label(self, code: str) -> str:
        found = next((e for e in self.event_types if e.code == code), None)
        return found.label if found else code

    def event_codes(self) -> set[str]:
        return {e.code for e in self.event_types}

    def referral_reason_label(self, code: str) -> str:
        found = next((r for r in self.referral_reasons if r.code == code), None)
        return found.label if found else code

    def parse_grade(self, text: str, *, allow_not_applicable: bool = True) -> Grade | None:
        """The grade a piece of text names (label, code or alias, any case), or None."""
        key = " ".join(str(text).split()).casefold()
        found = self._grade_names.get(key)
        if found is self.not_applicable and not allow_not_applicable:
            return None
        return found

    @cached_property
    def _grade_names(self) -> dict[str, Grade]:
        """Every name of every grade, folded, to its grade (the scale's first claim wins)."""
        names: dict[str, Grade] = {}
        for grade in (*self.grades, self.not_applicable):
            for name in (grade.code, grade.label, *grade.aliases):
                names.setdefault(name.casefold(), grade)
        return names


# --- loading -------------------------------------------------------------------------------


class _Reader:
    """Validates one framework document, collecting the context for error messages."""

    def __init__(self, origin: str, data: dict[str, Any]) -> None:
        self.origin = origin
        self.data = data

    def fail(self, where: str, key: str, problem: str) -> FrameworkError:
        return FrameworkError(f"{self.origin}: {where}, key '{key}': {problem}")

    def table(self, name: str) -> dict[str, Any]:
        value = self.data.get(name)
        if not isinstance(value, dict):
            raise FrameworkError(f"{self.origin}: the [{name}] table is missing")
        return value

    def array(self, name: str, *, required: bool = True) -> list[dict[str, Any]]:
        value = self.data.get(name)
        if not required and value in (None, []):
            return []
        if isinstance(value, dict):
            raise FrameworkError(
                f"{self.origin}: [{name}] must be an array of tables, written [[{name}]] "
                "before each entry"
            )
        if not isinstance(value, list) or not value:
            raise FrameworkError(f"{self.origin}: no [[{name}]] entries (at least one is needed)")
        for index, entry in enumerate(value, start=1):
            if not isinstance(entry, dict):
                raise FrameworkError(f"{self.origin}: {name} entry {index} is not a table")
        return value

    def text(self, entry: dict[str, Any], where: str, key: str, default: str | None = None) -> str:
        value = entry.get(key, default)
        if value is None:
            raise self.fail(where, key, "is missing")
        if not isinstance(value, str) or (not value.strip() and default is None):
            raise self.fail(where, key, f"must be non-empty text, not {value!r}")
        return value.strip()

    def codes(
        self, entries: list[dict[str, Any]], section: str, key: str
    ) -> list[tuple[str, dict[str, Any]]]:
        """(id, entry) pairs for a section, refusing missing and duplicate ids."""
        seen: set[str] = set()
        out = []
        for index, entry in enumerate(entries, start=1):
            where = f"{section} entry {index}"
            code = self.text(entry, where, key)
            if code in seen:
                raise self.fail(f"{section} '{code}'", key, "duplicate id")
            seen.add(code)
            out.append((code, entry))
        return out

    def applies_to(self, entry: dict[str, Any], where: str, known: list[str]) -> frozenset[str]:
        value = entry.get("applies_to")
        if not isinstance(value, list) or not value:
            raise self.fail(where, "applies_to", "must be a non-empty list of case type codes")
        if value == [ALL_TYPES]:
            return frozenset(known)
        for code in value:
            if code not in known:
                raise self.fail(
                    where,
                    "applies_to",
                    f'unknown case type {code!r} (one of: {", ".join(known)}, or "*")',
                )
        return frozenset(value)

    def grade(self, entry: dict[str, Any], where: str, rank: int) -> Grade:
        aliases = entry.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise self.fail(where, "aliases", "must be a list of text")
        return Grade(
            code=self.text(entry, where, "code"),
            label=self.text(entry, where, "label"),
            rank=rank,
            aliases=tuple(aliases),
        )


def parse_framework(text: str, origin: str) -> Framework:
    """Parse and validate framework TOML; ``origin`` names the file in error messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FrameworkError(f"{origin}: not valid TOML ({exc})") from exc
    r = _Reader(origin, data)

    meta = r.table("framework")
    grading = data.get("grading", {})
    suggestion = grading.get("overall_suggestion", "worst") if isinstance(grading, dict) else None
    if suggestion not in SUGGESTION_RULES:
        raise r.fail("[grading]", "overall_suggestion", f"must be one of {SUGGESTION_RULES}")

    grades = tuple(
        r.grade(entry, f"grades '{code}'", rank)
        for rank, (code, entry) in enumerate(r.codes(r.array("grades"), "grades", "code"))
    )
    not_applicable = r.grade(r.table("not_applicable"), "[not_applicable]", len(grades))
    if not_applicable.code in {g.code for g in grades}:
        raise r.fail("[not_applicable]", "code", "duplicate of a grade code")

    case_types = tuple(
        CaseType(code, r.text(entry, f"case_types '{code}'", "label"))
        for code, entry in r.codes(r.array("case_types"), "case_types", "code")
    )
    known_types = [t.code for t in case_types]
    reasons = tuple(
        ReferralReason(code, r.text(entry, f"referral_reasons '{code}'", "label"))
        for code, entry in r.codes(r.array("referral_reasons"), "referral_reasons", "code")
    )
    criteria = tuple(
        Criterion(
            id=code,
            title=r.text(entry, f"criteria '{code}'", "title"),
            question=r.text(entry, f"criteria '{code}'", "question"),
            guidance=r.text(entry, f"criteria '{code}'", "guidance", default=""),
            applies_to=r.applies_to(entry, f"criteria '{code}'", known_types),
        )
        for code, entry in r.codes(r.array("criteria"), "criteria", "id")
    )
    event_types = tuple(
        EventType(code, r.text(entry, f"event_types '{code}'", "label"))
        for code, entry in r.codes(r.array("event_types"), "event_types", "code")
    )
    measures = tuple(
        _measure(r, code, entry, known_types, {e.code for e in event_types})
        for code, entry in r.codes(r.array("measures", required=False), "measures", "id")
    )
    return Framework(
        id=r.text(meta, "[framework]", "id"),
        name=r.text(meta, "[framework]", "name"),
        version=str(meta.get("version", "1")),
        source=r.text(meta, "[framework]", "source", default=""),
        grades=grades,
        not_applicable=not_applicable,
        case_types=case_types,
        referral_reasons=reasons,
        criteria=criteria,
        event_types=event_types,
        measures=measures,
        overall_suggestion=suggestion,
        toml_text=text,
        risk_words=_risk_words(r, data.get("evidence", {})),
    )


def _risk_words(r: _Reader, evidence: Any) -> tuple[str, ...]:
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


def _measure(
    r: _Reader, code: str, entry: dict[str, Any], known_types: list[str], events: set[str]
) -> Measure:
    where = f"measures '{code}'"
    ends = {}
    for key in ("from", "to"):
        event = r.text(entry, where, key)
        if event not in events:
            raise r.fail(where, key, f"unknown event type {event!r} (see [[event_types]])")
        ends[key] = event
    target = entry.get("target_hours")
    if isinstance(target, bool) or not isinstance(target, int | float) or target <= 0:
        raise r.fail(where, "target_hours", f"must be a positive number of hours, not {target!r}")
    return Measure(
        id=code,
        label=r.text(entry, where, "label"),
        from_event=ends["from"],
        to_event=ends["to"],
        target_hours=float(target),
        applies_to=r.applies_to(entry, where, known_types),
        since=r.text(entry, where, "since", default=""),
    )


def load_framework(path: str | Path) -> Framework:
    """Load a framework file, refusing a malformed one with a message naming what is wrong."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FrameworkError(f"{path}: cannot read the framework file ({exc})") from exc
    return parse_framework(text, str(path))


def bundled_framework() -> Framework:
    """The framework shipped with the workstation (the 2018 child-protection inspection)."""
    text = resources.files("resources.frameworks").joinpath(BUNDLED_FRAMEWORK).read_text("utf-8")
    return parse_framework(text, BUNDLED_FRAMEWORK)
