"""Loading a framework file: format 1 (the original) and format 2, into one model."""

from __future__ import annotations

import datetime as dt
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from auditor.errors import Refused
from auditor.framework.model import (
    ALL_TYPES,
    ATTRIBUTE_TYPES,
    CONDITION_OPS,
    FORMATS,
    OVERALL_FROM,
    PROMPT_FEEDS,
    SUGGESTION_RULES,
    TARGET_UNITS,
    Attribute,
    CaseType,
    Condition,
    Criterion,
    Domain,
    EventType,
    Framework,
    Grade,
    Measure,
    ReferralReason,
    ShareRule,
    Words,
)

BUNDLED_FRAMEWORK = "hmicfrs_2018_child_protection.toml"


class FrameworkError(Refused):
    """A framework file that cannot be used, with the file, entry and key named."""


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

    def grade(self, entry: dict[str, Any], where: str, rank: int, key: str) -> Grade:
        aliases = entry.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise self.fail(where, "aliases", "must be a list of text")
        given = entry.get("key", key)
        if isinstance(given, int) and not isinstance(given, bool):
            given = str(given)
        if not isinstance(given, str) or len(given.strip()) != 1:
            raise self.fail(where, "key", f"must be one key (a digit or letter), not {given!r}")
        return Grade(
            code=self.text(entry, where, "code"),
            label=self.text(entry, where, "label"),
            rank=rank,
            aliases=tuple(aliases),
            key=given.strip(),
        )

    def scale(self, name: str, *, required: bool = True) -> tuple[Grade, ...]:
        """A scale's entries, best first, keyed "1".."n" unless they give their own keys."""
        entries = self.array(name, required=required)
        return tuple(
            self.grade(entry, f"{name} '{code}'", rank, str(rank + 1))
            for rank, (code, entry) in enumerate(self.codes(entries, name, "code"))
        )

    def rule(self, value: Any, where: str, key: str) -> str:
        if value not in SUGGESTION_RULES:
            raise self.fail(
                where, key, f"must be one of {', '.join(SUGGESTION_RULES)}, not {value!r}"
            )
        return value


