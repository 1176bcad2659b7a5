"""What text may hold, in one place: identifiers, free text, cells of a workbook, messages.

Used wherever text enters or leaves the workstation (the import, the export, messages).

- **Identifiers** (case references, codes, names that group or match records): NFC-normalised,
  and refused when they hold a control character, a direction-changing (bidi) character or an
  invisible (zero-width or other format) character, since two references that look the same
  must be the same reference. :func:`identifier_problem` says which character and where;
  :func:`identity` is the key two references are compared by.
- **Free text** (summaries, notes, chronology detail): kept as given, except what a workbook
  cannot hold (control characters other than tab and line break, U+FFFE, U+FFFF, unpaired
  surrogates), each replaced by :data:`REPLACEMENT`, visibly; line breaks are written "\\n".
  :func:`free_text` returns the text and how many characters it replaced.
- **Cells** of an exported workbook: :func:`cell_parts` cleans a text with the free-text rule
  and splits it into pieces of at most :data:`EXCEL_CELL_LIMIT` characters as Excel counts them
  (UTF-16 code units), so that no text can make an export fail or be cut.
- **Messages** shown on a terminal or in a dialog: :func:`shown` writes every control and
  invisible character as an escape (``\\x1b``, ``\\u200b``), never raw.
"""

from __future__ import annotations

import re
import unicodedata

#: What replaces a character a workbook cannot hold (U+FFFD REPLACEMENT CHARACTER).
REPLACEMENT = "\ufffd"
#: Excel's limit on one cell's text, in UTF-16 code units.
EXCEL_CELL_LIMIT = 32_767

#: The direction-changing (bidi) characters: embeddings, overrides, isolates and marks.
BIDI = {
    "\u061c": "Arabic letter mark",
    "\u200e": "left-to-right mark",
    "\u200f": "right-to-left mark",
    "\u202a": "left-to-right embedding",
    "\u202b": "right-to-left embedding",
    "\u202c": "pop directional formatting",
    "\u202d": "left-to-right override",
    "\u202e": "right-to-left override",
    "\u2066": "left-to-right isolate",
    "\u2067": "right-to-left isolate",
    "\u2068": "first strong isolate",
    "\u2069": "pop directional isolate",
}
#: The zero-width characters.
ZERO_WIDTH = {
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u2060": "word joiner",
    "\ufeff": "zero-width no-break space",
}
CONTROL_NAMES = {
    "\x00": "NUL character",
    "\t": "tab",
    "\n": "line break",
    "\r": "carriage return",
    "\x1b": "escape character",
    "\x7f": "delete character",
}

# Characters an Excel cell (XML 1.0) cannot hold: C0 controls other than tab, line feed and
# carriage return, unpaired surrogates, U+FFFE and U+FFFF.
_NOT_IN_A_CELL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Text Excel would read as an escaped character (``_x0041_`` is "A"): its "_" is escaped.
_EXCEL_ESCAPE = re.compile("_(?=x[0-9A-Fa-f]{4}_)")


def _kind(char: str) -> str | None:
    """'control', 'invisible' or None (allowed in an identifier)."""
    if char in BIDI or char in ZERO_WIDTH:
        return "invisible"
    category = unicodedata.category(char)
    if category == "Cc":
        return "control"
    if category in ("Cf", "Cs", "Zl", "Zp") or char in "\ufffe\uffff":
        return "invisible"
    return None


def character_name(char: str) -> str:
    """What ``char`` is, for a message: 'zero-width space (U+200B)'."""
    code = f"U+{ord(char):04X}"
    name = CONTROL_NAMES.get(char) or BIDI.get(char) or ZERO_WIDTH.get(char)
    if name is None:
        if unicodedata.category(char) == "Cc":
            name = "control character"
        else:
            name = unicodedata.name(char, "invisible character").lower()
    return f"{name} ({code})"


def _article(words: str) -> str:
    return "an" if words[:1].lower() in "aeiou" else "a"


def identifier_problem(text: str, what: str = "references") -> str | None:
    """Why ``text`` cannot be an identifier (the first bad character, named), or None.

    ``what`` names the kind in the message: "references cannot hold invisible characters".
    """
    if text.isascii() and text.isprintable():  # most identifiers, checked at C speed
        return None
    for index, char in enumerate(text, start=1):
        kind = _kind(char)
        if kind is not None:
            name = character_name(char)
            return (
                f"{quoted(text)} holds {_article(name)} {name} at character {index}; "
                f"{what} cannot hold {kind} characters"
            )
    return None


def identifier(text: str) -> str:
    """An identifier as stored: NFC-normalised (check it with :func:`identifier_problem`)."""
    return unicodedata.normalize("NFC", text)


def identity(text: str) -> str:
    """The key two identifiers are the same by: NFC, without invisible and control
    characters, case folded (so an old reference holding a zero-width space matches)."""
    if text.isascii() and text.isprintable():
        return " ".join(text.split()).casefold()
    visible = "".join(c for c in unicodedata.normalize("NFC", text) if _kind(c) is None)
    return " ".join(visible.split()).casefold()


def free_text(text: str) -> tuple[str, int]:
    """``text`` as a workbook can hold it, and how many characters were replaced."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    cleaned, replaced = _NOT_IN_A_CELL.subn(REPLACEMENT, text)
    return cleaned, replaced


def _units(char: str) -> int:
    return 2 if ord(char) > 0xFFFF else 1


def cell_parts(text: str, limit: int = EXCEL_CELL_LIMIT) -> list[str]:
    """``text`` cleaned (:func:`free_text`) in pieces a cell can hold, in order.

    Pieces are at most ``limit`` UTF-16 code units (as Excel counts); a piece never ends
    between a character and the combining marks that follow it when that can be helped.
    Joined, the pieces are the cleaned text exactly. A short text is one piece.
    """
    cleaned, _ = free_text(text)
    if len(cleaned) <= limit // 2 or len(cleaned.encode("utf-16-le")) // 2 <= limit:
        return [cleaned]
    parts = []
    start = 0
    while start < len(cleaned):
        end, units = start, 0
        while end < len(cleaned) and units + _units(cleaned[end]) <= limit:
            units += _units(cleaned[end])
            end += 1
        if end == start:  # a limit below one character: never stop without progress
            end = start + 1
        elif end < len(cleaned):
            back = end
            while back > start + 1 and unicodedata.combining(cleaned[back]):
                back -= 1
            if back > start + limit // 2:
                end = back
        parts.append(cleaned[start:end])
        start = end
    return parts


def excel_escaped(text: str) -> str:
    """``text`` with Excel's own escape for a literal ``_xHHHH_`` (else Excel and most readers
    would show the character it names instead of the text)."""
    return _EXCEL_ESCAPE.sub("_x005F_", text) if "_x" in text else text


def shown(text: str) -> str:
    """``text`` safe to show in a message: control and invisible characters as escapes."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def quoted(text: str, limit: int = 60) -> str:
    """``text`` quoted for a message (as Python writes it: control and invisible characters
    escaped), cut at ``limit`` characters."""
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")
