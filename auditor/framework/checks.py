"""The strict checks of a framework file: every section and key known (a near miss named: "did
you mean ..."), and no name that the workbook, the keyboard or the import would confuse.

``unknown_keys`` reads the TOML document as written; ``conflicts`` the framework made from it.
Each returns every problem found, as one line naming the file, the entry and the key; a file
given by a user is refused on the first, a snapshot stored in an inspection file loads with
them logged (see ``auditor.framework.loading``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from typing import Any

from auditor.framework.model import ALL_TYPES, FORMATS, Framework, Grade, Words

# --- the keys each section may hold -----------------------------------------------------------

_SCALE = ("code", "label", "aliases", "key")
#: Single tables ``[name]`` and their keys.
TABLES: dict[str, tuple[str, ...]] = {
    "framework": ("id", "name", "version", "source", "format"),
    "grading": ("overall_suggestion", "overall_from", "share"),
    "evidence": ("risk_words",),
    "words": tuple(f.name for f in fields(Words)),
    "not_applicable": _SCALE,
    "calendar": ("bank_holidays",),
}
#: Arrays of tables ``[[name]]``, the key naming each entry, and their keys.
ARRAYS: dict[str, tuple[str, tuple[str, ...]]] = {
    "grades": ("code", _SCALE),
    "answers": ("code", _SCALE),
    "case_types": ("code", ("code", "label")),
    "referral_reasons": ("code", ("code", "label")),
    "attributes": ("id", ("id", "label", "type")),
    "domains": ("id", ("id", "title", "suggestion")),
    "criteria": (
        "id",
        (
            "id",
            "title",
            "question",
            "guidance",
            "applies_to",
            "domain",
            "applies_when",
            "prompts",
            "prompts_feed",
            "wording",
        ),
    ),
    "event_types": ("code", ("code", "label")),
    "measures": (
        "id",
        ("id", "label", "from", "to", "applies_to", "since", "target_hours", "target"),
    ),
}
SHARE_KEYS = ("answers", "bands")
BAND_KEYS = ("at_least", "grade")
WORDING_KEYS = ("question", "guidance")
TARGET_KEYS = ("value", "unit")
#: What format 2 added: in a format 1 file these are refused (strict) or ignored (a snapshot).
FORMAT_2_SECTIONS = frozenset({"words", "answers", "attributes", "domains", "calendar"})
FORMAT_2_KEYS: dict[str, frozenset[str]] = {
    "grading": frozenset({"overall_from", "share"}),
    "grades": frozenset({"key"}),
    "not_applicable": frozenset({"key"}),
    "criteria": frozenset({"domain", "applies_when", "prompts", "prompts_feed", "wording"}),
    "measures": frozenset({"target"}),
}


@dataclass(frozen=True)
class Unknown:
    """A key (or section) the format does not have: where it is in the document, and why."""

    path: tuple[str | int, ...]
    message: str


def unknown_keys(data: dict[str, Any], origin: str) -> list[Unknown]:
    """Every section and key of the document that its format does not define."""
    meta = data.get("framework")
    form = meta.get("format", 1) if isinstance(meta, dict) else 1
    if isinstance(form, bool) or form not in FORMATS:
        form = 2  # not a format: the loader refuses it; only what no format has is named here
    found: list[Unknown] = []
    sections = [*TABLES, *ARRAYS]
    for name, value in data.items():
        if form == 1 and name in FORMAT_2_SECTIONS:
            found.append(Unknown((name,), _format_2(origin, _section(name, value), name)))
        elif name in TABLES:
            found += _keys(origin, (name,), f"[{name}]", value, TABLES[name], form, name)
        elif name in ARRAYS:
            found += _entries(origin, name, value, form)
        else:
            found.append(Unknown((name,), _unknown_section(origin, name, value, sections)))
    return found


def _entries(origin: str, name: str, value: Any, form: int) -> Iterator[Unknown]:
    if not isinstance(value, list):
        return  # written [name], not [[name]]: the loader says so
    naming, allowed = ARRAYS[name]
    for index, entry in enumerate(value):
        if not isinstance(entry, dict):
            continue
        code = entry.get(naming)
        where = f"{name} '{code}'" if isinstance(code, str) else f"{name} entry {index + 1}"
        path = (name, index)
        yield from _keys(origin, path, where, entry, allowed, form, name)
        if form == 1:
            continue  # wording and target are format 2's: named above, not looked into
        if name == "criteria" and isinstance(entry.get("wording"), dict):
            for case_type, texts in entry["wording"].items():
                yield from _keys(
                    origin,
                    (*path, "wording", case_type),
                    f"{where} wording.{case_type}",
                    texts,
                    WORDING_KEYS,
                    form,
                    "",
                )
        if name == "measures":
            yield from _keys(
                origin, (*path, "target"), f"{where} target", entry.get("target"), TARGET_KEYS
            )


def _keys(
    origin: str,
    path: tuple[str | int, ...],
    where: str,
    table: Any,
    allowed: tuple[str, ...],
    form: int = 2,
    section: str = "",
) -> Iterator[Unknown]:
    """The keys of one table that are not ``allowed`` (and its own nested tables' keys)."""
    if not isinstance(table, dict):
        return  # a missing or mistyped table: the loader says so
    later = FORMAT_2_KEYS.get(section, frozenset())
    for key in table:
        if key not in allowed:
            yield Unknown((*path, key), _unknown_key(origin, where, key, allowed))
        elif form == 1 and key in later:
            yield Unknown((*path, key), _format_2(origin, where, key))
    if section == "grading" and form != 1:
        share = table.get("share")
        yield from _keys(origin, (*path, "share"), "[grading.share]", share, SHARE_KEYS)
        bands = share.get("bands") if isinstance(share, dict) else None
        for index, band in enumerate(bands if isinstance(bands, list) else []):
            yield from _keys(
                origin,
                (*path, "share", "bands", index),
                f"[grading.share] band {index + 1}",
                band,
                BAND_KEYS,
            )


def _unknown_key(origin: str, where: str, key: str, allowed: Iterable[str]) -> str:
    near = _near(key, allowed)
    hint = f"did you mean '{near}'?" if near else f"the keys here are: {', '.join(allowed)}"
    return f"{origin}: {where}, key '{key}': unknown key; {hint}"


def _unknown_section(origin: str, name: str, value: Any, sections: list[str]) -> str:
    written = _section(name, value)
    tables = isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
    if not (isinstance(value, dict) or tables):  # a key above the first section
        homes = [f"[{t}]" for t, keys in TABLES.items() if name in keys]
        homes += [f"[[{a}]]" for a, (_, keys) in ARRAYS.items() if name in keys]
        place = f"it belongs in {' or '.join(homes)}" if homes else "keys belong in a section"
        return f"{origin}: top of the file, key '{name}': unknown key; {place}"
    near = _near(name, sections)
    hint = (
        f"did you mean {_section(near, value)}?"
        if near
        else f"the sections are: {', '.join(sections)}"
    )
    return f"{origin}: {written}, key '{name}': unknown section; {hint}"


def _format_2(origin: str, where: str, key: str) -> str:
    return (
        f"{origin}: {where}, key '{key}': is format 2; put format = 2 in [framework] to use "
        "it (a file without it is format 1)"
    )


def _section(name: str, value: Any) -> str:
    return f"[[{name}]]" if isinstance(value, list) else f"[{name}]"


def _near(word: str, options: Iterable[str]) -> str | None:
    choices = {o.casefold(): o for o in options}
    close = difflib.get_close_matches(word.casefold(), list(choices), n=1, cutoff=0.6)
    return choices[close[0]] if close else None


# --- names that must not collide --------------------------------------------------------------

#: The Cases sheet's fixed columns, by heading and by key (see auditor.importing.layout's
#: CASE_COLUMNS, which a test checks against this): a criterion's id heads its grade column,
#: '<id> note' its note column ('<id> prompts' its sub-prompt ticks), an attribute's label its
#: column, so none may be one of these (auditor.importing imports this package, not this it).
RESERVED_COLUMNS = (
    "Case reference",
    "reference",
    "Case type",
    "Borough",
    "BCU",
    "Team",
    "Date opened",
    "Summary",
    "Force grade",
    "Assessor",
    "Overall grade",
    "overall",
    "Override reason",
    "Referred back",
    "referred",
    "Referral reason",
    "Referral note",
)
#: Labels only Not applicable may have, whatever a framework calls it.
RESERVED_LABELS = ("Not applicable", "n/a")
_PART = re.compile(r"\(\s*part\s+\d+\s*\)\s*$", re.IGNORECASE)


def column_name(text: str) -> str:
    """A column name as compared: any case, spaces and underscores left out."""
    return re.sub(r"[\s_]+", "", str(text)).casefold()


def _spoken(text: str) -> str:
    """A label as import and the keyboard compare it: any case, spaces collapsed."""
    return " ".join(str(text).split()).casefold()


def conflicts(framework: Framework, origin: str) -> list[str]:
    """Every name of the framework that collides with a fixed column, a reserved label or code,
    or another of its names, each as a message naming the file, the entry and the key."""
    found = list(_columns(framework, origin))
    found += _scales(framework, origin)
    for section, entries in (
        ("case_types", framework.case_types),
        ("event_types", framework.event_types),
        ("referral_reasons", framework.referral_reasons),
    ):
        found += _labels(origin, section, [(e.code, e.code, e.label) for e in entries])
    domains = [(d.id, d.id, d.title) for d in framework.domains]
    found += _labels(origin, "domains", domains, ("id", "title"))
    for domain in framework.domains:
        if not any(c.domain == domain.id for c in framework.criteria):
            found.append(
                f"{origin}: domains '{domain.id}', key 'id': no criterion is in this domain "
                '(give one `domain = "' + domain.id + '"`, or remove the domain)'
            )
    return found


def reserved_codes(data: dict[str, Any], origin: str) -> list[str]:
    """A case type, event type or referral reason coded "*" (checked before the entries are
    read: "*" means every case type, and reads as a wildcard anywhere else)."""
    found = []
    for section in ("case_types", "event_types", "referral_reasons"):
        entries = data.get(section)
        starred = [
            entry
            for entry in (entries if isinstance(entries, list) else [])
            if isinstance(entry, dict) and str(entry.get("code", "")).strip() == ALL_TYPES
        ]
        if starred:
            found.append(
                f"{origin}: {section} '{ALL_TYPES}', key 'code': \"*\" is reserved (applies_to"
                ' = ["*"] means every case type); choose another code'
            )
    return found


def _columns(framework: Framework, origin: str) -> Iterator[str]:
    """Criterion ids and attributes against the workbook's columns and each other."""
    words = framework.words
    taken: dict[str, str] = {column_name(c): f"the fixed column '{c}'" for c in RESERVED_COLUMNS}
    for word, heading in (("area_1", words.area_1), ("area_2", words.area_2)):
        if heading:
            taken.setdefault(column_name(heading), f"the column '{heading}' ([words] {word})")
    grade = words.external_grade
    taken.setdefault(column_name(grade), f"the column '{grade}' ([words] external_grade)")
    named: list[tuple[str, str, str, str, str]] = []  # where, key, column, it, what it is
    for c in framework.criteria:
        where, note = f"criteria '{c.id}'", f"{c.id} note"
        named.append((where, "id", c.id, repr(c.id), f"the grade column of {where}"))
        its_note = f"its note column {note!r}"
        named.append((where, "id", note, its_note, f"the note column of {where}"))
        if c.prompts:
            ticks = f"{c.id} prompts"
            its_ticks = f"its sub-prompts column {ticks!r}"
            named.append((where, "id", ticks, its_ticks, f"the sub-prompts column of {where}"))
    for a in framework.attributes:
        where = f"attributes '{a.id}'"
        named.append((where, "id", a.id, repr(a.id), f"the id of {where}"))
        if column_name(a.label) != column_name(a.id):
            named.append((where, "label", a.label, repr(a.label), f"the column of {where}"))
    for where, key, column, it, what in named:
        if _PART.search(column):
            yield (
                f"{origin}: {where}, key '{key}': {it} ends like the column of a long text's "
                "continuation ('... (part 2)'); choose another"
            )
            continue
        folded = column_name(column)
        other = taken.setdefault(folded, what)
        if other != what and not other.endswith(f" of {where}"):
            yield (
                f"{origin}: {where}, key '{key}': {it} is the same column name as {other} "
                "(workbook columns are compared ignoring case, spaces and underscores); "
                "choose another"
            )


def _scales(framework: Framework, origin: str) -> Iterator[str]:
    """Labels, codes and aliases within each scale; Not applicable's names; keys."""
    na = framework.not_applicable
    reserved = {_spoken(n): n for n in (*RESERVED_LABELS, na.code, na.label, *na.aliases)}
    scales = [("grades", framework.grades)]
    if framework.separate_answers:
        scales.append(("answers", framework.answers))
    for section, scale in scales:
        yield from _labels(origin, section, [(g.code, *_names(g)) for g in scale])
        for grade in scale:
            for key, name in _named(grade):
                if _spoken(name) in reserved:
                    yield (
                        f"{origin}: {section} '{grade.code}', key '{key}': {name!r} is what "
                        f"Not applicable is called ([not_applicable] is {na.label!r}); "
                        f"{'an answer' if section == 'answers' else 'a grade'} cannot be named so"
                    )
    graded = [(f"grades '{g.code}'", g) for g in framework.grades]
    answered = [(f"answers '{g.code}'", g) for g in framework.answer_scale]
    if answered:
        yield from _keys_twice(origin, graded)
    yield from _keys_twice(origin, [*(answered or graded), ("[not_applicable]", na)])
    grade_labels = {g.code: g.label for g in framework.grades}
    for answer in framework.answer_scale:
        label = grade_labels.get(answer.code)
        if label is not None and label != answer.label:
            yield (
                f"{origin}: answers '{answer.code}', key 'code': the grade '{answer.code}' is "
                f"labelled {label!r}; an answer with a grade's code must have its label"
            )


def _names(grade: Grade) -> tuple[str, ...]:
    return (grade.code, grade.label, *grade.aliases)


def _named(grade: Grade) -> list[tuple[str, str]]:
    return [("code", grade.code), ("label", grade.label), *(("aliases", a) for a in grade.aliases)]


def _labels(
    origin: str,
    section: str,
    entries: list[tuple[str, ...]],
    keys: tuple[str, str] = ("code", "label"),
) -> Iterator[str]:
    """Entries (code, name, name, ...) none of whose names is another entry's (any case);
    ``keys`` names the first two names' keys (the rest are aliases)."""
    owner: dict[str, str] = {}
    for code, *names in entries:
        for index, name in enumerate(names):
            folded = _spoken(name)
            other = owner.setdefault(folded, code)
            if other != code:
                key = keys[index] if index < 2 else "aliases"
                yield (
                    f"{origin}: {section} '{code}', key '{key}': {name!r} also names "
                    f"{section} '{other}' (names are compared ignoring case); give each its own"
                )


def _keys_twice(origin: str, scale: Iterable[tuple[str, Grade]]) -> Iterator[str]:
    """Each point's keyboard key its own (any case); ``scale`` is (where, grade) pairs."""
    owner: dict[str, str] = {}
    for where, grade in scale:
        if not grade.key:
            continue
        other = owner.setdefault(grade.key.casefold(), where)
        if other != where:
            yield (
                f"{origin}: {where}, key 'key': {grade.key!r} is already the key of {other}; "
                "each point of a scale needs its own key"
            )
