"""Staff accounts: salted slow hashes, sessions that expire, and the add-user command."""

from __future__ import annotations

import io
import sys

import pytest
from sqlalchemy import select

from tutor.collector.dashboard.staff_accounts import (
    SESSION_LIFETIME_MS,
    AccountError,
    StaffAccounts,
    check_password,
    hash_password,
)
from tutor.collector.schema import staff_sessions, staff_users


def _hashes(store) -> dict[str, str]:  # noqa: ANN001
    with store.engine.connect() as conn:
        return dict(conn.execute(select(staff_users.c.username, staff_users.c.pw_hash)).all())


def test_passwords_are_salted_scrypt_and_never_stored(store):
    acc = StaffAccounts(store.engine, store.clock_ms, store.rng, scrypt_n=2**10)
    acc.add_user("a.user", "same password 123")
    acc.add_user("b-user", "same password 123")
    stored = _hashes(store)
    assert stored["a.user"] != stored["b-user"]  # different salts
    assert all(h.startswith("scrypt$1024$8$1$") for h in stored.values())
    assert not any("same password" in h for h in stored.values())
    assert acc.verify("a.user", "same password 123")
    assert not acc.verify("a.user", "same password 124")
    assert not acc.verify("nobody", "same password 123")


def test_malformed_stored_hashes_never_match():
    good = hash_password("pw-pw-pw-pw", b"salt" * 4, n=2**10)
    assert check_password("pw-pw-pw-pw", good)
    for bad in ("", "scrypt$x", good.replace("scrypt", "md5"), good[:-2] + "zz", "a$b$c$d$e$f"):
        assert not check_password("pw-pw-pw-pw", bad)


def test_bad_names_and_passwords_change_nothing(store):
    acc = StaffAccounts(store.engine, store.clock_ms, store.rng, scrypt_n=2**10)
    for name, pw in (
        ("", "long enough pw"),
        ("a b", "long enough pw"),
        ("x" * 65, "long enough pw"),
        ("ok", "short"),
        ("ok", "p" * 2000),
        ("<script>", "long enough pw"),
    ):
        with pytest.raises(AccountError):
            acc.add_user(name, pw)
    assert _hashes(store) == {}


def test_sessions_expire_and_a_new_password_ends_them(store, clock):
    acc = StaffAccounts(store.engine, store.clock_ms, store.rng, scrypt_n=2**10)
    acc.add_user("staff", "first password")
    token, session = acc.open_session("staff")
    assert acc.session(token) == session and acc.session(token + "x") is None
    clock.now += SESSION_LIFETIME_MS
    assert acc.session(token) is None
    token, _s = acc.open_session("staff")
    assert acc.session(token) is not None
    assert acc.add_user("staff", "second password") is False
    assert acc.session(token) is None
    with store.engine.connect() as conn:  # only digests of tokens are kept
        kept = conn.execute(select(staff_sessions.c.token_hash)).scalars().all()
    assert token not in kept


def test_failures_are_counted_and_reset(store):
    acc = StaffAccounts(store.engine, store.clock_ms, store.rng, scrypt_n=2**10)
    acc.add_user("staff", "right password")
    for _ in range(3):
        acc.verify("staff", "wrong password")
    assert acc.recent_failures("staff") == 3
    assert acc.verify("staff", "right password") and acc.recent_failures("staff") == 0


def test_add_user_command(tmp_path, monkeypatch, capsys):
    from tutor.cli import main

    data = tmp_path / "collector"
    monkeypatch.setattr(sys, "stdin", io.StringIO("a long enough password\n"))
    assert main(["collector", "add-user", "amir", "--password-stdin", "--data", str(data)]) == 0
    assert "amir" in capsys.readouterr().out
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    assert main(["collector", "add-user", "bano", "--password-stdin", "--data", str(data)]) == 1
    assert "10 to 1024" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO("a long enough password\n"))
    assert (
        main(["collector", "add-user", "bad name!", "--password-stdin", "--data", str(data)]) == 1
    )
    from tutor.collector.database import make_engine

    engine = make_engine(f"sqlite:///{data / 'collector.sqlite3'}")
    with engine.connect() as conn:
        names = conn.execute(select(staff_users.c.username)).scalars().all()
    engine.dispose()
    assert names == ["amir"]
