"""The roster: an inspection's people, their roles and keys, and who is signed in.

Roles come only from the roster of the file being written, never from a laptop's settings or a
command-line name. The person who signs an inspection first is its lead (a supervisor); only a
supervisor on the roster adds people, changes roles or retires keys, and each change is a
ledger entry like any other (``inspection.roster``).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import TYPE_CHECKING

from auditor.audit.ledger import ADOPTED, Signer, history_digest
from auditor.audit.markers import reads, writes
from auditor.audit.verify import adoption_detail
from auditor.errors import Refused
from auditor.people.keys import Card, PersonalKey, short_fingerprint
from auditor.people.roles import ROLES, SUPERVISOR
from auditor.records import Assessor
from auditor.text_rules import identity
from db import audit as audit_rows
from db import meta

if TYPE_CHECKING:
    from auditor.inspection import Inspection


class RosterError(Refused):
    """A roster change or sign-in that is not allowed, said in words."""


@dataclass(frozen=True)
class PersonKey:
    """One key of a person on the roster (a retired key still verifies what it signed)."""

    fingerprint: str
    added_at: str
    retired_at: str | None

    @property
    def active(self) -> bool:
        return self.retired_at is None


@dataclass(frozen=True)
class Person:
    """Someone on the roster: name, role and keys."""

    id: str
    name: str
    role: str
    keys: tuple[PersonKey, ...]

    @property
    def assessor(self) -> Assessor:
        return Assessor(self.id, self.name, self.role)

    @property
    def active_key(self) -> PersonKey | None:
        return next((k for k in self.keys if k.active), None)


class Roster:
    """The people of one inspection, and signing in with a personal key."""

    def __init__(self, inspection: Inspection) -> None:
        self.inspection = inspection
        self.db = inspection.db

    # --- reading -----------------------------------------------------------------------------

    @reads
    def people(self) -> list[Person]:
        keys: dict[str, list[PersonKey]] = {}
        for row in meta.person_keys(self.db):
            keys.setdefault(row["person_id"], []).append(
                PersonKey(row["fingerprint"], row["added_at"], row["retired_at"])
            )
        return [
            Person(a.id, a.name, a.role, tuple(keys.get(a.id, ())))
            for a in self.inspection.assessors()
        ]

    @reads
    def person(self, person_id: str) -> Person | None:
        return next((p for p in self.people() if p.id == person_id), None)

    @reads
    def holder_of(self, fingerprint: str) -> Person | None:
        """The person whose key this is (retired or not), or None when it is not here."""
        for person in self.people():
            if any(k.fingerprint == fingerprint for k in person.keys):
                return person
        return None

    # --- signing in --------------------------------------------------------------------------

    @reads
    def sign_in(self, key: PersonalKey) -> Assessor:
        """Sign in as the holder of ``key``: every row written from now on is theirs, signed."""
        if not self.inspection.signed:
            raise RosterError(
                f"{self.inspection.path}: an unsigned inspection (no lead's key): nobody signs "
                "in to it; to sign it: case-auditor sign --db PATH --lead KEYFILE"
            )
        person = self.holder_of(key.fingerprint)
        if person is None:
            raise RosterError(
                f"{self.inspection.path}: {key.name or 'this key'} (key "
                f"{short_fingerprint(key.fingerprint)}) is not on this inspection's roster; "
                "ask the lead to add your card"
            )
        held = next(k for k in person.keys if k.fingerprint == key.fingerprint)
        if not held.active:
            raise RosterError(
                f"{self.inspection.path}: the key {short_fingerprint(key.fingerprint)} of "
                f"{person.name} was retired on {held.retired_at[:10] if held.retired_at else ''};"
                " sign in with the new key"
            )
        self.inspection.signer = Signer(person.id, key)
        return person.assessor

    # --- changing the roster -----------------------------------------------------------------

    @writes
    def start(self, lead: PersonalKey) -> Assessor:
        """Sign an unsigned inspection: ``lead`` becomes its lead (a supervisor), and a first
        signed row adopts every row written before, as "before signing"."""
        inspection = self.inspection
        if inspection.signed:
            raise RosterError(f"{inspection.path}: the inspection is signed already")
        before = [
            r for r in audit_rows.in_order(self.db) if not r.get("signature")
        ]  # rows written before signing, in order
        count, digest = history_digest(before, inspection.inspection_id)
        name = " ".join(lead.name.split())
        if not name:
            raise RosterError("the lead's key names nobody")
        # The lead may be on the unsigned roster already (a supervisor of that name): kept.
        known = next(
            (a for a in inspection.assessors() if a.name == name and a.role == SUPERVISOR), None
        )
        person = known or Assessor(inspection.new_id(), name, SUPERVISOR)
        with self.db.atomic():
            if known is None:
                self._insert_person(person, person.id)
            self._insert_key(person.id, lead.card, person.id)
            meta.set_lead(self.db, person.id)
            inspection.refresh_info()
            inspection.signer = Signer(person.id, lead)
            inspection.audit(
                person,
                "alteration",
                table=ADOPTED,
                record_id=inspection.inspection_id,
                field="signed",
                new=person.id,
                detail=adoption_detail(count, digest),
            )
            if known is None:
                self._log_person(person, person, "lead of the inspection (supervisor)")
            self._log_key(person, person.id, lead.card)
        return person

    @writes
    def add(self, actor: Assessor, card: Card, role: str) -> Person:
        """Add a person from their card, with a role (supervisors only)."""
        self._require_supervisor(actor, "add people to the roster")
        if role not in ROLES:
            raise RosterError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
        self._refuse_known(card)
        same = [p for p in self.people() if identity(p.name) == identity(card.name)]
        if same:
            raise RosterError(
                f"{same[0].name} is on the roster already; give them this card as a new key "
                "(roster key), or add the person under a name that tells them apart"
            )
        person = Assessor(self.inspection.new_id(), " ".join(card.name.split()), role)
        with self.db.atomic():
            self._insert_person(person, actor.id)
            self._insert_key(person.id, card, actor.id)
            self._log_person(actor, person, f"added as {role}")
            self._log_key(actor, person.id, card)
        found = self.person(person.id)
        assert found is not None
        return found

    @writes
    def add_named(self, actor: Assessor, name: str, role: str, detail: str) -> Assessor:
        """Add a person who has no key yet (named in an imported file; supervisors only)."""
        self._require_supervisor(actor, "add people to the roster")
        person = Assessor(self.inspection.new_id(), " ".join(name.split()), role)
        with self.db.atomic():
            self._insert_person(person, actor.id)
            self._log_person(actor, person, detail)
        return person

    @writes
    def add_key(self, actor: Assessor, person_id: str, card: Card) -> Person:
        """Give a person a new key (a lost key is retired with ``retire``; supervisors only)."""
        self._require_supervisor(actor, "add a key")
        person = self._known(person_id)
        self._refuse_known(card)
        with self.db.atomic():
            self._insert_key(person.id, card, actor.id)
            self._log_key(actor, person.id, card)
        found = self.person(person.id)
        assert found is not None
        return found

    @writes
    def change_role(self, actor: Assessor, person_id: str, role: str) -> Person:
        self._require_supervisor(actor, "change a role")
        if role not in ROLES:
            raise RosterError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
        person = self._known(person_id)
        if person.role == role:
            return person
        if person.role == SUPERVISOR and not self._other_supervisor(person.id):
            raise RosterError(
                f"{person.name} is the roster's last supervisor with a key: make someone else "
                "a supervisor first (else nobody could change the roster again)"
            )
        with self.db.atomic():
            meta.update_assessor(self.db, person.id, {"role": role})
            self.inspection.audit(
                actor,
                "alteration",
                table="assessors",
                record_id=person.id,
                field="role",
                old=person.role,
                new=role,
                detail=f"{person.name}'s role changed",
            )
        found = self.person(person.id)
        assert found is not None
        return found

    @writes
    def retire(self, actor: Assessor, fingerprint: str) -> Person:
        """Retire a key (lost or replaced): it signs nothing more; what it signed still holds."""
        self._require_supervisor(actor, "retire a key")
        person = self.holder_of(fingerprint)
        if person is None:
            raise RosterError(f"no key {short_fingerprint(fingerprint)} on this roster")
        others = [k for k in person.keys if k.active and k.fingerprint != fingerprint]
        if person.role == SUPERVISOR and not others and not self._other_supervisor(person.id):
            raise RosterError(
                f"that is the only key of {person.name}, the roster's last supervisor: add "
                "their new key first (roster key), then retire this one (else nobody could "
                "change the roster again)"
            )
        with self.db.atomic():
            at = self.inspection.clock()
            meta.retire_person_key(self.db, fingerprint, actor.id, at)
            self.inspection.audit(
                actor,
                "alteration",
                table="person_keys",
                record_id=fingerprint,
                field="retired_at",
                new=at,
                detail=f"a key of {person.name} retired",
            )
        found = self.person(person.id)
        assert found is not None
        return found

    # --- helpers -----------------------------------------------------------------------------

    def _require_supervisor(self, actor: Assessor, action: str) -> None:
        me = self.person(actor.id)
        if me is None or me.role != SUPERVISOR:
            raise RosterError(f"Only a supervisor on the roster can {action}.")

    def _other_supervisor(self, person_id: str) -> bool:
        """Whether someone else on the roster is a supervisor with a key that signs."""
        return any(
            p.id != person_id and p.role == SUPERVISOR and p.active_key is not None
            for p in self.people()
        )

    def _known(self, person_id: str) -> Person:
        person = self.person(person_id)
        if person is None:
            raise RosterError(f"no one with id {person_id} on this roster")
        return person

    def _refuse_known(self, card: Card) -> None:
        holder = self.holder_of(card.fingerprint)
        if holder is not None:
            raise RosterError(
                f"the key {short_fingerprint(card.fingerprint)} is already {holder.name}'s"
            )

    def _insert_person(self, person: Assessor, added_by: str) -> None:
        meta.insert_assessor(
            self.db,
            {
                "id": person.id,
                "name": person.name,
                "role": person.role,
                "created_at": self.inspection.clock(),
                "added_by": added_by,
            },
        )

    def _insert_key(self, person_id: str, card: Card, added_by: str) -> None:
        meta.insert_person_key(
            self.db,
            {
                "fingerprint": card.fingerprint,
                "person_id": person_id,
                "public_key": base64.b64encode(card.public).decode(),
                "added_by": added_by,
                "added_at": self.inspection.clock(),
                "retired_by": None,
                "retired_at": None,
            },
        )

    def _log_person(self, actor: Assessor, person: Assessor, detail: str) -> None:
        self.inspection.audit(
            actor,
            "alteration",
            table="assessors",
            record_id=person.id,
            field="role",
            new=person.role,
            detail=f"{person.name} {detail}",
        )

    def _log_key(self, actor: Assessor, person_id: str, card: Card) -> None:
        self.inspection.audit(
            actor,
            "alteration",
            table="person_keys",
            record_id=card.fingerprint,
            field="person_id",
            new=person_id,
            detail=f"key {short_fingerprint(card.fingerprint)} added for {card.name}",
        )
