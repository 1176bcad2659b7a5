"""Starting the window: Python's cyclic garbage collector held off until the window is shown.

Importing the window's modules and building it makes hundreds of thousands of objects, few of
them garbage; the collector ran about 100 times while the window started and took ~20 ms of
it (benchmarks/RESULTS.md). It is held off from the console command's decision to open the
window until the window is shown, then runs as usual. Reference counting still frees
everything that is not in a cycle meanwhile. No Qt here: the launcher holds it before Qt is
imported.
"""

from __future__ import annotations

import gc

_held = False


def hold_collection() -> None:
    """No cyclic garbage collection until ``release_collection`` (only if it was running)."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release_collection() -> None:
    """Collection as usual again, if ``hold_collection`` held it (called once shown)."""
    global _held
    if _held:
        _held = False
        gc.enable()
