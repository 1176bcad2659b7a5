"""Merging gradings: assessments, criterion grades (with notes), referrals and reviews.

An assessment is matched by id, else by its case and assessor (so each assessor's assessment
stays their own: two inspectors' grades of one case are two assessments, both kept). A
criterion grade is matched by id, else by assessment and criterion; a referral by id, else by
assessment; a review by id. Which side's values win is ``MergeContext``'s rule (the later
change). A referral withdrawn on one side after the other side's last change to it is
removed; one withdrawn here after the package's last change to it is not brought back.
"""

from __future__ import annotations

from typing import Any

from auditor.merging.context import MergeContext, row_id
from auditor.merging.outcome import ADDED, UNCHANGED, UPDATED
from db import merge as merge_rows

ASSESSMENT_FIELDS = ("overall_grade", "override_reason", "status", "completed_at")
#: Assessment fields won one by one (an inspector's grade and a supervisor's decision on the
#: same assessment on two laptops both survive), with the fields that go with each.
ASSESSMENT_BY_FIELD = {"overall_grade": (), "override_reason": (), "status": ("completed_at",)}
GRADE_FIELDS = ("grade", "note", "prompts", "graded_by", "graded_at")
#: What a user sees of a criterion grade: its grade, note and sub-prompt ticks.
GRADE_SHOWN = ("grade", "note", "prompts")
REFERRAL_FIELDS = (
    "reason",
    "note",
    "state",
    "flagged_by",
    "flagged_at",
    "sent_at",
    "force_reference",
    "response_at",
    "response_action",
    "closed_at",
)
#: A referral's fields won one by one, by causality: its state (with what goes with each step),
#: its reason and its note (an inspector's note and a supervisor's decision are not one change).
REFERRAL_BY_FIELD = {
    "state": ("sent_at", "force_reference", "response_at", "response_action", "closed_at"),
    "reason": (),
    "note": (),
    "flagged_by": ("flagged_at",),
}
FLAGGED_STATE = "flagged"

REVIEW_FIELDS = (
    "kind",
    "decision",
    "note",
    "overall_grade",
    "answer",
    "answered_by",
    "answered_at",
)


def _update(
    ctx: MergeContext, table: str, target_id: str, changes: dict[str, Any], core: tuple
) -> None:
    """Write ``changes``; count it updated only when a value a user sees changed."""
    if changes:
        merge_rows.update_row(ctx.db, table, target_id, changes)
    ctx.tally.add(UPDATED if set(changes) & set(core) else UNCHANGED, table)


def merge_assessments(ctx: MergeContext) -> None:
    target = merge_rows.all_rows(ctx.db, "assessments")
    by_id = {r["id"]: r for r in target}
    by_key = {(r["case_id"], r["assessor_id"]): r for r in target}
    for row in merge_rows.all_rows(ctx.package.db, "assessments"):
        mapped = {
            **row,
            "case_id": ctx.cases[row["case_id"]],
            "assessor_id": ctx.assessors[row["assessor_id"]],
        }
        current = by_id.get(row["id"]) or by_key.get((mapped["case_id"], mapped["assessor_id"]))
        if current is None:
            merge_rows.insert_row(ctx.db, "assessments", mapped)
            by_id[row["id"]] = by_key[(mapped["case_id"], mapped["assessor_id"])] = mapped
            ctx.assessments[row["id"]] = row["id"]
            ctx.tally.add(ADDED, "assessments")
            continue
        ctx.assessments[row["id"]] = current["id"]
        ctx.alias("assessments", row["id"], current["id"], "matched by case and assessor")
        changes = ctx.reconcile(
            "assessments",
            mapped,
            current,
            (),
            latest=("updated_at",),
            earliest=("started_at",),
            by_field=ASSESSMENT_BY_FIELD,
        )
        _update(ctx, "assessments", current["id"], changes, ASSESSMENT_FIELDS)


def merge_criterion_grades(ctx: MergeContext) -> None:
    target = merge_rows.all_rows(ctx.db, "criterion_grades")
    by_id = {r["id"]: r for r in target}
    by_key = {(r["assessment_id"], r["criterion_id"]): r for r in target}
    for row in merge_rows.all_rows(ctx.package.db, "criterion_grades"):
        mapped = {
            **row,
            "assessment_id": ctx.assessments[row["assessment_id"]],
            "graded_by": ctx.assessors[row["graded_by"]],
        }
        key = (mapped["assessment_id"], row["criterion_id"])
        current = by_id.get(row["id"]) or by_key.get(key)
        if current is None:
            merge_rows.insert_row(ctx.db, "criterion_grades", mapped)
            by_id[row["id"]] = by_key[key] = mapped
            ctx.tally.add(ADDED, "criterion_grades")
        elif current["id"] == row["id"]:
            changes = ctx.reconcile("criterion_grades", mapped, current, GRADE_FIELDS)
            _update(ctx, "criterion_grades", current["id"], changes, GRADE_SHOWN)
            by_id[row["id"]] = by_key[key] = {**current, **changes}
        elif ctx.package_wins("criterion_grades", mapped, current, GRADE_FIELDS):
            # graded on both sides under different ids: the later one replaces the other
            merge_rows.delete_row(ctx.db, "criterion_grades", current["id"])
            merge_rows.insert_row(ctx.db, "criterion_grades", mapped)
            ctx.alias("criterion_grades", current["id"], row["id"], "graded in two places")
            del by_id[current["id"]]
            by_id[row["id"]] = by_key[key] = mapped
            same = all(current[f] == mapped[f] for f in GRADE_SHOWN)
            ctx.tally.add(UNCHANGED if same else UPDATED, "criterion_grades")
        else:
            ctx.alias("criterion_grades", row["id"], current["id"], "graded in two places")
            ctx.tally.add(UNCHANGED, "criterion_grades")


