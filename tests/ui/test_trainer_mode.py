"""Trainer mode in the TUI: PIN on first use, install and roll back packs, reset a PIN."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from textual.widgets import OptionList, Static

from tutor.packs.pack_build import build_pack
from tutor.packs.pack_keys import public_line
from tutor.packs.pack_library import PackLibrary
from tutor.packs.trust_store import trust
from tutor.ui.screens.confirm import ConfirmDialog
from tutor.ui.screens.pack_install import PackInstallScreen, PacksScreen
from tutor.ui.screens.profile_pick import ProfilePickerScreen
from tutor.ui.screens.trainer import TraineesScreen, TrainerScreen
from tutor.ui.screens.trainer_pin import TrainerPinDialog

FIXTURE = Path(__file__).parent / "fixtures" / "lessons"


@pytest.fixture
def stick(tmp_path: Path) -> tuple[Path, str]:
    """A folder standing in for a USB stick, with a signed pack whose lesson titles differ."""
    key = Ed25519PrivateKey.generate()
    src = tmp_path / "src"
    shutil.copytree(FIXTURE, src)
    lesson = src / "01-basics" / "01-first.en.md"
    lesson.write_text(lesson.read_text().replace("title: First steps", "title: Pack steps"))
    build_pack(
        src, key, tmp_path / "stick" / "basics.tpack", pack_id="basics", version=2, check=False
    )
    return tmp_path / "stick", public_line(key.public_key())


async def wait_workers(app, pilot) -> None:
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def enter_trainer(app, pilot, pin: str = "2468") -> None:
    app.enter_trainer_mode()
    await pilot.pause()
    assert isinstance(app.screen, TrainerPinDialog)
    await pilot.press(*pin, "enter")
    if isinstance(app.screen, TrainerPinDialog):  # first use: type it again
        await pilot.press(*pin, "enter")
    await pilot.pause()
    assert isinstance(app.screen, TrainerScreen)


async def test_trainer_pin_is_set_once_then_required(run_app) -> None:
    async with run_app() as (app, pilot):
        await enter_trainer(app, pilot)
        assert app.services.trainer.has_pin
        await pilot.press("escape")
        app.enter_trainer_mode()
        await pilot.pause()
        await pilot.press(*"1111", "enter")
        assert isinstance(app.screen, TrainerPinDialog)
        assert "Wrong PIN" in str(app.screen.query_one("#error", Static).content)
        await pilot.press(*"2468", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TrainerScreen)


async def test_install_from_folder_then_roll_back(run_app, stick) -> None:
    folder, public = stick
    async with run_app(lessons=None) as (app, pilot):
        trust(app.services.settings, public)
        await pilot.press("enter")  # English
        app.services.profiles.create("Amna")
        await enter_trainer(app, pilot)
        await pilot.press("enter")  # Install lessons from USB
        assert isinstance(app.screen, PackInstallScreen)
        await wait_workers(app, pilot)
        app.screen.query_one("#folder").focus()
        await pilot.press(*str(folder), "enter")
        await wait_workers(app, pilot)
        found = app.screen.query_one("#found", OptionList)
        assert found.option_count == 1
        found.focus()
        found.highlighted = 0
        await pilot.press("enter")
        await wait_workers(app, pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "New lessons: 2" in app.screen.question
        await pilot.press("down", "enter")  # Yes
        await wait_workers(app, pilot)
        status = str(app.screen.query_one("#status", Static).content)
        assert "Installed pack basics version 2" in status
        assert PackLibrary(app.services.paths.packs).get("basics").version == 2
        assert app.curriculum.get("first-steps", "en")[0].title == "Pack steps"
        await pilot.press("escape")
        await pilot.press("down", "enter")  # Installed lessons
        assert isinstance(app.screen, PacksScreen)
        await pilot.press("enter", "down", "enter")
        await wait_workers(app, pilot)
        assert "no previous version" in str(
            app.screen.query_one("#packs", OptionList).get_option_at_index(0).prompt
        )


async def test_untrusted_pack_warns_and_needs_the_trainer_pin(run_app, stick) -> None:
    folder, _public = stick  # not trusted on this PC
    async with run_app() as (app, pilot):
        await pilot.press("enter")
        await enter_trainer(app, pilot)
        await pilot.press("enter")
        await wait_workers(app, pilot)
        app.screen.query_one("#folder").focus()
        await pilot.press(*str(folder), "enter")
        await wait_workers(app, pilot)
        found = app.screen.query_one("#found", OptionList)
        found.focus()
        found.highlighted = 0
        await pilot.press("enter")
        await wait_workers(app, pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "does not trust" in app.screen.warning
        await pilot.press("down", "enter")
        assert isinstance(app.screen, TrainerPinDialog)
        await pilot.press("escape")
        await wait_workers(app, pilot)
        assert "Nothing was installed" in str(app.screen.query_one("#status", Static).content)
        assert PackLibrary(app.services.paths.packs).installed() == []


async def test_trainer_resets_a_forgotten_pin(run_app) -> None:
    async with run_app() as (app, pilot):
        await pilot.press("enter")
        amna = app.services.profiles.create("Amna", "1234")
        await enter_trainer(app, pilot)
        await pilot.press("down", "down", "enter")
        assert isinstance(app.screen, TraineesScreen)
        line = str(app.screen.query_one("#trainees", OptionList).get_option_at_index(0).prompt)
        assert "Amna" in line and "PIN set" in line
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert not app.services.profiles.get(amna.id).has_pin
        assert "was removed" in str(app.screen.query_one("#status", Static).content)


async def test_picker_offers_trainer_mode(run_app) -> None:
    async with run_app() as (app, pilot):
        await pilot.press("enter", *"Amna", "enter", "enter", "enter")
    async with run_app() as (app, pilot):
        assert isinstance(app.screen, ProfilePickerScreen)
        await pilot.press("t")
        assert isinstance(app.screen, TrainerPinDialog)
