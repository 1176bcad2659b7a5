"""Pure rules of allocation: the balanced plan and how a change is said in the ledger."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

#: The ledger's record table and field for allocations.
TABLE = "allocations"
FIELD = "assessor_id"
TAKEN_OVER = "taken over from "


def balanced_plan(
    cases: Sequence[tuple[str, str]],
    current: Mapping[str, str],
    assessor_ids: Sequence[str],
    *,
    reallocate: bool = False,
) -> dict[str, str]:
    """Case id -> assessor id: ``cases`` ((case id, case type), in reference order) spread
    over ``assessor_ids`` so each case type is shared as evenly as can be.

    Cases allocated already (``current``) keep their assessor unless ``reallocate``; they
    count towards that assessor's share of their type. Each other case goes to the assessor
    with the fewest cases of its type, then the fewest cases in all, then the first listed:
    the same input always gives the same plan.
    """
    people = list(dict.fromkeys(assessor_ids))
    if not people:
        return {}
    order = {person: rank for rank, person in enumerate(people)}
    by_type: dict[str, Counter[str]] = {}
    total: Counter[str] = Counter()
    plan: dict[str, str] = {}
    waiting: list[tuple[str, str]] = []
    for case_id, case_type in cases:
        held = current.get(case_id)
        if held is not None and not reallocate:
            plan[case_id] = held
            if held in order:
                by_type.setdefault(case_type, Counter())[held] += 1
                total[held] += 1
        else:
            waiting.append((case_id, case_type))
    for case_id, case_type in waiting:
        counts = by_type.setdefault(case_type, Counter())
        chosen = min(people, key=lambda p: (counts[p], total[p], order[p]))
        counts[chosen] += 1
        total[chosen] += 1
        plan[case_id] = chosen
    return plan


def change_words(old: str | None, new: str | None, names: Mapping[str, str]) -> str:
    """An allocation change in words, for the ledger's detail."""
    before = names.get(old or "", "someone not on the roster") if old else ""
    after = names.get(new or "", "someone not on the roster") if new else ""
    if new is None:
        return f"allocation cleared (was {before})"
    if old is None:
        return f"allocated to {after}"
    return f"reallocated to {after} (was {before})"
