"""How validating reads an import file's cells: identifiers and free text by the text rules
(replacements counted for the import summary), the references already known matched by
identity, and the framework's codes and labels looked up ignoring case."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from auditor import text_rules
from auditor.framework import Framework
from auditor.importing import cells
from auditor.importing.problems import Problems, cell

#: Cells named one by one in the import summary's line about replaced characters.
NOTICES_LISTED = 3
#: (sheet, row, column) of a cell, made into its name only for a message.
Where = tuple[str, int, str]


class Reader:
    """Reads a sheet's cells by the text rules (:mod:`auditor.text_rules`): identifiers are
    refused when they hold control or invisible characters, free text has what a workbook
    cannot hold replaced (each cell counted for the import summary)."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        self.replaced: list[tuple[str, int]] = []  # (cell, characters replaced)

    def identifier(self, raw: Any, where: Where, what: str) -> str | None:
        """The cell as an identifier (NFC), or None with a problem; '' when blank."""
        if raw is None:
            return ""
        if type(raw) is str and raw.isascii() and raw.isprintable():
            return raw.strip()  # most cells: nothing to refuse or normalise
        value = cells.text(raw)
        problem = text_rules.identifier_problem(value, what)
        if problem is not None:
            self.problems.add(cell(*where), problem)
            return None
        return text_rules.identifier(value)

    def free(self, raw: Any, where: Where) -> str:
        if raw is None:
            return ""
        if type(raw) is str and raw.isprintable():
            return raw.strip()  # no control character (nor a line break) to look at
        value, replaced = text_rules.free_text(cells.text(raw))
        if replaced:
            self.replaced.append((cell(*where), replaced))
        return value

    def notices(self) -> list[str]:
        """The import summary's line(s) about replaced characters (none when nothing was)."""
        by = f"replaced by {text_rules.REPLACEMENT!r}"
        what = "a workbook cannot hold"
        if len(self.replaced) <= NOTICES_LISTED:
            return [
                f"{where}: {count} character{'s' if count != 1 else ''} {what} {by}"
                for where, count in self.replaced
            ]
        total = sum(count for _where, count in self.replaced)
        first = "; ".join(where for where, _count in self.replaced[:NOTICES_LISTED])
        more = len(self.replaced) - NOTICES_LISTED
        return [
            f"{total} characters {what} {by} in {len(self.replaced)} cells: {first}; "
            f"and {more} more"
        ]


def lookup(options: dict[str, str], raw: Any) -> str | None:
    return options.get(" ".join(cells.text(raw).split()).casefold())


class References:
    """References already known (the inspection's, then the file's), matched by identity
    (:func:`auditor.text_rules.identity`): a reference differing from a known one only by case,
    spacing, normalisation or an invisible character stored before is that case."""

    def __init__(self, known: set[str]) -> None:
        self.by_identity: dict[str, list[str]] = defaultdict(list)
        for reference in sorted(known):
            self.by_identity[text_rules.identity(reference)].append(reference)

    def add(self, reference: str) -> None:
        same = self.by_identity[text_rules.identity(reference)]
        if reference not in same:
            same.append(reference)

    def find(self, reference: str) -> tuple[str | None, str | None]:
        """(the known spelling, None), (None, None) when unknown, or (None, why) when several
        known references match."""
        same = self.by_identity.get(text_rules.identity(reference), [])
        if len(same) <= 1:
            return (same[0] if same else None), None
        exact = [r for r in same if r.casefold() == reference.casefold()]
        if len(exact) == 1:
            return exact[0], None
        listed = ", ".join(repr(r) for r in same)
        return None, (
            f"{reference!r} matches {len(same)} cases already in the inspection ({listed}), "
            "whose references differ only by invisible characters or case"
        )


def framework_names(framework: Framework) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Case types, event types and referral reasons by code or label, ignoring case."""
    types = {t.code.casefold(): t.code for t in framework.case_types}
    types.update({t.label.casefold(): t.code for t in framework.case_types})
    events = {e.code.casefold(): e.code for e in framework.event_types}
    events.update({e.label.casefold(): e.code for e in framework.event_types})
    reasons = {r.code.casefold(): r.code for r in framework.referral_reasons}
    reasons.update({r.label.casefold(): r.code for r in framework.referral_reasons})
    return types, events, reasons
