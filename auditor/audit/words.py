"""The ledger in plain words: fields and values with the framework's labels, and each entry
as a sentence ("Ann Inspector (inspector) set Voice of the child: Good (was Inadequate)").

Pure functions of a framework and a row's table, field and values (no storage): the History
and Audit log views and the merge's list of concurrent changes all speak through them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from auditor.framework.model import Words
from auditor.grading.rules import (
    DECISION_LABELS,
    body_noun,
    referral_state_labels,
    status_labels,
)
from auditor.records import ATTRIBUTE_FIELD

#: The police wording (format 1's words), whose area headings keep their old lower-case form.
POLICE = Words()

if TYPE_CHECKING:
    from auditor.audit.log import AuditEntry
    from auditor.framework import Framework

CASE_FIELD_WORDS = {
    "reference": "reference",
    "case_type": "case type",
    "borough": "borough",
    "bcu": "BCU",
    "team": "team",
    "date_opened": "date opened",
    "summary": "case summary",
}
ASSESSMENT_FIELD_WORDS = {
    "overall_grade": "overall grade",
    "override_reason": "reason for the overall grade",
    "status": "status",
}
#: ``{body}`` is the inspected body in the framework's words ("the force", "the service").
REFERRAL_FIELD_WORDS = {
    "flag": "referral flag",
    "reason": "referral reason",
    "note": "referral note",
    "state": "referral state",
    "force_reference": "{noun}'s reference for the referral",
    "response_action": "{noun}'s response",
    "sent_at": "date sent to {body}",
    "response_at": "date {body} responded",
    "closed_at": "date closed",
}
REVIEW_FIELD_WORDS = {
    "decision": "review decision",
    "note": "review note",
    "overall_grade": "grade the review judged",
    "answer": "answer to the supervisor's question",
}
TABLE_WORDS = {
    "assessors": "team member",
    "person_keys": "personal key",
    "moderation_cases": "moderation sample",
    "settings": "setting",
    "documents": "document",
    "chronology": "chronology",
}
#: A sub-prompt's tick in words (``auditor.grading.prompts``).
TICK_WORDS = {"y": "yes", "n": "no", "-": "not answered"}
#: Longest text value shown in full; longer text is cut with an ellipsis.
SHOWN_CHARS = 60
#: Details that only repeat what the sentence says.
REPEATED_DETAILS = {"", "case file opened"}
KIND_SENTENCES = {
    "consultation": "opened the case file",
    "disclosure": "exported",
    "combination": "merged a package",
}


def field_words(framework: Framework, table: str, name: str) -> str:
    """A field of a ledger row in words ("grade for Voice of the child", "referral reason")."""
    if table == "cases":
        if name.startswith(ATTRIBUTE_FIELD):  # a case attribute: its label
            key = name.removeprefix(ATTRIBUTE_FIELD)
            return next((a.label for a in framework.attributes if a.id == key), _spaced(key))
        if name in ("borough", "bcu"):  # an area column: the framework's heading, if its own
            area = framework.words.area_1 if name == "borough" else framework.words.area_2
            police = POLICE.area_1 if name == "borough" else POLICE.area_2
            if area and area != police:
                return area
        return CASE_FIELD_WORDS.get(name, _spaced(name))
    if table == "assessments":
        return ASSESSMENT_FIELD_WORDS.get(name, _spaced(name))
    if table == "criterion_grades":
        criterion_id, _, column = name.rpartition(".")
        what = {"grade": "grade for", "prompts": "sub-prompt ticks of"}.get(column, "note on")
        return f"{what} {criterion_title(framework, criterion_id)}"
    if table == "referrals":
        words = framework.words
        found = REFERRAL_FIELD_WORDS.get(name)
        return (
            found.format(body=words.inspected_body, noun=body_noun(words))
            if found
            else _spaced(name)
        )
    if table == "reviews":
        return REVIEW_FIELD_WORDS.get(name, _spaced(name))
    return _spaced(name)


def value_words(
    framework: Framework, table: str, name: str, value: str | None, limit: int | None = SHOWN_CHARS
) -> str:
    """A value of a field in words: labels for codes, quoted text (cut at ``limit``
    characters unless None), 'nothing' if blank."""
    column = name.rpartition(".")[2]
    if table == "referrals" and column == "flag":
        return "flagged" if value else "withdrawn"
    if value is None or value == "":
        return "nothing"
    if table == "criterion_grades" and column == "prompts":  # "y-n": one tick per prompt
        return ", ".join(TICK_WORDS.get(tick, tick) for tick in value)
    if column in ("grade", "overall_grade"):
        return framework.grade_label(value) or value
    if table == "referrals" and column == "state":
        return referral_state_labels(framework.words).get(value, value)
    if table == "referrals" and column == "reason":
        return framework.referral_reason_label(value)
    if column == "status":
        return status_labels(framework.words).get(value, value)
    if table == "reviews" and column == "decision":
        return DECISION_LABELS.get(value, value)
    return quoted(value, limit)


def quoted(value: str, limit: int | None = SHOWN_CHARS) -> str:
    text = " ".join(value.split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"“{text}”"


def criterion_title(framework: Framework, criterion_id: str) -> str:
    criterion = framework.criterion(criterion_id)
    return criterion.title if criterion else _spaced(criterion_id)


def entry_sentence(framework: Framework, entry: AuditEntry) -> str:
    """One ledger entry as a sentence beginning with who made it, with their role."""
    who = entry.who
    if entry.kind != "alteration":
        said = KIND_SENTENCES.get(entry.kind, entry.kind)
        text = f"{who} {said}"
        return f"{text} ({entry.detail})" if entry.detail not in REPEATED_DETAILS else text
    return f"{who} {_alteration(framework, entry)}"


def _alteration(framework: Framework, entry: AuditEntry) -> str:
    table, name = entry.record_table, entry.field
    # In the History and the Log, text is shown whole: it is what was written.
    old = value_words(framework, table, name, entry.old_value, None)
    new = value_words(framework, table, name, entry.new_value, None)
    was = "" if old == "nothing" else f" (was {old})"
    column = name.rpartition(".")[2]
    if table == "criterion_grades":
        title = criterion_title(framework, name.rpartition(".")[0])
        if column == "grade":
            if entry.new_value is None:
                return f"cleared the grade for {title}{was}"
            return f"set {title}: {new}{was}"
        if column == "prompts":
            if not entry.new_value:
                return f"cleared the sub-prompt ticks of {title}"
            return f"ticked the sub-prompts of {title}: {new}"
        if not entry.new_value:
            return f"cleared the evidence note on {title}"
        return f"wrote the evidence note on {title}: {new}"
    if table == "assessments":
        if name == "assessor":
            return "started grading the case"
        if name == "status":
            return f"moved the grading to {new}{was}"
        if name == "override_reason":
            return f"gave the reason for the overall grade: {new}"
    if table == "referrals":
        if name == "flag":
            if entry.new_value:
                return f"ticked Refer back to {framework.words.inspected_body}"
            return "withdrew the referral back"
        if name == "reason" and not entry.old_value:
            return f"flagged for referral back: {new}"
        if name == "state":
            return f"moved the referral to {new}{was}"
    if table == "reviews":
        if name == "decision":
            return f"reviewed the case: {new}"
        if name == "note":
            return f"wrote, with the review: {new}"
        if name == "answer":
            return f"answered the supervisor's question: {new}"
    if table == "cases" and name == "reference" and entry.old_value is None:
        return f"added the case {entry.new_value or ''}".rstrip()
    if table == "documents" and entry.old_value is None:
        return f"attached the document {new}"
    if table == "chronology":
        return f"added {entry.new_value or 'some'} chronology events"
    if name.endswith("_id"):  # a reference to a record: what the change did is its detail
        return entry.detail or f"changed the {_spaced(name.removesuffix('_id'))}"
    if table == "settings":
        return f"set the setting {_spaced(entry.record_id)}: {new}{was}"
    what = field_words(framework, table, name)
    if table in TABLE_WORDS:
        what = f"{TABLE_WORDS[table]} {what}"
    text = f"set the {what}: {new}{was}"
    return f"{text} ({entry.detail})" if entry.detail else text


def _spaced(name: str) -> str:
    return name.replace("_", " ").replace(".", " ")
