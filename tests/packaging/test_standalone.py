"""The standalone (PyInstaller) build: built once here, then used as a trainee would.

The binary runs on a 100x30 pseudo-terminal with a fresh data folder; the tests read what
it draws. A build that fails is a failure, whatever the cause: the kit promises this build
to PCs without Python. Only a test environment without PyInstaller skips.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from kit_testkit import PACKAGING, REPO
from pty_screen_testkit import PtyScreen

from tutor import __version__

LANGUAGE_QUESTION = "Choose your language"


@pytest.fixture(scope="module")
def standalone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built ``tutor`` executable (one-folder build), made with the project's recipe."""
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed in this environment (pip install -e '.[test]')")
    if sys.platform.startswith("linux") and not shutil.which("objcopy"):
        pytest.fail(
            "PyInstaller needs binutils (objcopy, objdump) on Linux: apt-get install binutils"
        )
    dist = tmp_path_factory.mktemp("standalone") / "dist"
    done = subprocess.run(
        [sys.executable, str(PACKAGING / "build-standalone"), "--dist", str(dist)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, f"standalone build failed:\n{done.stdout}\n{done.stderr}"
    exe = dist / "tutor" / "tutor"
    assert exe.is_file(), f"no executable at {exe}"
    return exe


def clean_env(home: Path) -> dict[str, str]:
    """What a centre PC's terminal has: no venv, no PYTHONPATH, a UTF-8 locale."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        "LANG": "C.UTF-8",
    }


@pytest.fixture
def start(standalone: Path, tmp_path: Path) -> Iterator:
    """``start(home)`` runs the standalone TUI on a pty with ``--home home``."""
    started: list[PtyScreen] = []

    def run(home: Path) -> PtyScreen:
        term = PtyScreen([str(standalone), "--home", str(home)], clean_env(tmp_path), tmp_path)
        started.append(term)
        return term

    yield run
    for term in started:
        term.close()


def module_titles() -> list[str]:
    """English titles of the lesson modules in the source tree (what the build bundles)."""
    titles = []
    for spec in sorted((REPO / "lessons").glob("*/module.yaml")):
        doc = yaml.safe_load(spec.read_text("utf-8"))
        titles.append(doc["title"]["en"])
    return titles


def test_version_in_a_clean_environment(standalone: Path, tmp_path: Path) -> None:
    out = subprocess.run(
        [str(standalone), "--version"],
        capture_output=True,
        text=True,
        env=clean_env(tmp_path),
        cwd=tmp_path,
        timeout=60,
    )
    assert out.stdout.strip() == f"tutor {__version__}", out.stderr


def test_doctor_runs_from_the_build_and_says_which_build(standalone: Path, tmp_path: Path) -> None:
    out = subprocess.run(
        [str(standalone), "--home", str(tmp_path / "data"), "doctor", "--offline"],
        capture_output=True,
        text=True,
        env=clean_env(tmp_path),
        cwd=tmp_path,
        timeout=60,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    version_line = next(line for line in out.stdout.splitlines() if "Version:" in line)
    assert f"tutor {__version__}" in version_line and "standalone build" in version_line


def test_first_start_asks_the_language_then_opens_a_profile(start, tmp_path: Path) -> None:
    from tutor.services.startup import open_services

    home = tmp_path / "data"
    term = start(home)
    term.wait_for(LANGUAGE_QUESTION, "English", absent=("New profile",))
    term.press("enter")  # English is the first choice
    term.wait_for("New profile", "Your name", absent=(LANGUAGE_QUESTION,))
    term.press("ctrl+q")
    assert term.wait_exit() == 0
    names = {p.name for p in home.iterdir()}
    assert {"device.json", "state.json", "events"} <= names, names
    assert list((home / "events").glob("seg-*.log"))
    services = open_services(home)  # what the standalone wrote, read by the pip-installed tutor
    try:
        assert services.settings.language == "en"
        assert services.profiles.all() == []
    finally:
        services.close()


def test_home_lists_the_bundled_modules(start, tmp_path: Path) -> None:
    from tutor.services.startup import open_services

    home = tmp_path / "data"
    term = start(home)
    term.wait_for(LANGUAGE_QUESTION)
    term.press("enter")
    term.wait_for("New profile")
    term.type("Amna")
    term.wait_for("Amna")
    term.press("tab", "tab", "tab", "enter")  # PIN, PIN again (both empty), Create profile
    titles = module_titles()
    assert len(titles) >= 6
    listed = [f"{number}. {title}" for number, title in enumerate(titles, start=1)]
    term.wait_for("Welcome, Amna", *listed)  # the lessons load after the welcome shows
    term.press("ctrl+q")
    assert term.wait_exit() == 0
    services = open_services(home)
    try:
        assert [p.name for p in services.profiles.all()] == ["Amna"]
    finally:
        services.close()


def test_build_carries_lessons_and_translations_not_the_server(
    standalone: Path, tmp_path: Path
) -> None:
    """The lessons and translations come from inside the build, not from this checkout."""
    internal = standalone.parent / "_internal"
    bundled = internal / "tutor" / "_bundled"
    assert (bundled / "lessons" / "01-getting-started" / "module.yaml").is_file()
    assert list(bundled.glob("locales/ur/LC_MESSAGES/tutor.mo"))
    assert not (internal / "lessons").exists()
    assert not [p for p in internal.rglob("*") if "collector" in p.parts]
    assert os.access(standalone, os.X_OK)


def test_build_leaves_out_the_server_and_slow_start_up_hooks(standalone: Path) -> None:
    from PyInstaller.archive.readers import CArchiveReader

    archive = CArchiveReader(str(standalone))
    modules = set(archive.open_embedded_archive("PYZ.pyz").toc)
    assert {"tutor.ui.app", "tutor.cli", "textual.drivers.linux_driver"} <= modules
    assert "textual.drivers.windows_driver" in modules  # what the Windows build starts with
    unwanted = ("tutor.collector", "starlette", "jinja2", "pkg_resources", "pytest")
    assert not [m for m in modules if m.startswith(unwanted)]
    assert "pyi_rth_pkgres" not in archive.toc  # it imports pkg_resources at every start
