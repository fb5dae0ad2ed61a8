"""Later starts: several trainees share one PC, so each picks their own profile."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tutor.domain.profiles import Profile
from tutor.i18n import N_, _
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.rtl_text import RtlStatic
from tutor.ui.widgets.rtl_widgets import RtlOptionList

NEW = "__new__"


class ProfilePickerScreen(TutorScreen):
    """Dismisses with the chosen Profile, or the string "new" for a new profile."""

    BINDINGS = [Binding("t", "trainer", N_("Trainer mode"), id="profiles.trainer")]

    HELP = N_(
        "Choose your name with the arrow keys and press Enter. If you are new, choose "
        '"New profile".'
    )

    def compose_body(self) -> ComposeResult:
        profiles: list[Profile] = self.app.services.profiles.all()  # type: ignore[attr-defined]
        options = [Option(p.name + ("  🔒" if p.has_pin else ""), id=p.id) for p in profiles]
        options.append(Option("+ " + _("New profile"), id=NEW))
        with Vertical(classes="dialog"):
            yield RtlStatic(_("Who is learning today?"), classes="title")
            yield RtlOptionList(*options, id="profiles")

    def on_mount(self) -> None:
        options = self.query_one("#profiles", OptionList)
        options.highlighted = 0
        options.focus()

    def action_trainer(self) -> None:
        self.app.enter_trainer_mode()  # type: ignore[attr-defined]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == NEW:
            self._choose("new")
            return
        profile = self.app.services.profiles.get(event.option.id)  # type: ignore[attr-defined]
        if profile is not None:
            self._choose(profile)

    def _choose(self, choice: Profile | str) -> None:
        """Dismiss with the choice; as the bottom screen (see ``TutorApp.get_default_screen``)
        it stays where it is and hands the choice to the app directly."""
        if self.app.screen_stack[0] is self:
            self.app._profile_picked(choice)  # type: ignore[attr-defined]
        else:
            self.dismiss(choice)

    async def refresh_profiles(self) -> None:
        """Show the profiles as they are now (one may have been made since) and focus them."""
        await self.recompose()
        self.on_mount()
