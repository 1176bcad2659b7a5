"""The audit log: append-only in the file itself, the Log and History views, DPA s62 kinds."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from auditor.audit.log import COMBINATION, CONSULTATION, DISCLOSURE, KINDS, AuditLog
from auditor.audit.rebuild import audit_discrepancies
from auditor.audit.words import entry_sentence
from auditor.inspection import Assessor, Inspection
from auditor.review.desk import ReviewDesk
from tests.support.clock import Clock
from tests.support.review import add_case, audit, flagged_case

OTHER_PROGRAM = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
try:
    conn.execute(sys.argv[2])
except sqlite3.IntegrityError as exc:
    print(exc)
"""


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_log SET new_value = 'forged'",
        "UPDATE audit_log SET actor_id = NULL WHERE kind = 'alteration'",
        "DELETE FROM audit_log",
        "DELETE FROM audit_log WHERE rowid = (SELECT max(rowid) FROM audit_log)",
    ],
)
def test_sql_cannot_update_or_delete_the_audit_log(
    insp: Inspection, inspector: Assessor, statement: str
) -> None:
    flagged_case(insp, "CUS-1", inspector)
    before = audit(insp)
    # Through the workstation's own connection (sqlcipher3: its own exception classes) ...
    with pytest.raises(sqlcipher.IntegrityError, match="the audit log is append-only"):
        insp.db.execute(statement)
    # ... and through another program's SQLite (the standard library's, in its own process:
    # two SQLite libraries on one file in one process would break each other's locks).
    other = subprocess.run(
        [sys.executable, "-c", OTHER_PROGRAM, str(insp.path), statement],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert other.returncode == 0, other.stderr
    assert "the audit log is append-only" in other.stdout
    assert audit(insp) == before


def test_the_log_view_filters_by_user_case_kind_and_day(
    insp: Inspection,
    clock: Clock,
    log: AuditLog,
    desk: ReviewDesk,
    inspector: Assessor,
    other_inspector: Assessor,
    supervisor: Assessor,
) -> None:
    first = flagged_case(insp, "CUS-1", inspector)  # 1 March 2018
    clock.jump(days=2)
    insp.record_consultation(supervisor, first.case_id)  # 3 March
    desk.confirm_referral(first.id, supervisor)
    clock.jump(days=2)
    second = add_case(insp, "CUS-2")  # 5 March
    insp.grading.set_grade(second.id, other_inspector, "voice_of_child", "good")
    log.record_disclosure(supervisor, "Excel workbook for the force", "Invented force lead")

    assert log.entries() == log.entries(since="2018-01-01", until="2018-12-31")
    mine = log.entries(user_id=supervisor.id)
    assert {e.actor_name for e in mine} == {"Sue Supervisor"}
    assert [e.kind for e in mine].count(CONSULTATION) == 1
    assert {e.reference for e in log.entries(case_id=second.id)} == {"CUS-2"}
    assert [e.kind for e in log.entries(kind=DISCLOSURE)] == [DISCLOSURE]
    both = log.entries(kind=(CONSULTATION, DISCLOSURE))
    assert [e.kind for e in both] == [CONSULTATION, DISCLOSURE]
    on_the_third = log.entries(since="2018-03-03", until="2018-03-03")
    assert on_the_third and all(e.at.startswith("2018-03-03") for e in on_the_third)
    assert {e.actor_name for e in on_the_third} == {"Sue Supervisor"}
    assert all(e.at >= "2018-03-05" for e in log.entries(since="2018-03-05"))
    assert all(e.at < "2018-03-02" for e in log.entries(until="2018-03-01"))
    assert log.entries(user_id=other_inspector.id, case_id=first.case_id) == []
    assert len(log.entries(limit=3)) == 3

    history = log.history(first.case_id)
    assert [e.at for e in history] == sorted(e.at for e in history)
    assert history == log.entries(case_id=first.case_id)
    sentences = [entry_sentence(insp.framework, e) for e in history]
    assert "Sue Supervisor (supervisor) moved the referral to Confirmed (was Flagged)" in sentences


def test_disclosure_and_combination_are_logged(
    insp: Inspection, log: AuditLog, supervisor: Assessor, inspector: Assessor
) -> None:
    assert set(KINDS) == {"alteration", CONSULTATION, DISCLOSURE, COMBINATION}
    log.record_disclosure(supervisor, "Report tables (xlsx)", "  Invented   force lead ")
    log.record_disclosure(supervisor, "Case package CUS-1", None)
    log.record_disclosure(inspector, "Audit trail export", "")
    log.record_combination(supervisor, "ab" * 32, "Ben Inspector")
    disclosures = log.entries(kind=DISCLOSURE)
    assert [(e.actor_name, e.detail, e.new_value) for e in disclosures] == [
        ("Sue Supervisor", "Report tables (xlsx)", "Invented force lead"),
        ("Sue Supervisor", "Case package CUS-1", "not stated"),
        ("Ann Inspector", "Audit trail export", "not stated"),
    ]
    (merge,) = log.entries(kind=COMBINATION)
    assert (merge.field, merge.new_value, merge.old_value) == (
        "source_file_sha256",
        "ab" * 32,
        "Ben Inspector",
    )
    assert "Ben Inspector" in entry_sentence(insp.framework, merge)


def test_the_log_survives_reopening_and_agrees_with_the_tables(
    insp: Inspection, desk: ReviewDesk, inspector: Assessor, supervisor: Assessor
) -> None:
    assessment = flagged_case(insp, "CUS-1", inspector)
    desk.return_to_inspector(assessment.id, supervisor, "Invented question?")
    desk.answer(assessment.id, inspector, "Invented answer.")
    desk.confirm_referral(assessment.id, supervisor)
    assert audit_discrepancies(insp) == []
    count = len(audit(insp))
    again = Inspection.open(insp.path)  # a second connection reads what was committed
    try:
        assert len(audit(again)) == count
        assert audit_discrepancies(again) == []
    finally:
        again.close()
