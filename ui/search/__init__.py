"""Searching every document of the inspection (Edit → Search documents, Ctrl+Shift+F)."""
