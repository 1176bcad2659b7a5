"""The moderation desk: the sample (``sample_desk``), agreement and reconciling
(``reconciling``), the force's audit (``force``), and who is blind to what (``blind``).

Every write is one transaction with its audit-log rows, and is refused, writing nothing, to
anyone but a supervisor. Methods are marked ``@writes`` or ``@reads`` (``auditor.audit.log``);
``tests/core/moderation/test_moderation_write_paths.py`` checks each write path's audit rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from auditor.audit.markers import reads
from auditor.moderation import blind
from auditor.moderation.force import ForceAudit
from auditor.moderation.reconciling import ReconcileDesk

if TYPE_CHECKING:
    from auditor.inspection import Inspection


class Moderation(ReconcileDesk, ForceAudit):
    """Moderation of one inspection: the sample, blind second grading, agreement, reconciling."""

    def __init__(self, inspection: Inspection) -> None:
        self.inspection = inspection
        self.db = inspection.db
        self.framework = inspection.framework

    # --- blindness -----------------------------------------------------------------------------

    @reads
    def hidden_from(self, viewer_id: str | None, case_id: str | None) -> bool:
        """Whether other assessors' grades of the case are hidden from ``viewer_id``."""
        return blind.hidden_from(self.inspection, viewer_id, case_id)

    @reads
    def blind_cases(self, viewer_id: str | None) -> set[str]:
        return blind.blind_cases(self.inspection, viewer_id)
