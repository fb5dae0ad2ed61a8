"""The checks ``tutor doctor`` runs, as plain functions of facts gathered elsewhere.

Each takes values (sizes, settings, the clock reading, a probe result) and returns a
:class:`Check`: what was found and, when something is wrong, what a trainer should do.
Gathering the facts (terminal, disk, network) lives in :mod:`tutor.doctor`, so every rule
here is a plain test case with no terminal, disk or network.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tutor.i18n import _

OK, WARN, FAIL, SKIP = "ok", "warn", "fail", "skip"

MIN_COLS, MIN_ROWS = 80, 24  # below this, screens cut off text
GOOD_COLS, GOOD_ROWS = 100, 30  # what the screens are designed and tested at
MIN_FREE_MB = 50  # the event log and a pack update need room
LOW_FREE_MB = 500
# This release cannot run on a day before it was made: an earlier clock is wrong.
CLOCK_FLOOR = dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc)
CLOCK_SLACK = dt.timedelta(days=1)
URDU_SAMPLE = "اردو"


@dataclass(frozen=True)
class Check:
    """One line of the report: ``status`` is ok, warn, fail or skip."""

    key: str
    status: str
    title: str
    detail: str
    fix: str = ""


def terminal_size(cols: int, rows: int) -> Check:
    title = _("Window size")
    detail = _("{cols} × {rows} characters").format(cols=cols, rows=rows)
    if cols < MIN_COLS or rows < MIN_ROWS:
        fix = _(
            "Make the window bigger (at least {c} × {r}): maximise it, or use a smaller font."
        ).format(c=MIN_COLS, r=MIN_ROWS)
        return Check("terminal", FAIL, title, detail, fix)
    if cols < GOOD_COLS or rows < GOOD_ROWS:
        fix = _("Works, but {c} × {r} or more shows lessons best: maximise the window.").format(
            c=GOOD_COLS, r=GOOD_ROWS
        )
        return Check("terminal", WARN, title, detail, fix)
    return Check("terminal", OK, title, detail)


def colours(color_system: str | None, env: Mapping[str, str]) -> Check:
    """``color_system`` as Rich detects it: truecolor, 256, standard, windows or None."""
    title = _("Colours")
    if env.get("NO_COLOR"):
        return Check(
            "colours",
            WARN,
            title,
            _("switched off by NO_COLOR"),
            _(
                "Remove the NO_COLOR setting to see colours (answers are still marked "
                "with ✓ and ✗)."
            ),
        )
    if not color_system:
        return Check(
            "colours",
            WARN,
            title,
            _("this terminal shows no colours"),
            _(
                "Use Windows Terminal, or a terminal with colours; the tutor still "
                "works, with ✓ and ✗ marks."
            ),
        )
    names = {
        "truecolor": _("millions of colours"),
        "256": _("256 colours"),
        "standard": _("16 colours"),
        "windows": _("16 colours (old Windows console)"),
    }
    detail = names.get(color_system, color_system)
    if color_system in ("standard", "windows"):
        return Check(
            "colours",
            WARN,
            title,
            detail,
            _("Works, but Windows Terminal (or a newer terminal) looks clearer."),
        )
    return Check("colours", OK, title, detail)


def text_encoding(encoding: str | None) -> Check:
    """Can the terminal's output encoding carry Urdu letters at all?"""
    title = _("Urdu letters")
    name = encoding or "?"
    try:
        URDU_SAMPLE.encode(encoding or "ascii")
    except (LookupError, UnicodeEncodeError):
        return Check(
            "encoding",
            FAIL,
            title,
            _("the terminal uses {enc}, which has no Urdu letters").format(enc=name),
            _(
                "Start the tutor with tutor.bat (it switches to UTF-8), or run "
                "'chcp 65001' first; on Linux use a UTF-8 locale."
            ),
        )
    return Check("encoding", OK, title, _("{enc} can show Urdu").format(enc=name))


def urdu_display(setting: str, guessed: str) -> Check:
    """Was the right-to-left display chosen on this PC, or is it still a guess?"""
    title = _("Urdu display (right to left)")
    how = {
        "app": _("the tutor orders the letters"),
        "terminal": _("the terminal orders the letters"),
    }
    if setting in how:
        return Check("urdu", OK, title, _("checked on this PC: {how}").format(how=how[setting]))
    return Check(
        "urdu",
        WARN,
        title,
        _("not checked on this PC yet (guess: {how})").format(how=how.get(guessed, "?")),
        _(
            "Open the tutor, Trainer mode → 'Urdu display check (right-to-left)', and "
            "press the number of the box that reads correctly."
        ),
    )


