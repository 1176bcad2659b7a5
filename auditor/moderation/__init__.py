"""Moderation: a sample graded twice blind, agreement and kappa, the lead's agreed grades, and
the comparison with the force's own audit. See resources/guide/moderation.md."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from auditor.moderation.agreement import (
        Agreement,
        agreement,
        agreement_of_matrix,
        confusion_matrix,
    )
    from auditor.moderation.blind import blind_cases, hidden_from, visible_entries
    from auditor.moderation.desk import Moderation
    from auditor.moderation.records import (
        CONFLICT,
        KIND_LABELS,
        MODERATION,
        AgreementRow,
        Disagreement,
        DrawResult,
        ForceComparison,
        ModerationError,
        Reconciled,
        SampledCase,
        require_lead,
    )
    from auditor.moderation.sampling import REFERRAL, STRATIFIED, Candidate, Pick, SampleError, draw

#: Where each name lives. The package loads a module only when one of its names is first
#: asked for (PEP 562), so a module needing one small part (``auditor.moderation.blind`` on
#: the window's grading path) does not load the moderation desk, reconciling and merging.
_HOMES = {
    "auditor.moderation.agreement": (
        "Agreement",
        "agreement",
        "agreement_of_matrix",
        "confusion_matrix",
    ),
    "auditor.moderation.blind": ("blind_cases", "hidden_from", "visible_entries"),
    "auditor.moderation.desk": ("Moderation",),
    "auditor.moderation.records": (
        "CONFLICT",
        "KIND_LABELS",
        "MODERATION",
        "AgreementRow",
        "Disagreement",
        "DrawResult",
        "ForceComparison",
        "ModerationError",
        "Reconciled",
        "SampledCase",
        "require_lead",
    ),
    "auditor.moderation.sampling": (
        "REFERRAL",
        "STRATIFIED",
        "Candidate",
        "Pick",
        "SampleError",
        "draw",
    ),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str) -> Any:
    """A re-exported name, importing its module on first use."""
    module = _HOME_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "CONFLICT",
    "KIND_LABELS",
    "MODERATION",
    "REFERRAL",
    "STRATIFIED",
    "Agreement",
    "AgreementRow",
    "Candidate",
    "Disagreement",
    "DrawResult",
    "ForceComparison",
    "Moderation",
    "ModerationError",
    "Pick",
    "Reconciled",
    "SampleError",
    "SampledCase",
    "agreement",
    "agreement_of_matrix",
    "blind_cases",
    "confusion_matrix",
    "draw",
    "hidden_from",
    "require_lead",
    "visible_entries",
]
