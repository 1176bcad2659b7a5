"""Storage layer: the inspection file, its schema and migrations, and all SQL.

Speaks rows and dicts; imports neither ``auditor`` nor Qt. sqlite-utils is imported the first
time something needs it (``db.database``, ``db.library``), not at start-up.
"""
