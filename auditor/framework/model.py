"""What a criteria framework defines: scales, case types, attributes, domains, criteria, events,
measures and the words the workstation uses for the inspected body (see
``docs/framework-format.md``)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any

ALL_TYPES = "*"
#: How a suggested grade is drawn from the grades under it (a case's criteria, a domain's).
SUGGESTION_RULES = ("worst", "median", "share")
#: How criteria feed the overall suggestion: directly, or through their domains' ratings.
OVERALL_FROM = ("criteria", "domains")
#: What a criterion's ticked sub-prompts do: shown and stored only, or suggesting its answer.
PROMPT_FEEDS = ("checklist", "all", "any")
ATTRIBUTE_TYPES = ("number", "text")
CONDITION_OPS = ("<=", ">=", "==", "!=", "<", ">")
#: Units a timeliness target can be stated in.
TARGET_UNITS = ("hours", "days", "working_days")
FORMATS = (1, 2)

_EMPTY: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True)
class Grade:
    """One point of a scale (rank 0 is best), with the key that gives it."""

    code: str
    label: str
    rank: int
    aliases: tuple[str, ...] = ()
    key: str = ""


@dataclass(frozen=True)
class Words:
    """The framework's words for what the workstation names (defaults: the police wording)."""

    inspected_body: str = "the force"
    referral: str = "Referral back to the force"
    referral_short: str = "Referral"
    external_grade: str = "Force grade"
    area_1: str = "Borough"
    area_2: str = "BCU"
    case_files: str = "child-protection case files"


@dataclass(frozen=True)
class ShareRule:
    """A rating from the share of answers counted as yes: the first band reached, highest first."""

    answers: frozenset[str]
    #: (at least this percentage, grade code), highest first; the last is usually 0.
    bands: tuple[tuple[float, str], ...]

    def grade_for(self, percent: float) -> str | None:
        for at_least, code in self.bands:
            if percent >= at_least:
                return code
        return None


@dataclass(frozen=True)
class CaseType:
    """A kind of case file, with the report's label."""

    code: str
    label: str


@dataclass(frozen=True)
class ReferralReason:
    """A reason category for referring a case back to the inspected body."""

    code: str
    label: str


@dataclass(frozen=True)
class Attribute:
    """A fact about a case the framework declares (stored per case, imported as a column)."""

    id: str
    label: str
    type: str = "number"


@dataclass(frozen=True)
class Condition:
    """``<attribute> <op> <value>``: when a criterion applies, by a case attribute."""

    attribute: str
    op: str
    value: float | str

    def holds(self, attributes: Mapping[str, Any] | None) -> bool:
        """Whether a case's attributes meet it; a blank or missing attribute never does."""
        raw = (attributes or _EMPTY).get(self.attribute)
        if raw is None or raw == "":
            return False
        if isinstance(self.value, str):
            left: Any = str(raw)
        else:
            try:
                left = float(raw)
            except (TypeError, ValueError):
                return False
        right: Any = self.value
        match self.op:
            case "<":
                return left < right
            case "<=":
                return left <= right
            case ">":
                return left > right
            case ">=":
                return left >= right
            case "==":
                return left == right
            case _:
                return left != right

    def __str__(self) -> str:
        value = repr(self.value) if isinstance(self.value, str) else f"{self.value:g}"
        return f"{self.attribute} {self.op} {value}"


@dataclass(frozen=True)
class Domain:
    """A group of criteria, shown as a section and rated by its own suggestion rule."""

    id: str
    title: str
    suggestion: str = "worst"


@dataclass(frozen=True)
class Criterion:
    """A question the inspector grades, for the case types (and attributes) it applies to."""

    id: str
    title: str
    question: str
    guidance: str
    applies_to: frozenset[str]
    domain: str = ""
    #: Every condition must hold too (``applies_when``).
    conditions: tuple[Condition, ...] = ()
    #: Sub-prompts, each ticked yes or no by the inspector.
    prompts: tuple[str, ...] = ()
    prompts_feed: str = "checklist"
    #: Per case type code: {"question": ..., "guidance": ...} replacing the general wording.
    wording: Mapping[str, Mapping[str, str]] = field(default_factory=dict, compare=False)

    def applies(self, case_type: str, attributes: Mapping[str, Any] | None = None) -> bool:
        if case_type not in self.applies_to:
            return False
        return all(c.holds(attributes) for c in self.conditions)

    def question_for(self, case_type: str) -> str:
        return self.wording.get(case_type, _EMPTY).get("question", self.question)

    def guidance_for(self, case_type: str) -> str:
        return self.wording.get(case_type, _EMPTY).get("guidance", self.guidance)


@dataclass(frozen=True)
class EventType:
    """A kind of chronology event."""

    code: str
    label: str


