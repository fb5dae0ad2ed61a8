"""The Textual app: wiring, global keys, the start-up flow and the worker error handler."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from tutor.domain import events as ev
from tutor.domain.events import Event
from tutor.domain.profiles import Profile
from tutor.domain.progress import LearnerProgress, resume_point
from tutor.i18n import N_, _, current_language, set_language
from tutor.services.startup import TutorServices
from tutor.services.sync_status import SyncSnapshot, after_run, status_text

if TYPE_CHECKING:  # the lesson model loads after the first frame
    from tutor.domain.lesson import Curriculum

LoadLessons = Callable[[list[Path], Path], Any]
SYNC_EVERY_S = (240.0, 420.0)  # between background syncs, with jitter


def default_load_lessons(roots: list[Path], cache_dir: Path) -> Any:
    from tutor.services.lesson_source import load_roots

    return load_roots(roots, cache_dir)


class TutorApp(App):
    CSS_PATH = Path(__file__).parent / "tutor.tcss"  # absolute: subclasses live elsewhere
    BINDINGS = [
        Binding("f1", "help", N_("Help"), id="app.help"),
        Binding("f2", "toggle_language", N_("اردو/English"), id="app.language"),
        Binding("ctrl+q", "quit", N_("Quit"), id="app.quit", priority=True),
    ]

    def __init__(
        self, services: TutorServices, *, load_lessons: LoadLessons = default_load_lessons
    ) -> None:
        super().__init__()
        self.services = services
        self._load_lessons = load_lessons
        self._loaded = threading.Event()
        self.curriculum: Curriculum | None = None
        self._loading_started = False
        self.glossary: Any = None
        self.profile: Profile | None = None
        self.trainer_access = services.trainer
        self.sync_snapshot = SyncSnapshot(enrolled=False)
        self._sync_rng = random.Random()

    # -- start-up flow ------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        """On a PC in use, the profile picker is the bottom screen itself.

        Textual draws its default screen first; a picker pushed over it costs a second
        layout and paint before the trainee sees anything (about a third of the start-up
        time on this screen). Everything else in a session sits on top of the picker,
        and "switch profile" returns to it. A fresh PC starts from the blank default.
        """
        lang = self.services.settings.language
        set_language(lang or "en")
        self.apply_rtl_setting()
        if lang is not None and self.services.profiles.all():
            from tutor.ui.screens.profile_pick import ProfilePickerScreen

            return ProfilePickerScreen()
        return super().get_default_screen()

    def on_mount(self) -> None:
        self.title = _("Freelancing tutor")
        for notice in self.services.notices:
            self.notify(notice, severity="warning", timeout=10)
        if self._base_picker() is not None:
            return
        if self.services.settings.language is None:
            from tutor.ui.screens.language import LanguageScreen

            self.push_screen(LanguageScreen(), self._language_chosen)
        else:
            self.ask_profile()

    def _base_picker(self) -> Any:
        """The profile picker at the bottom of the stack, if the session started on it."""
        from tutor.ui.screens.profile_pick import ProfilePickerScreen

        base = self.screen_stack[0] if self.screen_stack else None
        return base if isinstance(base, ProfilePickerScreen) else None

    def _language_chosen(self, lang: str | None) -> None:
        lang = lang or "en"
        self.services.settings.set("language", lang)
        set_language(lang)
        self.title = _("Freelancing tutor")
        self.ask_profile()

    def ask_profile(self) -> None:
        # Each screen is imported on its own branch: the new-profile form pulls in
        # Textual's Input, which the picker on a PC in use does not need at start.
        base = self._base_picker()
        if base is not None:  # back down to the picker the session started on
            while len(self.screen_stack) > 1:
                self.pop_screen()
            self.call_next(base.refresh_profiles)
        elif self.services.profiles.all():
            from tutor.ui.screens.profile_pick import ProfilePickerScreen

            self.push_screen(ProfilePickerScreen(), self._profile_picked)
        else:
            from tutor.ui.screens.profile_new import NewProfileScreen

            self.push_screen(NewProfileScreen(can_cancel=False), self._profile_created)

    def _profile_picked(self, picked: Profile | str | None) -> None:
        from tutor.ui.screens.pin_dialog import PinDialog
        from tutor.ui.screens.profile_new import NewProfileScreen

        if picked == "new":
            self.push_screen(NewProfileScreen(can_cancel=True), self._profile_created)
        elif isinstance(picked, Profile):
            if picked.has_pin:
                self.push_screen(
                    PinDialog(picked),
                    lambda ok: self.start_session(picked) if ok else self.ask_profile(),
                )
            else:
                self.start_session(picked)

    def _profile_created(self, profile: Profile | None) -> None:
        if profile is None:
            self.ask_profile()
            return
        self.services.journal.record(
            profile.id, ev.PROFILE_CREATED, {"name": profile.name, "lang": profile.lang}
        )
        self.start_session(profile)

    def start_session(self, profile: Profile) -> None:
        from tutor.ui.screens.home import HomeScreen

        self.profile = profile
        set_language(profile.lang)
        self.title = _("Freelancing tutor")
        self.push_screen(HomeScreen())

    def switch_profile(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.profile = None
        self.ask_profile()

    # -- data ---------------------------------------------------------------------------

    def first_screen_painted(self) -> None:
        """Start reading lessons and the log once the first screen is on the terminal.

        Started any earlier, the loading thread's imports and parsing compete with the
        first paint for the interpreter, and the trainee waits longer for the first screen.
        """
        if not self._loading_started:
            from tutor.ui.gc_pause import resume_after_first_screen

            resume_after_first_screen()
            self._loading_started = True
            self.load_data()

    @work(thread=True, group="load", exclusive=True, exit_on_error=False)
    def load_data(self) -> tuple[Any, list[Event]]:
        """Read lessons and the event log off the UI thread, after the first frame."""
        result = self._load_lessons(self.services.lesson_roots(), self.services.paths.cache)
        events = self.services.journal.load()
        return result, events

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if event.state == WorkerState.ERROR:
            self.notify(
                _("Something went wrong: {error}").format(error=worker.error),
                severity="error",
                timeout=15,
            )
        if worker.group == "sync":
            self._sync_worker_changed(worker, event.state)
            return
        if worker.group == "sim-load" and event.state == WorkerState.SUCCESS:
            self._simulator_loaded(worker.result)
            return
        if worker.group == "load" and event.state == WorkerState.SUCCESS:
            result, events = worker.result
            self.curriculum = result.curriculum
            self.glossary = getattr(result, "glossary", None)
            if self.services.profiles.restore_from_events(events):
                self.notify(_("Some profiles were restored from the progress log."))
            self._loaded.set()
            self.call_later(self.curriculum_changed)
            self.start_sync()

    # -- sync (in the background; never blocks the trainee) ------------------------------

    def start_sync(self) -> None:
        """Sync now if this PC is enrolled and no sync is running; then again in a while."""
        from tutor.sync.local_pc import state_file

        if not state_file(self.services.paths).exists():
            return
        if self.sync_snapshot.running:
            return
        self.sync_snapshot = replace(self.sync_snapshot, enrolled=True, running=True)
        self.show_sync_status()
        self.sync_now()

    @work(thread=True, group="sync", exit_on_error=False)
    def sync_now(self) -> Any:
        """One short run: a few quick retries at most, so quitting is never held up; the
        timer tries again in a few minutes."""
        from tutor.sync.backoff import BackoffPolicy
        from tutor.sync.local_pc import LocalPc, run_sync
        from tutor.sync.uploader import SyncPolicy

        reader = self.services.journal.reader()
        pc = LocalPc(self.services.paths, self.services.dev, self.services.boot, reader)
        policy = SyncPolicy(max_failures=3, backoff=BackoffPolicy(base_s=0.5, cap_s=4.0))
        return run_sync(pc, policy=policy)

    def _sync_worker_changed(self, worker: Worker, state: WorkerState) -> None:
        now = self.services.clock_ms()
        if state == WorkerState.SUCCESS:
            report = worker.result
            self.sync_snapshot = after_run(
                self.sync_snapshot,
                report.outcome.value,
                report.acked,
                report.last,
                report.message,
                now,
            )
        elif state in (WorkerState.ERROR, WorkerState.CANCELLED):
            self.sync_snapshot = after_run(
                self.sync_snapshot,
                "offline",
                self.sync_snapshot.acked,
                self.sync_snapshot.last_seq,
                str(worker.error or ""),
                now,
            )
        else:
            return
        self.show_sync_status()
        self.set_timer(self._sync_rng.uniform(*SYNC_EVERY_S), self.start_sync)

    def show_sync_status(self) -> None:
        text = status_text(self.sync_snapshot)
        for screen in self.screen_stack:
            for line in screen.query("#sync-status"):
                line.update(text)  # type: ignore[attr-defined]
                line.display = bool(text)

    def journal_progress(self) -> LearnerProgress:
        assert self.profile is not None
        return self.services.journal.progress(self.profile.id)

    def record(self, type_: str, payload: dict[str, Any]) -> Event | None:
        """Record an event for the trainee at the keyboard; a failure is shown, not raised."""
        from tutor.store.errors import StoreError

        if self.profile is None:
            return None
        try:
            event = self.services.journal.record(self.profile.id, type_, payload)
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=20)
            return None
        if self.sync_snapshot.enrolled:
            self.sync_snapshot = replace(self.sync_snapshot, last_seq=event.seq)
            self.show_sync_status()
        return event

    # -- lessons --------------------------------------------------------------------------

    def open_lesson(self, lesson_id: str, section_id: str | None = None) -> None:
        from tutor.ui.screens.lesson import LessonScreen

        if section_id is None:
            section_id = self.journal_progress().lesson(lesson_id).last_section
        self.push_screen(LessonScreen(lesson_id, section_id))

    def continue_learning(self) -> None:
        if self.curriculum is None:
            return
        point = resume_point(self.curriculum, self.journal_progress())
        if point is not None:
            self.open_lesson(point.lesson_id, point.section_id)

    def finish_reading(self, lesson_id: str) -> None:
        """After the last section: the quiz, or the lesson is done when it has none."""
        from tutor.ui.screens.quiz import QuizScreen

        assert self.curriculum is not None
        found = self.curriculum.get(lesson_id, current_language())
        self.pop_screen()
        if found and found[0].quiz:
            self.push_screen(QuizScreen(lesson_id))
        else:
            self.record(ev.LESSON_COMPLETED, {"lesson": lesson_id})
            self.start_sync()

    # -- bid simulator ----------------------------------------------------------------------

    def open_simulator(self) -> None:
        """Load the practice market in a worker, then open its job board."""
        if self.profile is not None:
            self.load_simulator()

    @work(thread=True, group="sim-load", exclusive=True, exit_on_error=False)
    def load_simulator(self) -> Any:
        from tutor.simulator.scenario_files import load_scenarios_from

        return load_scenarios_from(self.services.lesson_roots())

    def _simulator_loaded(self, result: Any) -> None:
        from tutor.ui.screens.sim_platform import SimPlatformScreen

        loaded, errors = result
        for error in errors:
            self.notify(str(error), severity="warning", timeout=10)
        if not loaded:
            self.notify(
                _("The practice market is not installed. Ask your trainer."), severity="error"
            )
            return
        scenarios = [item.scenario for item in loaded]
        seed = random.SystemRandom().randrange(2**31)
        self.push_screen(SimPlatformScreen(scenarios, seed, self._record_or_raise))

    def _record_or_raise(self, type_: str, payload: dict[str, Any]) -> None:
        """For the simulator: a failed write is an error it shows, and its state stays."""
        from tutor.simulator.service import SimInputError
        from tutor.store.errors import StoreError

        assert self.profile is not None
        try:
            self.services.journal.record(self.profile.id, type_, payload)
        except StoreError as exc:
            raise SimInputError(str(exc)) from exc

    # -- trainer mode -----------------------------------------------------------------------

    def enter_trainer_mode(self) -> None:
        from tutor.ui.screens.trainer import TrainerScreen
        from tutor.ui.screens.trainer_pin import TrainerPinDialog

        def checked(ok: bool | None) -> None:
            if ok:
                self.push_screen(TrainerScreen())

        self.push_screen(TrainerPinDialog(), checked)

    def calibrate(self) -> None:
        """The right-to-left check; the choice is kept for this PC."""
        from tutor.ui.screens.calibration import CalibrationScreen

        def chosen(mode: str | None) -> None:
            if mode:
                self.services.settings.set("rtl", mode)
                self.apply_rtl_setting()

        self.push_screen(CalibrationScreen(), chosen)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every toast goes through here: Urdu is laid out right to left before Textual
        draws it (its toast does no bidi), and is never read as markup (a reordered
        message would turn ``[x]`` into ``]x[``)."""
        from tutor.ui.widgets.rtl_widgets import toast_text

        shown = toast_text(message, self.size.width)
        super().notify(
            shown,
            title=title,
            severity=severity,
            timeout=timeout,
            markup=markup and shown == message,
        )

    def apply_rtl_setting(self) -> None:
        try:
            from tutor.i18n.rtl_mode import effective_rtl_mode, set_rtl_mode
        except ImportError:
            return
        import os
        import sys

        set_rtl_mode(effective_rtl_mode(self.services.settings.rtl, os.environ, sys.platform))

    # -- global actions ---------------------------------------------------------------------

    def action_help(self) -> None:
        from tutor.ui.screens.help import HelpDialog

        if isinstance(self.screen, HelpDialog):
            return
        help_text = getattr(self.screen, "help_text", lambda: "")()
        self.push_screen(HelpDialog(help_text))

    async def action_toggle_language(self) -> None:
        lang = "ur" if current_language() == "en" else "en"
        set_language(lang)
        if self.profile is not None:
            self.profile = self.services.profiles.set_language(self.profile, lang)
            self.record(ev.LANGUAGE_CHANGED, {"lang": lang})
        else:
            self.services.settings.set("language", lang)
        await self.refresh_all_screens()

    async def curriculum_changed(self) -> None:
        """Tell the screens that show lessons that the lessons are (re)loaded."""
        for screen in self.screen_stack:
            hook = getattr(screen, "curriculum_loaded", None)
            if hook is not None:
                await hook()

    async def refresh_all_screens(self) -> None:
        self.title = _("Freelancing tutor")
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_language", None)
            if refresh is not None:
                await refresh()
        self.refresh_bindings()

    def format_title(self, title: str, sub_title: str) -> Any:
        """Urdu titles drawn right to left in the header (Textual does no bidi)."""
        from tutor.ui.widgets.rtl_widgets import urdu_for_display

        return super().format_title(urdu_for_display(title), urdu_for_display(sub_title))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand(_("Help"), _("Help for this screen"), self.action_help)
        yield SystemCommand(_("Switch language"), _("English / Urdu"), self.action_toggle_language)
        if self.profile is not None:
            yield SystemCommand(
                _("Continue where I left off"), _("Open the next lesson"), self.continue_learning
            )
            yield SystemCommand(
                _("Bid practice"),
                _("Practise winning jobs in a simulated market"),
                self.open_simulator,
            )
            yield SystemCommand(
                _("Switch profile"), _("Let another trainee use the tutor"), self.switch_profile
            )
        yield SystemCommand(
            _("Trainer mode"),
            _("Install lessons, see trainees (trainer PIN)"),
            self.enter_trainer_mode,
        )
        yield SystemCommand(_("Quit"), _("Your progress is already saved"), self.exit)
