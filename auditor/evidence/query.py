"""What a user types into search, as an FTS5 expression: words, prefixes and quoted phrases.

The user's text is never handed to FTS5 as it is (a hyphen or a colon is FTS5 syntax): each
bare word becomes a quoted string of its letters and digits (``child-protection`` is the
phrase "child protection"), a word ending in ``*`` a prefix, and a "quoted phrase" a phrase.
Every term must match (AND); typographic quotes (“…”, „…“, «…») count as quotes. Written by
hand because no library turns search-box text into FTS5's grammar.
"""

from __future__ import annotations

import re

from auditor.errors import Refused

_TOKEN = re.compile(r"\w+")
#: Typographic double quotes (pasted from a word processor) are quotes too.
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"'})


class SearchError(Refused):
    """A search the index cannot answer, in words (an unbalanced quote, nothing to find)."""


def fts_query(text: str) -> str:
    """The FTS5 expression for ``text``; SearchError when there is nothing to search for or a
    quote is left open."""
    text = text.translate(_QUOTES)
    if text.count('"') % 2:
        opened = text.rfind('"') + 1
        raise SearchError(
            f"the quote opened at character {opened} is not closed; "
            'close it (e.g. "not seen") or remove it'
        )
    terms: list[str] = []
    for index, part in enumerate(text.split('"')):
        if index % 2:  # inside quotes: one phrase
            words = _TOKEN.findall(part)
            if words:
                terms.append(_quoted(words))
            continue
        for word in part.split():
            prefix = word.endswith("*")
            words = _TOKEN.findall(word)
            if words:
                terms.append(_quoted(words) + ("*" if prefix else ""))
    if not terms:
        raise SearchError(
            'give a word to search for (words, a prefix like neglect*, or a "phrase")'
        )
    return " AND ".join(terms)


def _quoted(words: list[str]) -> str:
    return '"' + " ".join(words) + '"'


def marked_words(text: str) -> list[str]:
    """The words of a search, for marking them in a document (prefix stars dropped)."""
    return [w for w in _TOKEN.findall(text.replace("*", " ")) if w]


def search_terms(text: str) -> list[tuple[tuple[str, ...], bool]]:
    """What a search matches, for marking it in a snippet: each term's words (a phrase's, or
    a hyphenated word's, together) and whether its last word is a prefix (``neglect*``)."""
    found: list[tuple[tuple[str, ...], bool]] = []
    for index, part in enumerate(text.translate(_QUOTES).split('"')):
        if index % 2:
            words = tuple(_TOKEN.findall(part))
            if words:
                found.append((words, False))
            continue
        for word in part.split():
            words = tuple(_TOKEN.findall(word))
            if words:
                found.append((words, word.endswith("*")))
    return found
