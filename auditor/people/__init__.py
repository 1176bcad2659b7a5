"""People in an inspection: their roles (``roles``), their personal signing keys (``keys``)
and the inspection's roster (``roster``). The roles are handed on here."""

from auditor.people.roles import (
    INSPECTOR,
    ROLE_LABELS,
    ROLES,
    SUPERVISOR,
    is_supervisor,
    require_supervisor,
)

__all__ = [
    "INSPECTOR",
    "ROLES",
    "ROLE_LABELS",
    "SUPERVISOR",
    "is_supervisor",
    "require_supervisor",
]
