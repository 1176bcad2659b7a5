"""Settings kept in the inspection file, each change audited (e.g. when a response is overdue)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from auditor.audit.markers import reads, writes
from auditor.case_material import InspectionError
from auditor.people import require_supervisor
from db import meta
from db import settings as setting_rows

if TYPE_CHECKING:
    from auditor.inspection import Assessor, Inspection

#: Days after a referral is sent to the force before a missing response is overdue.
REFERRAL_RESPONSE_DAYS = "referral_response_days"
DEFAULTS = {REFERRAL_RESPONSE_DAYS: "28"}
#: The longest inspection name accepted (it heads windows, workbooks and columns).
NAME_LIMIT = 120


class InspectionSettings:
    """Reads and writes the settings of one inspection file (text values, keyed by name)."""

    def __init__(self, inspection: Inspection) -> None:
        self.inspection = inspection
        self.db = inspection.db

    @reads
    def get(self, key: str, default: str | None = None) -> str | None:
        """The value of ``key``; else ``default``; else the built-in default, if any."""
        value = setting_rows.get_setting(self.db, key)
        if value is not None:
            return value
        return default if default is not None else DEFAULTS.get(key)

    @writes
    def set(self, actor: Assessor | None, key: str, value: str) -> None:
        """Store ``value`` under ``key``, with an audit row when it changes."""
        if not key.strip():
            raise InspectionError("a setting needs a name")
        with self.db.atomic():
            old = setting_rows.get_setting(self.db, key)
            if old == value:
                return
            setting_rows.set_setting(self.db, key, value, self.inspection.clock())
            self.inspection.audit(
                actor,
                "alteration",
                table="settings",
                record_id=key,
                field="value",
                old=old,
                new=value,
            )

    @reads
    def referral_response_days(self) -> int:
        """Days after sending before a force's missing response is overdue (28 by default)."""
        stored = self.get(REFERRAL_RESPONSE_DAYS) or DEFAULTS[REFERRAL_RESPONSE_DAYS]
        try:
            days = int(stored)
        except ValueError:
            days = 0
        # A damaged value (hand edit, old merge) falls back to the default, never a traceback.
        return days if days > 0 else int(DEFAULTS[REFERRAL_RESPONSE_DAYS])

    @writes
    def set_referral_response_days(self, actor: Assessor, days: int) -> None:
        """Change when responses become overdue; only a supervisor may, and days must be > 0."""
        require_supervisor(actor, "change when a response is overdue")
        if isinstance(days, bool) or not isinstance(days, int) or days < 1:
            raise InspectionError(
                f"a response is overdue after a whole number of days, not {days!r}"
            )
        self.set(actor, REFERRAL_RESPONSE_DAYS, str(days))

    @writes
    def rename(self, actor: Assessor, name: str) -> str:
        """Give the inspection a new name (supervisors only), with its ledger row; the name
        kept (surrounding spaces dropped). A blank or over-long name is refused."""
        require_supervisor(actor, "rename the inspection")
        new = " ".join(name.split())
        if not new:
            raise InspectionError("The inspection was not renamed: the new name is blank.")
        if len(new) > NAME_LIMIT:
            raise InspectionError(
                f"The inspection was not renamed: the new name has {len(new)} characters; "
                f"at most {NAME_LIMIT}."
            )
        inspection = self.inspection
        with self.db.atomic():
            old = inspection.name
            if old == new:
                return new
            meta.set_inspection_name(self.db, inspection.inspection_id, new)
            inspection.audit(
                actor,
                "alteration",
                table="inspection",
                record_id=inspection.inspection_id,
                field="name",
                old=old,
                new=new,
            )
        inspection.refresh_info()
        return new
