"""Programme staff accounts and their browser sessions, kept in the collector's database.

Passwords are stored as scrypt hashes with a random salt, so a copied database does not
give the passwords away. A session is a random token the browser keeps in a cookie; the
database holds only its SHA-256, its expiry and the CSRF token its forms must carry.
Failed logins are counted per account so the web layer can slow guessing down.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Engine

from tutor.collector.schema import staff_sessions, staff_users
from tutor.domain.slow_hash import SCRYPT_N, hash_secret, secret_matches

SESSION_LIFETIME_MS = 8 * 3600 * 1000  # one working day

USERNAME = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
MIN_PASSWORD = 10
MAX_PASSWORD = 1024
_TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


class AccountError(ValueError):
    """A username or password that cannot be used; the message is for people."""


@dataclass(frozen=True)
class StaffSession:
    username: str
    csrf: str
    expires_at: int


def _random_token(rng: random.Random, length: int = 43) -> str:
    return "".join(rng.choice(_TOKEN_CHARS) for _ in range(length))


def hash_password(password: str, salt: bytes, n: int = SCRYPT_N) -> str:
    """The stored form: every scrypt parameter travels with the hash so they can grow."""
    return hash_secret(password, salt, n)


def check_password(password: str, stored: str) -> bool:
    """True when ``password`` matches; a malformed stored hash never matches."""
    return secret_matches(stored, password)


def token_digest(token: str) -> str:
    return hashlib.sha256(("staff-session:" + token).encode()).hexdigest()


_DUMMY_HASH = hash_password("not a real password", b"\0" * 16)


class StaffAccounts:
    """Accounts and sessions over the collector's engine; clock and randomness injected."""

    def __init__(
        self,
        engine: Engine,
        clock_ms: Callable[[], int],
        rng: random.Random,
        *,
        scrypt_n: int = SCRYPT_N,
    ) -> None:
        self.engine = engine
        self.clock_ms = clock_ms
        self.rng = rng
        self.scrypt_n = scrypt_n

    def add_user(self, username: str, password: str) -> bool:
        """Create the account or set a new password; True when it was new."""
        if not USERNAME.match(username):
            raise AccountError("username")
        if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
            raise AccountError("password")
        salt = bytes(self.rng.getrandbits(8) for _ in range(16))
        pw_hash = hash_password(password, salt, self.scrypt_n)
        with self.engine.begin() as conn:
            found = conn.execute(
                select(staff_users.c.username).where(staff_users.c.username == username)
            ).first()
            if found:
                conn.execute(
                    update(staff_users)
                    .where(staff_users.c.username == username)
                    .values(pw_hash=pw_hash, failed_count=0)
                )
                conn.execute(delete(staff_sessions).where(staff_sessions.c.username == username))
                return False
            conn.execute(
                staff_users.insert().values(
                    username=username, pw_hash=pw_hash, created_at=self.clock_ms(), failed_count=0
                )
            )
        return True

    def recent_failures(self, username: str) -> int:
        """Failed logins in a row for this account (0 for an unknown one)."""
        with self.engine.connect() as conn:
            n = conn.execute(
                select(staff_users.c.failed_count).where(staff_users.c.username == username)
            ).scalar()
            conn.rollback()
        return int(n or 0)

    def verify(self, username: str, password: str) -> bool:
        """Check a login; counts failures, resets them on success. Unknown names cost the
        same scrypt work, so timing does not tell which accounts exist."""
        if not USERNAME.match(username) or len(password) > MAX_PASSWORD:
            check_password(password[:MAX_PASSWORD], _DUMMY_HASH)
            return False
        with self.engine.connect() as conn:
            stored = conn.execute(
                select(staff_users.c.pw_hash).where(staff_users.c.username == username)
            ).scalar()
            conn.rollback()
        ok = check_password(password, stored if stored else _DUMMY_HASH) and stored is not None
        with self.engine.begin() as conn:
            values = (
                {"failed_count": 0}
                if ok
                else {"failed_count": staff_users.c.failed_count + 1, "failed_at": self.clock_ms()}
            )
            conn.execute(
                update(staff_users).where(staff_users.c.username == username).values(**values)
            )
        return ok

    def open_session(self, username: str) -> tuple[str, StaffSession]:
        """A new session: the token for the cookie, and what the server keeps."""
        token, csrf = _random_token(self.rng), _random_token(self.rng)
        now = self.clock_ms()
        session = StaffSession(username, csrf, now + SESSION_LIFETIME_MS)
        with self.engine.begin() as conn:
            conn.execute(delete(staff_sessions).where(staff_sessions.c.expires_at < now))
            conn.execute(
                staff_sessions.insert().values(
                    token_hash=token_digest(token),
                    username=username,
                    csrf=csrf,
                    created_at=now,
                    expires_at=session.expires_at,
                )
            )
        return token, session

    def session(self, token: str) -> StaffSession | None:
        """The live session for a cookie value, or None (unknown, expired or too long)."""
        if not token or len(token) > 200:
            return None
        with self.engine.connect() as conn:
            row = (
                conn.execute(
                    select(staff_sessions).where(staff_sessions.c.token_hash == token_digest(token))
                )
                .mappings()
                .first()
            )
            conn.rollback()
        if row is None or row["expires_at"] <= self.clock_ms():
            return None
        return StaffSession(row["username"], row["csrf"], row["expires_at"])

    def close_session(self, token: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                delete(staff_sessions).where(staff_sessions.c.token_hash == token_digest(token))
            )
