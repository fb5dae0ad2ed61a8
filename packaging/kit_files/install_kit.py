"""Install or update the tutor on this PC from the USB kit, with no network at all.

Started by ``install.sh`` / ``install.bat`` with the PC's own Python (3.10 or newer); uses
only the standard library, because nothing else is installed yet.

Steps: check every file of the kit against SHA256SUMS; make a new environment for this kit
under the app folder (``envs/<kit id>``) and install the kit's wheels into it with pip run
from the kit's own pip wheel (``--no-index``: pip never looks at the network); then point
``current`` at it with an atomic rename, so a power cut leaves the old or the new version
working, never half of one. Trainees' data lives in the tutor's data folder, which this
script never opens. The version before stays for one more update.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

KIT = Path(__file__).resolve().parent
WINDOWS = sys.platform.startswith("win")
KEEP_ENVS = 2  # the current environment and the one before it
COMPLETE = ".complete"

# English first, then Urdu: the installer runs before the tutor and its translations exist.
TEXT = {
    "damaged": (
        "The kit is damaged: {files}. Copy the kit to the USB stick again.",
        "کِٹ خراب ہے: {files}۔ کِٹ دوبارہ USB میں کاپی کریں۔",
    ),
    "python": (
        "This kit has no wheels for Python {have}; it has {want}. "
        "Use the standalone build instead.",
        "یہ کِٹ Python {have} کے لیے نہیں؛ اس میں {want} ہے۔ اسٹینڈ اَلون ورژن استعمال کریں۔",
    ),
    "installing": (
        "Installing tutor {version} into {path} ...",
        "ٹیوٹر {version} انسٹال ہو رہا ہے: {path} ...",
    ),
    "pip_failed": (
        "Installing failed; the tutor already on this PC was not changed.",
        "انسٹال ناکام؛ اس PC پر پہلے سے موجود ٹیوٹر نہیں بدلا گیا۔",
    ),
    "already": (
        "This kit is already installed; checking the launcher and lessons.",
        "یہ کِٹ پہلے سے انسٹال ہے؛ لانچر اور اسباق چیک ہو رہے ہیں۔",
    ),
    "lessons_warn": (
        "The lessons on the stick were not installed (see above). "
        "The tutor works with the lessons it has.",
        "USB والے اسباق انسٹال نہیں ہوئے (اوپر دیکھیں)۔ ٹیوٹر موجودہ اسباق سے چلے گا۔",
    ),
    "lessons_current": ("The lessons on this PC are up to date.", "اس PC پر اسباق تازہ ہیں۔"),
    "done": ("Done. Start the tutor with: {launcher}", "مکمل۔ ٹیوٹر اس سے کھولیں: {launcher}"),
    "no_app": ("Cannot write to {path}: {reason}", "{path} میں لکھا نہیں جا سکتا: {reason}"),
}


def say(key: str, **kw: object) -> None:
    """Print a message in English and, where the console can show it, in Urdu."""
    en, ur = TEXT[key]
    print(en.format(**kw), flush=True)
    enc = (getattr(sys.stdout, "encoding", "") or "").lower().replace("-", "")
    if enc in ("utf8", "utf_8"):
        print(ur.format(**kw), flush=True)


def default_app_dir() -> Path:
    """Where the program goes: apart from the data folder (``tutor``), which holds progress."""
    if WINDOWS:
        return (
            Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "tutor-app"
        )
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "tutor-app"


def damaged_files(kit: Path) -> list[str]:
    """Files missing or changed since the kit was built (empty list: the kit is intact)."""
    try:
        lines = (kit / "SHA256SUMS").read_text("utf-8").splitlines()
    except OSError:
        return ["SHA256SUMS"]
    bad = []
    for line in lines:
        digest, _, name = line.partition("  ")
        try:
            ok = hashlib.sha256((kit / name).read_bytes()).hexdigest() == digest
        except OSError:
            ok = False
        if not ok:
            bad.append(name)
    return bad


def env_python(env: Path) -> Path:
    return env / ("Scripts/python.exe" if WINDOWS else "bin/python")


def env_tutor(env: Path) -> Path:
    return env / ("Scripts/tutor.exe" if WINDOWS else "bin/tutor")


def make_env(env: Path, kit: Path) -> bool:
    """A fresh environment with the kit's wheels; False (and nothing left) on failure."""
    shutil.rmtree(env, ignore_errors=True)
    pip_wheel = next(iter(sorted((kit / "wheels").glob("pip-*.whl"))), None)
    if pip_wheel is None:
        return False
    offline = {
        **os.environ,
        "PIP_NO_INDEX": "1",
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    steps = [
        [sys.executable, "-m", "venv", "--without-pip", str(env)],
        [
            str(env_python(env)),
            str(pip_wheel / "pip"),
            "install",
            "--no-index",
            "--find-links",
            str(kit / "wheels"),
            "--only-binary=:all:",
            "--no-cache-dir",
            "--no-warn-script-location",
            "-q",
            "-r",
            str(kit / "requirements.txt"),
        ],
    ]
    for cmd in steps:
        if subprocess.run(cmd, env=offline, check=False).returncode != 0:
            shutil.rmtree(env, ignore_errors=True)
            return False
    (env / COMPLETE).write_text("ok\n", "utf-8")
    return True


def point_current(app: Path, name: str) -> None:
    """Switch the launcher to ``envs/<name>`` in one atomic rename."""
    tmp = app / "current.tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(name + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, app / "current")


def prune_envs(app: Path, keep: str) -> None:
    """Remove environments older than the one before ``keep`` (oldest first)."""
    envs = sorted(
        (p for p in (app / "envs").iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime
    )
    others = [p for p in envs if p.name != keep]
    for old in others[: max(0, len(others) - (KEEP_ENVS - 1))]:
        shutil.rmtree(old, ignore_errors=True)


def install_launcher(app: Path, kit: Path, shortcut: bool) -> Path:
    """Copy the launcher into the app folder and add a desktop shortcut."""
    name = "tutor.bat" if WINDOWS else "tutor.sh"
    launcher = app / name
    shutil.copyfile(kit / name, launcher)
    if not WINDOWS:
        os.chmod(launcher, 0o755)
    if shortcut:
        (windows_shortcut if WINDOWS else linux_shortcut)(launcher)
    return launcher


def linux_shortcut(launcher: Path) -> None:
    entry = (
        "[Desktop Entry]\nType=Application\nName=Freelancing tutor\n"
        "Name[ur]=فری لانسنگ ٹیوٹر\n"
        f'Exec="{launcher}"\nTerminal=true\nCategories=Education;\n'
    )
    apps = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local/share") / "applications"
    targets = [apps / "tutor.desktop"]
    desktop = Path.home() / "Desktop"
    if desktop.is_dir():
        targets.append(desktop / "tutor.desktop")
    for target in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(entry, "utf-8")
        os.chmod(target, 0o755)


def ps_quote(text: object) -> str:
    """A PowerShell single-quoted string (a quote inside is doubled, as in O'Brien)."""
    return "'" + str(text).replace("'", "''") + "'"


def windows_shortcut(launcher: Path) -> None:
    """``Tutor.lnk`` on the desktop Windows shows, which OneDrive often moves away from
    ``%USERPROFILE%\\Desktop``; so PowerShell asks Windows where it is."""
    script = (
        "$d=[Environment]::GetFolderPath('Desktop');"
        "$s=(New-Object -ComObject WScript.Shell).CreateShortcut((Join-Path $d 'Tutor.lnk'));"
        f"$s.TargetPath={ps_quote(launcher)};$s.WorkingDirectory={ps_quote(launcher.parent)};"
        "$s.Save()"
    )
    try:
        made = subprocess.run(["powershell", "-NoProfile", "-Command", script]).returncode == 0
    except OSError:  # no PowerShell on this PC
        made = False
    desktop = Path(os.environ.get("USERPROFILE") or Path.home()) / "Desktop"
    if not made and desktop.is_dir():  # a one-line batch file that starts the launcher
        (desktop / "Tutor.bat").write_bytes(f'@echo off\r\ncall "{launcher}" %*\r\n'.encode())


INSTALLED_PACK = (
    "from tutor.packs.pack_library import PackLibrary as L\n"
    "from tutor.paths import DataPaths, resolve_home\n"
    "p = L(DataPaths(resolve_home()).packs).get('default')\n"
    "print(p.version if p else 0)"
)


def installed_pack_version(env: Path) -> int:
    """The default pack's version on this PC (0: none), asked of the tutor, read only."""
    done = subprocess.run(
        [str(env_python(env)), "-c", INSTALLED_PACK], check=False, capture_output=True, text=True
    )
    try:
        return int(done.stdout.strip())
    except ValueError:
        return 0


def install_lessons(env: Path, kit: Path, pack_version: int) -> bool:
    """Trust the programme key and install the kit's pack with the tutor itself.

    A pack already installed at this version or newer is left alone, so re-running the
    installer keeps the trainer's roll-back version.
    """
    tutor = str(env_tutor(env))
    ok = (
        subprocess.run(
            [tutor, "pack", "trust", str(kit / "keys" / "programme.pub")], check=False
        ).returncode
        == 0
    )
    if ok and installed_pack_version(env) >= pack_version:
        say("lessons_current")
        return True
    ok = (
        ok
        and subprocess.run(
            [tutor, "pack", "install", str(kit / "lessons"), "--yes"], check=False
        ).returncode
        == 0
    )
    return ok


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Install or update the tutor from this kit.")
    p.add_argument("--app-dir", help="where to install (default: per-user app folder)")
    p.add_argument("--no-shortcut", action="store_true", help="no desktop shortcut")
    p.add_argument("--no-lessons", action="store_true", help="do not install the lesson pack")
    args = p.parse_args(argv)

    bad = damaged_files(KIT)
    if bad:
        say("damaged", files=", ".join(bad[:5]))
        return 2
    info = json.loads((KIT / "kit.json").read_text("utf-8"))
    have = f"{sys.version_info.major}.{sys.version_info.minor}"
    if have not in info["pythons"]:
        say("python", have=have, want=", ".join(info["pythons"]))
        return 3
    app = Path(args.app_dir or os.environ.get("TUTOR_APP_DIR") or default_app_dir())
    env = app / "envs" / info["id"]
    try:
        env.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        say("no_app", path=app, reason=exc.strerror or exc)
        return 4
    if (env / COMPLETE).is_file():
        say("already")
    else:
        say("installing", version=info["tutor"], path=app)
        if not make_env(env, KIT):
            say("pip_failed")
            return 5
    launcher = install_launcher(app, KIT, shortcut=not args.no_shortcut)
    point_current(app, info["id"])
    prune_envs(app, info["id"])
    if not args.no_lessons and not install_lessons(env, KIT, int(info["pack_version"])):
        say("lessons_warn")
    say("done", launcher=launcher)
    return 0


if __name__ == "__main__":
    sys.exit(main())
