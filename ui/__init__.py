"""The PySide6 window. Calls ``auditor``; never runs SQL."""
