"""Drawing the moderation sample: every flagged case, plus a stratified share, from a seed.

Pure: the same candidates, percentage and seed always give the same sample, whatever order
the candidates come in.

- Every candidate flagged for referral back is drawn (reason ``referral``).
- The others are grouped in strata by (case type, first inspector). The number to draw is
  ``percent`` of them, rounded half up; it is shared between the strata in proportion to their
  sizes by the largest-remainder method (each stratum gets its share rounded down, and the
  cases left over go to the strata with the largest fractions, ties broken by the seed).
- Within a stratum the cases drawn are those first in the order of SHA-256 of
  ``"<seed>|<case reference>"``, so adding a case to another stratum never reshuffles this one.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from auditor.errors import Refused

REFERRAL = "referral"
STRATIFIED = "stratified"
MAX_SEED = 2**63 - 1


class SampleError(Refused, ValueError):
    """A percentage or seed that cannot be used, described for the user."""


@dataclass(frozen=True)
class Candidate:
    """A graded case that may be drawn: its stratum and whether it is flagged."""

    case_id: str
    reference: str
    case_type: str
    assessor_id: str
    flagged: bool


@dataclass(frozen=True)
class Pick:
    """A case drawn, and why."""

    case_id: str
    reference: str
    assessor_id: str
    reason: str


def check(percent: float, seed: int) -> None:
    """Refuse a percentage outside 0-100 or a seed that is not a whole number 0-2^63-1."""
    if isinstance(percent, bool) or not isinstance(percent, int | float) or math.isnan(percent):
        raise SampleError("the percentage must be a number from 0 to 100")
    if not 0 <= percent <= 100:
        raise SampleError(f"the percentage must be from 0 to 100, not {percent:g}")
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        raise SampleError(f"the seed must be a whole number from 0 to {MAX_SEED}")


def _key(seed: int, text: str) -> str:
    return hashlib.sha256(f"{seed}|{text}".encode()).hexdigest()


def draw(candidates: Iterable[Candidate], percent: float, seed: int) -> list[Pick]:
    """The sample, in reference order: flagged cases, then ``percent`` of the rest by stratum."""
    check(percent, seed)
    picks: list[Pick] = []
    strata: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
    for c in candidates:
        if c.flagged:
            picks.append(Pick(c.case_id, c.reference, c.assessor_id, REFERRAL))
        else:
            strata[(c.case_type, c.assessor_id)].append(c)
    others = sum(len(members) for members in strata.values())
    total = math.floor(others * percent / 100 + 0.5)
    quotas = {key: len(members) * percent / 100 for key, members in strata.items()}
    counts = {key: math.floor(q + 1e-9) for key, q in quotas.items()}
    left = total - sum(counts.values())
    by_fraction = sorted(
        strata,
        key=lambda key: (-(quotas[key] - counts[key]), _key(seed, "\x1f".join(key))),
    )
    for key in by_fraction[: max(left, 0)]:
        counts[key] += 1
    for key, members in strata.items():
        ordered = sorted(members, key=lambda c: (_key(seed, c.reference), c.reference))
        picks += [
            Pick(c.case_id, c.reference, c.assessor_id, STRATIFIED) for c in ordered[: counts[key]]
        ]
    return sorted(picks, key=lambda p: p.reference)
