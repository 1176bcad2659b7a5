"""Small invented inspections for the analysis and comparison tests, built through the grading
API from the test's own data, and the figures expected of them counted here by hand.

A case is a ``Spec``: its case type code, overall grade (None: not yet graded), whether it is
referred back, its borough, and how many hours its Merlin submission took after first contact
(None: no chronology). Each graded case grades 'voice_of_child' as its overall grade and
'supervision' Good, so table 3's figures are known too.
"""

from __future__ import annotations

import statistics
import tomllib
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from auditor.framework import Framework, parse_framework
from auditor.inspection import Inspection
from tests.support.reports import Ticker

GOOD, RI, INADEQUATE = "good", "requires_improvement", "inadequate"
BUNDLED = Path(__file__).parents[3] / "resources/frameworks/hmicfrs_2018_child_protection.toml"
# The bundled framework's case types and labels, typed by hand from the report (Figure 1).
LABELS = {
    "DA_REFERRAL": "Referrals relating to domestic abuse",
    "OTHER_REFERRAL": "Referrals other than domestic abuse",
    "S47": "Enquiries under section 47 of the Children Act 1989",
    "S46": "Children taken to a place of safety by police officers",
    "RSO": "Sex offender management",
    "CSE": "Children at risk of child sexual exploitation non-internet",
    "ONLINE_CSE": "Children at risk of child sexual exploitation online",
    "MISSING": "Children missing",
    "CUSTODY": "Children in police custody",
}
#: The other framework's label for MISSING (so 'Children missing' is a type it lacks).
RENAMED = "Missing and absent children"
FIRST_CONTACT = datetime(2018, 3, 1, 9, 0)


@dataclass(frozen=True)
class Spec:
    """One invented case."""

    case_type: str
    grade: str | None
    referred: bool = False
    borough: str = "Ashvale"
    merlin_hours: float | None = None


def spec_list(case_type: str, grades: list[str | None], referred: int = 0, **kw) -> list[Spec]:
    """Cases of one type with these grades; the first ``referred`` graded ones referred back."""
    out = []
    left = referred
    for grade in grades:
        refer = grade is not None and left > 0
        left -= refer
        out.append(Spec(case_type, grade, refer, **kw))
    return out


def other_framework_toml() -> str:
    """The bundled framework with MISSING relabelled and another id and name."""
    text = BUNDLED.read_text(encoding="utf-8")
    text = text.replace('label = "Children missing"', f'label = "{RENAMED}"')
    text = text.replace(
        'id = "hmicfrs-2018-mps-child-protection"', 'id = "invented-2016-child-protection"'
    )
    assert RENAMED in text and "invented-2016" in text
    return text


def other_framework() -> Framework:
    return parse_framework(other_framework_toml(), "test framework (invented)")


def build(
    path: Path,
    name: str,
    specs: list[Spec],
    *,
    framework: Framework | None = None,
    passphrase: str | None = None,
) -> Path:
    """Write an inspection file of these cases at ``path``."""
    insp = Inspection.create(
        path, name=name, framework=framework, clock=Ticker(), passphrase=passphrase
    )
    with insp:
        actor = insp.assessor("Invented Inspector", "inspector")
        cases = insp.add_cases(
            None,
            [
                {"reference": f"R-{n:04d}", "case_type": s.case_type, "borough": s.borough}
                for n, s in enumerate(specs, start=1)
            ],
        )
        events = []
        for case, spec in zip(cases, specs, strict=True):
            if spec.merlin_hours is not None:
                end = FIRST_CONTACT + timedelta(hours=spec.merlin_hours)
                events.append(
                    (case.id, FIRST_CONTACT.isoformat(timespec="minutes"), "first_contact", "")
                )
                events.append((case.id, end.isoformat(timespec="minutes"), "merlin_submitted", ""))
            if spec.grade is None:
                continue
            insp.grading.set_grade(case.id, actor, "voice_of_child", spec.grade)
            insp.grading.set_grade(case.id, actor, "supervision", GOOD)
            insp.grading.set_overall(case.id, actor, spec.grade)
            if spec.referred:
                insp.grading.set_referral(case.id, actor, "child_at_risk", "Invented reason.")
        if events:
            insp.add_chronology(None, events)
    return path


# --- the figures expected, counted by hand ----------------------------------------------------


def pct(part: int, whole: int) -> float | None:
    return None if whole == 0 else part / whole


@dataclass(frozen=True)
class Expected:
    """One inspection's figures for a row: cases, Good, RI, Inadequate and referred shares."""

    cases: int
    good: float | None
    ri: float | None
    inadequate: float | None
    referred: float | None

    def cells(self) -> list:
        return [self.cases, self.good, self.ri, self.inadequate, self.referred]


def expected(specs: list[Spec], codes: set[str] | None = None) -> Expected:
    """The figures of the graded cases among ``specs`` (of the types ``codes``, all if None)."""
    graded = [s for s in specs if s.grade is not None and (codes is None or s.case_type in codes)]
    n = len(graded)

    def count(grade: str) -> int:
        return sum(1 for s in graded if s.grade == grade)

    return Expected(
        n,
        pct(count(GOOD), n),
        pct(count(RI), n),
        pct(count(INADEQUATE), n),
        pct(sum(1 for s in graded if s.referred), n),
    )


def merlin_median(specs: list[Spec]) -> float | None:
    hours = [s.merlin_hours for s in specs if s.merlin_hours is not None]
    return statistics.median(hours) if hours else None


def bundled_case_type_codes() -> list[str]:
    """The bundled framework's case type codes in file order (read with tomllib, not ours)."""
    data = tomllib.loads(BUNDLED.read_text(encoding="utf-8"))
    return [t["code"] for t in data["case_types"]]
