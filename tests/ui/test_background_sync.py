"""An enrolled PC syncs by itself at start and after a lesson; the status line says so."""

from __future__ import annotations

import sys
from pathlib import Path

from textual.widgets import Static

sys.path.insert(0, str(Path(__file__).parents[1] / "sync"))
from live_collector import LiveCollector  # noqa: E402

from tutor.sync.enrolment import enrol  # noqa: E402
from tutor.sync.local_pc import state_file  # noqa: E402
from tutor.sync.transport import HttpTransport  # noqa: E402


async def wait_sync(app, pilot) -> None:
    for _ in range(100):
        await app.workers.wait_for_complete()
        await pilot.pause(0.05)
        if not app.sync_snapshot.running:
            return


async def test_enrolled_pc_syncs_in_background(run_app, home: Path, tmp_path: Path) -> None:
    with LiveCollector(tmp_path / "collector.db") as collector:
        code = collector.store.create_code("Gilgit")
        async with run_app() as (app, pilot):
            transport = HttpTransport(collector.url)
            try:
                enrol(
                    transport, state_file(app.services.paths), collector.url, code, app.services.dev
                )
            finally:
                transport.close()
            await pilot.press("enter", *"Amna", "enter", "enter", "enter")
            app.start_sync()
            await wait_sync(app, pilot)
            line = str(app.screen.query_one("#sync-status", Static).content)
            assert line.startswith("✓ Synced at"), line
            stored = collector.store.count_events()
            assert stored == app.services.journal.reader().last_seq >= 1
    # the collector is gone: the trainee carries on, the line says offline
    async with run_app() as (app, pilot):
        await pilot.press("enter")
        await pilot.press("enter")
        app.start_sync()
        await wait_sync(app, pilot)
        assert app.sync_snapshot.outcome == "offline"
        assert "Offline since" in str(app.screen.query_one("#sync-status", Static).content)
