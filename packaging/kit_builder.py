"""Build the offline USB install kit: wheels, the signed default pack, scripts and a guide.

Run by programme IT on a connected machine through ``packaging/build-usb-kit``. Two ways
to fill ``wheels/``:

* default: ``pip download`` of the exact versions installed here, for every target
  platform (Windows x64, Linux x64) and Python version, binary wheels only;
* ``--from-installed``: no network at all; the distributions installed in this environment
  are repacked (this machine's platform and Python only). Tests use this.

The tutor's own wheel is always built from the source tree. Everything the trainer's PC runs
is in ``kit_files/``; the installer (``install_kit.py``) needs only the standard library.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from email.parser import HeaderParser
from pathlib import Path

from wheel_repack import RepackError, filter_wheel, repack, requirement_closure

from tutor.i18n import _

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
KIT_FILES = HERE / "kit_files"
PASS_ENV = "TUTOR_PACK_PASSPHRASE"
SUMS = "SHA256SUMS"
DEFAULT_PYTHONS = ("3.10", "3.11", "3.12", "3.13")
# Oldest glibc first is not needed: pip takes the best wheel among these for each package.
LINUX_PLATFORMS = ("manylinux2014_x86_64", "manylinux_2_17_x86_64", "manylinux_2_28_x86_64")
WINDOWS_PLATFORMS = ("win_amd64",)
# Parents of en_PK and ur_PK in CLDR: en_PK -> en_001 -> en -> root.
BABEL_KEEP = ("root", "en", "ur")
TARGETS = {"linux": LINUX_PLATFORMS, "windows": WINDOWS_PLATFORMS}


class KitError(Exception):
    """The kit cannot be built; the message says why and what to do."""


@dataclass(frozen=True)
class KitPlan:
    out: Path
    source: Path
    lessons: Path
    key: Path
    passphrase: bytes
    kit_id: str
    from_installed: bool
    pythons: tuple[str, ...]
    systems: tuple[str, ...]
    slim: bool = True


def run(cmd: list[str]) -> None:
    """Run a build step; its own output goes to the console, a failure stops the build."""
    done = subprocess.run(cmd, check=False)
    if done.returncode != 0:
        raise KitError(_("This step failed: {cmd}").format(cmd=" ".join(cmd)))


def build_tutor_wheel(source: Path, out: Path, *, isolated: bool) -> Path:
    """The tutor's wheel from the source tree (no build isolation means no download)."""
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--disable-pip-version-check",
        "-q",
        "-w",
        str(out),
        str(source),
    ]
    if not isolated:
        cmd[4:4] = ["--no-build-isolation", "--no-index"]
    run(cmd)
    found = sorted(out.glob("tutor-*.whl"))
    if not found:
        raise KitError(_("No tutor wheel was built in {path}.").format(path=out))
    return found[-1]


def wheel_requirements(wheel: Path) -> tuple[str, list[str]]:
    """(version, runtime requirements) read from a wheel's METADATA; extras are skipped."""
    with zipfile.ZipFile(wheel) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        meta = HeaderParser().parsestr(zf.read(name).decode("utf-8"))
    reqs = [r for r in meta.get_all("Requires-Dist") or [] if "extra ==" not in r]
    return str(meta["Version"]), reqs


def repack_installed(requirements: list[str], wheels: Path, slim: bool) -> list[str]:
    """Offline: wheels for this machine from the installed distributions."""
    dists = requirement_closure([*requirements, "pip"])
    for dist in dists:
        repack(dist, wheels, unused_locale if slim else None)
    return [f"{d.metadata['Name']}=={d.version}" for d in dists]


