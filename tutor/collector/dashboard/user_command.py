"""``tutor collector add-user NAME``: make a staff account for the dashboard.

The password is asked twice without echo, or read from standard input (one line) with
``--password-stdin`` for set-up scripts. Setting a new password ends the user's sessions.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable

from tutor.collector.dashboard.staff_accounts import (
    MAX_PASSWORD,
    MIN_PASSWORD,
    USERNAME,
    AccountError,
    StaffAccounts,
)
from tutor.i18n import _


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def _read_password(from_stdin: bool) -> str | None:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    try:
        first = getpass.getpass(_("Password: "))
        again = getpass.getpass(_("Password again: "))
    except (EOFError, KeyboardInterrupt):
        return None
    return first if first == again else None


def add_user(args: argparse.Namespace, open_store: Callable[[argparse.Namespace], object]) -> int:
    if not USERNAME.match(args.username):
        return _fail(_("A user name is 1 to 64 letters, digits, dots, dashes or underscores."))
    password = _read_password(args.password_stdin)
    if password is None:
        return _fail(_("The passwords did not match; nothing was changed."))
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        return _fail(
            _("A password needs {low} to {high} characters.").format(
                low=MIN_PASSWORD, high=MAX_PASSWORD
            )
        )
    store = open_store(args)
    if store is None:
        return 1
    accounts = StaffAccounts(store.engine, store.clock_ms, store.rng)  # type: ignore[attr-defined]
    try:
        created = accounts.add_user(args.username, password)
    except AccountError:
        return _fail(_("The user name or password cannot be used."))
    if created:
        print(_("Dashboard user {name} created.").format(name=args.username))
    else:
        print(
            _("New password set for {name}; their sessions were ended.").format(name=args.username)
        )
    return 0
