"""Moderation: a sample graded twice blind, agreement and kappa, the lead's agreed grades, and
the comparison with the force's own audit. See resources/guide/moderation.md."""

from __future__ import annotations

from auditor.moderation.agreement import Agreement, agreement, agreement_of_matrix, confusion_matrix
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