def download_wheels(
    tutor_wheel: Path, wheels: Path, pythons: Iterable[str], systems: Iterable[str]
) -> None:
    """Online: binary wheels of the tutor's dependencies (and pip) for each target.

    Resolved per target, because the newest release of a dependency may not support the
    oldest Python; the installer then takes the newest wheel in the kit that fits the PC.
    """
    for system in systems:
        for py in pythons:
            cmd = [
                sys.executable, "-m", "pip", "download", "-q", "--only-binary=:all:",
                "--disable-pip-version-check", "--implementation", "cp",
                "--python-version", py, "-d", str(wheels), str(tutor_wheel), "pip",
            ]  # fmt: skip
            for platform in TARGETS[system]:
                cmd += ["--platform", platform]
            print(
                _("Downloading wheels for {system}, Python {py}").format(system=system, py=py),
                flush=True,
            )
            run(cmd)


def load_signing_key(key_file: Path, passphrase: bytes):  # noqa: ANN201 (lazy import)
    """The programme's private key, checked before anything is written."""
    from tutor.packs.pack_errors import PackError
    from tutor.packs.pack_keys import load_private

    try:
        return load_private(key_file, passphrase)
    except PackError as exc:
        raise KitError(str(exc)) from exc


def build_default_pack(lessons: Path, key: object, out: Path) -> tuple[str, int]:
    """Sign the lessons into ``out``; returns the public key line and the pack version."""
    from tutor.packs.pack_build import build_pack
    from tutor.packs.pack_errors import PackError
    from tutor.packs.pack_keys import public_line

    version = int(dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d%H%M"))
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        build_pack(lessons, key, out, pack_id="default", version=version, title="Freelancing tutor")
    except PackError as exc:
        raise KitError(str(exc)) from exc
    return public_line(key.public_key()), version  # type: ignore[attr-defined]


def unused_locale(member: str) -> bool:
    """Babel locale data the tutor never reads: it formats for ``en_PK`` and ``ur_PK`` only."""
    if not member.startswith("babel/locale-data/"):
        return False
    stem = member.rsplit("/", 1)[1].split(".", 1)[0]
    return not stem.startswith(BABEL_KEEP)


def slim_babel(wheels: Path) -> int:
    """Drop unused CLDR locales from every Babel wheel (about 30 MB once installed)."""
    return sum(filter_wheel(w, unused_locale) for w in wheels.glob("babel-*.whl"))


def copy_kit_files(kit: Path) -> None:
    """Scripts and guides; the shell scripts stay executable where the disk allows."""
    for src in sorted(KIT_FILES.iterdir()):
        if src.is_file():
            dst = kit / src.name
            shutil.copyfile(src, dst)
            if src.suffix == ".sh":
                os.chmod(dst, 0o755)


def write_checksums(kit: Path) -> Path:
    """``SHA256SUMS`` over every file, so the installer can refuse a damaged copy."""
    lines = []
    for path in sorted(p for p in kit.rglob("*") if p.is_file() and p.name != SUMS):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.relative_to(kit).as_posix()}")
    out = kit / SUMS
    out.write_text("\n".join(lines) + "\n", "utf-8")
    return out


def kit_size(kit: Path) -> int:
    return sum(p.stat().st_size for p in kit.rglob("*") if p.is_file())


