"""Two connections to one file, as the window and its background indexer hold: a write
transaction that read first is never refused because the other committed meanwhile (SQLite's
stale-snapshot "database is locked"); it waits for the other's write to end instead."""

from __future__ import annotations

import threading
from pathlib import Path

from db.connection import open_database


def test_a_write_after_a_read_waits_for_the_other_connection(tmp_path: Path) -> None:
    path = tmp_path / "two.caseaudit"
    first = open_database(path, create=True)
    first.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    failed: list[BaseException] = []
    try:
        read_done, other_done = threading.Event(), threading.Event()

        def other() -> None:  # the indexer's batch, on its own connection in its own thread
            second = open_database(path, quick_check=False)
            try:
                read_done.wait(5)
                with second.atomic():
                    second.execute("INSERT INTO notes (text) VALUES ('indexed')")
            except BaseException as exc:
                failed.append(exc)
            finally:
                second.close()
                other_done.set()

        worker = threading.Thread(target=other)
        worker.start()
        with first.atomic():
            count = first.execute("SELECT count(*) FROM notes").fetchone()[0]
            read_done.set()
            other_done.wait(0.5)  # the other's write starts (and must wait for this one)
            first.execute("INSERT INTO notes (text) VALUES (?)", [f"graded after {count}"])
        worker.join(15)
        texts = sorted(r[0] for r in first.execute("SELECT text FROM notes").fetchall())
    finally:
        first.close()
    assert failed == []
    assert texts == ["graded after 0", "indexed"]  # both kept, neither refused
