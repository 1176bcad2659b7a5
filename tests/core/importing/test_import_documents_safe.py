"""Case documents are read safely: only regular files in real folders (a link to /etc/passwd is
not attached, nor a case folder that is a link), plain names only (no path separator, no
``..``, no control or invisible character: each refusal says which), sizes checked before a
byte is read (a sparse 1 GB document is refused from its size, in little memory), the limit
set by ``--max-document-mb``, and a document that changes between the check and the read is
refused with everything rolled back."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from auditor.importing import documents, run
from auditor.importing.problems import ImportRefused
from auditor.inspection import Inspection
from tests.support.import_files import import_in_child, listing, refused_cleanly
from tests.support.importing import run_import, snapshot

GB = 1024 * 1024 * 1024


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A documents folder with one good document for IMP-001."""
    docs = tmp_path / "docs"
    (docs / "IMP-001").mkdir(parents=True)
    (docs / "IMP-001" / "referral.txt").write_text("Referral from the school nurse.\n")
    return docs


@pytest.fixture
def existing(base_inspection: Path, tmp_path: Path) -> Path:
    target = tmp_path / "target"
    target.mkdir()
    return Path(shutil.copyfile(base_inspection, target / "inspection.caseaudit"))


def refused(existing: Path, sample: Path, folder: Path, *said: str, extra=()) -> str:
    """The import refused (in a child, measured) with the inspection and its folder as they
    were; the standard error is returned."""
    before, names = snapshot(existing), listing(existing.parent)
    child = import_in_child(existing, sample, "--documents", str(folder), *extra)
    err = refused_cleanly(child, *said)
    assert snapshot(existing) == before and listing(existing.parent) == names
    return err


def attached(db: Path) -> list[tuple[str, int, str]]:
    with Inspection.open(db) as inspection:
        rows = inspection.db.execute("SELECT filename, size, sha256 FROM documents").fetchall()
    return sorted(tuple(r) for r in rows)


def test_a_good_document_is_attached_whole_and_once(
    capsys, workbook, folder: Path, existing: Path
) -> None:
    sample = workbook()
    code, out, err = run_import(capsys, existing, sample, "--documents", str(folder))
    assert (code, err) == (0, ""), err
    assert "1 documents attached" in out
    content = (folder / "IMP-001" / "referral.txt").read_bytes()
    assert attached(existing) == [
        ("referral.txt", len(content), hashlib.sha256(content).hexdigest())
    ]
    code, out, _ = run_import(capsys, existing, sample, "--documents", str(folder))
    assert code == 0 and "Nothing changed" in out


def test_a_link_to_etc_passwd_is_not_attached(workbook, folder: Path, existing: Path) -> None:
    (folder / "IMP-001" / "passwd.txt").symlink_to("/etc/passwd")
    refused(
        existing,
        workbook(),
        folder,
        "Documents, folder 'IMP-001', file 'passwd.txt': is a symbolic link to /etc/passwd; "
        "links are not followed",
    )


def test_a_case_folder_that_is_a_link_is_not_read(
    tmp_path: Path, workbook, folder: Path, existing: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "secret.txt").write_text("not for the inspection")
    (folder / "IMP-002").symlink_to(elsewhere)
    refused(
        existing,
        workbook(),
        folder,
        f"Documents, folder 'IMP-002': is a symbolic link to {elsewhere}",
    )


def test_a_documents_folder_that_is_a_link_is_refused(
    tmp_path: Path, workbook, folder: Path, existing: Path
) -> None:
    link = tmp_path / "docs-link"
    link.symlink_to(folder)
    refused(existing, workbook(), link, f"{link}: is a symbolic link to {folder}")


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("..\\..\\x.txt", "its name holds '..' and the path separator '\\', so it could point"),
        ("a\\b.txt", "its name holds the path separator '\\'; rename the file"),
        ("bell\x07.txt", "its name holds a control character (U+0007)"),
        ("esc\x1b[31m.txt", "its name holds a control character (U+001B)"),
        ("new\nline.txt", "its name holds a control character (U+000A)"),
        ("invoice\u202etxt.pdf", "its name holds an invisible character (U+202E RIGHT-TO-LEFT"),
        ("zero\u200bwidth.txt", "its name holds an invisible character (U+200B ZERO WIDTH SPACE"),
    ],
    ids=["dotdot", "backslash", "bell", "escape", "newline", "rtl-override", "zero-width"],
)
def test_a_name_that_is_not_plain_is_refused_saying_why(
    workbook, folder: Path, existing: Path, name: str, said: str
) -> None:
    (folder / "IMP-001" / name).write_text("x")
    err = refused(existing, workbook(), folder, said)
    assert "\x1b" not in err and "\x07" not in err  # never sent raw to the terminal
    assert "\u202e" not in err


def test_a_named_pipe_document_does_not_hang(workbook, folder: Path, existing: Path) -> None:
    os.mkfifo(folder / "IMP-001" / "pipe.txt")
    refused(
        existing,
        workbook(),
        folder,
        "file 'pipe.txt': is a named pipe (FIFO), not a document: only regular files are read",
    )


def test_a_folder_inside_a_case_folder_is_refused(workbook, folder: Path, existing: Path) -> None:
    (folder / "IMP-001" / "more.pdf").mkdir()
    refused(existing, workbook(), folder, "file 'more.pdf': is a folder; documents are the files")


