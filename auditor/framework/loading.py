"""Loading a framework file: format 1 (the original) and format 2, into one model.

A file a user gives is read strictly (``checks``: unknown keys and sections, colliding names
refused); a framework stored in an inspection file (its snapshot) leniently, so that every file
that opened before still opens: what strictness would refuse there is logged and left out.
A format 1 file becomes the same model a format 2 file of the same content does.
"""

from __future__ import annotations

import logging
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from auditor.framework import sections
from auditor.framework.checks import conflicts, reserved_codes, unknown_keys
from auditor.framework.model import (
    FORMATS,
    OVERALL_FROM,
    PROMPT_FEEDS,
    Attribute,
    CaseType,
    Criterion,
    Domain,
    EventType,
    Framework,
    Measure,
    ReferralReason,
)
from auditor.framework.reader import FrameworkError
from auditor.framework.reader import Reader as _Reader

__all__ = [
    "BUNDLED_FRAMEWORK",
    "FrameworkError",
    "bundled_framework",
    "bundled_frameworks",
    "load_framework",
    "parse_framework",
]

BUNDLED_FRAMEWORK = "hmicfrs_2018_child_protection.toml"
_log = logging.getLogger(__name__)


def parse_framework(text: str, origin: str, *, strict: bool = False) -> Framework:
    """Parse and validate framework TOML; ``origin`` names the file in error messages.

    By default as for a snapshot stored in an inspection file (``Inspection.open``): unknown
    keys and sections (in format 1, format 2's too) are left out and colliding names allowed,
    each logged, so a file that opened before opens still. ``strict=True`` (a file a user
    gives: ``load_framework``, and the bundled ones) refuses them."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FrameworkError(f"{origin}: not valid TOML ({exc})") from exc
    except RecursionError:  # tables or arrays nested thousands deep: no framework is
        raise FrameworkError(f"{origin}: not a framework (nested too deeply to read)") from None
    r = _Reader(origin, data)
    r.table("framework")
    for unknown in unknown_keys(data, origin):
        if strict:
            raise FrameworkError(unknown.message)
        _log.warning("%s (left out: a stored framework loads as it did)", unknown.message)
        _drop(data, unknown.path)
    early = reserved_codes(data, origin)
    if strict and early:
        raise FrameworkError(early[0])
    framework = _build(r, data, text)
    for problem in [*early, *conflicts(framework, origin)]:
        if strict:
            raise FrameworkError(problem)
        _log.warning("%s (allowed: a stored framework loads as it did)", problem)
    return framework


def _drop(data: dict[str, Any], path: tuple[str | int, ...]) -> None:
    """Remove the key at ``path`` from the document (unless a table holding it is gone)."""
    table: Any = data
    for step in path[:-1]:
        try:
            table = table[step]
        except (KeyError, IndexError, TypeError):
            return
    if isinstance(table, dict):
        table.pop(path[-1], None)


def _build(r: _Reader, data: dict[str, Any], text: str) -> Framework:
    """The framework a (known-keys-only) document defines; its entries validated."""
    origin = r.origin
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
    share = sections.share(r, grading.get("share"), grades, answers or grades)

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
        sections.attribute(r, code, entry)
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
    if share is None:
        if suggestion == "share":
            raise r.fail("[grading]", "overall_suggestion", '"share" needs a [grading.share] table')
        for domain in domains:
            if domain.suggestion == "share":
                raise r.fail(
                    f"domains '{domain.id}'", "suggestion", '"share" needs a [grading.share] table'
                )
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
        risk_words=sections.risk_words(r, data.get("evidence", {})),
        format=form,
        words=sections.words(r, data.get("words", {})),
        answer_scale=answers,
        share=share,
        overall_from=overall_from,
        domains=domains,
        attributes=attributes,
        bank_holidays=sections.holidays(r, data.get("calendar", {})),
    )


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
    if not isinstance(domain, str):  # a list of domains, a number: one domain's id is text
        raise r.fail(where, "domain", "must be one domain's id, as text")
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
        conditions=sections.conditions(r, entry.get("applies_when", []), where, attributes),
        prompts=tuple(p.strip() for p in prompts),
        prompts_feed=feed,
        wording=words,
    )


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
    if ends["from"] == ends["to"]:
        raise r.fail(where, "to", f"is the same event as from ({ends['to']!r}): nothing to measure")
    value, unit = sections.target(r, entry, where)
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


def load_framework(path: str | Path) -> Framework:
    """Load a framework file a user gives, strictly: a malformed one, an unknown key or a
    colliding name is refused with a message naming the file, the entry and the key."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FrameworkError(f"{path}: cannot read the framework file ({exc})") from exc
    return parse_framework(text, str(path), strict=True)


def bundled_framework(name: str = BUNDLED_FRAMEWORK) -> Framework:
    """A framework shipped with the workstation; by default the 2018 child-protection one."""
    text = resources.files("resources.frameworks").joinpath(name).read_text("utf-8")
    return parse_framework(text, name, strict=True)


#: Short names of the bundled frameworks, as ``--framework`` and ``demo --framework`` take them.
BUNDLED_NAMES = {
    "child-protection": BUNDLED_FRAMEWORK,
    "probation": "hmip_probation_case_assessment.toml",
}


def bundled_name(text: str) -> str | None:
    """The bundled file a ``--framework`` value names (its short name or its file name), or
    None when it names none (then it is a path)."""
    folder = resources.files("resources.frameworks")
    name = BUNDLED_NAMES.get(text, text)
    if "/" in name or "\\" in name or not name.endswith(".toml"):
        return None
    return name if folder.joinpath(name).is_file() else None


def short_name(file_name: str) -> str:
    """A bundled framework's short name ("probation"), or its file name if it has none."""
    return next((k for k, v in BUNDLED_NAMES.items() if v == file_name), file_name)


def bundled_frameworks() -> list[tuple[str, Framework]]:
    """Every framework shipped with the workstation, as (file name, framework), the default
    first and the rest by file name."""
    folder = resources.files("resources.frameworks")
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".toml"))
    names.sort(key=lambda n: n != BUNDLED_FRAMEWORK)
    return [(n, bundled_framework(n)) for n in names]
