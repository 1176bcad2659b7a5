"""A long session must not crash: PySide6's None refcount bug on Python 3.11 is contained."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_two_hundred_thousand_overrides_returning_none_do_not_abort_python() -> None:
    # In a child process: without the guard in ui/__init__.py this aborts with
    # "Fatal Python error: none_dealloc" on Python 3.11 (None's count is far below 200,000).
    code = textwrap.dedent(
        """
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        import ui  # the guard
        from PySide6.QtCore import QAbstractTableModel, QModelIndex
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        class Model(QAbstractTableModel):
            def rowCount(self, parent=QModelIndex()): return 1
            def columnCount(self, parent=QModelIndex()): return 1
            def data(self, index, role=0): return None
        model = Model()
        index = model.index(0, 0)
        for _ in range(200_000):
            index.data()
        print("survived")
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip().endswith("survived")
