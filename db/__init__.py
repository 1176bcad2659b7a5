"""Storage layer: the inspection file, its schema and migrations, and all SQL.

Speaks rows and dicts; imports neither ``auditor`` nor Qt.
"""
