from __future__ import annotations

import datetime as dt

from tutor.services.sync_status import SyncSnapshot, after_run, clock_text, status_text

T0 = int(dt.datetime(2026, 11, 24, 9, 5).timestamp() * 1000)


def test_not_enrolled_shows_nothing() -> None:
    assert status_text(SyncSnapshot(enrolled=False, last_seq=9)) == ""


def test_synced_then_offline_then_back() -> None:
    s = after_run(SyncSnapshot(enrolled=True), "done", 12, 12, "", T0)
    assert status_text(s) == "✓ Synced at " + clock_text(T0)
    s = after_run(s, "offline", 12, 15, "timed out", T0 + 60_000)
    assert status_text(s) == f"⚠ Offline since {clock_text(T0 + 60_000)} · 3 events waiting"
    later = after_run(s, "offline", 12, 16, "timed out", T0 + 600_000)
    assert later.offline_since_ms == T0 + 60_000  # since the first failure, not the last
    back = after_run(later, "done", 16, 16, "", T0 + 900_000)
    assert back.offline_since_ms is None and status_text(back).startswith("✓")


def test_one_event_is_singular_and_errors_are_in_words() -> None:
    s = SyncSnapshot(enrolled=True, last_seq=5, acked=4, outcome="offline")
    assert "1 event waiting" in status_text(s)
    s = after_run(s, "unauthorized", 4, 5, "This PC's token was revoked.", T0)
    assert status_text(s) == "✗ Sync problem: This PC's token was revoked."
