"""Forwarding statements to a programme's own Learning Record Store, durably.

The forwarder walks the statements in ascending (stored time, device, seq) order and POSTs
them to ``{endpoint}/statements`` a batch at a time. The position reached is kept in the
collector's database and moved only after the LRS accepted a batch, so a restart carries on
where it stopped; a batch whose answer was lost is sent again with exactly the same
statements (same ids: an LRS keeps one copy). Events younger than ``settle_ms`` wait, so an
upload still being committed cannot be skipped. Server errors and lost connections are
retried with full-jitter exponential backoff; refusals (400, 401, 403, 409) stop the run
with the LRS's answer, since sending the same thing again would not help.
"""

from __future__ import annotations

import base64
import json
import random
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select, update

from tutor.collector import xapi
from tutor.collector.schema import xapi_forward
from tutor.collector.store import CollectorStore

Post = Callable[[str, bytes, dict[str, str]], tuple[int, bytes]]
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


class ForwardRefused(Exception):
    """The LRS refused a batch; the message holds its status and answer."""


@dataclass(frozen=True)
class Target:
    endpoint: str  # the LRS's xAPI base, e.g. https://lrs.example.org/xapi
    username: str
    password: str

    @property
    def statements_url(self) -> str:
        return self.endpoint.rstrip("/") + "/statements"


def urllib_post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
    """POST with the standard library; network failures come back as status 0."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            return response.status, response.read(65536)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(65536)
    except (urllib.error.URLError, OSError):
        return 0, b""


class Forwarder:
    def __init__(
        self,
        store: CollectorStore,
        target: Target,
        *,
        post: Post = urllib_post,
        sleep: Callable[[float], None],
        rng: random.Random,
        batch: int = 100,
        settle_ms: int = 60_000,
        max_tries: int = 8,
    ) -> None:
        self.store, self.target, self.post, self.sleep, self.rng = store, target, post, sleep, rng
        self.batch, self.settle_ms, self.max_tries = batch, settle_ms, max_tries

    # ---- the durable cursor --------------------------------------------------------------
    def position(self) -> tuple[tuple[int, str, int] | None, int]:
        with self.store.engine.connect() as conn:
            row = conn.execute(
                select(
                    xapi_forward.c.after_received,
                    xapi_forward.c.after_dev,
                    xapi_forward.c.after_seq,
                    xapi_forward.c.sent,
                ).where(xapi_forward.c.target == self.target.statements_url)
            ).first()
            conn.rollback()
        if row is None:
            return None, 0
        return (int(row[0]), str(row[1]), int(row[2])), int(row[3])

    def _save(self, cursor: tuple[int, str, int], sent: int) -> None:
        values = {
            "after_received": cursor[0],
            "after_dev": cursor[1],
            "after_seq": cursor[2],
            "sent": sent,
            "updated_at": self.store.clock_ms(),
        }
        with self.store.engine.begin() as conn:
            done = conn.execute(
                update(xapi_forward)
                .where(xapi_forward.c.target == self.target.statements_url)
                .values(**values)
            )
            if not done.rowcount:
                conn.execute(
                    xapi_forward.insert().values(target=self.target.statements_url, **values)
                )

    # ---- sending -----------------------------------------------------------------------
    def _headers(self) -> dict[str, str]:
        secret = f"{self.target.username}:{self.target.password}".encode()
        return {
            "Content-Type": "application/json",
            "X-Experience-API-Version": xapi.VERSION,
            "Authorization": "Basic " + base64.b64encode(secret).decode(),
        }

    def _send(self, body: bytes) -> None:
        """One batch, retried until accepted; raises ForwardRefused or after max_tries."""
        for attempt in range(self.max_tries):
            status, answer = self.post(self.target.statements_url, body, self._headers())
            if 200 <= status < 300:
                return
            if status not in RETRY_STATUSES and status != 0:
                raise ForwardRefused(f"{status}: {answer[:300].decode('utf-8', 'replace')}")
            self.sleep(self.rng.uniform(0, min(300.0, 2.0**attempt)))
        raise ForwardRefused(f"no answer after {self.max_tries} tries")

    def run_once(self, max_batches: int = 1_000_000) -> int:
        """Send what is settled; returns how many statements were accepted in this run."""
        cursor, sent = self.position()
        total = 0
        for _ in range(max_batches):
            query = xapi.StatementQuery(
                ascending=True,
                limit=self.batch,
                cursor=cursor,
                until=self.store.clock_ms() - self.settle_ms,
            )
            with self.store.engine.connect() as conn:
                statements, _more = xapi.fetch(conn, query)
                conn.rollback()
            if not statements:
                break
            body = json.dumps(statements, separators=(",", ":"), sort_keys=True).encode()
            self._send(body)
            last = statements[-1]["context"]["extensions"]
            cursor = (
                _stored_ms(statements[-1]),
                str(last["urn:tutor:ext:device"]),
                int(last["urn:tutor:ext:seq"]),
            )
            sent += len(statements)
            total += len(statements)
            self._save(cursor, sent)
        return total


def _stored_ms(statement: dict) -> int:
    return xapi.parse_time(statement["stored"], "stored")


def forward_command(args, open_store) -> int:  # noqa: ANN001
    """``tutor collector xapi-forward``: once, or every ``--every`` seconds until stopped."""
    import sys
    import time
    from pathlib import Path
    from urllib.parse import urlsplit

    from tutor.i18n import _

    if urlsplit(args.to).scheme not in ("http", "https"):
        print(_("The LRS address must start with http:// or https://."), file=sys.stderr)
        return 1
    try:
        secret = Path(args.password_file).read_text("utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        print(_("Cannot read the password file: {err}").format(err=exc), file=sys.stderr)
        return 1
    store = open_store(args)
    if store is None:
        return 1
    fwd = Forwarder(
        store, Target(args.to, args.user, secret), sleep=time.sleep, rng=random.SystemRandom()
    )
    while True:
        try:
            sent = fwd.run_once()
        except ForwardRefused as exc:
            print(_("The LRS refused the statements: {err}").format(err=exc), file=sys.stderr)
            return 1
        print(_("{n} statement(s) forwarded.").format(n=sent))
        if args.every <= 0:
            return 0
        time.sleep(args.every)
