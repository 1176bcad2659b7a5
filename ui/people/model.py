"""The roster as a table: name, role, keys (short fingerprints, retired ones marked), a note."""

from __future__ import annotations

from typing import Any

from auditor.framework import Framework
from auditor.people import ROLE_LABELS
from auditor.people.keys import short_fingerprint
from auditor.people.roster import Person, PersonKey
from ui.common.table_model import ListTableModel


def key_text(key: PersonKey) -> str:
    """A key as people read it aloud, with "retired" and the day when it is."""
    text = short_fingerprint(key.fingerprint)
    return text if key.active else f"{text} (retired {(key.retired_at or '')[:10]})"


class RosterModel(ListTableModel[Person]):
    """One row per person on the roster; the person signed in is in bold."""

    HEADERS = ("Name", "Role", "Keys", "Note")

    def __init__(self, framework: Framework, parent: Any = None) -> None:
        super().__init__(framework, parent)
        self.me_id = ""

    def display(self, item: Person, column: int) -> str:
        if column == 0:
            return item.name
        if column == 1:
            return ROLE_LABELS.get(item.role, item.role)
        if column == 2:
            return "; ".join(key_text(k) for k in item.keys) or "none"
        return self.note(item)

    def note(self, item: Person) -> str:
        notes = ["you"] if item.id == self.me_id else []
        if not item.keys:
            notes.append("no key yet: cannot sign in")
        elif item.active_key is None:
            notes.append("every key retired: cannot sign in")
        return "; ".join(notes)

    def emphasised(self, item: Person) -> bool:
        return item.id == self.me_id

    def row_of(self, person_id: str) -> int | None:
        return next((row for row, p in enumerate(self.items) if p.id == person_id), None)