@dataclass(frozen=True)
class Measure:
    """A timeliness measure: from one event to another, with a target in the framework's unit."""

    id: str
    label: str
    from_event: str
    to_event: str
    target_hours: float
    applies_to: frozenset[str]
    since: str = ""
    #: The target as the framework states it (``target_hours`` is it in hours where that is
    #: exact: hours and calendar days; for working days it is the calendar minimum, value x 24).
    target_value: float = 0.0
    target_unit: str = "hours"

    def applies(self, case_type: str) -> bool:
        return case_type in self.applies_to

    @property
    def target_text(self) -> str:
        """The target in the framework's unit: "24 hours", "15 working days", "1 day"."""
        value = self.target_value or self.target_hours
        number = f"{value:g}"
        unit = {"hours": "hour", "days": "day", "working_days": "working day"}[self.target_unit]
        return f"{number} {unit}" + ("" if value == 1 else "s")


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
    format: int = 1
    words: Words = Words()
    #: The criteria's answer scale; empty means the grades (format 1, and most frameworks).
    answer_scale: tuple[Grade, ...] = ()
    share: ShareRule | None = None
    overall_from: str = "criteria"
    domains: tuple[Domain, ...] = ()
    attributes: tuple[Attribute, ...] = ()
    bank_holidays: frozenset[str] = frozenset()

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.toml_text.encode("utf-8")).hexdigest()

    # --- scales ----------------------------------------------------------------------------

    @property
    def answers(self) -> tuple[Grade, ...]:
        """What a criterion is graded on (the grades unless the framework gives ``[[answers]]``)."""
        return self.answer_scale or self.grades

    @property
    def separate_answers(self) -> bool:
        """Whether criteria are answered on a scale of their own (e.g. Yes / No)."""
        return bool(self.answer_scale)

    def grade(self, code: str | None) -> Grade | None:
        """The grade, answer or Not applicable with this code."""
        if code is None:
            return None
        return self._by_code.get(code)

    def answer(self, code: str | None) -> Grade | None:
        """The criterion answer (or Not applicable) with this code."""
        found = self.grade(code)
        return found if found in (*self.answers, self.not_applicable) else None

    def grade_label(self, code: str | None) -> str:
        grade = self.grade(code)
        return grade.label if grade else ""

    def parse_grade(self, text: str, *, allow_not_applicable: bool = True) -> Grade | None:
        """The rating a piece of text names (label, code or alias, any case), or None.

        Where criteria share the rating scale (format 1) this also reads criterion grades and,
        unless refused, Not applicable."""
        found = self._names(self.grades, with_na=not self.separate_answers).get(_fold(text))
        if found is self.not_applicable and not allow_not_applicable:
            return None
        return found

    def parse_answer(self, text: str, *, allow_not_applicable: bool = True) -> Grade | None:
        """The criterion answer a piece of text names (label, code or alias, any case)."""
        found = self._names(self.answers, with_na=True).get(_fold(text))
        if found is self.not_applicable and not allow_not_applicable:
            return None
        return found

    def grade_for_key(self, key: str, *, answers: bool = True) -> Grade | None:
        """The answer (or, ``answers=False``, the rating) a key gives; N/A on its key too."""
        scale = self.answers if answers else self.grades
        for grade in (*scale, *((self.not_applicable,) if answers else ())):
            if grade.key == key:
                return grade
        return None

    @cached_property
    def _by_code(self) -> dict[str, Grade]:
        found: dict[str, Grade] = {}
        for grade in (*self.grades, *self.answer_scale, self.not_applicable):
            found.setdefault(grade.code, grade)
        return found

    def _names(self, scale: tuple[Grade, ...], *, with_na: bool) -> dict[str, Grade]:
        cache = self.__dict__.setdefault("_name_cache", {})
        key = (id(scale), with_na)
        if key not in cache:
            names: dict[str, Grade] = {}
            for grade in (*scale, *((self.not_applicable,) if with_na else ())):
                for name in (grade.code, grade.label, *grade.aliases):
                    names.setdefault(name.casefold(), grade)
            cache[key] = names
        return cache[key]

    # --- case types, criteria, domains -----------------------------------------------------

    def case_type(self, code: str) -> CaseType | None:
        return next((t for t in self.case_types if t.code == code), None)

    def case_type_label(self, code: str) -> str:
        found = self.case_type(code)
        return found.label if found else code

    def criteria_for(
        self, case_type: str, attributes: Mapping[str, Any] | None = None
    ) -> list[Criterion]:
        """The criteria that apply to a case (its type, and its attributes), in framework order."""
        return [c for c in self.criteria if c.applies(case_type, attributes)]

    def measures_for(self, case_type: str) -> list[Measure]:
        return [m for m in self.measures if m.applies(case_type)]

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)

    def domain(self, domain_id: str) -> Domain | None:
        return next((d for d in self.domains if d.id == domain_id), None)

    def criteria_in(
        self, domain_id: str, case_type: str, attributes: Mapping[str, Any] | None = None
    ) -> list[Criterion]:
        return [c for c in self.criteria_for(case_type, attributes) if c.domain == domain_id]

    def attribute(self, attribute_id: str) -> Attribute | None:
        return next((a for a in self.attributes if a.id == attribute_id), None)

    def conditions_text(self, criterion: Criterion) -> str:
        """When a criterion applies, by attribute, as a user reads it: the attributes' labels,
        as their columns are headed ("Weeks before contact suspended > 8")."""
        said = []
        for condition in criterion.conditions:
            found = self.attribute(condition.attribute)
            label = found.label if found else condition.attribute
            said.append(str(condition).replace(condition.attribute, label, 1))
        return " and ".join(said)

    # --- events, referral reasons ----------------------------------------------------------

    def event_label(self, code: str) -> str:
        found = next((e for e in self.event_types if e.code == code), None)
        return found.label if found else code

    def event_codes(self) -> set[str]:
        return {e.code for e in self.event_types}

    def referral_reason_label(self, code: str) -> str:
        found = next((r for r in self.referral_reasons if r.code == code), None)
        return found.label if found else code


def _fold(text: str) -> str:
    return " ".join(str(text).split()).casefold()
