"""Snippets of a search hit: the text around the first matched word, the words marked.

Made here from the row's text rather than by FTS5's ``snippet()``: FTS5 can only make a
snippet inside the query that matched, and would then make one for every match it ranks (or,
asked for a few rows by id, run the whole query again for each). The words are found as the
index's tokenizer finds them (whole words, any case; a prefix as the start of a word); a word
the index matched by dropping a diacritic may go unmarked, and the row then has FTS5's own
snippet (``db.evidence.fts_snippet``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

#: Characters kept before and after the first matched word.
BEFORE, AFTER = 60, 110
ELLIPSIS = "…"


@lru_cache(maxsize=32)
def term_pattern(terms: tuple[tuple[tuple[str, ...], bool], ...]) -> re.Pattern[str] | None:
    """One pattern for the search's terms (``(words, last_is_prefix)``): a phrase's words
    together, whatever separates them, as the index's tokens are; the longest first."""
    parts = sorted(
        {
            r"\W+".join(re.escape(word) for word in words) + (r"\w*" if prefix else "")
            for words, prefix in terms
            if words
        },
        key=len,
        reverse=True,
    )
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def make_snippet(
    body: str, terms: Sequence[tuple[tuple[str, ...], bool]], marks: tuple[str, str]
) -> str | None:
    """The text around the first matched word, every matched word in it between ``marks``,
    cut at word boundaries with an ellipsis; None when no word is found in ``body``."""
    pattern = term_pattern(tuple(terms))
    first = pattern.search(body) if pattern is not None else None
    if pattern is None or first is None:
        return None
    start = max(0, first.start() - BEFORE)
    end = min(len(body), first.end() + AFTER)
    if start > 0:  # begin at a word
        space = body.find(" ", start, first.start())
        start = space + 1 if space != -1 else start
    if end < len(body):
        space = body.rfind(" ", first.end(), end)
        end = space if space != -1 else end
    text = pattern.sub(lambda m: f"{marks[0]}{m.group()}{marks[1]}", body[start:end])
    return (ELLIPSIS if start > 0 else "") + text + (ELLIPSIS if end < len(body) else "")
