"""The Cases sheet's cells a format 2 framework adds: a case attribute (a number for a number
attribute) and a criterion's sub-prompt ticks ("y,n,-")."""

from __future__ import annotations

import math
from typing import Any

from auditor.importing import cells
from auditor.importing.layout import TICKS
from auditor.importing.problems import cell
from auditor.importing.reading import Reader, Where
from auditor.records import attribute_value

#: An attribute cell refused (its problem added): the case is not planned.
REFUSED: Any = object()


def attribute_cell(kind: str, raw: Any, where: Where, reader: Reader) -> Any:
    """A case attribute cell's value (None when blank); a number attribute's cell must hold a
    number, else a problem naming the cell and what it holds, and ``REFUSED``."""
    if kind != "number":
        return attribute_value(reader.free(raw, where))
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    number: float | None = None
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        number = float(raw)
    elif isinstance(raw, str):
        try:
            number = float(raw.strip())
        except ValueError:
            number = None
    if number is None or not math.isfinite(number):
        reader.problems.add(
            cell(*where),
            f"{cells.quoted(raw)} is not a number; write a number, or leave it blank when it "
            "is not recorded",
        )
        return REFUSED
    return attribute_value(number)


def ticks_cell(raw: str, count: int) -> str | tuple[str]:
    """A ticks cell ("y,n,-": yes, no, not answered per sub-prompt, in order) as stored
    ("yn-"), or (why,) when it is not that."""
    parts = [p.strip().casefold() for p in raw.replace(";", ",").split(",")]
    words = {"yes": "y", "no": "n", "": "-"}
    ticks = [words.get(p, p[:1] if p in TICKS else p) for p in parts]
    shown = ", ".join(f"{k} ({v})" for k, v in TICKS.items())
    if len(ticks) != count or any(t not in TICKS for t in ticks):
        return (
            f"{cells.quoted(raw)} is not {count} tick{'s' if count != 1 else ''} separated by "
            f"commas (each one of: {shown}), one per sub-prompt in order",
        )
    joined = "".join(ticks)
    return "" if set(joined) == {"-"} else joined
