"""The inspection file's schema, as forward migrations: one function per step.

Each step runs in its own transaction together with the record of it having been applied
(sqlite-utils' ``Migrations``) and ends by setting ``PRAGMA user_version`` to its number, so
``user_version`` is always the schema version of the file. A released step is never edited:
a change to the schema is a new step at the end of the list.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from db.migrating import Steps

if TYPE_CHECKING:
    from db.database import Database

MIGRATION_SET = "case_auditor"
STEPS = Steps(MIGRATION_SET)
step = STEPS.step


def _set_version(db: Database, version: int) -> None:
    db.execute(f"PRAGMA user_version = {int(version)}")


def _run(db: Database, script: str) -> None:
    """Run statements one by one inside the caller's transaction.

    ``executescript`` would commit first and break the migration's atomicity.
    """
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement in migration: {statement!r}")


@step("0001_initial")
def _m0001_initial(db: Database) -> None:
    """Inspection, framework snapshot, people, cases and their file, gradings, referrals."""
    _run(
        db,
        """
        CREATE TABLE inspection (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            force TEXT NOT NULL DEFAULT '',
            start_date TEXT,
            end_date TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE framework (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            version TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            source_toml TEXT NOT NULL,
            added_at TEXT NOT NULL
        );
        CREATE TABLE assessors (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('inspector', 'supervisor')),
            created_at TEXT NOT NULL
        );
        CREATE TABLE cases (
            id TEXT PRIMARY KEY,
            reference TEXT NOT NULL UNIQUE,
            case_type TEXT NOT NULL,
            borough TEXT NOT NULL DEFAULT '',
            bcu TEXT NOT NULL DEFAULT '',
            team TEXT NOT NULL DEFAULT '',
            date_opened TEXT,
            summary TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            case_id TEXT NOT NULL REFERENCES cases(id),
            title TEXT NOT NULL,
            filename TEXT NOT NULL,
            media_type TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            content BLOB NOT NULL,
            added_at TEXT NOT NULL
        );
        CREATE INDEX documents_case ON documents(case_id);
        CREATE TABLE chronology (
            id TEXT PRIMARY KEY,
            case_id TEXT NOT NULL REFERENCES cases(id),
            occurred_at TEXT NOT NULL,
            event_type TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX chronology_case ON chronology(case_id, occurred_at);
        CREATE TABLE assessments (
            id TEXT PRIMARY KEY,
            case_id TEXT NOT NULL REFERENCES cases(id),
            assessor_id TEXT NOT NULL REFERENCES assessors(id),
            overall_grade TEXT,
            override_reason TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'not_started',
            started_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            completed_at TEXT,
            UNIQUE (case_id, assessor_id)
        );
        CREATE TABLE criterion_grades (
            id TEXT PRIMARY KEY,
            assessment_id TEXT NOT NULL REFERENCES assessments(id),
            criterion_id TEXT NOT NULL,
            grade TEXT,
            note TEXT NOT NULL DEFAULT '',
            graded_by TEXT NOT NULL REFERENCES assessors(id),
            graded_at TEXT NOT NULL,
            UNIQUE (assessment_id, criterion_id)
        );
        CREATE TABLE referrals (
            id TEXT PRIMARY KEY,
            assessment_id TEXT NOT NULL UNIQUE REFERENCES assessments(id),
            reason TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL DEFAULT 'flagged',
            flagged_by TEXT NOT NULL REFERENCES assessors(id),
            flagged_at TEXT NOT NULL,
            sent_at TEXT,
            force_reference TEXT NOT NULL DEFAULT '',
            response_at TEXT,
            response_action TEXT NOT NULL DEFAULT '',
            closed_at TEXT
        );
        CREATE TABLE reviews (
            id TEXT PRIMARY KEY,
            assessment_id TEXT NOT NULL REFERENCES assessments(id),
            reviewer_id TEXT NOT NULL REFERENCES assessors(id),
            kind TEXT NOT NULL,
            decision TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        CREATE TABLE audit_log (
            id TEXT PRIMARY KEY,
            at TEXT NOT NULL,
            actor_id TEXT,
            kind TEXT NOT NULL,
            case_id TEXT,
            record_table TEXT NOT NULL DEFAULT '',
            record_id TEXT NOT NULL DEFAULT '',
            field TEXT NOT NULL DEFAULT '',
            old_value TEXT,
            new_value TEXT,
            detail TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX audit_log_case ON audit_log(case_id, at);
        """,
    )
    _set_version(db, 1)


@step("0002_append_only_audit_and_case_list_indexes")
def _m0002_audit_append_only(db: Database) -> None:
    """Make the audit log append-only in the database itself; index the case list."""
    _run(
        db,
        """
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE INDEX cases_type ON cases(case_type, reference);
        CREATE INDEX assessments_case ON assessments(case_id);
        CREATE INDEX audit_log_actor ON audit_log(actor_id, at);
        """,
    )
    _set_version(db, 2)


@step("0003_reviews_answers_settings_and_log_indexes")
def _m0003_reviews_and_settings(db: Database) -> None:
    """Answers to supervisors' questions, the grade a QA review judged, inspection settings.

    Also indexes the review queue, the referrals view and the Log view's filters.
    """
    _run(
        db,
        """
        ALTER TABLE reviews ADD COLUMN overall_grade TEXT;
        ALTER TABLE reviews ADD COLUMN answer TEXT NOT NULL DEFAULT '';
        ALTER TABLE reviews ADD COLUMN answered_by TEXT REFERENCES assessors(id);
        ALTER TABLE reviews ADD COLUMN answered_at TEXT;
        CREATE INDEX reviews_assessment ON reviews(assessment_id, created_at);
        CREATE INDEX referrals_state ON referrals(state, flagged_at);
        CREATE INDEX audit_log_kind ON audit_log(kind, at);
        CREATE INDEX audit_log_at ON audit_log(at);
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        """,
    )
    _set_version(db, 3)


@step("0004_moderation_reconciliations_force_grades")
def _m0004_moderation(db: Database) -> None:
    """Moderation: the sample and its second inspectors, the lead's agreed grades, and the
    grade the force's own audit team gave each case."""
    _run(
        db,
        """
        CREATE TABLE moderation_cases (
            id TEXT PRIMARY KEY,
            case_id TEXT NOT NULL UNIQUE REFERENCES cases(id),
            first_assessor_id TEXT NOT NULL REFERENCES assessors(id),
            reason TEXT NOT NULL CHECK (reason IN ('referral', 'stratified')),
            percent REAL NOT NULL,
            seed INTEGER NOT NULL,
            drawn_by TEXT NOT NULL REFERENCES assessors(id),
            drawn_at TEXT NOT NULL,
            second_assessor_id TEXT REFERENCES assessors(id),
            assigned_at TEXT
        );
        CREATE INDEX moderation_cases_second ON moderation_cases(second_assessor_id);
        CREATE TABLE reconciliations (
            id TEXT PRIMARY KEY,
            case_id TEXT NOT NULL UNIQUE REFERENCES cases(id),
            overall_grade TEXT NOT NULL,
            note TEXT NOT NULL,
            reconciled_by TEXT NOT NULL REFERENCES assessors(id),
            reconciled_at TEXT NOT NULL
        );
        CREATE TABLE force_grades (
            case_id TEXT PRIMARY KEY REFERENCES cases(id),
            grade TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        """,
    )
    _set_version(db, 4)


@step("0005_roster_keys_and_signed_ledger")
def _m0005_roster_and_ledger(db: Database) -> None:
    """People's keys, who added each person, the inspection's lead, and the signed ledger.

    Every audit row may now carry its author (the person whose key signed it), the key's
    fingerprint, the hash of that author's previous row, its own hash and the signature.
    Rows written before an inspection was signed have none of these.
    """
    _run(
        db,
        """
        ALTER TABLE inspection ADD COLUMN lead_id TEXT REFERENCES assessors(id);
        ALTER TABLE assessors ADD COLUMN added_by TEXT REFERENCES assessors(id);
        CREATE TABLE person_keys (
            fingerprint TEXT PRIMARY KEY,
            person_id TEXT NOT NULL REFERENCES assessors(id),
            public_key TEXT NOT NULL,
            added_by TEXT REFERENCES assessors(id),
            added_at TEXT NOT NULL,
            retired_by TEXT REFERENCES assessors(id),
            retired_at TEXT
        );
        CREATE INDEX person_keys_person ON person_keys(person_id);
        ALTER TABLE audit_log ADD COLUMN author_id TEXT;
        ALTER TABLE audit_log ADD COLUMN key_fingerprint TEXT;
        ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
        ALTER TABLE audit_log ADD COLUMN row_hash TEXT;
        ALTER TABLE audit_log ADD COLUMN signature TEXT;
        CREATE INDEX audit_log_author ON audit_log(author_id);
        """,
    )
    _set_version(db, 5)


@step("0006_concurrent_changes")
def _m0006_concurrent_changes(db: Database) -> None:
    """Pairs of audit rows that changed one field on two laptops, neither having seen the other.

    A merge finds them (see ``auditor.merging.concurrent``) and packages carry them, so every
    file that holds both changes lists the pair; the lead's resolution is an audit row. The
    log is indexed by record, for the merge's look at one record's changes.
    """
    _run(
        db,
        """
        CREATE TABLE concurrent_changes (
            first_id TEXT NOT NULL REFERENCES audit_log(id),
            second_id TEXT NOT NULL REFERENCES audit_log(id),
            PRIMARY KEY (first_id, second_id),
            CHECK (first_id < second_id)
        );
        CREATE INDEX audit_log_record ON audit_log(record_table, record_id);
        """,
    )
    _set_version(db, 6)


@step("0007_allocations")
def _m0007_allocations(db: Database) -> None:
    """Allocations: which inspector each case is given to, by whom and when (one row per
    allocated case; a case never allocated, or cleared, has none). Indexed by inspector for
    "My cases"."""
    _run(
        db,
        """
        CREATE TABLE allocations (
            case_id TEXT PRIMARY KEY REFERENCES cases(id),
            assessor_id TEXT NOT NULL REFERENCES assessors(id),
            allocated_by TEXT REFERENCES assessors(id),
            allocated_at TEXT NOT NULL
        );
        CREATE INDEX allocations_assessor ON allocations(assessor_id);
        """,
    )
    _set_version(db, 7)


@step("0008_evidence")
def _m0008_evidence(db: Database) -> None:
    """Evidence: citations (a passage of a document behind a criterion's grade, one row each,
    belonging to the grading's assessment; ``removed`` marks one taken back, kept so a merge
    never brings it back), and the full-text index of the documents' text (FTS5, one row per
    PDF page or per text document) with each document's state (indexed, scanned: no text
    layer, an image, unreadable). The documents already in the file are indexed by the
    workstation after this step (``auditor.evidence.index.index_missing``)."""
    _run(
        db,
        """
        CREATE TABLE citations (
            id TEXT PRIMARY KEY,
            assessment_id TEXT NOT NULL REFERENCES assessments(id),
            criterion_id TEXT NOT NULL,
            document_id TEXT NOT NULL REFERENCES documents(id),
            page INTEGER,
            quote TEXT NOT NULL DEFAULT '',
            start INTEGER,
            region TEXT,
            cited_by TEXT REFERENCES assessors(id),
            cited_at TEXT NOT NULL,
            removed INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX citations_assessment ON citations(assessment_id, criterion_id);
        CREATE VIRTUAL TABLE document_text USING fts5(
            body, document_id UNINDEXED, page UNINDEXED,
            tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TABLE document_index (
            document_id TEXT PRIMARY KEY REFERENCES documents(id),
            state TEXT NOT NULL,
            pages INTEGER NOT NULL DEFAULT 0,
            indexed_at TEXT NOT NULL
        );
        """,
    )
    _set_version(db, 8)


@step("0009_case_attributes_and_prompt_ticks")
def _m0009_attributes_and_prompts(db: Database) -> None:
    """Framework format 2: each case's attributes (the facts its framework declares, e.g.
    ``licence_weeks``) as a JSON object of attribute id to value (a number, or text; an
    attribute not recorded is absent), and each criterion grade's sub-prompt ticks, one
    character per prompt in the framework's order: "y" ticked yes, "n" no, "-" not answered
    ("" when none is answered). Files from before keep their cases and grades as they were."""
    _run(
        db,
        """
        ALTER TABLE cases ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}';
        ALTER TABLE criterion_grades ADD COLUMN prompts TEXT NOT NULL DEFAULT '';
        """,
    )
    _set_version(db, 9)


#: The names of the steps, in order.
MIGRATION_NAMES = STEPS.names
SCHEMA_VERSION = len(MIGRATION_NAMES)
