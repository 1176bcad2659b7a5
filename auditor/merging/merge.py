"""Merging packages into an inspection: each package checked first, then one transaction each.

``merge_packages`` opens and checks every package before touching the inspection, so a bad
package refuses the whole command with nothing written. A missing inspection is created from
the first package (its inspection details and framework snapshot) under a temporary name and
renamed into place when every package is merged, so an interrupted merge leaves no file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from auditor.audit.log import COMBINATION
from auditor.inspection import Assessor, Inspection
from auditor.merging.allocations import merge_allocations, record_allocations_kept
from auditor.merging.cases import (
    copy_roster,
    merge_assessors,
    merge_cases,
    merge_chronology,
    merge_documents,
    merge_person_keys,
)
from auditor.merging.citations import merge_citations, record_citations_kept
from auditor.merging.concurrent import IdMap, Places, carry_pairs, find_pairs
from auditor.merging.concurrent_list import concurrent_changes
from auditor.merging.conflicts import find_conflicts
from auditor.merging.context import MergeContext, Side
from auditor.merging.gradings import (
    merge_assessments,
    merge_criterion_grades,
    merge_referrals,
    merge_reviews,
)
from auditor.merging.kept import record_what_was_kept
from auditor.merging.manifest import PackageError
from auditor.merging.outcome import ADDED, UNCHANGED, MergeSummary
from auditor.merging.package import Package, clean_unpacked, open_package
from auditor.merging.verify import verify_package
from auditor.people import SUPERVISOR, session
from db import lock, meta
from db import merge as merge_rows
from db.concurrent import insert_pairs
from db.connection import bulk_cache, open_database, passphrase_of


def merge_package(
    inspection: Inspection, package: Package, actor_name: str | None = None
) -> MergeSummary:
    """Merge one checked package in one transaction; a 'combination' entry if it changed.

    ``actor_name`` is who merges: that assessor (added as a supervisor when unknown, once
    the package's assessors are in) signs the combination entry; None leaves it unnamed.
    """
    _check_framework(inspection, package)
    verify_package(inspection, package)  # a signed inspection: roster, signatures, roles
    with bulk_cache(inspection.db), inspection.db.atomic():
        ctx = MergeContext(inspection, Side.read(package.db), Side.read(inspection.db))
        # where this file's records were before the merge (only needed if rows are new)
        places_before = Places.read(inspection.db) if ctx.package.ids - ctx.target.ids else None
        merge_assessors(ctx)
        merge_person_keys(ctx)
        merge_cases(ctx)
        merge_chronology(ctx)
        merge_documents(ctx)
        merge_assessments(ctx)
        merge_criterion_grades(ctx)
        merge_referrals(ctx)
        merge_reviews(ctx)
        merge_citations(ctx)
        allocation_pairs = merge_allocations(ctx)
        _merge_audit_log(ctx, places_before)
        ctx.concurrent += insert_pairs(inspection.db, allocation_pairs)
        if ctx.tally.changed or _new_aliases(ctx):
            actor = _actor(inspection, actor_name)
            _log_aliases(ctx, actor)
            record_what_was_kept(ctx, actor, set(ctx.cases.values()))
            record_allocations_kept(ctx, actor)
            record_citations_kept(ctx, actor)
            inspection.log.record_combination(
                actor,
                package.sha256,
                package.manifest.assessor,
                detail=f"merged {package.path.name}, graded by {package.manifest.assessor}",
            )
    # documents merged in are indexed for search, a batch per transaction after the merge's
    # own (derived data: an interrupted indexing is finished when the file is next searched)
    inspection.search.index_missing()
    return MergeSummary(
        package=str(package.path),
        package_sha256=package.sha256,
        assessor=package.manifest.assessor,
        tally=ctx.tally,
        conflicts=tuple(find_conflicts(inspection, set(ctx.cases.values()), unresolved_only=True)),
        notes=tuple(ctx.notes),
        concurrent=tuple(concurrent_changes(inspection, pairs=set(ctx.concurrent))),
        grade_label=inspection.framework.grade_label,
    )


def _check_encryption(inspection: Inspection, package: Package) -> None:
    """Refuse an encrypted package into a plain file: its case material would be written in
    plain text."""
    if package.manifest.encrypted and not inspection.encrypted:
        raise PackageError(
            f"{package.path}: an encrypted package, and {inspection.path} is not encrypted: "
            "merging would write its case material in plain text. Encrypt the inspection "
            f"first (case-auditor encrypt --db {inspection.path}); nothing merged"
        )


def _check_framework(inspection: Inspection, package: Package) -> None:
    """Refuse a package of another inspection, or graded against another framework."""
    theirs_id = package.inspection.get("id")
    if theirs_id != inspection.inspection_id:
        raise PackageError(
            f"{package.path}: a package of another inspection "
            f"({package.inspection.get('name')!r}, id {str(theirs_id)[:8]}…), not of "
            f"{inspection.name!r}; nothing merged"
        )
    ours = meta.get_framework_row(inspection.db) or {}
    theirs = package.framework
    if theirs["sha256"] != ours.get("sha256"):
        raise PackageError(
            f"{package.path}: graded against a different framework ({theirs['name']} "
            f"{theirs['version']}, sha256 {theirs['sha256'][:12]}) from this inspection's "
            f"({ours.get('name')} {ours.get('version')}, sha256 {str(ours.get('sha256'))[:12]}); "
            "nothing merged"
        )


def _merge_audit_log(ctx: MergeContext, places_before: Places | None) -> None:
    """Append the package's audit rows this log lacks, by id, in the order they happened;
    list the changes among them made unseen by this file's own (see ``concurrent``)."""
    present = ctx.target.ids  # read as the merge began; nothing before this writes the log
    rows = merge_rows.audit_rows_ordered(ctx.package.db)
    new = [r for r in rows if r["id"] not in present]
    ids = IdMap(ctx.cases, ctx.assessments, ctx.assessors)
    pairs = (
        find_pairs(ctx.package.db, ctx.package.ids, ctx.db, places_before, ids, new)
        if places_before is not None
        else set()
    )
    merge_rows.insert_audit_rows(ctx.db, new)
    ctx.concurrent = insert_pairs(ctx.db, pairs) + carry_pairs(ctx.package.db, ctx.db)
    ctx.tally.add(ADDED, "audit_log", len(new))
    ctx.tally.add(UNCHANGED, "audit_log", len(rows) - len(new))


def _new_aliases(ctx: MergeContext) -> list[tuple[str, str, str, str]]:
    return [a for a in ctx.aliases if not merge_rows.alias_recorded(ctx.db, *a[:3])]


def _log_aliases(ctx: MergeContext, actor: Assessor | None) -> None:
    """Log each package id matched to another id here, once (History can follow it)."""
    for table, package_id, target_id, how in _new_aliases(ctx):
        ctx.inspection.audit(
            actor,
            COMBINATION,
            case_id=target_id if table == "cases" else None,
            table=table,
            record_id=target_id,
            field="id",
            old=package_id,
            new=target_id,
            detail=how,
        )


def merge_packages(
    target: str | Path,
    packages: Sequence[str | Path],
    *,
    actor_name: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[MergeSummary]:
    """Merge ``packages`` in order into the inspection at ``target`` (created if missing).

    Every package is checked before anything is written, so a ``PackageError`` from those
    checks means nothing was merged. Each package is then merged in its own transaction: a
    failure while merging a later package leaves the earlier ones merged, never half of one.
    ``progress(text)`` is told each step; an exception it raises (a Cancel) stops the merge
    between packages, with the same guarantee (and nothing at all when ``target`` was new).
    """
    target = Path(target)
    if not packages:
        raise PackageError("no package to merge")
    say = progress or (lambda _text: None)
    work_dir = target.absolute().parent
    if work_dir.is_dir():
        clean_unpacked(work_dir)
    opened: list[Package] = []
    try:
        for number, path in enumerate(packages, 1):
            say(f"Checking package {number} of {len(packages)}: {Path(path).name}")
            opened.append(open_package(path, work_dir if work_dir.is_dir() else None))
        _check_same_framework(opened)
        _check_same_inspection(opened)
        if target.exists():
            return _merge_into_existing(target, opened, actor_name, say)
        return _merge_into_new(target, opened, actor_name, say)
    finally:
        for package in opened:
            package.close()


def _check_same_inspection(packages: list[Package]) -> None:
    first = packages[0]
    for other in packages[1:]:
        if other.inspection.get("id") != first.inspection.get("id"):
            raise PackageError(
                f"{other.path}: a package of another inspection than {first.path}; nothing merged"
            )


def _check_same_framework(packages: list[Package]) -> None:
    first = packages[0]
    for other in packages[1:]:
        if other.framework["sha256"] != first.framework["sha256"]:
            raise PackageError(
                f"{other.path}: graded against a different framework from {first.path}; "
                "nothing merged"
            )


def _merge_all(
    inspection: Inspection,
    packages: list[Package],
    actor_name: str | None,
    say: Callable[[str], None],
) -> list[MergeSummary]:
    summaries = []
    for number, package in enumerate(packages, 1):
        say(f"Merging package {number} of {len(packages)}: {package.path.name}")
        summaries.append(merge_package(inspection, package, actor_name))
    return summaries


def _merge_into_existing(
    target: Path, packages: list[Package], actor_name: str | None, say: Callable[[str], None]
) -> list[MergeSummary]:
    with Inspection.open(target) as inspection:
        for package in packages:
            _check_framework(inspection, package)
            _check_encryption(inspection, package)
        return _merge_all(inspection, packages, actor_name, say)


def _merge_into_new(
    target: Path, packages: list[Package], actor_name: str | None, say: Callable[[str], None]
) -> list[MergeSummary]:
    if not target.parent.is_dir():
        raise PackageError(f"{target}: the folder {target.parent} does not exist")
    partial = target.with_name(f".{target.name}.merging")
    lock.acquire(target)  # the final name is held while it is made: a second writer waits
    try:
        if not target.exists():
            return _merge_into_held(target, partial, packages, actor_name, say)
    finally:
        lock.release(target)
    return _merge_into_existing(target, packages, actor_name, say)  # made while we waited


def _merge_into_held(
    target: Path,
    partial: Path,
    packages: list[Package],
    actor_name: str | None,
    say: Callable[[str], None],
) -> list[MergeSummary]:
    _remove(partial)
    # An encrypted package never lands in plain text: the new file takes its passphrase.
    encrypted = next((p for p in packages if p.manifest.encrypted), None)
    passphrase = passphrase_of(encrypted.db) if encrypted is not None else None
    try:
        db = open_database(partial, create=True, passphrase=passphrase)
        try:
            with db.atomic():
                if packages[0].inspection.get("lead_id"):  # signed: its roster comes first
                    copy_roster(packages[0].db, db)
                meta.insert_inspection(db, packages[0].inspection)
                meta.insert_framework(db, packages[0].framework)
        finally:
            db.close()
        # whoever merges signs in for the new file as for its final name (--as KEYFILE)
        with Inspection.open(partial, key=session.key_for(target)) as inspection:
            summaries = _merge_all(inspection, packages, actor_name, say)
        os.replace(partial, target)
    except BaseException:
        _remove(partial)
        raise
    first = summaries[0]
    summaries[0] = replace(first, created=True)
    return summaries


def _remove(path: Path) -> None:
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)


def _actor(inspection: Inspection, name: str | None) -> Assessor | None:
    """Who merges: in a signed inspection the person signed in; else an assessor of that
    name (a new supervisor if none), or None (unnamed)."""
    if inspection.signed:
        return inspection.me
    name = " ".join((name or "").split())
    if not name:
        return None
    for person in inspection.assessors():
        if person.name == name:
            return person
    return inspection.assessor(name, SUPERVISOR)
