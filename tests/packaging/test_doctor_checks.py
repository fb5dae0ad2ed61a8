"""The doctor's rules, one fact at a time: no terminal, disk or network involved."""

from __future__ import annotations

import datetime as dt

import pytest

from tutor import doctor_checks as dc

UTC = dt.timezone.utc
NOW = dt.datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("cols", "rows", "status"),
    [
        (79, 30, dc.FAIL),
        (120, 23, dc.FAIL),
        (80, 24, dc.WARN),
        (99, 40, dc.WARN),
        (100, 30, dc.OK),
        (200, 60, dc.OK),
    ],
)
def test_terminal_size_limits(cols: int, rows: int, status: str) -> None:
    check = dc.terminal_size(cols, rows)
    assert check.status == status
    assert f"{cols} × {rows}" in check.detail
    assert bool(check.fix) == (status != dc.OK)


def test_colours() -> None:
    assert dc.colours("truecolor", {}).status == dc.OK
    assert dc.colours("256", {}).status == dc.OK
    assert dc.colours("windows", {}).status == dc.WARN
    assert dc.colours(None, {}).status == dc.WARN
    no_colour = dc.colours("truecolor", {"NO_COLOR": "1"})
    assert no_colour.status == dc.WARN and "NO_COLOR" in no_colour.fix


@pytest.mark.parametrize(
    ("encoding", "status"),
    [
        ("utf-8", dc.OK),
        ("UTF8", dc.OK),
        ("cp437", dc.FAIL),
        ("ascii", dc.FAIL),
        (None, dc.FAIL),
        ("no-such-codec", dc.FAIL),
    ],
)
def test_encoding_must_carry_urdu(encoding: str | None, status: str) -> None:
    check = dc.text_encoding(encoding)
    assert check.status == status
    if status == dc.FAIL:
        assert "chcp 65001" in check.fix


def test_urdu_display_points_to_the_calibration_until_chosen() -> None:
    unchecked = dc.urdu_display("auto", "app")
    assert unchecked.status == dc.WARN and "Urdu display check" in unchecked.fix
    assert dc.urdu_display("terminal", "app").status == dc.OK
    assert dc.urdu_display("garbage", "terminal").status == dc.WARN


def test_data_folder() -> None:
    assert dc.data_folder("/d", True, False, 10**10).status == dc.FAIL
    assert dc.data_folder("/d", True, True, 10 * 10**6).status == dc.FAIL
    assert dc.data_folder("/d", True, True, 200 * 10**6).status == dc.WARN
    fresh = dc.data_folder("/d", False, True, 10**10)
    assert fresh.status == dc.OK and "will be made" in fresh.detail


def test_clock() -> None:
    floor = dt.datetime(2027, 1, 1, tzinfo=UTC)
    assert dc.clock(NOW, None, floor).status == dc.OK
    back = dc.clock(dt.datetime(2019, 1, 1, tzinfo=UTC), None, floor)
    assert back.status == dc.FAIL and "date and time" in back.fix
    behind_data = dc.clock(NOW, NOW + dt.timedelta(days=30), floor)
    assert behind_data.status == dc.WARN
    # an hour of drift is not worth a trainer's time
    assert dc.clock(NOW, NOW + dt.timedelta(hours=1), NOW + dt.timedelta(hours=1)).status == dc.OK


def test_collector() -> None:
    assert dc.collector(None, None).status == dc.SKIP
    assert dc.collector("http://c.example", True).status == dc.OK
    down = dc.collector("http://c.example", False, "refused")
    assert down.status == dc.WARN and "refused" in down.detail


def test_pack_trust() -> None:
    assert dc.pack_trust([], set()).status == dc.SKIP
    assert dc.pack_trust([("default", 3, "k1")], set()).status == dc.WARN
    assert dc.pack_trust([], {"k1"}).status == dc.OK
    assert dc.pack_trust([("default", 3, "k1")], {"k1"}).status == dc.OK
    stranger = dc.pack_trust([("default", 3, "k1"), ("extra", 1, "k9")], {"k1"})
    assert stranger.status == dc.WARN and "extra v1" in stranger.detail


def test_exit_code_only_fails_on_fail() -> None:
    warn = dc.Check("x", dc.WARN, "t", "d")
    fail = dc.Check("y", dc.FAIL, "t", "d")
    assert dc.exit_code([warn]) == 0
    assert dc.exit_code([warn, fail]) == 1
