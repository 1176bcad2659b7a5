"""The framework's words in the window: the inspected body ("the force", "the probation
region"), the area columns, and the core's fixed police labels ("Sent to force") said in them."""

from __future__ import annotations

import re
from functools import cache

from auditor.framework import Framework, Words

POLICE = Words()
_FORCE = re.compile(r"\b(?:[Tt]he )?[Ff]orce(?:'s)?\b")


def area_heading(words: Words) -> str:
    """The case's area columns as one heading: "Borough / BCU", "Region / PDU", "Region"."""
    return " / ".join(w for w in (words.area_1, words.area_2) if w)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


@cache
def in_words(text: str, words: Words) -> str:
    """A fixed label of the core in the framework's words ("Sent to force" → "Sent to the
    probation region", "Force responded" → "The probation region responded"); the police
    wording is left as it is."""
    if words == POLICE or not text:
        return text
    body = words.inspected_body

    def replace(match: re.Match[str]) -> str:
        found = match.group(0)
        said = body + ("'s" if found.endswith("'s") else "")
        return capitalised(said) if match.start() == 0 or found[:1].isupper() else said

    return _FORCE.sub(replace, text)


#: The police example's phrases in the user guide that are not simply "the force": each is
#: said in the framework's own words before ``in_words`` says the inspected body.
_GUIDE_REASONS = "child left at risk of harm; child protection procedures not followed; other"


def guide_in_words(text: str, framework: Framework) -> str:
    """A user guide page (written with the police example) in the framework's words: what is
    audited, the referral reasons, the external grade, the area columns, the inspected body.
    The police wording is left as it is."""
    words = framework.words
    if words == POLICE:
        return text
    areas = [w for w in (words.area_1, words.area_2) if w]
    reasons = "; ".join(r.label[:1].lower() + r.label[1:] for r in framework.referral_reasons)
    pairs = [
        (_GUIDE_REASONS, reasons),
        ("child-protection case files", words.case_files),
        ("child protection case files", words.case_files),
        ("Force grade", words.external_grade),
        ("force grades", f"{words.external_grade.lower()}s"),
        ("force grade", words.external_grade.lower()),
        ("Borough / BCU", " / ".join(areas)),
        ("Borough, BCU", ", ".join(areas)),
        ("borough, BCU", ", ".join(a.lower() for a in areas)),
        ("borough", (words.area_1 or "area").lower()),
        ("Borough", words.area_1 or "Area"),
        ("BCU", words.area_2 or words.area_1 or "area"),
    ]
    for police, own in pairs:
        text = text.replace(police, own)
    return in_words(text, words)
