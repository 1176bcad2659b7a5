"""Search snippets made from a hit's text: the words marked as the index matched them."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.evidence import index as search_index
from auditor.evidence.index import MARKS
from auditor.evidence.query import search_terms
from auditor.evidence.snippets import make_snippet
from auditor.inspection import Inspection

OPEN, CLOSE = MARKS


def test_a_word_any_case_whole_and_marked() -> None:
    body = "The Officer spoke to the officers; no officer saw the child."
    made = make_snippet(body, search_terms("officer"), MARKS)
    assert (
        made
        == f"The {OPEN}Officer{CLOSE} spoke to the officers; no {OPEN}officer{CLOSE} saw the child."
    )


def test_a_prefix_marks_each_word_it_starts() -> None:
    made = make_snippet("Neglected, neglectful and neglect.", search_terms("neglect*"), MARKS)
    assert made is not None
    assert made.count(OPEN) == 3 and "neglectful" in made.replace(OPEN, "").replace(CLOSE, "")


def test_a_phrase_marks_its_words_and_a_long_text_is_cut_with_ellipses() -> None:
    body = ("filler " * 40) + "the social worker visited" + (" filler" * 60)
    made = make_snippet(body, search_terms('"social worker"'), MARKS)
    assert made is not None
    assert made.startswith("…") and made.endswith("…")
    assert f"{OPEN}social worker{CLOSE}" in made  # the phrase marked whole
    assert len(made) < 220


def test_no_word_found_gives_none() -> None:
    assert make_snippet("café", search_terms("cafe"), MARKS) is None  # the index folds accents


def _file(tmp_path: Path, bodies: list[str]) -> Inspection:
    insp = Inspection.create(tmp_path / "s.caseaudit", name="Snippets")
    me = insp.assessor("Ana Inspector", "inspector")
    [case] = insp.add_cases(
        me,
        [
            {
                "reference": "CUS-1",
                "case_type": "CUSTODY",
                "borough": "",
                "bcu": "",
                "team": "",
                "date_opened": None,
                "summary": "",
            }
        ],
    )
    for n, body in enumerate(bodies):
        insp.add_document(me, case.id, f"note-{n}.txt", body.encode())
    return insp


def test_an_accented_word_found_by_the_index_still_gets_a_marked_snippet(tmp_path: Path) -> None:
    with _file(tmp_path, ["The visit to the café was recorded."]) as insp:
        [hit] = insp.search.documents("cafe")
    assert f"{OPEN}café{CLOSE}" in hit.snippet  # FTS5's own snippet stands in


def test_many_matches_list_the_best_of_those_ranked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With more matching rows than are ranked, the best of the first ones are listed."""
    bodies = ["missing once, and a long text about other things " * 3] * 3
    bodies += ["missing missing missing missing"]  # the best match, attached last
    with _file(tmp_path, bodies) as insp:
        assert insp.search.documents("missing")[0].filename == "note-3.txt"
        monkeypatch.setattr(search_index, "RANKED_AT_MOST", 2)
        listed = [h.filename for h in insp.search.documents("missing")]
        assert "note-3.txt" not in listed[:2] and len(listed) >= 2
        assert insp.search.documents("missing", limit=None)[0].filename == "note-3.txt"
