"""A seeded TCP proxy on loopback that fails the way a 2G link does.

Between the sync client and the collector it can throttle each direction, add latency,
cut an upload at a random byte, drop a reply after the collector applied the request,
stall without closing, and flap the whole link (reset everything, refuse new connections).
Faults are drawn per request/response exchange, so keep-alive connections suffer too.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import socket
import threading
from dataclasses import dataclass


@dataclass
class FaultCounts:
    connections: int = 0
    refused: int = 0
    cuts: int = 0
    lost_replies: int = 0
    stalls: int = 0
    flaps: int = 0
    bytes_up: int = 0
    bytes_down: int = 0
    exchanges: int = 0


@dataclass
class FaultPlan:
    rate_bps: float | None = None  # bits per second in each direction
    latency_s: float = 0.0
    cut_up: float = 0.0  # probability an upload is cut part-way
    cut_down: float = 0.0  # probability the reply is lost after the collector applied it
    stall: float = 0.0  # probability the link goes silent (no FIN, no RST)
    up_mean_s: float | None = None  # flapping: mean time the link stays up...
    down_mean_s: float = 1.0  # ...and down
    seed: int = 0
    cut_span: int = 6000  # an upload is cut at a random byte below this


class _Conn:
    def __init__(self, proxy: FaultProxy, cr, cw, ur, uw) -> None:  # noqa: ANN001
        self.proxy, self.cr, self.cw, self.ur, self.uw = proxy, cr, cw, ur, uw
        self.fault: str | None = None
        self.cut_at = 0
        self.new_exchange = True

    def abort(self) -> None:
        for w in (self.cw, self.uw):
            with contextlib.suppress(Exception):
                w.transport.abort()

    def _draw(self) -> None:
        plan, rng = self.proxy.plan, self.proxy.rng
        self.proxy.counts.exchanges += 1
        roll = rng.random()
        self.fault = None
        if roll < plan.cut_up:
            self.fault, self.cut_at = "cut", rng.randint(1, plan.cut_span)
        elif roll < plan.cut_up + plan.cut_down:
            self.fault = "lost"
        elif roll < plan.cut_up + plan.cut_down + plan.stall:
            self.fault = "stall"

    async def _send(self, writer: asyncio.StreamWriter, data: bytes, up: bool) -> None:
        rate = self.proxy.plan.rate_bps
        for i in range(0, len(data), 512):
            piece = data[i : i + 512]
            if rate:
                await asyncio.sleep(len(piece) * 8 / rate)
            writer.write(piece)
            if up:
                self.proxy.counts.bytes_up += len(piece)
            else:
                self.proxy.counts.bytes_down += len(piece)
        await writer.drain()

    async def upstream(self) -> None:
        """Client to collector."""
        sent = 0
        while data := await self.cr.read(65536):
            if self.new_exchange:
                self.new_exchange, sent = False, 0
                self._draw()
                await asyncio.sleep(self.proxy.plan.latency_s)
            if self.fault == "stall":
                self.proxy.counts.stalls += 1
                await asyncio.Event().wait()  # silent until the client gives up
            if self.fault == "cut" and sent + len(data) >= self.cut_at:
                await self._send(self.uw, data[: max(0, self.cut_at - sent)], True)
                self.proxy.counts.cuts += 1
                self.abort()
                return
            sent += len(data)
            await self._send(self.uw, data, True)
        with contextlib.suppress(OSError):
            self.uw.write_eof()

    async def downstream(self) -> None:
        """Collector to client."""
        first = True
        while data := await self.ur.read(65536):
            if not self.new_exchange and first:
                await asyncio.sleep(self.proxy.plan.latency_s)
            first = False
            if self.fault == "lost":
                self.proxy.counts.lost_replies += 1
                self.abort()
                return
            await self._send(self.cw, data, False)
            self.new_exchange, first = True, True
        self.abort()


class FaultProxy:
    """Run with ``with FaultProxy(port, plan) as proxy: ... proxy.port``."""

    def __init__(self, upstream_port: int, plan: FaultPlan) -> None:
        self.upstream_port = upstream_port
        self.plan = plan
        self.rng = random.Random(plan.seed)
        self.counts = FaultCounts()
        self.link_up = True
        self._conns: set[_Conn] = set()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        self._sock = sock
        self._stopping = False

    def __enter__(self) -> FaultProxy:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(5)
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopping = True
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        pending = asyncio.all_tasks(self._loop)
        for task in pending:
            task.cancel()
        if pending:
            self._loop.run_until_complete(asyncio.wait(pending))
        self._loop.close()

    async def _start(self) -> None:
        self._server = await asyncio.start_server(self._handle, sock=self._sock)
        if self.plan.up_mean_s:
            self._flapper = asyncio.ensure_future(self._flap())

    async def _stop(self) -> None:
        self.link_up = False
        self._server.close()
        for _round in range(3):  # a connection may be accepted while we stop
            for conn in list(self._conns):
                conn.abort()
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    async def _flap(self) -> None:
        while True:
            await asyncio.sleep(self.rng.expovariate(1 / self.plan.up_mean_s))
            self.link_up = False
            self.counts.flaps += 1
            for conn in list(self._conns):
                conn.abort()
            await asyncio.sleep(self.rng.expovariate(1 / self.plan.down_mean_s))
            self.link_up = True

    async def _handle(self, cr: asyncio.StreamReader, cw: asyncio.StreamWriter) -> None:
        if not self.link_up:
            self.counts.refused += 1
            cw.transport.abort()
            return
        try:
            ur, uw = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        except OSError:
            cw.transport.abort()
            return
        self.counts.connections += 1
        conn = _Conn(self, cr, cw, ur, uw)
        self._conns.add(conn)
        try:
            await asyncio.gather(conn.upstream(), conn.downstream(), return_exceptions=True)
        except (OSError, asyncio.IncompleteReadError, asyncio.CancelledError):
            pass  # a cancelled handler at shutdown is normal; say nothing
        finally:
            conn.abort()
            self._conns.discard(conn)
