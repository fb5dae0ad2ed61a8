"""A footer that rebuilds its keys only when the keys it shows change.

Textual's Footer rebuilds every key widget (each with its own style pass) whenever the screen
publishes a bindings update: on mount, on each focus change and on each screen push. Most
of those leave the shown keys exactly as they were, and on an old PC every rebuild is
visible. This footer compares what it would show with what it shows and skips the rebuild
when nothing differs; several updates before the next refresh become one rebuild.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer

KeySignature = tuple[tuple[str, str, str, bool], ...]


class QuietFooter(Footer):
    """Footer whose rebuilds happen once per change of the keys shown, not per signal."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._shown: KeySignature | None = None
        self._pending = False

    def shown_keys(self) -> KeySignature:
        """What the footer would show now: key, description, action and enabled state."""
        return tuple(
            (binding.key, binding.description, binding.action, enabled)
            for _node, binding, enabled, _tip in self.screen.active_bindings.values()
            if binding.show
        )

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or self._pending:
            return
        if self.is_attached and screen is self.screen:
            self._pending = True
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        keys = self.shown_keys()
        if keys == self._shown:
            return
        self._shown = keys
        await self.recompose()
