from __future__ import annotations

import pytest

from tutor.domain.profiles import (
    LOCK_MS,
    MAX_TRIES,
    Profile,
    check_pin,
    clean_name,
    hash_pin,
    pin_matches,
    seconds_locked,
    valid_pin,
)

SALT = bytes(range(16))


def with_pin(pin: str = "1234") -> Profile:
    return Profile("id1", "Amna", 0, pin_hash=hash_pin(pin, SALT))


def test_pin_hash_is_salted_and_verifies() -> None:
    h = hash_pin("1234", SALT)
    assert "1234" not in h
    assert h != hash_pin("1234", bytes(16))
    assert pin_matches(h, "1234")
    assert not pin_matches(h, "1235")


@pytest.mark.parametrize("stored", ["", "garbage", "scrypt$x$8$1$00$00", "md5$1$2$3$4$5"])
def test_malformed_stored_hash_never_matches(stored: str) -> None:
    assert not pin_matches(stored, "1234")


@pytest.mark.parametrize(
    ("pin", "ok"),
    [("1234", True), ("123", False), ("12345", False), ("12a4", False), ("١٢٣٤", False)],
)
def test_valid_pin(pin: str, ok: bool) -> None:
    assert valid_pin(pin) is ok


def test_clean_name() -> None:
    assert clean_name("  Amna   Bibi ") == "Amna Bibi"
    assert clean_name("   ") == ""
    assert clean_name("x" * 41) == ""
    assert clean_name("ثناء") == "ثناء"
    assert clean_name("bad\x1bname") == ""


def test_five_wrong_pins_lock_for_a_minute_then_right_pin_works() -> None:
    p = with_pin()
    now = 1_000_000
    for _ in range(MAX_TRIES - 1):
        r = check_pin(p, "0000", now)
        assert not r.ok and not r.locked
        p = r.profile
    r = check_pin(p, "0000", now)
    assert r.locked and not r.ok
    p = r.profile
    assert seconds_locked(p, now) == 60
    # even the right PIN is refused while locked
    assert check_pin(p, "1234", now + LOCK_MS - 1).locked
    r = check_pin(p, "1234", now + LOCK_MS)
    assert r.ok and r.profile.failed_tries == 0


def test_right_pin_resets_try_counter() -> None:
    p = check_pin(with_pin(), "9999", 0).profile
    assert p.failed_tries == 1
    r = check_pin(p, "1234", 0)
    assert r.ok and r.profile.failed_tries == 0


def test_profile_without_pin_always_opens() -> None:
    assert check_pin(Profile("i", "n", 0), "", 0).ok
