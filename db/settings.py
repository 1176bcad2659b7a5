"""Inspection settings: a key-value table in the file (e.g. days before a response is overdue).

Values are text; callers convert. Any module may keep its own keys here (report baselines,
thresholds). Writes happen inside the caller's transaction so they can be audited with it.
"""

from __future__ import annotations

from db.database import Database


def get_setting(db: Database, key: str) -> str | None:
    """The stored value of ``key``, or None when it was never set."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return None if row is None else str(row[0])


def set_setting(db: Database, key: str, value: str, updated_at: str) -> None:
    """Store ``value`` under ``key`` (replacing any earlier value)."""
    db.execute(
        "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        [key, value, updated_at],
    )


def all_settings(db: Database) -> dict[str, str]:
    """Every stored setting, key -> value."""
    return {r[0]: r[1] for r in db.execute("SELECT key, value FROM settings ORDER BY key")}