def build_kit(plan: KitPlan) -> Path:
    """Make the whole kit in ``plan.out`` (which must not exist or be empty).

    Built in ``<out>.partial`` and renamed at the end, so a failed build leaves no kit that
    looks complete.
    """
    out = plan.out
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise KitError(_("{path} is not empty; choose a new folder.").format(path=out))
    if not plan.lessons.is_dir():
        raise KitError(_("No lesson folder at {path}.").format(path=plan.lessons))
    key = load_signing_key(plan.key, plan.passphrase)
    partial = out.with_name(out.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    try:
        fill_kit(plan, key, partial)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    if out.exists():
        out.rmdir()
    partial.rename(out)
    return out


def fill_kit(plan: KitPlan, key: object, out: Path) -> None:
    """Every part of the kit, written into ``out``."""
    wheels = out / "wheels"
    wheels.mkdir(parents=True)
    tutor_wheel = build_tutor_wheel(plan.source, wheels, isolated=not plan.from_installed)
    version, requirements = wheel_requirements(tutor_wheel)
    try:
        if plan.from_installed:
            repack_installed(requirements, wheels, plan.slim)
        else:
            download_wheels(tutor_wheel, wheels, plan.pythons, plan.systems)
            if plan.slim:
                slim_babel(wheels)
    except RepackError as exc:
        raise KitError(str(exc)) from exc
    # Only the tutor is named: pip picks its dependencies among the kit's wheels for the
    # PC's Python. pip itself runs from its wheel and is not installed (14 MB less).
    (out / "requirements.txt").write_text(f"tutor=={version}\n", "utf-8")
    public, pack_version = build_default_pack(plan.lessons, key, out / "lessons" / "default.tpack")
    (out / "keys").mkdir()
    (out / "keys" / "programme.pub").write_text(public + "\n", "utf-8")
    copy_kit_files(out)
    pythons = (
        [f"{sys.version_info.major}.{sys.version_info.minor}"]
        if plan.from_installed
        else list(plan.pythons)
    )
    doc = {
        "kit": 1,
        "id": plan.kit_id,
        "tutor": version,
        "pack_version": pack_version,
        "pythons": pythons,
        "systems": [sys.platform] if plan.from_installed else list(plan.systems),
        "built": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    }
    (out / "kit.json").write_text(json.dumps(doc, indent=1) + "\n", "utf-8")
    write_checksums(out)


def read_passphrase(args: argparse.Namespace) -> bytes:
    if args.passphrase_file:
        return Path(args.passphrase_file).read_text("utf-8").strip().encode()
    if os.environ.get(PASS_ENV):
        return os.environ[PASS_ENV].encode()
    import getpass

    return getpass.getpass(_("Passphrase: ")).encode()


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="build-usb-kit", description=_("Build the offline USB install kit.")
    )
    p.add_argument("out", help=_("new folder for the kit (e.g. the USB stick)"))
    p.add_argument("--key", required=True, help=_("the programme's private signing key"))
    p.add_argument("--passphrase-file", help=_("read the key's passphrase from this file"))
    p.add_argument("--lessons", default=str(REPO / "lessons"), help=_("lesson folder"))
    p.add_argument("--source", default=str(REPO), help=_("the tutor's source tree"))
    p.add_argument(
        "--from-installed",
        action="store_true",
        help=_("no network: repack this environment (this PC's platform only)"),
    )
    p.add_argument(
        "--python",
        nargs="+",
        default=list(DEFAULT_PYTHONS),
        dest="pythons",
        help=_("Python versions to download wheels for (default: 3.10 to 3.13)"),
    )
    p.add_argument(
        "--system",
        nargs="+",
        default=list(TARGETS),
        choices=list(TARGETS),
        dest="systems",
        help=_("systems to download wheels for (default: both)"),
    )
    p.add_argument(
        "--full-babel",
        action="store_true",
        help=_("keep every Babel locale (about 9 MB more in the kit)"),
    )
    p.add_argument("--kit-id", help=_("name of this kit (default: version and build time)"))
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d%H%M%S")
    try:
        from tutor import __version__

        plan = KitPlan(
            out=Path(args.out).resolve(),
            source=Path(args.source).resolve(),
            lessons=Path(args.lessons).resolve(),
            key=Path(args.key),
            passphrase=read_passphrase(args),
            kit_id=args.kit_id or f"{__version__}-{stamp}",
            from_installed=args.from_installed,
            pythons=tuple(args.pythons),
            systems=tuple(args.systems),
            slim=not args.full_babel,
        )
        kit = build_kit(plan)
    except (KitError, OSError) as exc:
        print(_("Error: {message}").format(message=exc), file=sys.stderr)
        return 1
    print(_("Kit ready in {path}: {mb:.1f} MB.").format(path=kit, mb=kit_size(kit) / 1e6))
    return 0
