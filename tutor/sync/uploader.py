"""One sync run: send every unacked event to the collector, exactly once, eventually.

The loop follows SYNC-STUDY §3.6: ask the collector what it holds, send the next stored
batch, believe only the collector's ``acked``, back off with full jitter after a failure
and ask again. The clock, the sleep, the randomness and the transport are arguments, so
every rule here runs in a plain test with a fake transport.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import Enum

from tutor.i18n import _
from tutor.sync.backoff import BackoffPolicy, parse_retry_after
from tutor.sync.batch_format import chain_next, decode_batch, event_hash
from tutor.sync.outbox import BuiltBatch, Clocks, EventSource, Outbox, stream_records
from tutor.sync.sync_state import Stream, SyncState, SyncStateFile
from tutor.sync.transport import Response, Transport, TransportError


class Outcome(str, Enum):
    DONE = "done"  # the collector holds every event
    OFFLINE = "offline"  # too many failures in a row; try later
    REJECTED = "rejected"  # the collector refused a batch (400/413): needs a person
    UNAUTHORIZED = "unauthorized"  # token unknown or revoked: enrol again


@dataclass(frozen=True)
class SyncPolicy:
    min_target_bytes: int = 2 * 1024
    max_target_bytes: int = 24 * 1024
    max_failures: int = 8  # consecutive failures before this run stops
    failures_before_rebuild: int = 3  # a batch failing this often is rebuilt smaller
    max_rotations: int = 2  # new streams per run; more means the collector is confused
    backoff: BackoffPolicy = field(default_factory=BackoffPolicy)


@dataclass(frozen=True)
class SyncReport:
    outcome: Outcome
    acked: int  # last log seq the collector holds
    last: int  # last log seq on this PC
    requests: int
    rotated: bool
    message: str
    failures: int = 0  # failed exchanges during this run


@dataclass(frozen=True)
class ClientClocks:
    """Where the client reads time; tests pass fakes."""

    wall_ms: Callable[[], int]
    mono_ms: Callable[[], int]
    boot: str
    sleep: Callable[[float], None]


class CloneDetected(Exception):
    """The collector's history of this stream is not this PC's: start a new stream.

    ``owned_elsewhere``: the stream belongs to another enrolment (a cloned PC enrolled
    again with its own code), so the collector will not show us its chain.
    """

    def __init__(self, owned_elsewhere: bool = False) -> None:
        super().__init__("clone")
        self.owned_elsewhere = owned_elsewhere


class _Stop(Exception):
    def __init__(self, outcome: Outcome, message: str) -> None:
        super().__init__(message)
        self.outcome = outcome


class SyncClient:
    """Sends one PC's event log to the collector; see ``docs/sync.md`` for the protocol."""

    def __init__(
        self,
        log: EventSource,
        state_file: SyncStateFile,
        outbox: Outbox,
        transport: Transport,
        clocks: ClientClocks,
        *,
        rng: random.Random,
        new_dev: Callable[[], str],
        policy: SyncPolicy | None = None,
    ) -> None:
        self.log = log
        self.state_file = state_file
        self.outbox = outbox
        self.transport = transport
        self.clocks = clocks
        self.rng = rng
        self.new_dev = new_dev
        self.policy = policy or SyncPolicy()
        self.requests = 0
        self.failures = 0
        self.rotated = False
        self.rotations = 0

    # ---- the run -------------------------------------------------------------------
    def sync(self, on_progress: Callable[[int, int], None] | None = None) -> SyncReport:
        """Run until the collector holds everything, or stop with a reason."""
        state = self.state_file.load()
        failures = batch_failures = 0
        need_ack, clone = True, None
        while True:
            try:
                if clone is not None:
                    if self.rotations >= self.policy.max_rotations:
                        raise _Stop(
                            Outcome.REJECTED,
                            _("The collector keeps refusing this PC's history; ask staff."),
                        )
                    state = self._rotate(state, clone.owned_elsewhere)
                    clone, need_ack = None, True
                if need_ack:
                    state = self._refresh_ack(state)
                    need_ack = False
                if on_progress:
                    on_progress(state.stream.acked_log_seq, self.log.last_seq)
                if state.stream.acked_log_seq >= self.log.last_seq:
                    self.outbox.prune(state.stream)
                    return self._report(Outcome.DONE, state, _("All progress is sent."))
                state, batch_failures = self._send_next(state, batch_failures)
                failures = 0
            except _Stop as stop:
                return self._report(stop.outcome, state, str(stop))
            except (TransportError, _Retry) as exc:
                failures += 1
                self.failures += 1
                batch_failures += 1
                if failures > self.policy.max_failures:
                    return self._report(
                        Outcome.OFFLINE, state, _("The link keeps failing; will try later.")
                    )
                state = self._after_failure(state, batch_failures)
                if batch_failures >= self.policy.failures_before_rebuild:
                    batch_failures = 0
                wait = exc.wait if isinstance(exc, _Retry) and exc.wait is not None else None
                if wait is None:
                    wait = self.policy.backoff.delay(failures, self.rng)
                self.clocks.sleep(wait)
                need_ack = True
            except CloneDetected as exc:
                clone = exc

    def _report(self, outcome: Outcome, state: SyncState, message: str) -> SyncReport:
        return SyncReport(
            outcome,
            state.stream.acked_log_seq,
            self.log.last_seq,
            self.requests,
            self.rotated,
            message,
            self.failures,
        )

    # ---- requests ------------------------------------------------------------------
    def _request(
        self, method: str, path: str, state: SyncState, body: bytes | None = None
    ) -> Response:
        headers = {"Authorization": f"Bearer {state.token}"}
        if body is not None:
            headers.update(
                {
                    "Content-Type": "application/json",
                    "Content-Encoding": "gzip",
                    "X-Sent-Wall": str(self.clocks.wall_ms()),
                    "X-Sent-Mono": str(self.clocks.mono_ms()),
                    "X-Sent-Boot": self.clocks.boot,
                }
            )
        self.requests += 1
        resp = self.transport.request(method, path, body, headers)
        self._check_status(resp)
        return resp

    def _check_status(self, resp: Response) -> None:
        """Turn an answer that is not 200 (or 409, handled by the caller) into an action."""
        if resp.status in (200, 409):
            return
        reason = _reason(resp)
        if resp.status == 403 and _error_code(resp) == "not_your_stream":
            raise CloneDetected(owned_elsewhere=True)
        if resp.status in (401, 403):
            raise _Stop(
                Outcome.UNAUTHORIZED,
                _("The collector refused this PC ({reason}). Enrol it again.").format(
                    reason=reason
                ),
            )
        if resp.status in (400, 413):
            raise _Stop(
                Outcome.REJECTED,
                _("The collector rejected the data ({reason}).").format(reason=reason),
            )
        retry_after = parse_retry_after(
            resp.headers.get("retry-after"), self.clocks.wall_ms() / 1000
        )
        wait = None
        if retry_after is not None:
            wait = self.policy.backoff.after_retry_after(retry_after, self.rng)
        raise _Retry(wait)

    def _refresh_ack(self, state: SyncState) -> SyncState:
        resp = self._request("GET", f"/v1/devices/{state.stream.dev}/ack", state)
        if resp.status != 200:
            raise _Retry(None)
        doc = _json(resp)
        return self._adopt(state, int(doc["acked"]), str(doc.get("chain") or ""))

    def _send_next(self, state: SyncState, batch_failures: int) -> tuple[SyncState, int]:
        stream = state.stream
        batch = self.outbox.pending(stream) or self._build(state)
        if batch is None:
            raise _Stop(Outcome.REJECTED, _("The event log ends before its last seq."))
        resp = self._request("POST", "/v1/batches", state, batch.body)
        if resp.status == 409:
            raise CloneDetected()
        doc = _json(resp)
        sent = decode_batch(batch.body).events
        state = self._adopt(state, int(doc["acked"]), str(doc.get("chain") or ""), sent)
        grown = min(self.policy.max_target_bytes, state.target_bytes * 2)
        state = replace(state, target_bytes=grown)
        self.state_file.save(state)
        self.outbox.prune(state.stream)
        return state, 0

    def _build(self, state: SyncState) -> BuiltBatch | None:
        clocks = Clocks(self.clocks.wall_ms(), self.clocks.mono_ms(), self.clocks.boot)
        return self.outbox.build(self.log, state.stream, state.target_bytes, clocks)

    def _after_failure(self, state: SyncState, batch_failures: int) -> SyncState:
        """Shrink the next batch; replace a batch that keeps failing by a smaller one."""
        shrunk = max(self.policy.min_target_bytes, state.target_bytes // 2)
        state = replace(state, target_bytes=shrunk)
        self.state_file.save(state)
        if batch_failures >= self.policy.failures_before_rebuild:
            pending = self.outbox.pending(state.stream)
            if pending is not None and pending.count > self.outbox.min_events:
                pending.path.unlink(missing_ok=True)
        return state

    # ---- acks and clones -----------------------------------------------------------
    def _adopt(
        self, state: SyncState, acked: int, chain: str, sent: list[dict] | None = None
    ) -> SyncState:
        """Store the collector's ack after checking its chain against our own events.

        ``sent`` are the records of the batch just sent: when the ack falls inside it the
        chain is checked from them, without reading the log again.
        """
        stream = state.stream
        if acked == stream.acked and chain == stream.chain:
            return state
        if acked < 0 or stream.log_seq(acked) > self.log.last_seq:
            raise CloneDetected()
        if (
            sent
            and sent[0]["seq"] <= stream.acked + 1
            and acked <= sent[-1]["seq"]
            and acked > stream.acked
        ):
            local = stream.chain
            for rec in sent[stream.acked + 1 - sent[0]["seq"] : acked - sent[0]["seq"] + 1]:
                local = chain_next(local, event_hash(rec))
        else:
            start = (stream.acked, stream.chain) if acked >= stream.acked else (0, "")
            local = self._local_chain(stream, acked, start)
        if local != chain:
            raise CloneDetected()
        state = state.with_stream(replace(stream, acked=acked, chain=chain))
        self.state_file.save(state)
        return state

    def _local_chains(self, stream: Stream, upto: int, start: tuple[int, str]) -> list[str]:
        """Chain values for stream seqs start+1..upto computed from our own log."""
        seq, chain = start
        out: list[str] = []
        if upto <= seq:
            return out
        for rec in stream_records(self.log, stream, stream.log_seq(seq + 1)):
            seq = rec["seq"]
            chain = chain_next(chain, event_hash(rec))
            out.append(chain)
            if seq >= upto:
                break
        return out

    def _local_chain(self, stream: Stream, upto: int, start: tuple[int, str]) -> str:
        chains = self._local_chains(stream, upto, start)
        return chains[-1] if chains else start[1]

    def _rotate(self, state: SyncState, owned_elsewhere: bool = False) -> SyncState:
        """Start a new stream after the last seq this PC shares with the collector.

        Binary search on the chain: the collector's chain at n equals ours exactly when
        its events 1..n are ours, so the largest such n is where the histories part.
        """
        stream = state.stream
        if owned_elsewhere:  # only our own verified ack is known to be shared history
            return self._start_stream(state, stream.acked, stream.chain)
        resp = self._request("GET", f"/v1/devices/{stream.dev}/ack", state)
        server_acked = int(_json(resp)["acked"])
        hi = min(server_acked, stream.stream_seq(self.log.last_seq))
        chains = [""] + self._local_chains(stream, hi, (0, ""))
        lo = 0
        while lo < hi:
            mid = (lo + hi + 1) // 2
            resp = self._request("GET", f"/v1/devices/{stream.dev}/ack?at={mid}", state)
            if resp.status == 200 and _json(resp).get("at_chain") == chains[mid]:
                lo = mid
            else:
                hi = mid - 1
        return self._start_stream(state, lo, chains[lo])

    def _start_stream(self, state: SyncState, lo: int, chain: str) -> SyncState:
        """Save a new stream continuing the log after seq ``lo`` of the current one."""
        stream = state.stream
        new = Stream(
            dev=self.new_dev(),
            base=stream.base + lo,
            parent={"dev": stream.dev, "upto": lo},
        )
        state = state.with_stream(replace(stream, acked=lo, chain=chain)).with_new_stream(new)
        self.state_file.save(state)
        self.outbox.prune(new)
        self.rotated = True
        self.rotations += 1
        return state


class _Retry(Exception):
    """A temporary refusal (429, 5xx, odd answer): wait ``wait`` seconds or back off."""

    def __init__(self, wait: float | None) -> None:
        super().__init__("retry")
        self.wait = wait


def _json(resp: Response) -> dict:
    """The answer's JSON object; an unreadable answer counts as a failed exchange."""
    try:
        doc = json.loads(resp.body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise _Retry(None) from exc
    if not isinstance(doc, dict) or type(doc.get("acked", 0)) is not int:
        raise _Retry(None)
    return doc


def _error_code(resp: Response) -> str:
    try:
        doc = json.loads(resp.body)
        return str(doc.get("error", "")) if isinstance(doc, dict) else ""
    except (ValueError, UnicodeDecodeError):
        return ""


def _reason(resp: Response) -> str:
    try:
        doc = json.loads(resp.body)
        return str(doc.get("detail") or doc.get("error") or resp.status)
    except (ValueError, AttributeError, UnicodeDecodeError):
        return str(resp.status)
