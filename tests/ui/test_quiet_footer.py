"""The footer rebuilds when the keys it shows change, and only then."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Button
from textual.widgets._footer import FooterKey

from tutor.ui.widgets.quiet_footer import QuietFooter


class CountingFooter(QuietFooter):
    rebuilds = 0

    async def recompose(self) -> None:
        type(self).rebuilds += 1
        await super().recompose()


class KeysApp(App):
    BINDINGS = [Binding("n", "next", "Next"), Binding("x", "extra", "Extra", show=False)]

    def compose(self) -> ComposeResult:
        yield Button("one", id="one")
        yield Button("two", id="two")
        yield CountingFooter()

    def action_next(self) -> None:
        pass

    def action_zed(self) -> None:
        pass


def shown(app: App) -> list[str]:
    return [key.description for key in app.screen.query(FooterKey)]


async def test_focus_moves_without_a_rebuild_when_keys_stay_the_same() -> None:
    app = KeysApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "Next" in shown(app)
        before = CountingFooter.rebuilds
        for _ in range(3):
            await pilot.press("tab")
            await pilot.pause()
        assert app.focused is not None
        assert CountingFooter.rebuilds == before


async def test_a_new_key_is_shown_after_one_rebuild() -> None:
    app = KeysApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        before = CountingFooter.rebuilds
        app.bind("z", "zed", description="Zed")
        for _ in range(3):  # several updates before the next refresh: one rebuild
            app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert "Zed" in shown(app)
        assert CountingFooter.rebuilds == before + 1