def parse_framework(text: str, origin: str) -> Framework:
    """Parse and validate framework TOML; ``origin`` names the file in error messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FrameworkError(f"{origin}: not valid TOML ({exc})") from exc
    r = _Reader(origin, data)

    meta = r.table("framework")
    form = meta.get("format", 1)
    if form not in FORMATS or isinstance(form, bool):
        raise r.fail("[framework]", "format", f"must be 1 or 2, not {form!r}")
    grading = data.get("grading", {})
    if not isinstance(grading, dict):
        raise FrameworkError(f"{origin}: [grading] must be a table")
    suggestion = r.rule(
        grading.get("overall_suggestion", "worst"), "[grading]", "overall_suggestion"
    )
    overall_from = grading.get("overall_from", "criteria")
    if overall_from not in OVERALL_FROM:
        raise r.fail("[grading]", "overall_from", f"must be one of {', '.join(OVERALL_FROM)}")

    grades = r.scale("grades")
    answers = r.scale("answers", required=False)
    na = r.table("not_applicable")
    not_applicable = r.grade(na, "[not_applicable]", len(answers or grades), "0")
    if not_applicable.code in {g.code for g in (*grades, *answers)}:
        raise r.fail("[not_applicable]", "code", "duplicate of a grade code")
    share = _share(r, grading.get("share"), grades, answers or grades)

    case_types = tuple(
        CaseType(code, r.text(entry, f"case_types '{code}'", "label"))
        for code, entry in r.codes(r.array("case_types"), "case_types", "code")
    )
    known_types = [t.code for t in case_types]
    reasons = tuple(
        ReferralReason(code, r.text(entry, f"referral_reasons '{code}'", "label"))
        for code, entry in r.codes(r.array("referral_reasons"), "referral_reasons", "code")
    )
    attributes = tuple(
        _attribute(r, code, entry)
        for code, entry in r.codes(r.array("attributes", required=False), "attributes", "id")
    )
    domains = tuple(
        Domain(
            code,
            r.text(entry, f"domains '{code}'", "title"),
            r.rule(entry.get("suggestion", suggestion), f"domains '{code}'", "suggestion"),
        )
        for code, entry in r.codes(r.array("domains", required=False), "domains", "id")
    )
    if overall_from == "domains" and not domains:
        raise r.fail("[grading]", "overall_from", '"domains" needs [[domains]] entries')
    if overall_from == "domains" and suggestion == "share":
        raise r.fail(
            "[grading]",
            "overall_suggestion",
            'from domains\' ratings the rule is "worst" or "median" ("share" counts answers)',
        )
    if "share" in {suggestion, *(d.suggestion for d in domains)} and share is None:
        raise FrameworkError(f'{origin}: a "share" suggestion needs a [grading.share] table')
    criteria = tuple(
        _criterion(r, code, entry, known_types, attributes, domains)
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
        format=form,
        words=_words(r, data.get("words", {})),
        answer_scale=answers,
        share=share,
        overall_from=overall_from,
        domains=domains,
        attributes=attributes,
        bank_holidays=_holidays(r, data.get("calendar", {})),
    )


def _words(r: _Reader, table: Any) -> Words:
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


def _share(
    r: _Reader, table: Any, grades: tuple[Grade, ...], answers: tuple[Grade, ...]
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
        if code not in codes:
            raise r.fail(where, "answers", f"unknown answer {code!r} (one of: {', '.join(codes)})")
    bands = table.get("bands")
    if not isinstance(bands, list) or not bands:
        raise r.fail(where, "bands", 'must list bands such as { at_least = 80, grade = "good" }')
    grade_codes = {g.code for g in grades}
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
            raise r.fail(at, "grade", f"unknown grade {grade!r} (one of: {', '.join(grade_codes)})")
        if out and least >= out[-1][0]:
            raise r.fail(at, "at_least", "bands must be listed highest first, each lower")
        out.append((float(least), grade))
    if out[-1][0] != 0:
        raise r.fail(f"{where} band {len(out)}", "at_least", "the last band must start at 0")
    return ShareRule(frozenset(counted), tuple(out))


def _attribute(r: _Reader, code: str, entry: dict[str, Any]) -> Attribute:
    where = f"attributes '{code}'"
    kind = entry.get("type", "number")
    if kind not in ATTRIBUTE_TYPES:
        raise r.fail(where, "type", f"must be one of {', '.join(ATTRIBUTE_TYPES)}, not {kind!r}")
    return Attribute(code, r.text(entry, where, "label"), kind)


def _criterion(
    r: _Reader,
    code: str,
    entry: dict[str, Any],
    known_types: list[str],
    attributes: tuple[Attribute, ...],
    domains: tuple[Domain, ...],
) -> Criterion:
    where = f"criteria '{code}'"
    domain = entry.get("domain", "")
    if domains and domain not in {d.id for d in domains}:
        raise r.fail(
            where,
            "domain",
            f"must name one of the [[domains]] ({', '.join(d.id for d in domains)})",
        )
    if not domains and domain:
        raise r.fail(where, "domain", "names a domain, but the file has no [[domains]]")
    prompts = entry.get("prompts", [])
    if not isinstance(prompts, list) or not all(isinstance(p, str) and p.strip() for p in prompts):
        raise r.fail(where, "prompts", "must be a list of non-empty text")
    feed = entry.get("prompts_feed", "checklist")
    if feed not in PROMPT_FEEDS:
        raise r.fail(where, "prompts_feed", f"must be one of {', '.join(PROMPT_FEEDS)}")
    wording = entry.get("wording", {})
    if not isinstance(wording, dict):
        raise r.fail(where, "wording", "must be a table of case type codes")
    words: dict[str, dict[str, str]] = {}
    for case_type, texts in wording.items():
        if case_type not in known_types:
            raise r.fail(where, f"wording.{case_type}", "is not a case type code")
        if not isinstance(texts, dict) or not texts:
            raise r.fail(where, f"wording.{case_type}", "must give a question or guidance")
        words[case_type] = {
            key: r.text(texts, f"{where} wording.{case_type}", key) for key in texts
        }
    return Criterion(
        id=code,
        title=r.text(entry, where, "title"),
        question=r.text(entry, where, "question"),
        guidance=r.text(entry, where, "guidance", default=""),
        applies_to=r.applies_to(entry, where, known_types),
        domain=domain,
        conditions=_conditions(r, entry.get("applies_when", []), where, attributes),
        prompts=tuple(p.strip() for p in prompts),
        prompts_feed=feed,
        wording=words,
    )


def _conditions(
    r: _Reader, value: Any, where: str, attributes: tuple[Attribute, ...]
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


def _holidays(r: _Reader, table: Any) -> frozenset[str]:
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
    value, unit = _target(r, entry, where)
    return Measure(
        id=code,
        label=r.text(entry, where, "label"),
        from_event=ends["from"],
        to_event=ends["to"],
        target_hours=value * 24 if unit != "hours" else value,
        applies_to=r.applies_to(entry, where, known_types),
        since=r.text(entry, where, "since", default=""),
        target_value=value,
        target_unit=unit,
    )


def _target(r: _Reader, entry: dict[str, Any], where: str) -> tuple[float, str]:
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


def load_framework(path: str | Path) -> Framework:
    """Load a framework file, refusing a malformed one with a message naming what is wrong."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FrameworkError(f"{path}: cannot read the framework file ({exc})") from exc
    return parse_framework(text, str(path))


def bundled_framework(name: str = BUNDLED_FRAMEWORK) -> Framework:
    """A framework shipped with the workstation; by default the 2018 child-protection one."""
    text = resources.files("resources.frameworks").joinpath(name).read_text("utf-8")
    return parse_framework(text, name)


def bundled_frameworks() -> list[tuple[str, Framework]]:
    """Every framework shipped with the workstation, as (file name, framework), the default
    first and the rest by file name."""
    folder = resources.files("resources.frameworks")
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".toml"))
    names.sort(key=lambda n: n != BUNDLED_FRAMEWORK)
    return [(n, bundled_framework(n)) for n in names]
