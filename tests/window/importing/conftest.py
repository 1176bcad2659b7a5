"""The import tests" fixtures (in tests/support/importing.py, shared by core and window)."""

from tests.support.importing import base_inspection, workbook

__all__ = ["base_inspection", "workbook"]
