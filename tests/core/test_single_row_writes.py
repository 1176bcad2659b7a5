"""The one-statement writes and reads an interactive edit uses behave as sqlite-utils' own:
the same rows read back, a missing row refused and nothing written, a join's repeated column
names suffixed the same way."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlite_utils import Database
from sqlite_utils.db import NotFoundError

from db.bulk import insert_row, update_row
from db.connection import open_database


@pytest.fixture
def db(tmp_path: Path):
    opened = open_database(tmp_path / "rows.caseaudit", create=True)
    opened.execute("CREATE TABLE notes (id TEXT PRIMARY KEY, text TEXT, n INTEGER)")
    opened.execute("CREATE TABLE tags (id TEXT PRIMARY KEY, note_id TEXT, text TEXT)")
    yield opened
    opened.close()


def test_a_row_inserted_and_updated_reads_back_as_written(db) -> None:
    with db.atomic():
        insert_row(db, "notes", {"id": "a", "text": "first", "n": 1})
        update_row(db, "notes", "a", {"text": "second", "n": 2})
    assert list(db.execute("SELECT id, text, n FROM notes").fetchall()) == [("a", "second", 2)]


def test_updating_a_missing_row_is_refused_and_writes_nothing(db) -> None:
    with db.atomic():
        insert_row(db, "notes", {"id": "a", "text": "kept", "n": 1})
    with pytest.raises(NotFoundError, match="no notes row with id b"), db.atomic():
        insert_row(db, "notes", {"id": "c", "text": "rolled back", "n": 3})
        update_row(db, "notes", "b", {"text": "lost"})
    assert db.execute("SELECT id, text FROM notes").fetchall() == [("a", "kept")]


def test_a_read_with_parameters_gives_what_sqlite_utils_gives(db, tmp_path: Path) -> None:
    with db.atomic():
        insert_row(db, "notes", {"id": "a", "text": "note", "n": 1})
        insert_row(db, "tags", {"id": "t", "note_id": "a", "text": "tag"})
    sql = "SELECT * FROM notes JOIN tags ON tags.note_id = notes.id WHERE notes.id = ?"
    ours = list(db.query(sql, ["a"]))
    library = list(Database(db.conn).query(sql, ["a"]))  # the library's own, same connection
    assert ours == library
    assert set(ours[0]) == {"id", "text", "n", "id_2", "note_id", "text_2"}
