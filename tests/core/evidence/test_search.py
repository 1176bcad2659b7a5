"""Searching the inspection's documents: real PDFs (with and without a text layer, damaged),
text files in UTF-8 and Windows-1252, an image; words, prefixes, phrases, best first."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from auditor.evidence.index import MARKS
from auditor.evidence.query import SearchError
from auditor.inspection import Assessor, Inspection
from tests.support.pdfs import damaged_pdf, scanned_pdf, text_pdf
from tests.support.start_up import loaded_at_start_up

FILLER = (
    "The officer recorded the time of arrival, the names of those present and the room used "
    "for the meeting, then listed the agencies invited and those who sent apologies."
)
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass
class Docs:
    """The test inspection and its documents' ids by file name."""

    insp: Inspection
    actor: Assessor
    ids: dict[str, str]
    refs: dict[str, str]  # file name -> case reference
    cases: dict[str, str]  # case reference -> case id


@pytest.fixture
def docs(tmp_path: Path) -> Iterator[Docs]:
    insp = Inspection.create(tmp_path / "search.caseaudit", name="Search test inspection")
    actor = insp.assessor("Test Inspector", "inspector")
    one = insp.add_case(actor, reference="EV-0001", case_type="CUSTODY")
    two = insp.add_case(actor, reference="EV-0002", case_type="CUSTODY")
    files: dict[str, tuple[str, bytes]] = {
        # the word many times, in a document about as long as the one naming it once
        "strategy.pdf": (
            one.id,
            text_pdf(
                "Strategy discussion",
                [
                    "Neglect was raised at once. The neglect of the younger child was described "
                    "by the school; neglect of the home was noted by the health visitor.",
                    "The child was not seen by the social worker before the meeting ended.",
                    FILLER,
                ],
            ),
        ),
        "referral.pdf": (
            two.id,
            text_pdf(
                "Referral",
                [
                    "The referral mentions neglect in passing, among other concerns.",
                    "Seen at school on Monday; the mother was not at home.",
                    FILLER,
                    FILLER,
                ],
            ),
        ),
        # the same word on three pages: one hit, on its best page
        "long-record.pdf": (
            two.id,
            text_pdf(
                "Long record",
                [
                    ("A bruise on the arm was photographed. " if i % 20 == 0 else "") + FILLER
                    for i in range(60)
                ],
            ),
        ),
        "scan.pdf": (one.id, scanned_pdf(2)),
        "broken.pdf": (one.id, damaged_pdf()),
        "notes.txt": (
            one.id,
            (
                "Officer’s note: a child-protection conference is due. The child fell down "
                "the stairs; a bruise was seen on the cheek. Zoë was present.\n"
            ).encode(),
        ),
        "old-notes.txt": (
            two.id,
            "Fa\xe7ade of the house in poor repair; the strangulation disclosure was made "
            "to the custody sergeant at 02:10, \x93verbatim\x94.\r\n".encode("latin-1"),
        ),
        # control characters in a text file (a bad export): never in a snippet
        "export.txt": (two.id, b"Ringing\x07 the bell\x02 twice\x03 before\x0c leaving."),
        "photo.png": (two.id, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
    }
    ids = {}
    refs = {}
    for name, (case_id, content) in files.items():
        ids[name] = insp.add_document(actor, case_id, name, content).id
        refs[name] = "EV-0001" if case_id == one.id else "EV-0002"
    yield Docs(insp, actor, ids, refs, {"EV-0001": one.id, "EV-0002": two.id})
    insp.close()


def names(docs: Docs, text: str) -> list[str]:
    by_id = {v: k for k, v in docs.ids.items()}
    return [by_id[h.document_id] for h in docs.insp.search.documents(text)]


def test_a_word_finds_the_documents_naming_it(docs: Docs) -> None:
    assert names(docs, "strangulation") == ["old-notes.txt"]
    hit = docs.insp.search.documents("strangulation")[0]
    assert (hit.reference, hit.title, hit.filename, hit.page) == (
        "EV-0002",
        "old-notes",
        "old-notes.txt",
        None,
    )
    assert f"{MARKS[0]}strangulation{MARKS[1]}" in hit.snippet


def test_a_windows_1252_text_file_is_searched_by_its_characters(docs: Docs) -> None:
    assert names(docs, "façade") == ["old-notes.txt"]
    assert names(docs, "verbatim") == ["old-notes.txt"]
    assert names(docs, "Zoë") == ["notes.txt"]
    assert names(docs, "zoe") == ["notes.txt"]  # diacritics and case do not matter


def test_a_prefix_finds_every_word_starting_so(docs: Docs) -> None:
    found = names(docs, "neglect*")
    assert sorted(found) == ["referral.pdf", "strategy.pdf"]
    assert names(docs, "strang*") == ["old-notes.txt"]
    assert names(docs, "strangx*") == []


def test_a_quoted_phrase_needs_the_words_together_in_order(docs: Docs) -> None:
    # "not seen" is a phrase only in the strategy discussion; the referral has both words apart
    assert names(docs, '"not seen"') == ["strategy.pdf"]
    assert sorted(names(docs, "not seen")) == ["referral.pdf", "strategy.pdf"]
    assert names(docs, '"seen not"') == []


def test_several_words_must_all_be_in_the_document(docs: Docs) -> None:
    assert sorted(names(docs, "bruise")) == ["long-record.pdf", "notes.txt"]
    assert names(docs, "bruise stairs") == ["notes.txt"]
    assert names(docs, "bruise strangulation") == []


def test_a_hyphenated_word_is_found_as_its_parts_together(docs: Docs) -> None:
    assert names(docs, "child-protection") == ["notes.txt"]
    assert names(docs, '"child protection"') == ["notes.txt"]
    assert names(docs, "stairs-bruise") == []  # "stairs; a bruise": not together


def test_search_words_that_are_fts_syntax_are_plain_words(docs: Docs) -> None:
    # AND, OR, NOT, NEAR and a colon mean nothing special in the search box
    assert names(docs, "strangulation OR bruise") == []
    assert names(docs, "custody: sergeant") == ["old-notes.txt"]
    assert names(docs, "NEAR(strangulation)") == []  # "near" is a word to find, not there
    assert names(docs, "NOT strangulation") == []
    assert names(docs, "custody AND sergeant") == []  # "and" is not in it either


def test_no_match_is_an_empty_list(docs: Docs) -> None:
    assert docs.insp.search.documents("hovercraft") == []
    assert docs.insp.search.case_ids("hovercraft") == set()


@pytest.mark.parametrize(
    "query, said",
    [
        ('"not seen', "not closed"),
        ('neglect "not', "not closed"),
        ("", "give a word"),
        ("  * -- ", "give a word"),
        ('""', "give a word"),
    ],
)
def test_a_bad_query_is_refused_in_one_line(docs: Docs, query: str, said: str) -> None:
    with pytest.raises(SearchError) as caught:
        docs.insp.search.documents(query)
    message = str(caught.value)
    assert said in message and "\n" not in message
    with pytest.raises(SearchError):
        docs.insp.search.case_ids(query)


def test_each_document_says_whether_it_is_searchable(docs: Docs) -> None:
    search = docs.insp.search
    states = search.states(list(docs.ids.values()))
    by_name = {name: states[i] for name, i in docs.ids.items()}
    assert by_name == {
        "strategy.pdf": "indexed",
        "referral.pdf": "indexed",
        "long-record.pdf": "indexed",
        "scan.pdf": "scanned",
        "broken.pdf": "unreadable",
        "notes.txt": "indexed",
        "old-notes.txt": "indexed",
        "export.txt": "indexed",
        "photo.png": "image",
    }
    assert search.state(docs.ids["scan.pdf"]) == "scanned: not searchable"
    assert search.state(docs.ids["broken.pdf"]) == "unreadable: not searchable"
    assert search.state(docs.ids["photo.png"]) == "an image: not searchable"
    assert search.state(docs.ids["notes.txt"]) == "searchable"
    assert search.state("no-such-document") == "not indexed yet"
    assert search.pages(docs.ids["scan.pdf"]) == []
    assert search.unindexed() == 0


def test_the_best_match_comes_first(docs: Docs) -> None:
    # the strategy discussion names neglect four times, the referral once
    assert names(docs, "neglect") == ["strategy.pdf", "referral.pdf"]


def test_a_document_matching_on_several_pages_is_one_hit_on_a_page_holding_it(
    docs: Docs,
) -> None:
    hits = [h for h in docs.insp.search.documents("bruise") if h.filename == "long-record.pdf"]
    assert len(hits) == 1
    pages = docs.insp.search.pages(docs.ids["long-record.pdf"])
    holding = [page for page, text in pages if "bruise" in text]
    assert len(holding) >= 2  # the record is long enough to name it on several pages
    assert hits[0].page in holding


def test_a_pdf_hit_names_its_page_and_case(docs: Docs) -> None:
    hit = docs.insp.search.documents('"not seen"')[0]
    assert (hit.reference, hit.title, hit.page) == ("EV-0001", "strategy", 1)
    assert docs.insp.search.case_ids("neglect") == set(docs.cases.values())
    assert docs.insp.search.case_ids("stairs") == {docs.cases["EV-0001"]}


def test_the_snippet_is_one_line_with_the_words_as_written(docs: Docs) -> None:
    for hit in docs.insp.search.documents("neglect*"):
        plain = hit.plain_snippet()
        assert not CONTROL.search(plain), plain
        assert re.search(r"\bneglect\w*", plain, re.IGNORECASE)
    hit = docs.insp.search.documents("verbatim")[0]
    assert "“verbatim”" in hit.plain_snippet()
    assert "[verbatim]" in hit.plain_snippet("[", "]")


def test_control_characters_in_a_document_never_reach_a_snippet(docs: Docs) -> None:
    hit = docs.insp.search.documents("bell")[0]
    assert hit.filename == "export.txt"
    # the only marks are those around the matched word
    assert hit.snippet.count(MARKS[0]) == 1 and hit.snippet.count(MARKS[1]) == 1
    assert f"{MARKS[0]}bell{MARKS[1]}" in hit.snippet
    assert not CONTROL.search(hit.plain_snippet())
    assert hit.plain_snippet() == "Ringing the bell twice before leaving."


def test_a_long_pdf_matching_on_every_page_leaves_room_for_the_other_documents(
    tmp_path: Path,
) -> None:
    # 40 pages naming the word densely rank above a note naming it once: the listing still
    # reaches the note, however few hits are asked for
    with Inspection.create(tmp_path / "pages.caseaudit", name="Pages test") as insp:
        actor = insp.assessor("Test Inspector", "inspector")
        case = insp.add_case(actor, reference="PG-0001", case_type="CUSTODY")
        dense = ["Missing. Missing again, missing overnight."] * 1200  # about 50 pages
        insp.add_document(actor, case.id, "log.pdf", text_pdf("Missing person log", dense))
        insp.add_document(actor, case.id, "note.txt", f"Once reported missing. {FILLER}".encode())
        pages = [p for p, text in insp.search.pages(insp.documents(case.id)[0].id) if text]
        assert len(pages) >= 40  # more than the rows first asked for
        for limit in (1, 2, 5, None):
            hits = insp.search.documents("missing", limit=limit)
            expected = ["log.pdf", "note.txt"][: limit or 2]
            assert [h.filename for h in hits] == expected


def test_typographic_quotes_pasted_from_a_document_make_a_phrase(docs: Docs) -> None:
    assert names(docs, "“not seen”") == ["strategy.pdf"]
    assert names(docs, "„not seen“") == ["strategy.pdf"]
    with pytest.raises(SearchError, match="not closed"):
        docs.insp.search.documents("“not seen")


def test_start_up_does_not_load_pdfium() -> None:
    """PDFium (pypdfium2) is loaded when a PDF is first indexed, not at start-up."""
    assert loaded_at_start_up("pypdfium2") == []
