"""A screen-reader user can grade a case: the real window read through AT-SPI.

The application runs as a user starts it (``case-auditor --db FILE``) on Xvfb, with Qt's
AT-SPI bridge on a private D-Bus session and the AT-SPI registry; ``atspi_reader.py``, run by
the system's Python with the Atspi binding, reads the accessibility tree and the events a
screen reader (Orca) speaks from; keys are pressed through XTest (xdotool), as a keyboard
does. The tests run in order on one session (starting it once keeps the module quick).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.allocation.whose import whose_grading
from auditor.inspection import Inspection
from auditor.timeliness import measure_case
from tests.support.window import team_counts
from tests.window.a11y.session import Desktop, why_not

REASON = why_not()
pytestmark = pytest.mark.skipif(bool(REASON), reason=f"AT-SPI cannot run here: {REASON}")

USER = ("Test Inspector", "inspector")


def nodes(tree: dict) -> Iterator[dict]:
    """Every node read, depth first (the reading order)."""
    yield tree
    for child in tree["children"]:
        yield from nodes(child)


def said(node: dict) -> str:
    """What a screen reader says of a node: its name, description and text."""
    return " ".join(p for p in (node["name"], node["description"], node.get("text") or "") if p)


def showing(tree: dict) -> list[dict]:
    return [n for n in nodes(tree) if "showing" in n["states"]]


def focused(tree: dict) -> list[dict]:
    """The focused nodes showing; a list or table focused with its focused item (its active
    descendant, as Orca reads it) counts once, as the item."""

    def has_focused_below(node: dict) -> bool:
        return any("focused" in n["states"] for c in node["children"] for n in nodes(c))

    return [n for n in showing(tree) if "focused" in n["states"] and not has_focused_below(n)]


def announced(events: list[dict]) -> str:
    """What a screen reader speaks from the events: announcements and where focus lands (not
    a label or the status bar changing elsewhere, which Orca leaves unsaid)."""
    return " | ".join(
        (e["text"] or "") if e["type"] == "object:announcement" else said(e)
        for e in events
        if e["type"] in ("object:announcement", "object:state-changed:focused")
    )


def hear(desktop: Desktop, awaited: str, timeout: float = 10.0) -> str:
    """What is announced until ``awaited`` is heard (or ``timeout`` passes): on a busy machine
    the window may take a while to answer a key."""
    words: list[str] = []
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        words.append(announced(desktop.events(settle=0.5)))
        if awaited in " | ".join(words):
            break
    return " | ".join(w for w in words if w)


class Facts:
    """What the tests expect, read from the inspection file by the core (not the window)."""

    def __init__(self, path: Path) -> None:
        inspection = Inspection.open(path)
        try:
            user = inspection.assessor(*USER)
            framework = inspection.framework
            cases = sorted(
                (inspection.case(row[0]) for row in inspection.case_list()),
                key=lambda c: c.reference,
            )
            self.first = cases[0]
            self.second = cases[1]
            self.type_label = framework.case_type_label(self.first.case_type)
            self.second_type_label = framework.case_type_label(self.second.case_type)
            events = inspection.chronology(self.first.id)
            self.timeliness = [
                r.text
                for r in measure_case(
                    framework, self.first.case_type, [(e.occurred_at, e.event_type) for e in events]
                )
            ]
            # The first case after the second that the user may grade, and how far it is.
            self.steps, self.gradable = next(
                (i, c)
                for i, c in enumerate(cases[2:], start=2)
                if whose_grading(inspection, user, c.id).editable
            )
            criteria = framework.criteria_for(self.gradable.case_type)
            self.criterion, self.next_criterion = criteria[0], criteria[1]
            self.grade = framework.grades[1]  # the key "2"
            self.scale = len(framework.grades) + 1  # and Not applicable
            documents = inspection.documents(self.gradable.id)
            self.pdf_row, self.pdf = next(
                (row, d) for row, d in enumerate(documents) if d.media_type == "application/pdf"
            )
            self.pdf_pages = inspection.search.pages(self.pdf.id)  # the text indexed for search
            graded_cases, graded, flagged = team_counts(inspection)
            self.progress = f"{graded} of {graded_cases} graded, {flagged} flagged"
        finally:
            inspection.close()


@pytest.fixture(scope="module")
def demo_copy(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("atspi") / "demo.caseaudit"
    shutil.copyfile(demo_template, path)
    return path


@pytest.fixture(scope="module")
def facts(demo_copy: Path) -> Facts:
    return Facts(demo_copy)


@pytest.fixture(scope="module")
def desktop(demo_copy: Path, facts: Facts) -> Iterator[Desktop]:
    session = Desktop(demo_copy.parent, demo_copy, USER)
    try:
        session.focus_window()
        wait_for(
            session,
            lambda tree: any(n["name"].startswith(facts.first.reference) for n in showing(tree)),
            "the first case on screen",
        )
        session.events()  # what starting said is not what the tests listen for
        yield session
    finally:
        session.close()


def wait_for(desktop: Desktop, ready, what: str, timeout: float = 20.0) -> dict:
    """The tree once ``ready(tree)`` holds (read again until then)."""
    end = time.monotonic() + timeout
    while True:
        tree = desktop.tree()
        if ready(tree):
            return tree
        if time.monotonic() > end:
            raise AssertionError(f"never read {what}; showing: {[said(n) for n in showing(tree)]}")
        time.sleep(0.3)


def test_the_case_on_screen_is_in_the_tree(desktop: Desktop, facts: Facts) -> None:
    tree = desktop.tree()
    texts = [said(n) for n in showing(tree)]
    heading = f"{facts.first.reference}: {facts.type_label}"
    assert any(heading in t for t in texts), heading
    assert any(facts.first.summary in t for t in texts), facts.first.summary
    for line in facts.timeliness:
        assert any(line in t for t in texts), line
    status_bar = [said(n) for n in showing(tree) if n["role"] == "status bar"]
    assert any(facts.progress in t for t in texts), (facts.progress, status_bar)


def test_every_focusable_control_has_a_name_and_one_has_focus(desktop: Desktop) -> None:
    tree = desktop.tree()
    unnamed = [
        (n["role"], n["description"])
        for n in showing(tree)
        if "focusable" in n["states"] and not n["name"].strip()
    ]
    assert unnamed == []
    # One node focused, the one with the keyboard: not also the case list's current cell
    # (ui/shell/case_table.py) or the current tab (ui.common.a11y.TabListAccessible), which
    # Qt marks focused whatever has the keyboard.
    assert [n["name"] for n in focused(tree)] == ["Search cases"]


def test_the_tab_list_is_named_for_its_section(desktop: Desktop) -> None:
    tree = desktop.tree()
    tab_lists = [n for n in showing(tree) if n["role"] == "page tab list"]
    assert [n["name"] for n in tab_lists] == ["Case file sections"]
    tabs = [c for c in tab_lists[0]["children"] if c["role"] == "page tab"]
    assert [t["name"] for t in tabs] == ["Chronology", "Documents"]
    assert "selected" in tabs[0]["states"]
    assert not any("focused" in t["states"] for t in tabs)  # the keyboard is elsewhere


def test_filters_are_labelled_by_their_purpose(desktop: Desktop) -> None:
    combos = [n for n in showing(desktop.tree()) if n["role"] == "combo box"]
    labelled = {label for n in combos for label in n.get("labelled_by", [])}
    assert {"Filter by case type", "Filter by status", "Filter by overall grade"} <= labelled


def test_stepping_past_the_start_of_the_list_is_announced(desktop: Desktop) -> None:
    desktop.keys("ctrl+Prior")  # on the first case
    assert "No more cases in this list" in hear(desktop, "No more cases")


def test_stepping_announces_the_case(desktop: Desktop, facts: Facts) -> None:
    desktop.keys("ctrl+Next")
    words = hear(desktop, facts.second.reference)
    assert facts.second.reference in words
    assert facts.second_type_label in words
    tree = desktop.tree()
    assert len(focused(tree)) == 1, [said(n) for n in focused(tree)]


def test_a_grade_by_key_is_confirmed_and_read(desktop: Desktop, facts: Facts, demo_copy) -> None:
    for _ in range(facts.steps - 1):
        desktop.keys("ctrl+Next")
    words = hear(desktop, facts.gradable.reference)
    assert facts.gradable.reference in words
    assert " to do: " in words  # what is left to grade, said with the case
    desktop.keys("2")
    words = hear(desktop, "next: ")
    assert f"{facts.criterion.title}: {facts.grade.label}" in words
    assert f"next: {facts.next_criterion.title}" in words
    tree = desktop.tree()
    card = next(n for n in showing(tree) if n["name"] == f"Criterion: {facts.criterion.title}")
    assert facts.grade.label in said(card)
    # Focus moved on to the next criterion, and only there.
    assert [n["name"] for n in focused(tree)] == [f"Criterion: {facts.next_criterion.title}"]
    # The grade buttons are a row of radio buttons and say where they are in it.
    button = next(
        n for n in showing(tree) if n["name"] == f"{facts.criterion.title}: {facts.grade.label}"
    )
    assert button["role"] == "radio button"
    assert "checked" in button["states"]
    assert f"2 of {facts.scale}" in button["description"]
    # The grade heard is the grade saved (read while the window holds the file).
    inspection = Inspection.open(demo_copy, read_only=True)
    try:
        user = next(p for p in inspection.assessors() if (p.name, p.role) == USER)
        grading = inspection.grading.assessment(facts.gradable.id, user.id)
        assert grading.grade_of(facts.criterion.id) == facts.grade.code
    finally:
        inspection.close()


def words_of(text: str) -> str:
    return " ".join(text.split())


def test_a_pdf_is_read_with_its_page_and_text(desktop: Desktop, facts: Facts) -> None:
    """By keyboard only: the search box, Tab to the case file's tabs, Right to Documents, Tab
    into the list, Down to the PDF."""
    # On the case with the PDF, from wherever the session is (the test also runs alone).
    desktop.keys(*["ctrl+Prior"] * (facts.steps + 1), *["ctrl+Next"] * facts.steps)
    hear(desktop, facts.gradable.reference)
    desktop.keys("ctrl+f")
    desktop.keys(*["Tab"] * 7)  # which cases, three filters, referred back, list, the tabs
    desktop.keys("Right", "Tab", *["Down"] * facts.pdf_row)
    pages = len(facts.pdf_pages)
    name = f"PDF document, page 1 of {pages}"
    tree = wait_for(desktop, lambda t: any(n["name"] == name for n in showing(t)), name)
    view = next(n for n in showing(tree) if n["name"] == name)
    first_page = words_of(facts.pdf_pages[0][1])
    assert words_of(view["description"]).startswith("Page 1: ")
    assert first_page[:60] in words_of(view["description"])
    assert len(focused(tree)) == 1, [said(n) for n in focused(tree)]
