"""What the status line says about sync, in words: synced, waiting, offline since, or an error.

Pure: takes the last sync report and the clock, returns text. The app runs the sync itself
in a worker (``tutor.sync.local_pc.run_sync``) and shows this text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tutor.i18n import _, ngettext


@dataclass(frozen=True)
class SyncSnapshot:
    """The facts the status line needs, kept by the app between sync runs."""

    enrolled: bool
    last_seq: int = 0
    acked: int = 0
    outcome: str = ""  # "done" | "offline" | "rejected" | "unauthorized" | "" (not run yet)
    message: str = ""
    last_ok_ms: int | None = None
    offline_since_ms: int | None = None
    running: bool = False


def clock_text(ms: int) -> str:
    return dt.datetime.fromtimestamp(ms / 1000).strftime("%H:%M")


def status_text(s: SyncSnapshot) -> str:
    """One short line; empty when this PC does not sync (no collector set up)."""
    if not s.enrolled:
        return ""
    waiting = max(0, s.last_seq - s.acked)
    waiting_text = ngettext("{n} event waiting", "{n} events waiting", waiting).format(n=waiting)
    if s.running:
        return "⟳ " + _("Syncing…") + " " + waiting_text
    if s.outcome in ("rejected", "unauthorized"):
        return "✗ " + _("Sync problem: {message}").format(message=s.message)
    if s.outcome == "offline" and s.offline_since_ms is not None:
        return (
            "⚠ "
            + _("Offline since {time}").format(time=clock_text(s.offline_since_ms))
            + (" · " + waiting_text)
        )
    if waiting == 0 and s.last_ok_ms is not None:
        return "✓ " + _("Synced at {time}").format(time=clock_text(s.last_ok_ms))
    return waiting_text


def after_run(
    s: SyncSnapshot, outcome: str, acked: int, last: int, message: str, now_ms: int
) -> SyncSnapshot:
    """The snapshot after a sync run ended with ``outcome``."""
    offline_since = (s.offline_since_ms or now_ms) if outcome == "offline" else None
    return SyncSnapshot(
        enrolled=True,
        last_seq=max(last, s.last_seq),
        acked=acked,
        outcome=outcome,
        message=message,
        last_ok_ms=now_ms if outcome == "done" else s.last_ok_ms,
        offline_since_ms=offline_since,
        running=False,
    )
