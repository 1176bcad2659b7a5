"""Risk words: the framework's words and phrases of concern, found in a document's text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache


@lru_cache(maxsize=8)
def pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern matching any of ``words`` whole (any case, any spacing within a phrase)."""
    if not words:
        return None
    parts = sorted(
        (r"\s+".join(re.escape(piece) for piece in word.split()) for word in words),
        key=len,
        reverse=True,  # the longest first: "domestic abuse" before "abuse"
    )
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def spans(words: Sequence[str], text: str) -> list[tuple[int, int, str]]:
    """Where the words occur in ``text``: (start, end, the framework's word), in order."""
    found = pattern(tuple(words))
    if found is None:
        return []
    by_key = {" ".join(w.split()).casefold(): w for w in words}
    return [
        (m.start(), m.end(), by_key.get(" ".join(m.group().split()).casefold(), m.group()))
        for m in found.finditer(text)
    ]


def counts(words: Sequence[str], texts: Iterable[str]) -> dict[str, int]:
    """How many times each word occurs in the texts (words not found are left out)."""
    totals: dict[str, int] = {}
    for text in texts:
        for _start, _end, word in spans(words, text):
            totals[word] = totals.get(word, 0) + 1
    return totals
