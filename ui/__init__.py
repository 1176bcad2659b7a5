"""The PySide6 window. Calls ``auditor``; never runs SQL."""

from __future__ import annotations

import ctypes
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
