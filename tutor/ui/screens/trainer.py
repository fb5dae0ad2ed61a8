"""Trainer mode: install lessons from USB, manage packs, see trainees, reset a PIN."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tutor.domain.profiles import Profile
from tutor.i18n import N_, _
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.rtl_text import RtlStatic
from tutor.ui.widgets.rtl_widgets import RtlOptionList


class TrainerScreen(TutorScreen):
    TITLE_MSGID = N_("Trainer mode")
    HELP = N_(
        "Trainer mode. Install lessons from a USB stick, go back to the previous lessons, "
        "see each trainee's progress, reset a forgotten PIN, or set up Urdu display."
    )
    BINDINGS = [Binding("escape", "back", N_("Back"), id="trainer.back")]

    def compose_body(self) -> ComposeResult:
        with Vertical(classes="page"):
            yield RtlStatic(_("Trainer mode"), classes="title")
            yield RtlOptionList(
                Option(_("Install lessons from USB"), id="install"),
                Option(_("Installed lessons and going back a version"), id="packs"),
                Option(_("Trainees on this PC"), id="trainees"),
                Option(_("Urdu display check (right-to-left)"), id="calibrate"),
                id="menu",
            )

    def on_mount(self) -> None:
        menu = self.query_one("#menu", OptionList)
        menu.highlighted = 0
        menu.focus()

    def action_back(self) -> None:
        self.dismiss()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        from tutor.ui.screens.pack_install import PackInstallScreen, PacksScreen

        choice = event.option.id
        if choice == "install":
            self.app.push_screen(PackInstallScreen())
        elif choice == "packs":
            self.app.push_screen(PacksScreen())
        elif choice == "trainees":
            self.app.push_screen(TraineesScreen())
        elif choice == "calibrate":
            self.app.calibrate()  # type: ignore[attr-defined]


class TraineesScreen(TutorScreen):
    """Each trainee with lessons done; Enter on one offers to reset their PIN."""

    HELP = N_(
        "Each trainee on this PC with the lessons they finished. Press Enter on a "
        "trainee to remove their PIN when they forgot it."
    )
    BINDINGS = [Binding("escape", "back", N_("Back"), id="trainees.back")]

    def compose_body(self) -> ComposeResult:
        app = self.app
        profiles: list[Profile] = app.services.profiles.all()  # type: ignore[attr-defined]
        progress = app.services.journal.all_progress()  # type: ignore[attr-defined]
        cur = app.curriculum  # type: ignore[attr-defined]
        total = len(cur.all_lesson_ids()) if cur else 0
        options = []
        for p in profiles:
            lp = progress.get(p.id)
            done = sum(1 for x in lp.lessons.values() if x.completed) if lp else 0
            pin = _("PIN set") if p.has_pin else _("no PIN")
            line = _("{name}: {done} of {total} lessons done · {pin}").format(
                name=p.name, done=done, total=total, pin=pin
            )
            options.append(Option(line, id=p.id))
        with Vertical(classes="page"):
            yield RtlStatic(_("Trainees on this PC"), classes="title")
            if options:
                yield RtlOptionList(*options, id="trainees")
            else:
                yield RtlStatic(_("No trainee has made a profile on this PC yet."))
            yield RtlStatic("", id="status")

    def action_back(self) -> None:
        self.dismiss()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        services = self.app.services  # type: ignore[attr-defined]
        profile = services.profiles.get(event.option.id)
        if profile is None or not profile.has_pin:
            return
        from tutor.ui.screens.confirm import ConfirmDialog

        question = _(
            "Remove the PIN of {name}? They can open their profile without one and "
            "set a new PIN later."
        ).format(name=profile.name)

        async def reset(yes: bool | None) -> None:
            if yes:
                services.profiles.reset_pin(profile)
                await self.recompose_keeping_focus()
                self.query_one("#status", Static).update(
                    "✓ " + _("The PIN of {name} was removed.").format(name=profile.name)
                )

        self.app.push_screen(ConfirmDialog(question), reset)
