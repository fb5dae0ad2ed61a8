"""``tutor doctor``: look at this PC and say, in the trainer's language, what to fix.

Gathers facts (terminal, data folder, clock, server, packs) and hands them to the rules in
:mod:`tutor.doctor_checks`. It only reads: the data folder is not locked, opened for
writing or created (the free-space probe writes one temporary file and removes it), so it
is safe to run while the tutor is open.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from tutor.i18n import _, ngettext

Probe = Callable[[str], tuple[bool, str]]
HEALTH_PATH = "/v1/health"
SAMPLE = "اردو میں خوش آمدید، آپ کا پہلا سبق (Upwork) تیار ہے۔"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("doctor", help=_("check this PC and say what to fix"))
    p.add_argument("--lang", choices=("en", "ur"), help=_("language of the report"))
    p.add_argument(
        "--offline", action="store_true", help=_("do not try to reach the programme server")
    )
    p.set_defaults(func=cmd_doctor)


@dataclass(frozen=True)
class Facts:
    """What the checks need from the outside world, gathered in one place."""

    size: tuple[int, int] | None
    color_system: str | None
    encoding: str | None
    env: Mapping[str, str]
    platform: str
    now: dt.datetime


class ReadOnlySettings:
    """The PC's settings read straight from the state file, never written or locked."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        self._values = dict(values)

    def get(self, key: str, default: Any = None) -> Any:
        return self._values.get(key, default)


def read_settings(state_file: Path) -> ReadOnlySettings:
    """Settings from the state file or its previous generation; empty when neither reads."""
    from tutor.services.pc_settings import DOC_ID, TABLE
    from tutor.store.atomic_file import read_file
    from tutor.store.state_db import PREVIOUS_SUFFIX, _decode_state

    for path in (state_file, state_file.with_name(state_file.name + PREVIOUS_SUFFIX)):
        try:
            tables = _decode_state(read_file(path))
        except OSError:
            tables = None
        if tables is not None:
            doc = tables.get(TABLE, {}).get(str(DOC_ID), {})
            return ReadOnlySettings(doc if isinstance(doc, dict) else {})
    return ReadOnlySettings({})


def terminal_facts(stream: TextIO, env: Mapping[str, str]) -> Facts:
    """Size, colours and encoding of the terminal the doctor was started in."""
    size = None
    for fd in (1, 2, 0):
        try:
            cols, rows = os.get_terminal_size(fd)
            size = (cols, rows)
            break
        except OSError:
            continue
    from rich.console import Console

    colour = Console(force_terminal=True, file=stream).color_system
    return Facts(
        size,
        colour,
        getattr(stream, "encoding", None),
        env,
        sys.platform,
        dt.datetime.now(dt.timezone.utc),
    )


def folder_facts(home: Path) -> tuple[bool, bool, int | None]:
    """(exists, writable, free bytes); a missing folder is judged by its nearest parent."""
    import shutil
    import tempfile

    exists = home.is_dir()
    probe = home
    while not probe.is_dir() and probe != probe.parent:
        probe = probe.parent
    try:
        with tempfile.NamedTemporaryFile(dir=probe, prefix=".doctor-"):
            pass
        writable = True
    except OSError:
        writable = False
    try:
        free: int | None = shutil.disk_usage(probe).free
    except OSError:
        free = None
    return exists, writable, free


def newest_mtime(home: Path) -> dt.datetime | None:
    """The newest modification time among the data folder's own files and event segments."""
    times = []
    for folder in (home, home / "events"):
        try:
            times += [p.stat().st_mtime for p in folder.iterdir() if p.is_file()]
        except OSError:
            continue
    return dt.datetime.fromtimestamp(max(times), dt.timezone.utc) if times else None


def installed_packs(packs_root: Path) -> list[tuple[str, int, str, str]]:
    """(id, version, signer key id, created) of each installed pack."""
    from tutor.packs.pack_library import PackLibrary

    return [
        (p.pack_id, p.version, p.manifest.key_id, p.manifest.created)
        for p in PackLibrary(packs_root).installed()
    ]


def clock_floor(created: list[str]) -> dt.datetime:
    """The latest date known to have passed: this release, or the newest pack's build."""
    from tutor.doctor_checks import CLOCK_FLOOR

    floor = CLOCK_FLOOR
    for text in created:
        try:
            when = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            continue
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.timezone.utc)
        floor = max(floor, when)
    return floor


def collector_url(home: Path) -> tuple[str | None, str]:
    """(the enrolled server's address or None, why the sync state cannot be read or "")."""
    try:
        from tutor.paths import DataPaths
        from tutor.sync.local_pc import state_file
        from tutor.sync.sync_state import SyncStateError
    except ImportError:
        return None, ""
    files = state_file(DataPaths(home))
    if not files.exists():
        return None, ""
    try:
        return files.load().url or None, ""
    except SyncStateError as exc:
        return None, str(exc)


def http_probe(url: str, timeout_s: float = 5.0) -> tuple[bool, str]:
    """GET the server's health address once; (answered OK, what went wrong)."""
    from tutor.sync.transport import HttpTransport, TransportError

    try:
        link = HttpTransport(url, stall_timeout_s=timeout_s)
    except ValueError:
        return False, _("not a web address")
    try:
        response = link.request("GET", HEALTH_PATH)
    except TransportError as exc:
        return False, str(exc)
    finally:
        link.close()
    if response.status != 200:
        return False, _("it answered {status}").format(status=response.status)
    return True, ""


