"""The Windows scripts on the stick stay in step with the Linux ones.

Windows cannot run here, so ``install.bat`` and ``tutor.bat`` are never executed by the
tests; the ``.sh`` twins are (test_usb_kit.py). These tests compare each pair on what
matters to a trainer: the Python they accept, the arguments and exit code they pass on,
where they look for the installed tutor, and the English they print. A change to one
script without the other fails here.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from kit_testkit import PACKAGING, REPO

KIT_FILES = PACKAGING / "kit_files"
_spec = importlib.util.spec_from_file_location("kit_installer", KIT_FILES / "install_kit.py")
assert _spec and _spec.loader
install_kit = importlib.util.module_from_spec(_spec)  # the installer, as the stick carries it
_spec.loader.exec_module(install_kit)
BATS = ("install.bat", "tutor.bat")
SHS = ("install.sh", "tutor.sh")


def text(name: str) -> str:
    return (KIT_FILES / name).read_bytes().decode("utf-8").replace("\r\n", "\n")


def english_echoes(name: str) -> list[str]:
    """What the script prints in English, with the script's own suffix made neutral."""
    lines = []
    for line in text(name).splitlines():
        said = re.match(r'\s*echo\s+"?(.*?)"?\s*$', line)
        if said and said.group(1).isascii():
            lines.append(re.sub(r"\.(sh|bat)\b", ".SCRIPT", said.group(1)))
    return lines


@pytest.mark.parametrize("name", BATS)
def test_batch_files_are_ascii_with_crlf_line_ends(name: str) -> None:
    raw = (KIT_FILES / name).read_bytes()
    assert raw.isascii(), "cmd reads a .bat in the console's code page: keep it ASCII"
    assert raw.count(b"\n") == raw.count(b"\r\n") > 0
    assert raw.startswith(b"@echo off\r\n")


@pytest.mark.parametrize("name", SHS)
def test_shell_scripts_have_unix_line_ends(name: str) -> None:
    raw = (KIT_FILES / name).read_bytes()
    assert b"\r" not in raw and raw.startswith(b"#!/bin/sh\n")


def test_both_installers_accept_the_pythons_the_project_supports() -> None:
    floor = re.search(
        r'requires-python\s*=\s*">=(\d+)\.(\d+)"', (REPO / "pyproject.toml").read_text()
    )
    assert floor is not None
    want = f"sys.version_info < ({floor.group(1)}, {floor.group(2)})"
    for name in ("install.sh", "install.bat"):
        checks = set(re.findall(r"sys\.version_info < \(\d+, \d+\)", text(name)))
        assert checks == {want}, name
    assert f"python{floor.group(1)}.{floor.group(2)}" in text("install.sh").split()


def test_both_installers_pass_every_argument_and_the_exit_code() -> None:
    sh, bat = text("install.sh"), text("install.bat")
    assert 'exec "$PY" "$KIT/install_kit.py" "$@"' in sh  # exec: its exit code is ours
    assert re.search(r'^%PY% "%KIT%install_kit\.py" %\*\nset "RC=%ERRORLEVEL%"$', bat, re.M)
    assert bat.rstrip().endswith("exit /b %RC%")


def test_both_launchers_look_where_the_installer_puts_the_tutor(monkeypatch) -> None:
    sh, bat = text("tutor.sh"), text("tutor.bat")
    assert '[ -f "$HERE/current" ] && APP="$HERE"' in sh  # run from the app folder itself
    assert 'set "APP=%~dp0"\nif exist "%APP%current" goto found' in bat
    assert (
        "${TUTOR_APP_DIR:-" in sh and 'if defined TUTOR_APP_DIR set "APP=%TUTOR_APP_DIR%\\"' in bat
    )
    assert "${XDG_DATA_HOME:-$HOME/.local/share}/tutor-app" in sh
    assert 'set "APP=%LOCALAPPDATA%\\tutor-app\\"' in bat
    monkeypatch.setenv("LOCALAPPDATA", r"C:\Users\amna\AppData\Local")
    monkeypatch.setenv("XDG_DATA_HOME", "/home/amna/.local/share")
    for windows, folder in (
        (False, "/home/amna/.local/share"),
        (True, r"C:\Users\amna\AppData\Local"),
    ):
        monkeypatch.setattr(install_kit, "WINDOWS", windows)
        assert str(install_kit.default_app_dir()).replace(
            "\\", "/"
        ) == f"{folder}/tutor-app".replace("\\", "/")


def test_both_launchers_start_the_environment_named_in_current(monkeypatch) -> None:
    monkeypatch.setattr(install_kit, "WINDOWS", False)
    linux = install_kit.env_tutor(Path("envs/ID")).as_posix().replace("ID", "$CUR")
    monkeypatch.setattr(install_kit, "WINDOWS", True)
    windows = install_kit.env_tutor(Path("envs/ID")).as_posix().replace("ID", "%CUR%")
    assert 'CUR="$(cat "$APP/current")"' in text("tutor.sh")
    assert f'exec "$APP/{linux}" "$@"' in text("tutor.sh")
    bat = text("tutor.bat")
    assert 'set /p CUR=<"%APP%current"' in bat
    assert f'"%APP%{windows.replace("/", chr(92))}" %*\nexit /b %ERRORLEVEL%' in bat


@pytest.mark.parametrize("pair", [("install.sh", "install.bat"), ("tutor.sh", "tutor.bat")])
def test_each_pair_prints_the_same_english(pair: tuple[str, str]) -> None:
    sh, bat = (english_echoes(name) for name in pair)
    assert sh and sh == bat


def test_windows_shortcut_asks_windows_where_the_desktop_is(monkeypatch, tmp_path: Path) -> None:
    calls: list[list[str]] = []

    def powershell(cmd: list[str], **_kw: object) -> SimpleNamespace:
        calls.append(cmd)
        return SimpleNamespace(returncode=0)

    monkeypatch.setattr(install_kit, "subprocess", SimpleNamespace(run=powershell))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))
    (tmp_path / "Desktop").mkdir()
    install_kit.windows_shortcut(Path("C:/Users/O'Brien/AppData/Local/tutor-app/tutor.bat"))
    (cmd,) = calls
    assert cmd[:3] == ["powershell", "-NoProfile", "-Command"]
    assert "[Environment]::GetFolderPath('Desktop')" in cmd[3]  # OneDrive may have moved it
    assert "'C:/Users/O''Brien/AppData/Local/tutor-app/tutor.bat'" in cmd[3]
    assert not list((tmp_path / "Desktop").iterdir())


def test_without_powershell_a_desktop_batch_file_starts_the_launcher(
    monkeypatch, tmp_path: Path
) -> None:
    def missing(*_a: object, **_kw: object) -> None:
        raise FileNotFoundError("powershell")

    monkeypatch.setattr(install_kit, "subprocess", SimpleNamespace(run=missing))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))
    (tmp_path / "Desktop").mkdir()
    launcher = Path("D:/tutor app/tutor.bat")  # an --app-dir the default lookup would miss
    install_kit.windows_shortcut(launcher)
    made = (tmp_path / "Desktop" / "Tutor.bat").read_bytes()
    assert made == f'@echo off\r\ncall "{launcher}" %*\r\n'.encode()
