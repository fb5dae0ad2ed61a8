"""Plain helpers shared by the store tests (fixtures live in conftest.py)."""

from __future__ import annotations

from tutor.domain.events import NewEvent

DEV = "0123456789abcdef"


class FakeClock:
    """Wall and monotonic milliseconds that move only when read."""

    def __init__(self, wall: int = 1_700_000_000_000, mono: int = 5_000) -> None:
        self.wall = wall
        self.mono = mono

    def wall_ms(self) -> int:
        self.wall += 7
        return self.wall

    def mono_ms(self) -> int:
        self.mono += 3
        return self.mono


def new_event(n: int) -> NewEvent:
    """A varied event: payload size and script (Latin, Urdu) change with ``n``."""
    payload = {"lesson": f"l-{n}", "text": "سبق" * (n % 4) + "x" * (n % 7), "n": n}
    return NewEvent(learner="learner-1", type="section.read", payload=payload)