def run_checks(home: Path, facts: Facts, probe: Probe | None) -> list:
    """Every check, in the order a trainer would fix things."""
    from tutor import __version__
    from tutor import doctor_checks as dc
    from tutor.i18n.rtl_mode import guess_rtl_mode
    from tutor.packs.pack_keys import key_id
    from tutor.packs.trust_store import trusted_keys
    from tutor.paths import DataPaths

    paths = DataPaths(home)
    settings = read_settings(paths.state)
    checks = []
    if facts.size is None:
        checks.append(
            dc.Check("terminal", dc.SKIP, _("Window size"), _("not started in a terminal window"))
        )
    else:
        checks.append(dc.terminal_size(*facts.size))
    checks.append(dc.colours(facts.color_system, facts.env))
    checks.append(dc.text_encoding(facts.encoding))
    checks.append(
        dc.urdu_display(str(settings.get("rtl", "auto")), guess_rtl_mode(facts.env, facts.platform))
    )
    exists, writable, free = folder_facts(home)
    checks.append(dc.data_folder(str(home), exists, writable, free))
    packs = installed_packs(paths.packs)
    floor = clock_floor([created for *_rest, created in packs])
    checks.append(dc.clock(facts.now, newest_mtime(home), floor))
    url, problem = collector_url(home)
    if problem:
        checks.append(dc.Check("collector", dc.WARN, _("Programme server"), problem))
    elif url and probe is not None:
        reached, note = probe(url)
        checks.append(dc.collector(url, reached, note))
    elif url:
        checks.append(
            dc.Check(
                "collector",
                dc.SKIP,
                _("Programme server"),
                _("{url} (not tried: --offline)").format(url=url),
            )
        )
    else:
        checks.append(dc.collector(None, None))
    trusted = {key_id(k) for k in trusted_keys(settings)}  # type: ignore[arg-type]
    checks.append(dc.pack_trust([(p, v, k) for p, v, k, _c in packs], trusted))
    checks.append(
        dc.version(
            __version__, sys.version.split()[0], _build_kind(facts.platform), _textual_version()
        )
    )
    return checks


def _build_kind(platform: str) -> str:
    """The platform, marked when this is the standalone (PyInstaller) build: whoever reads
    the report then knows whether the PC's own Python is involved at all."""
    if getattr(sys, "frozen", False):
        return _("{os}, standalone build").format(os=platform)
    return platform


def _textual_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("textual")
    except PackageNotFoundError:
        return "?"


def render(checks: list, width: int, rtl_mode: str, urdu_report: bool) -> list[str]:
    """Report lines; an Urdu report is laid out right to left in ``rtl_mode``.

    The Urdu sample is always drawn the way the tutor would draw it on this PC, so the
    trainer sees whether the current setting reads correctly.
    """
    from tutor.doctor_checks import FAIL, OK, SKIP, WARN
    from tutor.i18n.bidi import has_rtl, visual_lines

    marks = {
        OK: "✓ " + _("OK"),
        WARN: "! " + _("Look"),
        FAIL: "✗ " + _("Fix"),
        SKIP: "– " + _("Skipped"),
    }
    lines: list[tuple[str, bool]] = []  # (text, already laid out)
    for c in checks:
        lines.append((f"[{marks[c.status]}] {c.title}: {c.detail}", False))
        if c.fix:
            lines.append(("    → " + c.fix, False))
        if c.key == "urdu":
            lines.append(
                ("    " + _("This line should read right to left, letters joined:"), False)
            )
            lines += [(line, True) for line in visual_lines(SAMPLE, width, rtl_mode)]
    failed = [c for c in checks if c.status == FAIL]
    lines.append(("", True))
    lines.append(
        (
            ngettext(
                "{n} thing to fix before trainees use this PC.",
                "{n} things to fix before trainees use this PC.",
                len(failed),
            ).format(n=len(failed))
            if failed
            else _("This PC is ready for trainees."),
            False,
        )
    )
    out: list[str] = []
    for text, laid_out in lines:
        if laid_out or not urdu_report:
            out.append(text)
        else:  # a message not yet translated stays left to right
            out.extend(visual_lines(text, width, rtl_mode, base_rtl=has_rtl(text)))
    return out


def report_language(args: argparse.Namespace, home: Path, encoding: str | None) -> str:
    """--lang, else the PC's language; English when the terminal cannot show Urdu."""
    from tutor.paths import DataPaths

    lang = args.lang or read_settings(DataPaths(home).state).get("language") or "en"
    try:
        "ا".encode(encoding or "ascii")
    except (LookupError, UnicodeEncodeError):
        return "en"
    return str(lang) if lang in ("en", "ur") else "en"


def cmd_doctor(
    args: argparse.Namespace, *, out: TextIO | None = None, probe: Probe | None = http_probe
) -> int:
    from tutor import doctor_checks as dc
    from tutor.i18n import set_language
    from tutor.i18n.rtl_mode import effective_rtl_mode
    from tutor.paths import DataPaths, resolve_home

    out = out or sys.stdout
    home = resolve_home(getattr(args, "home", None))
    facts = terminal_facts(out, os.environ)
    lang = report_language(args, home, facts.encoding)
    set_language(lang)
    checks = run_checks(home, facts, None if args.offline else probe)
    setting = str(read_settings(DataPaths(home).state).get("rtl", "auto"))
    rtl = effective_rtl_mode(setting, facts.env, facts.platform)
    width = facts.size[0] if facts.size else 100
    for line in render(checks, width, rtl, urdu_report=lang == "ur"):
        print(line, file=out)
    return dc.exit_code(checks)


if __name__ == "__main__":  # until the lead adds the module to tutor.cli
    from tutor.cli import build_parser

    parser = build_parser()
    subs = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    if "doctor" not in subs.choices:
        register(subs)
    parsed = parser.parse_args(sys.argv[1:])
    sys.exit(parsed.func(parsed))
