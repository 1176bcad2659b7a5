"""The framework's words in the window: the inspected body ("the force", "the probation
region"), the area columns, and the core's fixed police labels ("Sent to force") said in them."""

from __future__ import annotations

import re
from functools import cache

from auditor.framework import Words

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