def merge_referrals(ctx: MergeContext) -> None:
    target = merge_rows.all_rows(ctx.db, "referrals")
    by_id = {r["id"]: r for r in target}
    by_assessment = {r["assessment_id"]: r for r in target}
    package = merge_rows.all_rows(ctx.package.db, "referrals")
    present = {r["id"] for r in package}
    for key in sorted(ctx.package.versions):
        table, referral_id = key[0], key[1]
        if len(key) > 2 or table != "referrals" or referral_id in present:
            continue
        if referral_id not in by_id:
            continue
        # withdrawn in the package: removed here too, if the package had seen this file's
        # latest change to it and it is still only flagged (a decision is never deleted)
        standing = ctx.seen(table, referral_id, referral_id)
        if standing == "concurrent" or (
            standing == "ahead" and by_id[referral_id]["state"] != FLAGGED_STATE
        ):
            _kept_decision(ctx, by_id[referral_id], "withdrew the flag")
            continue
        if standing == "ahead":
            merge_rows.delete_row(ctx.db, "referrals", referral_id)
            removed = by_id.pop(referral_id)
            by_assessment.pop(removed["assessment_id"], None)
            ctx.tally.add(UPDATED, "referrals")
    for row in package:
        mapped = {
            **row,
            "assessment_id": ctx.assessments[row["assessment_id"]],
            "flagged_by": ctx.assessors[row["flagged_by"]],
        }
        current = by_id.get(row["id"])
        if current is not None:
            changes = ctx.reconcile("referrals", mapped, current, (), by_field=REFERRAL_BY_FIELD)
            decided = current["state"] != FLAGGED_STATE
            unseen = row_id(ctx.target.version("referrals", current["id"], "state"))
            if decided and unseen and unseen not in ctx.package.ids:
                # changed on a laptop that had not seen the decision: the decision stands
                dropped = [f for f in ("reason", "note") if f in changes]
                for name in dropped:
                    del changes[name]
                if dropped:
                    _kept_decision(ctx, current, f"changed the referral {dropped[0]}")
            _update(ctx, "referrals", current["id"], changes, REFERRAL_FIELDS)
            by_id[row["id"]] = by_assessment[mapped["assessment_id"]] = {**current, **changes}
            continue
        other = by_assessment.get(mapped["assessment_id"])
        if other is not None:
            if not ctx.package_wins("referrals", mapped, other, REFERRAL_FIELDS):
                ctx.alias("referrals", row["id"], other["id"], "flagged in two places")
                ctx.tally.add(UNCHANGED, "referrals")
                continue
            ctx.alias("referrals", other["id"], row["id"], "flagged in two places")
            merge_rows.delete_row(ctx.db, "referrals", other["id"])
            by_id.pop(other["id"], None)
            outcome = UPDATED
        elif ctx.target.logged("referrals", row["id"]) and ctx.target.version(
            "referrals", row["id"]
        ) >= ctx.package.version("referrals", row["id"]):
            ctx.tally.add(UNCHANGED, "referrals")  # withdrawn here after the package's change
            continue
        else:
            outcome = ADDED
        merge_rows.insert_row(ctx.db, "referrals", mapped)
        by_id[row["id"]] = by_assessment[mapped["assessment_id"]] = mapped
        ctx.tally.add(outcome, "referrals")


def _kept_decision(ctx: MergeContext, referral: dict[str, Any], what: str) -> None:
    """Say, in words, that a laptop's change that had not seen a decision was not applied."""
    reference = merge_rows.reference_of_assessment(ctx.db, referral["assessment_id"])
    who = merge_rows.name_of(ctx.package.db, referral["flagged_by"]) or "the package's author"
    state = str(referral["state"]).replace("_", " ")
    ctx.notes.append(
        f"{reference}: {who} {what} after the referral was {state} here, without having seen "
        f"it; kept the {state} referral (see Review → Referrals)"
    )
    ctx.tally.add(UNCHANGED, "referrals")


def merge_reviews(ctx: MergeContext) -> None:
    by_id = {r["id"]: r for r in merge_rows.all_rows(ctx.db, "reviews")}
    for row in merge_rows.all_rows(ctx.package.db, "reviews"):
        answered_by = row["answered_by"]
        mapped = {
            **row,
            "assessment_id": ctx.assessments[row["assessment_id"]],
            "reviewer_id": ctx.assessors[row["reviewer_id"]],
            "answered_by": None if answered_by is None else ctx.assessors[answered_by],
        }
        current = by_id.get(row["id"])
        if current is None:
            merge_rows.insert_row(ctx.db, "reviews", mapped)
            ctx.tally.add(ADDED, "reviews")
            continue
        changes = ctx.reconcile("reviews", mapped, current, REVIEW_FIELDS)
        _update(ctx, "reviews", current["id"], changes, REVIEW_FIELDS)