def data_folder(path: str, exists: bool, writable: bool, free_bytes: int | None) -> Check:
    title = _("Data folder")
    if not writable:
        return Check(
            "data",
            FAIL,
            title,
            _("{path} cannot be written").format(path=path),
            _(
                "Give this user the right to write there, or start the tutor with "
                "--home pointing at a folder it can write."
            ),
        )
    free_mb = (free_bytes or 0) // 1_000_000
    detail = _("{path}: {mb} MB free").format(path=path, mb=free_mb)
    if not exists:
        detail += " " + _("(it will be made when the tutor first starts)")
    if free_bytes is not None and free_mb < MIN_FREE_MB:
        return Check(
            "data",
            FAIL,
            title,
            detail,
            _("Free at least {mb} MB on this disk: progress cannot be saved.").format(
                mb=MIN_FREE_MB
            ),
        )
    if free_bytes is not None and free_mb < LOW_FREE_MB:
        return Check(
            "data",
            WARN,
            title,
            detail,
            _("Disk space is low: free some space before the next lesson update."),
        )
    return Check("data", OK, title, detail)


def clock(now: dt.datetime, newest_seen: dt.datetime | None, floor: dt.datetime) -> Check:
    """Plausible wall clock: not before this release or a pack, not behind saved data.

    ``floor`` is the latest date known to have passed (release or newest pack);
    ``newest_seen`` the newest modification time in the data folder.
    """
    title = _("PC clock")
    detail = now.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    fix = _(
        "Set the PC's date and time (the tutor keeps working; reports use the right order "
        "anyway, but dates shown to trainees will be wrong)."
    )
    if now < floor - CLOCK_SLACK:
        return Check(
            "clock",
            FAIL,
            title,
            detail + " — " + _("earlier than this tutor's lessons were made"),
            fix,
        )
    if newest_seen is not None and now < newest_seen - CLOCK_SLACK:
        return Check(
            "clock", WARN, title, detail + " — " + _("earlier than files this PC saved before"), fix
        )
    return Check("clock", OK, title, detail)


def collector(url: str | None, reached: bool | None, note: str = "") -> Check:
    """``reached`` is None when nothing was tried (not set up)."""
    title = _("Programme server")
    if not url:
        return Check(
            "collector",
            SKIP,
            title,
            _("not set up (progress can still go by USB stick)"),
            _("To send progress over the internet: tutor sync enrol ADDRESS CODE"),
        )
    if reached:
        return Check("collector", OK, title, _("{url} answers").format(url=url))
    return Check(
        "collector",
        WARN,
        title,
        _("{url} cannot be reached: {why}").format(url=url, why=note or "?"),
        _(
            "Progress is kept on this PC and sent later. Check the internet link, or "
            "take progress out by USB stick."
        ),
    )


def pack_trust(packs: Iterable[tuple[str, int, str]], trusted_ids: set[str]) -> Check:
    """``packs``: (pack id, version, signer key id) of each installed pack."""
    title = _("Lesson packs")
    packs = list(packs)
    add_key = _(
        "Trust the programme's key: tutor pack trust keys/programme.pub (from the USB kit)."
    )
    if not trusted_ids:
        status = WARN if packs else SKIP
        return Check("packs", status, title, _("no programme key is trusted on this PC"), add_key)
    if not packs:
        return Check("packs", OK, title, _("none installed: the built-in lessons are used"))
    strangers = [f"{pid} v{ver}" for pid, ver, kid in packs if kid not in trusted_ids]
    if strangers:
        return Check(
            "packs",
            WARN,
            title,
            _("signed with a key this PC does not trust: {packs}").format(
                packs=", ".join(strangers)
            ),
            add_key,
        )
    listed = ", ".join(f"{pid} v{ver}" for pid, ver, _kid in packs)
    return Check("packs", OK, title, _("all trusted: {packs}").format(packs=listed))


def version(tutor: str, python: str, platform: str, textual: str) -> Check:
    return Check(
        "version",
        OK,
        _("Version"),
        _("tutor {t}, Python {p}, Textual {x}, {os}").format(
            t=tutor, p=python, x=textual, os=platform
        ),
    )


def exit_code(checks: Iterable[Check]) -> int:
    """1 when anything must be fixed before trainees use the PC, else 0."""
    return 1 if any(c.status == FAIL for c in checks) else 0
