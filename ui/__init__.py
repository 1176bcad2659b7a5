"""The PySide6 window. Calls ``auditor``; never runs SQL."""

from __future__ import annotations

import ctypes
import os
import sys


def _keep_none_alive() -> None:
    """Work around a PySide6 refcount bug on Python 3.11 that would crash a long session.

    PySide6 6.12 releases a reference to None each time a Python override called from Qt
    (``data()``, ``paintEvent()``, ...) returns None. From Python 3.12 None is immortal and this
    is harmless; on 3.11 None's count falls with every repaint until Python aborts with
    "none_dealloc: deallocating None". Giving None an enormous count makes it immortal here too
    (and True and False, which a long run also saw fall).
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for singleton in (None, True, False):  # True and False were seen to leak too
        refcount = ctypes.c_ssize_t.from_address(id(singleton))
        if refcount.value < 1 << 40:
            refcount.value += 1 << 50


_keep_none_alive()


def _paint_on_the_ui_thread() -> None:
    """Let Qt's raster engine fill on the UI thread rather than hand tall fills to a pool.

    Qt splits a fill taller than about a hundred rows (a scroll bar's groove, a pane's
    background) into segments run on its GUI thread pool, and waits for them. For the small
    areas a step to the next case repaints, the hand-over costs more than the fill: it was a
    fifth of each step on a 2-core machine (``QLatch::waitInternal`` under
    ``QScrollBar::paintEvent``). Set before the first paint; a value already set is kept.
    """
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")


_paint_on_the_ui_thread()
