"""Reading one framework document's entries, with the file, entry and key named on a refusal."""

from __future__ import annotations

from typing import Any

from auditor.errors import Refused
from auditor.framework.model import ALL_TYPES, SUGGESTION_RULES, Grade

#: Keys "1".."9" are given by position; a scale's tenth point on has no key unless it names one.
DEFAULT_KEYS = 9


class FrameworkError(Refused):
    """A framework file that cannot be used, with the file, entry and key named."""


class Reader:
    """Validates one framework document, collecting the context for error messages."""

    def __init__(self, origin: str, data: dict[str, Any]) -> None:
        self.origin = origin
        self.data = data

    def fail(self, where: str, key: str, problem: str) -> FrameworkError:
        return FrameworkError(f"{self.origin}: {where}, key '{key}': {problem}")

    def table(self, name: str) -> dict[str, Any]:
        value = self.data.get(name)
        if not isinstance(value, dict):
            raise FrameworkError(f"{self.origin}: the [{name}] table is missing")
        return value

    def array(self, name: str, *, required: bool = True) -> list[dict[str, Any]]:
        value = self.data.get(name)
        if not required and value in (None, []):
            return []
        if isinstance(value, dict):
            raise FrameworkError(
                f"{self.origin}: [{name}] must be an array of tables, written [[{name}]] "
                "before each entry"
            )
        if not isinstance(value, list) or not value:
            raise FrameworkError(f"{self.origin}: no [[{name}]] entries (at least one is needed)")
        for index, entry in enumerate(value, start=1):
            if not isinstance(entry, dict):
                raise FrameworkError(f"{self.origin}: {name} entry {index} is not a table")
        return value

    def text(self, entry: dict[str, Any], where: str, key: str, default: str | None = None) -> str:
        value = entry.get(key, default)
        if value is None:
            raise self.fail(where, key, "is missing")
        if not isinstance(value, str) or (not value.strip() and default is None):
            raise self.fail(where, key, f"must be non-empty text, not {value!r}")
        return value.strip()

    def codes(
        self, entries: list[dict[str, Any]], section: str, key: str
    ) -> list[tuple[str, dict[str, Any]]]:
        """(id, entry) pairs for a section, refusing missing and duplicate ids."""
        seen: set[str] = set()
        out = []
        for index, entry in enumerate(entries, start=1):
            where = f"{section} entry {index}"
            code = self.text(entry, where, key)
            if code in seen:
                raise self.fail(f"{section} '{code}'", key, "duplicate id")
            seen.add(code)
            out.append((code, entry))
        return out

    def applies_to(self, entry: dict[str, Any], where: str, known: list[str]) -> frozenset[str]:
        value = entry.get("applies_to")
        if not isinstance(value, list) or not value:
            raise self.fail(where, "applies_to", "must be a non-empty list of case type codes")
        if value == [ALL_TYPES]:
            return frozenset(known)
        for code in value:
            if code not in known:
                raise self.fail(
                    where,
                    "applies_to",
                    f'unknown case type {code!r} (one of: {", ".join(known)}, or "*")',
                )
        return frozenset(value)

    def grade(self, entry: dict[str, Any], where: str, rank: int, key: str) -> Grade:
        aliases = entry.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise self.fail(where, "aliases", "must be a list of text")
        given = entry.get("key", key)  # the default: "1".."9" by position, "" beyond
        if isinstance(given, int) and not isinstance(given, bool):
            given = str(given)
        if "key" in entry and (not isinstance(given, str) or len(given.strip()) != 1):
            raise self.fail(where, "key", f"must be one key (a digit or letter), not {given!r}")
        return Grade(
            code=self.text(entry, where, "code"),
            label=self.text(entry, where, "label"),
            rank=rank,
            aliases=tuple(aliases),
            key=given.strip(),
        )

    def scale(self, name: str, *, required: bool = True) -> tuple[Grade, ...]:
        """A scale's entries, best first, keyed "1".."9" unless they give their own keys."""
        entries = self.array(name, required=required)
        return tuple(
            self.grade(entry, f"{name} '{code}'", rank, _default_key(rank))
            for rank, (code, entry) in enumerate(self.codes(entries, name, "code"))
        )

    def rule(self, value: Any, where: str, key: str) -> str:
        if value not in SUGGESTION_RULES:
            raise self.fail(
                where, key, f"must be one of {', '.join(SUGGESTION_RULES)}, not {value!r}"
            )
        return value


def _default_key(rank: int) -> str:
    return str(rank + 1) if rank < DEFAULT_KEYS else ""
