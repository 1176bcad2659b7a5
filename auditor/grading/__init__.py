"""Grading a case: the pure rules (status, suggestion), the desk that writes grades, undo."""
