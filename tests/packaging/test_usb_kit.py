"""The USB kit end to end: build it, install from it with no network, launch, update, refuse.

The kit here holds wheels for this machine only (``--from-installed``); the Windows and
multi-Python download is exercised by hand (docs/install.md).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from kit_testkit import (
    BuiltKit,
    InstalledKit,
    can_unshare_net,
    offline_env,
    run_offline,
    system_python,
    tree_digest,
)
from pty_screen_testkit import PtyScreen

from tutor import __version__

FIRST_FRAME = r"""
import sys, tutor
from pathlib import Path
from tutor.services.startup import open_services
import tutor.ui.app
from tutor.ui.app import TutorApp

class FirstFrame(TutorApp):
    CSS_PATH = str(Path(tutor.ui.app.__file__).with_name("tutor.tcss"))

    def on_mount(self):
        super().on_mount()
        self.call_after_refresh(self.report)

    def report(self):
        print("screen", type(self.screen).__name__)
        print("from", tutor.__file__)
        self.exit()

services = open_services(Path(sys.argv[1]))
try:
    FirstFrame(services).run(headless=True, size=(100, 30))
finally:
    services.close()
"""


def env_dir(app: Path) -> Path:
    return app / "envs" / (app / "current").read_text("utf-8").strip()


def test_kit_holds_everything_a_trainer_needs(built_kit: BuiltKit) -> None:
    kit = built_kit.kit
    for name in (
        "install.sh",
        "install.bat",
        "tutor.sh",
        "tutor.bat",
        "install_kit.py",
        "GUIDE-en.txt",
        "GUIDE-ur.txt",
        "requirements.txt",
        "kit.json",
        "SHA256SUMS",
    ):
        assert (kit / name).is_file(), name
    assert b"\r\n" in (kit / "install.bat").read_bytes()
    wheels = {p.name.split("-")[0] for p in (kit / "wheels").glob("*.whl")}
    needed = {"tutor", "textual", "rich", "babel", "cryptography", "tinydb", "pyyaml",
              "python_bidi", "arabic_reshaper", "platformdirs", "markdown_it_py",
              "mdit_py_plugins", "linkify_it_py"}  # fmt: skip
    assert needed <= wheels, needed - wheels
    assert (kit / "requirements.txt").read_text("utf-8").split() == [f"tutor=={__version__}"]
    assert "pip" in wheels  # the installer runs pip from its wheel
    info = json.loads((kit / "kit.json").read_text("utf-8"))
    assert info["tutor"] == __version__ and info["id"] == "test-1"


def test_kit_pack_is_signed_by_the_programme_key(built_kit: BuiltKit) -> None:
    from tutor.packs.pack_verify import verify_pack

    kit_key = (built_kit.kit / "keys" / "programme.pub").read_text("utf-8").strip()
    assert kit_key == built_kit.public_key
    pack = verify_pack(built_kit.kit / "lessons" / "default.tpack", [kit_key])
    assert pack.trust == "trusted" and pack.manifest.pack_id == "default"


def test_babel_wheel_keeps_only_the_locales_the_tutor_uses(built_kit: BuiltKit) -> None:
    import zipfile

    (wheel,) = (built_kit.kit / "wheels").glob("babel-*.whl")
    names = {
        n.rsplit("/", 1)[1]
        for n in zipfile.ZipFile(wheel).namelist()
        if n.startswith("babel/locale-data/")
    }
    assert {"root.dat", "en.dat", "en_001.dat", "en_PK.dat", "ur.dat", "ur_PK.dat"} <= names
    assert "fr.dat" not in names and "zh.dat" not in names


def test_install_offline_then_launch(installed_kit: InstalledKit) -> None:
    res = installed_kit.result
    assert res.returncode == 0, res.stdout + res.stderr
    assert "Done." in res.stdout
    app = installed_kit.app
    launcher = app / "tutor.sh"
    out = subprocess.run(
        [str(launcher), "--version"],
        capture_output=True,
        text=True,
        env=installed_kit.env,
        timeout=60,
    )
    assert out.stdout.strip() == f"tutor {__version__}"
    listed = subprocess.run(
        [str(launcher), "pack", "list"],
        capture_output=True,
        text=True,
        env=installed_kit.env,
        timeout=60,
    )
    assert listed.stdout.startswith("default: version"), listed.stdout + listed.stderr
    from_stick = subprocess.run(  # the kit's own tutor.sh finds the installed tutor
        ["sh", str(installed_kit.kit.kit / "tutor.sh"), "--version"], capture_output=True,
        text=True, env={**installed_kit.env, "TUTOR_APP_DIR": str(app)}, timeout=60,
    )  # fmt: skip
    assert from_stick.stdout.strip() == f"tutor {__version__}"
    desktop = installed_kit.home / "Desktop" / "tutor.desktop"
    assert f'Exec="{launcher}"' in desktop.read_text("utf-8")


def test_installed_tutor_shows_its_first_screen_headless(
    installed_kit: InstalledKit, tmp_path: Path
) -> None:
    python = env_dir(installed_kit.app) / "bin" / "python"
    script = tmp_path / "first_frame.py"  # Textual finds CSS beside the app class's file
    script.write_text(FIRST_FRAME, "utf-8")
    out = subprocess.run(
        [str(python), str(script), str(tmp_path / "data")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert "screen LanguageScreen" in out.stdout  # a fresh PC asks for the language first
    assert str(installed_kit.app) in out.stdout  # the installed copy, not the source tree


def test_network_really_was_blocked() -> None:
    if not can_unshare_net():
        pytest.skip("no network namespaces here; the installer ran with dead proxies only")
    probe = run_offline(  # the installer's namespace has no interface but loopback
        [system_python(), "-c", "import socket; print([n for _i, n in socket.if_nameindex()])"],
        {"PATH": "/usr/bin:/bin"},
    )
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.strip() == "['lo']"


def copy_kit(built_kit: BuiltKit, dest: Path, kit_id: str, **changes: object) -> Path:
    """A second kit, as the next release would be: new id, checksums rewritten."""
    from kit_builder import write_checksums

    kit = shutil.copytree(built_kit.kit, dest)
    info = json.loads((kit / "kit.json").read_text("utf-8"))
    info.update(id=kit_id, **changes)
    (kit / "kit.json").write_text(json.dumps(info), "utf-8")
    write_checksums(kit)
    return kit


def test_update_keeps_trainees_data_and_previous_version(
    installed_kit: InstalledKit, built_kit: BuiltKit, tmp_path: Path
) -> None:
    from tutor.services.startup import open_services

    services = open_services(installed_kit.data)
    try:
        services.settings.set("language", "en")  # as the first start on this PC left it
        profile = services.profiles.create("Amna")
        services.journal.record(profile.id, "profile.created", {"name": "Amna"})
        services.journal.record(profile.id, "lesson.completed", {"lesson": "what-is-online-work"})
        read = {"lesson": "platforms-compared", "section": "s", "index": 0, "of": 7}
        services.journal.record(profile.id, "section.read", read)
    finally:
        services.close()
    before = tree_digest(installed_kit.data, skip=("packs/", "tutor.lock"))
    old_env = env_dir(installed_kit.app)
    kit2 = copy_kit(built_kit, tmp_path / "KIT2", "test-2")

    res = run_offline(
        ["sh", str(kit2 / "install.sh"), "--app-dir", str(installed_kit.app)], installed_kit.env
    )

    assert res.returncode == 0, res.stdout + res.stderr
    assert env_dir(installed_kit.app).name == "test-2"
    assert old_env.is_dir()  # kept for one more update
    assert "up to date" in res.stdout  # same pack version: the roll-back copy is kept
    assert tree_digest(installed_kit.data, skip=("packs/", "tutor.lock")) == before
    assert_home_shows_progress(installed_kit, tmp_path)


def assert_home_shows_progress(installed: InstalledKit, cwd: Path) -> None:
    """The updated tutor, started from its launcher, shows Amna's lesson done and the next."""
    env = {**installed.env, "TERM": "xterm-256color"}
    term = PtyScreen([str(installed.app / "tutor.sh")], env, cwd)
    try:
        term.wait_for("Who is learning today?")
        term.press("enter")  # Amna, the only profile, has no PIN
        done = re.compile(r"1\. Getting started\W+1 of \d+ lessons")  # the lesson done
        term.wait_for("Press C to continue: Four platforms", done)  # and the one begun
        term.press("ctrl+q")
        assert term.wait_exit() == 0
    finally:
        term.close()


def test_damaged_kit_is_refused_and_changes_nothing(built_kit: BuiltKit, tmp_path: Path) -> None:
    kit = shutil.copytree(built_kit.kit, tmp_path / "KIT")
    wheel = next((kit / "wheels").glob("textual-*.whl"))
    data = bytearray(wheel.read_bytes())
    data[len(data) // 2] ^= 0xFF
    wheel.write_bytes(bytes(data))
    app = tmp_path / "app"

    res = run_offline(
        ["sh", str(kit / "install.sh"), "--app-dir", str(app)],
        offline_env(tmp_path, tmp_path / "data"),
    )

    assert res.returncode == 2
    assert "The kit is damaged" in res.stdout and wheel.name in res.stdout
    assert not app.exists()


def test_kit_for_another_python_says_so(built_kit: BuiltKit, tmp_path: Path) -> None:
    kit = copy_kit(built_kit, tmp_path / "KIT", "other", pythons=["3.99"])
    app = tmp_path / "app"
    res = run_offline(
        ["sh", str(kit / "install.sh"), "--app-dir", str(app)],
        offline_env(tmp_path, tmp_path / "data"),
    )
    assert res.returncode == 3
    assert "standalone" in res.stdout
    assert not app.exists()
