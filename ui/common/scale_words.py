"""The keys of a framework's scales in words ("1 Yes, 2 No, 0 Not applicable"), for the grading
panel, its hints and the keyboard help; the keys come from the framework (``Grade.key``)."""

from __future__ import annotations

from auditor.framework import Framework, Grade


def scale(framework: Framework, *, answers: bool = True) -> list[Grade]:
    """The criteria's answers and Not applicable (``answers``), or the overall ratings."""
    if answers:
        return [*framework.answers, framework.not_applicable]
    return list(framework.grades)


def keys_text(framework: Framework, *, answers: bool = True) -> str:
    """Each key and what it records, in the scale's order: "1 Yes, 2 No, 0 Not applicable"."""
    return ", ".join(f"{g.key} {g.label}" for g in scale(framework, answers=answers) if g.key)


def not_a_key(key: str, framework: Framework, *, answers: bool = True) -> str:
    """The hint for a key that records nothing on this scale."""
    what = "this scale" if answers else "the overall grade"
    return f"{key} is not a key on {what}: {keys_text(framework, answers=answers)}"
