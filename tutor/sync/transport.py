"""Sending one request to the collector, over HTTP(S) with the standard library.

``http.client`` keeps the offline install kit small and gives us the two things that
matter on 2G: one keep-alive connection, and a socket timeout we can size per request.
The kernel swallows a whole body at once, so a fixed timeout fires on healthy slow uploads
(DESIGN §5); the timeout is therefore ``stall + body bytes / slowest rate we support``.
"""

from __future__ import annotations

import http.client
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlsplit


class TransportError(Exception):
    """The link failed (refused, reset, timed out, cut): the request may or may not have
    been applied, so the caller asks the collector for its ack before going on."""


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes = b""


class Transport(Protocol):
    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response: ...

    def close(self) -> None: ...


@dataclass
class Traffic:
    """Bytes and requests as far as the client can count them (headers included)."""

    requests: int = 0
    body_up: int = 0  # request bodies only
    bytes_up: int = 0
    bytes_down: int = 0


class HttpTransport:
    """One keep-alive HTTP(S) connection to the collector's base URL."""

    def __init__(
        self, base_url: str, *, stall_timeout_s: float = 30.0, min_rate_bytes_s: float = 1000.0
    ) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an http(s) URL: {base_url!r}")
        self.scheme = parts.scheme
        self.host = parts.hostname
        self.port = parts.port
        self.prefix = parts.path.rstrip("/")
        self.stall_timeout_s = stall_timeout_s
        self.min_rate_bytes_s = min_rate_bytes_s
        self.traffic = Traffic()
        self._conn: http.client.HTTPConnection | None = None

    def timeout_for(self, body_len: int) -> float:
        """Stall time plus the time the body needs at the slowest rate we support."""
        return self.stall_timeout_s + body_len / self.min_rate_bytes_s

    def _connection(self, timeout: float) -> http.client.HTTPConnection:
        if self._conn is None:
            cls = (
                http.client.HTTPSConnection
                if self.scheme == "https"
                else http.client.HTTPConnection
            )
            self._conn = cls(self.host, self.port, timeout=timeout)
        self._conn.timeout = timeout
        if self._conn.sock is not None:
            self._conn.sock.settimeout(timeout)
        return self._conn

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        hdrs = dict(headers or {})
        timeout = self.timeout_for(len(body or b""))
        conn = self._connection(timeout)
        try:
            conn.request(method, self.prefix + path, body=body, headers=hdrs)
            resp = conn.getresponse()
            data = resp.read()
        except (TimeoutError, OSError, http.client.HTTPException) as exc:
            self.close()
            raise TransportError(str(exc) or type(exc).__name__) from exc
        out_headers = {k.lower(): v for k, v in resp.getheaders()}
        self._count(method, path, body, hdrs, resp.status, out_headers, data)
        if resp.will_close:
            self.close()
        return Response(resp.status, out_headers, data)

    def _count(self, method, path, body, hdrs, status, out_headers, data) -> None:  # noqa: ANN001
        self.traffic.requests += 1
        self.traffic.body_up += len(body or b"")
        head_up = len(method) + len(path) + 40 + sum(len(k) + len(v) + 4 for k, v in hdrs.items())
        head_down = 20 + sum(len(k) + len(v) + 4 for k, v in out_headers.items())
        self.traffic.bytes_up += head_up + len(body or b"")
        self.traffic.bytes_down += head_down + len(data)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
