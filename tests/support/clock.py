"""A test clock: moves on one minute each time it is read, from 1 March 2018 (UTC)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

START = datetime(2018, 3, 1, 9, 0, tzinfo=UTC)


class Clock:
    """A clock that moves on one minute each time it is read, from 1 March 2018."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def __call__(self) -> str:
        self.now += timedelta(minutes=1)
        return self.now.isoformat(timespec="milliseconds").replace("+00:00", "Z")

    def jump(self, **delta: float) -> None:
        self.now += timedelta(**delta)
