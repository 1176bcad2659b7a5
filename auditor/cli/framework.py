"""The ``framework`` command: ``check FILE`` validates a framework TOML file and prints what it
defines; ``list`` shows the frameworks shipped with the workstation (see auditor.cli.entry).

A bad file is refused in one line naming the file, the entry and the key (exit 2).
"""

from __future__ import annotations

import argparse
from importlib import resources

from auditor.cli.common import EXIT_OK, EXIT_USAGE, add_command, chosen_framework, given_path
from auditor.framework import (
    BUNDLED_FRAMEWORK,
    Framework,
    Grade,
    bundled_frameworks,
    short_name,
)

COMMANDS = ("framework",)


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """Add ``framework check`` and ``framework list`` to the command line."""
    framework = add_command(
        commands,
        "framework",
        "check a framework file, or list the bundled frameworks",
        {EXIT_OK: "done", EXIT_USAGE: "the file is refused: one line naming its entry and key"},
    )
    actions = framework.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = add_command(
        actions,
        "check",
        "validate a framework TOML file and print what it defines",
        {
            EXIT_OK: "the file is valid (what it defines is printed)",
            EXIT_USAGE: "the file is refused: one line naming the file, the entry and the key",
        },
    )
    check.add_argument(
        "file",
        type=given_path,
        metavar="FILE",
        help="the framework TOML file, or a bundled one's name",
    )
    add_command(
        actions,
        "list",
        "list the frameworks shipped with the workstation (the default first)",
        {EXIT_OK: "listed"},
    )


def run(args: argparse.Namespace) -> int:
    """Run ``framework check`` or ``framework list``."""
    if args.action == "check":
        framework = chosen_framework(args.file)
        print(f"{args.file}: a valid framework (format {framework.format})")
        for line in describe(framework):
            print(line)
        return EXIT_OK
    folder = resources.files("resources.frameworks")
    for name, framework in bundled_frameworks():
        default = " (the default)" if name == BUNDLED_FRAMEWORK else ""
        print(f"{short_name(name)}{default}")
        print(f"  {framework.name}")
        print(f"  file {folder.joinpath(name)}")
        print(
            f"  id {framework.id}, version {framework.version}, format {framework.format}: "
            f"{_count(len(framework.criteria), 'criterion', 'criteria')}, "
            f"{_count(len(framework.case_types), 'case type')}"
        )
    return EXIT_OK


def describe(framework: Framework) -> list[str]:
    """What a framework defines, a few lines per part, in the order of the file."""
    words = framework.words
    areas = " / ".join(a for a in (words.area_1, words.area_2) if a)
    lines = [
        f"Name: {framework.name}",
        f"Id: {framework.id}, version {framework.version}",
    ]
    if framework.source:
        lines.append(f"Source: {framework.source}")
    lines += [
        f"Audits: {words.case_files}, of {words.inspected_body}",
        f"Words: {words.referral!r} ({words.referral_short!r}), areas {areas or 'none'}, "
        f"external grade {words.external_grade!r}",
        f"Grades (best first): {_scale(framework.grades)}",
    ]
    na = framework.not_applicable
    if framework.separate_answers:
        lines.append(f"Answers: {_scale(framework.answers)}; {_point(na)}")
    else:
        lines.append(f"Not applicable: {_point(na)}")
    lines.append(f"Overall suggestion: {_rule(framework, framework.overall_suggestion)}")
    if framework.overall_from == "domains":
        lines[-1] += ", from the domains' ratings"
    lines.append(f"Case types ({len(framework.case_types)}):")
    lines += [f"  {t.code}: {t.label}" for t in framework.case_types]
    if framework.attributes:
        lines.append(f"Attributes ({len(framework.attributes)}):")
        lines += [f"  {a.id}: {a.label!r} ({a.type})" for a in framework.attributes]
    if framework.domains:
        lines.append(f"Domains ({len(framework.domains)}):")
        for domain in framework.domains:
            count = sum(1 for c in framework.criteria if c.domain == domain.id)
            lines.append(
                f"  {domain.id}: {domain.title}: {_count(count, 'criterion', 'criteria')} "
                f"(rated by {domain.suggestion})"
            )
    lines.append(f"Criteria: {len(framework.criteria)}")
    conditional = [c for c in framework.criteria if c.conditions]
    if conditional:
        lines.append(f"  {len(conditional)} apply only when a case attribute says so")
    prompted = [c for c in framework.criteria if c.prompts]
    if prompted:
        prompts = sum(len(c.prompts) for c in prompted)
        lines.append(f"  {len(prompted)} with sub-prompts ({prompts} in all)")
    lines.append(f"Event types: {len(framework.event_types)}")
    lines.append(f"Measures ({len(framework.measures)}):")
    lines += [f"  {m.id}: {m.label}: target {m.target_text}" for m in framework.measures] or [
        "  none"
    ]
    if framework.bank_holidays:
        days = sorted(framework.bank_holidays)
        lines.append(f"Bank holidays: {len(days)} ({days[0]} to {days[-1]})")
    if framework.risk_words:
        lines.append(f"Risk words: {len(framework.risk_words)}")
    return lines


def _point(grade: Grade) -> str:
    return f"{grade.key} {grade.label}" if grade.key else f"{grade.label} (no key)"


def _scale(scale: tuple[Grade, ...]) -> str:
    return ", ".join(_point(g) for g in scale)


def _rule(framework: Framework, rule: str) -> str:
    if rule != "share" or framework.share is None:
        return {"worst": "the worst grade", "median": "the median grade"}.get(rule, rule)
    counted = ", ".join(framework.grade_label(code) for code in sorted(framework.share.answers))
    bands = ", ".join(
        f"{framework.grade_label(code)} from {at_least:g}%"
        for at_least, code in framework.share.bands
    )
    return f"the share of {counted} answers ({bands})"


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else (many or one + 's')}"
