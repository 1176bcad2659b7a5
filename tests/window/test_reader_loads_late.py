"""The document reader (and QtPdf with it) is loaded when a document is first read, not at
start-up; once loaded it reads the document chosen, with the Cite item the shell set."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from auditor.case_rows import R_ID
from auditor.inspection import Inspection
from tests.support import ROOT

CHILD = """
import sys
from pathlib import Path
from benchmarks.startup import bench_settings, open_usable_window
folder = Path(sys.argv[2])
app, window = open_usable_window(sys.argv[1], str(bench_settings(folder, "Alex Placeholder")),
                                 int(sys.argv[3]))
print("at start", "PySide6.QtPdf" in sys.modules, "ui.cases.document_reader" in sys.modules)
case_file = window.case_file
window.select_case(sys.argv[4])
case_file.tabs.setCurrentIndex(1)
app.processEvents()
case_file.document_list.setCurrentRow(0)
app.processEvents()
reader = case_file.viewer
print("after", "PySide6.QtPdf" in sys.modules, reader.document.id == sys.argv[5],
      reader.isVisible(), reader.text.cite_label is not None)
"""


def test_the_reader_loads_with_the_first_document_read(demo_path: Path, tmp_path: Path) -> None:
    with Inspection.open(demo_path) as inspection:
        cases = inspection.case_count()
        case_id, document_id = next(
            (row[R_ID], documents[0].id)
            for row in inspection.case_list()
            if (documents := inspection.documents(row[R_ID]))
        )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path)}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            CHILD,
            str(demo_path),
            str(tmp_path),
            str(cases),
            case_id,
            document_id,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = [line for line in done.stdout.splitlines() if line.startswith(("at start", "after"))]
    assert lines == ["at start False False", "after True True True True"]
