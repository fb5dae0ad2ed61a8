"""Home: the modules with each one's progress; "continue where I left off" is one key away."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tutor.domain.lesson import Curriculum
from tutor.domain.progress import module_progress, resume_point
from tutor.i18n import N_, _, current_language
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.rtl_text import RtlStatic
from tutor.ui.widgets.rtl_widgets import RtlOptionList


def progress_bar(percent: int, width: int = 10) -> str:
    """A text bar, so progress reads the same without colour: [####------] 40%."""
    filled = round(width * percent / 100)
    return "[" + "#" * filled + "-" * (width - filled) + f"] {percent:>3}%"


class HomeScreen(TutorScreen):
    TITLE_MSGID = N_("Freelancing tutor")
    HELP = N_(
        "Choose a module with the arrow keys and press Enter to see its lessons. Press C to "
        "continue where you left off. Press B to practise bidding for jobs in a simulated "
        "market. F2 switches between English and Urdu."
    )
    BINDINGS = [
        Binding("c", "continue", N_("Continue"), id="home.continue"),
        Binding("s", "switch_profile", N_("Switch profile"), id="home.switch_profile"),
        Binding("b", "simulator", N_("Bid practice"), id="home.simulator"),
        Binding("g", "glossary", N_("Glossary"), id="home.glossary"),
        Binding("j", "journey", N_("My journey"), id="home.journey"),
    ]

    def compose_body(self) -> ComposeResult:
        app = self.app
        cur: Curriculum | None = app.curriculum  # type: ignore[attr-defined]
        profile = app.profile  # type: ignore[attr-defined]
        with Vertical(id="home"):
            yield RtlStatic(_("Welcome, {name}").format(name=profile.name), classes="title")
            if cur is None:
                yield RtlStatic(_("Loading lessons…"), id="loading")
            elif not cur.modules:
                yield RtlStatic(_("No lessons are installed. Ask your trainer."), id="loading")
            else:
                yield RtlStatic(self._continue_text(cur), id="continue")
                yield RtlOptionList(*self._module_options(cur), id="modules")

    def _module_options(self, cur: Curriculum) -> list[Option]:
        progress = self.app.journal_progress()  # type: ignore[attr-defined]
        lang = current_language()
        options = []
        for number, module in enumerate(sorted(cur.modules, key=lambda m: m.order), 1):
            mp = module_progress(cur, progress, module.id)
            label = _("{done} of {total} lessons").format(done=mp.completed, total=mp.total)
            text = f"{number}. {module.title(lang)}\n   {label}  {progress_bar(mp.percent)}"
            options.append(Option(text, id=module.id))
        return options

    def _continue_text(self, cur: Curriculum) -> str:
        point = resume_point(cur, self.app.journal_progress())  # type: ignore[attr-defined]
        if point is None:
            return "✓ " + _("You have finished every lesson. Well done!")
        found = cur.get(point.lesson_id, current_language())
        title = found[0].title if found else point.lesson_id
        return _("Press C to continue: {title}").format(title=title)

    def action_continue(self) -> None:
        self.app.continue_learning()  # type: ignore[attr-defined]

    def action_simulator(self) -> None:
        self.app.open_simulator()  # type: ignore[attr-defined]

    def action_journey(self) -> None:
        from tutor.ui.screens.journey import JourneyScreen

        self.app.push_screen(JourneyScreen())

    def action_glossary(self) -> None:
        from tutor.ui.screens.glossary import GlossaryScreen

        self.app.push_screen(GlossaryScreen())

    def action_switch_profile(self) -> None:
        self.app.switch_profile()  # type: ignore[attr-defined]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        from tutor.ui.screens.module import ModuleScreen

        if event.option.id:
            self.app.push_screen(ModuleScreen(event.option.id))

    async def on_screen_resume(self) -> None:
        await self.recompose_keeping_focus()

    async def curriculum_loaded(self) -> None:
        await self.recompose_keeping_focus()