def test_a_sparse_gigabyte_document_is_refused_from_its_size(
    workbook, folder: Path, existing: Path
) -> None:
    with (folder / "IMP-001" / "huge.pdf").open("wb") as handle:
        handle.truncate(GB)  # no disk used; reading it would need a gigabyte of memory
    before, names = snapshot(existing), listing(existing.parent)
    child = import_in_child(existing, workbook(), "--documents", str(folder))
    refused_cleanly(
        child,
        "Documents, folder 'IMP-001', file 'huge.pdf': is 1,024 MB (1,073,741,824 bytes); "
        "documents above 50 MB are refused before they are read (raise the limit with "
        "--max-document-mb)",
    )
    assert child.peak_mb < 150 and child.seconds < 10  # nothing of it was read
    assert snapshot(existing) == before and listing(existing.parent) == names


def test_the_document_limit_is_the_flag_s(capsys, tmp_path: Path, workbook, folder: Path) -> None:
    (folder / "IMP-002" / "scan.pdf").parent.mkdir()
    (folder / "IMP-002" / "scan.pdf").write_bytes(os.urandom(3 * 1024 * 1024))
    sample = workbook()
    db = tmp_path / "new.caseaudit"
    refused_cleanly(
        import_in_child(db, sample, "--documents", str(folder), "--max-document-mb", "2"),
        "file 'scan.pdf': is 3.0 MB (3,145,728 bytes); documents above 2.0 MB are refused",
    )
    assert not db.exists()
    code, out, err = run_import(capsys, db, sample, "--documents", str(folder))
    assert code == 0 and "2 documents attached" in out, err


def test_a_document_the_folder_check_passed_then_swapped_for_a_link_is_refused(
    tmp_path: Path, workbook, folder: Path, existing: Path, monkeypatch
) -> None:
    """Between the listing (sizes and kinds) and the reading, the file becomes a link: the
    read refuses it, and the transaction already begun rolls back."""
    real_find = run.find_documents

    def find_then_swap(*args, **kwargs):
        found = real_find(*args, **kwargs)
        document = folder / "IMP-001" / "referral.txt"
        document.unlink()
        document.symlink_to("/etc/passwd")
        return found

    monkeypatch.setattr(run, "find_documents", find_then_swap)
    before = snapshot(existing)
    with pytest.raises(ImportRefused) as refusal:
        run.import_file(existing, workbook(), "Robin Example", folder)
    (line,) = refusal.value.problems.lines()
    assert line.startswith("Documents, folder 'IMP-001', file 'referral.txt': is a symbolic link")
    assert line.endswith("(it changed while the import ran)")
    assert snapshot(existing) == before


def test_a_document_that_grew_past_its_limit_is_refused_when_read(
    tmp_path: Path, folder: Path
) -> None:
    document = folder / "IMP-001" / "referral.txt"
    record = documents.DocumentRecord("IMP-001", document, 10, limit=100)
    document.write_bytes(b"x" * 500)  # grew after it was listed
    with pytest.raises(ImportRefused) as refusal:
        documents._read(record)
    assert "is 500 bytes" in refusal.value.problems.lines()[0]


def test_a_document_is_read_in_chunks_and_hashed_as_read(folder: Path) -> None:
    document = folder / "IMP-001" / "big.pdf"
    content = os.urandom(5 * 1024 * 1024 + 17)
    document.write_bytes(content)
    record = documents.DocumentRecord("IMP-001", document, len(content), limit=len(content))
    read, digest = documents._read(record)
    assert read == content and digest == hashlib.sha256(content).hexdigest()


def test_a_document_just_under_the_limit_is_attached_in_bounded_memory(
    tmp_path: Path, workbook, folder: Path
) -> None:
    content = os.urandom(45 * 1024 * 1024)
    (folder / "IMP-001" / "scan.pdf").write_bytes(content)
    db = tmp_path / "new.caseaudit"
    child = import_in_child(db, workbook(), "--documents", str(folder))
    assert child.code == 0, child.err
    assert "2 documents attached" in child.out
    assert child.peak_mb < 500 and child.seconds < 30
    assert ("scan.pdf", len(content), hashlib.sha256(content).hexdigest()) in attached(db)


def test_a_file_that_grows_after_it_is_opened_is_read_no_further_than_its_limit(
    tmp_path: Path,
) -> None:
    from auditor.importing.opening import TooBig, open_regular, read_at_most

    path = tmp_path / "growing.txt"
    path.write_bytes(b"x" * 100)
    with open_regular(path, 1000, "--max-document-mb") as handle:
        with path.open("ab") as writer:
            writer.write(b"y" * 5000)  # after the size was checked on the opened file
        with pytest.raises(TooBig, match="grew to at least 1,001 bytes"):
            read_at_most(handle, 1000, "--max-document-mb")


def test_where_folders_cannot_be_held_open_each_name_is_checked_before_use(
    capsys, workbook, folder: Path, existing: Path, monkeypatch
) -> None:
    """Windows has no O_NOFOLLOW or descriptor-relative opening: the same refusals by lstat."""
    monkeypatch.setattr(documents, "_BY_DESCRIPTOR", False)
    (folder / "IMP-001" / "passwd.txt").symlink_to("/etc/passwd")
    code, _, err = run_import(capsys, existing, workbook(), "--documents", str(folder))
    assert code == 2 and "file 'passwd.txt': is a symbolic link to /etc/passwd" in err
    (folder / "IMP-001" / "passwd.txt").unlink()
    code, out, err = run_import(capsys, existing, workbook(), "--documents", str(folder))
    assert code == 0 and "1 documents attached" in out, err
