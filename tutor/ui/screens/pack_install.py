"""Install lessons from a USB stick, and go back to the previous version of a pack.

Finding, verifying and installing run in thread workers; they report back with messages,
and only this screen touches its widgets.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from tutor.i18n import N_, _
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.rtl_text import RtlStatic
from tutor.ui.widgets.rtl_widgets import RtlLabel, RtlOptionList

TRUST_WARNINGS = {
    "unknown-key": N_(
        "This pack is signed with a key this PC does not trust. Install it only "
        "if you know where it came from."
    ),
    "unsigned": N_(
        "This pack is not signed: anyone could have made or changed it. Install it "
        "only if you know where it came from."
    ),
}


def plan_text(pack, current, plan) -> str:  # noqa: ANN001 - pack types imported lazily
    lines = [
        _("Pack {id}, version {version}").format(
            id=pack.manifest.pack_id, version=pack.manifest.version
        )
    ]
    if current is not None:
        lines.append(_("Installed now: version {version}").format(version=current.version))
    lines.append(
        _("New lessons: {n}; updated: {u}; removed: {r}").format(
            n=len(plan.new), u=len(plan.updated), r=len(plan.removed)
        )
    )
    for name in plan.removed:
        lines.append("  − " + name)
    lines.append(_("Trainees' progress is kept whatever changes."))
    return "\n".join(lines)


class PackInstallScreen(TutorScreen):
    TITLE_MSGID = N_("Install lessons from USB")
    HELP = N_(
        "Put in the USB stick with the lesson pack. Packs found on USB drives are listed; "
        "or type the folder that holds the pack and press Enter. Choose a pack to see what "
        "will change before anything is installed."
    )
    BINDINGS = [Binding("escape", "back", N_("Back"), id="pack_install.back")]

    @dataclass
    class Progress(Message):
        done: int
        total: int

    def __init__(self) -> None:
        super().__init__()
        self.found: list[Path] = []
        self.status = _("Looking for lesson packs on USB drives…")

    def compose_body(self) -> ComposeResult:
        with Vertical(classes="page"):
            yield RtlStatic(_("Install lessons from USB"), classes="title")
            yield RtlOptionList(
                *[Option(str(p), id=str(i)) for i, p in enumerate(self.found)], id="found"
            )
            yield RtlLabel(_("Or type a folder and press Enter:"))
            yield Input(id="folder")
            yield RtlStatic(self.status, id="status")
            yield ProgressBar(total=1, show_eta=False, id="bar")

    def on_mount(self) -> None:
        self.query_one("#bar", ProgressBar).display = False
        self.search(None)

    def action_back(self) -> None:
        self.dismiss()

    def _set_status(self, text: str) -> None:
        self.status = text
        self.query_one("#status", Static).update(text)

    # -- finding ------------------------------------------------------------------------

    @work(thread=True, group="pack-search", exclusive=True, exit_on_error=False)
    def search(self, folder: str | None) -> list[Path]:
        from tutor.packs.pack_finder import find_packs, removable_roots

        roots = [Path(folder).expanduser()] if folder else removable_roots()
        return find_packs(roots)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self._set_status(_("Looking for lesson packs…"))
            self.search(event.value.strip())

    # -- verifying and installing -----------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        path = self.found[int(event.option.id or 0)]
        self._set_status(_("Checking {path}…").format(path=path))
        self.verify(path)

    @work(thread=True, group="pack-verify", exclusive=True, exit_on_error=False)
    def verify(self, path: Path) -> tuple:
        from tutor.packs.pack_errors import PackError
        from tutor.packs.pack_library import PackLibrary
        from tutor.packs.pack_verify import verify_pack
        from tutor.packs.trust_store import trusted_keys

        services = self.app.services  # type: ignore[attr-defined]
        try:
            pack = verify_pack(path, trusted_keys(services.settings))
        except PackError as exc:
            return ("error", str(exc))
        current, plan = PackLibrary(services.paths.packs).plan(pack)
        return ("ok", pack, current, plan)

    @work(thread=True, group="pack-install", exclusive=True, exit_on_error=False)
    def install(self, pack) -> tuple:  # noqa: ANN001
        from tutor.packs.pack_errors import PackError
        from tutor.packs.pack_library import PackLibrary

        library = PackLibrary(self.app.services.paths.packs)  # type: ignore[attr-defined]
        try:
            installed = library.install(
                pack,
                allow_older=True,
                progress=lambda done, total: self.post_message(self.Progress(done, total)),
            )
        except PackError as exc:
            return ("error", str(exc))
        return ("ok", installed)

    def on_pack_install_screen_progress(self, message: Progress) -> None:
        self.query_one("#bar", ProgressBar).update(total=message.total, progress=message.done)

    async def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.SUCCESS:
            return
        group, result = event.worker.group, event.worker.result
        if group == "pack-search":
            self.found = result
            self.status = (
                _("Choose a pack and press Enter.")
                if result
                else _("No lesson pack (*.tpack) found. Type the folder that holds it.")
            )
            await self.recompose_keeping_focus()
        elif group == "pack-verify":
            self._verified(result)
        elif group == "pack-install":
            self._installed(result)

    def _verified(self, result: tuple) -> None:
        from tutor.ui.screens.confirm import ConfirmDialog

        if result[0] == "error":
            self._set_status("✗ " + result[1])
            return
        _ok, pack, current, plan = result
        warnings = []
        if pack.trust in TRUST_WARNINGS:
            warnings.append(_(TRUST_WARNINGS[pack.trust]))
        if current is not None and pack.manifest.version < current.version:
            warnings.append(_("This pack is older than the one installed."))
        question = plan_text(pack, current, plan) + "\n\n" + _("Install it?")

        def confirmed(yes: bool | None) -> None:
            if not yes:
                self._set_status(_("Nothing was installed."))
            elif pack.trust != "trusted":
                self._ask_pin_then_install(pack)
            else:
                self._start_install(pack)

        self.app.push_screen(ConfirmDialog(question, warning="\n".join(warnings)), confirmed)

    def _ask_pin_then_install(self, pack) -> None:  # noqa: ANN001
        from tutor.ui.screens.trainer_pin import TrainerPinDialog

        def checked(ok: bool | None) -> None:
            if ok:
                self._start_install(pack)
            else:
                self._set_status(_("Nothing was installed."))

        self.app.push_screen(TrainerPinDialog(), checked)

    def _start_install(self, pack) -> None:  # noqa: ANN001
        self.query_one("#bar", ProgressBar).display = True
        self._set_status(_("Installing… do not remove the USB stick."))
        self.install(pack)

    def _installed(self, result: tuple) -> None:
        if result[0] == "error":
            self._set_status("✗ " + result[1])
            return
        installed = result[1]
        self._set_status(
            "✓ "
            + _("Installed pack {id} version {version}. You can remove the USB stick.").format(
                id=installed.pack_id, version=installed.version
            )
        )
        self.app.load_data()  # type: ignore[attr-defined]


class PacksScreen(TutorScreen):
    """Installed packs; Enter on one goes back to its previous version."""

    HELP = N_(
        "The lesson packs installed on this PC. Press Enter on a pack to go back to the "
        "version installed before it."
    )
    BINDINGS = [Binding("escape", "back", N_("Back"), id="packs.back")]

    def __init__(self) -> None:
        super().__init__()
        self.status = ""

    def compose_body(self) -> ComposeResult:
        from tutor.packs.pack_library import PackLibrary

        packs = PackLibrary(self.app.services.paths.packs).installed()  # type: ignore[attr-defined]
        with Vertical(classes="page"):
            yield RtlStatic(_("Installed lessons"), classes="title")
            if not packs:
                yield RtlStatic(_("No packs installed; the tutor uses its built-in lessons."))
            else:
                options = []
                for p in packs:
                    prev = (
                        _("previous: version {v}").format(v=p.previous_version)
                        if p.previous_version is not None
                        else _("no previous version")
                    )
                    options.append(
                        Option(
                            _("{id}: version {version} ({prev})").format(
                                id=p.pack_id, version=p.version, prev=prev
                            ),
                            id=p.pack_id,
                        )
                    )
                yield RtlOptionList(*options, id="packs")
            yield RtlStatic(self.status, id="status")

    def action_back(self) -> None:
        self.dismiss()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        from tutor.ui.screens.confirm import ConfirmDialog

        pack_id = event.option.id or ""

        async def answer(yes: bool | None) -> None:
            if yes:
                await self._rollback(pack_id)

        self.app.push_screen(
            ConfirmDialog(_("Go back to the previous version of {id}?").format(id=pack_id)), answer
        )

    async def _rollback(self, pack_id: str) -> None:
        from tutor.packs.pack_errors import PackError
        from tutor.packs.pack_library import PackLibrary

        try:
            pack = PackLibrary(self.app.services.paths.packs).rollback(pack_id)  # type: ignore[attr-defined]
            self.status = "✓ " + _("Pack {id} is back at version {version}.").format(
                id=pack.pack_id, version=pack.version
            )
            self.app.load_data()  # type: ignore[attr-defined]
        except PackError as exc:
            self.status = "✗ " + str(exc)
        await self.recompose_keeping_focus()
