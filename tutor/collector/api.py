"""The collector's HTTP API (Starlette, served by uvicorn).

Every bad request gets a 4xx with ``{"error": code, "detail": text}``; nothing a client
sends can produce a 500. Database work runs in the thread pool, one transaction per call.
"""

from __future__ import annotations

import json
import re
from typing import Any

from sqlalchemy.exc import OperationalError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tutor.collector.ingest import SentTimes, StreamOwnedElsewhere
from tutor.collector.openapi_doc import OPENAPI
from tutor.collector.store import CollectorStore, Conflict, EnrolError, Enrolment
from tutor.i18n import _
from tutor.sync.batch_format import (
    DEV_PATTERN,
    MAX_BODY_BYTES,
    MAX_JSON_BYTES,
    BatchError,
    decode_batch,
)

MAX_SMALL_BODY = 4096
_DIGITS = re.compile(r"^[0-9]{1,15}$")
_CODE = re.compile(r"^[A-Za-z0-9 -]{1,64}$")


def error(
    status: int, code: str, detail: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse({"error": code, "detail": detail}, status_code=status, headers=headers)


class _Reject(Exception):
    def __init__(self, response: Response) -> None:
        self.response = response


async def _read_body(request: Request, limit: int) -> bytes:
    """The whole body, refusing it early once it passes ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise _Reject(error(413, "too_large", _("The request body is too large.")))
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _Reject(error(413, "too_large", _("The request body is too large.")))
        chunks.append(chunk)
    return b"".join(chunks)


async def _enrolment(request: Request, store: CollectorStore) -> Enrolment:
    auth = request.headers.get("authorization", "")
    scheme, _sep, token = auth.partition(" ")
    if scheme.lower() != "bearer" or not token or len(token) > 200:
        raise _Reject(error(401, "no_token", _("A device token is required.")))
    enrolment = await run_in_threadpool(store.authenticate, token.strip())
    if enrolment is None:
        raise _Reject(error(401, "bad_token", _("The device token is not known.")))
    if enrolment.revoked:
        raise _Reject(error(403, "revoked", _("This device's enrolment was revoked.")))
    return enrolment


def _sent_times(request: Request) -> SentTimes | None:
    """Clocks at send time from the headers (the body holds them at build time)."""
    wall, mono = request.headers.get("x-sent-wall", ""), request.headers.get("x-sent-mono", "")
    boot = request.headers.get("x-sent-boot", "")
    if _DIGITS.match(wall) and _DIGITS.match(mono) and 0 < len(boot) <= 200:
        return SentTimes(int(wall), int(mono), boot)
    return None


def create_app(store: CollectorStore, *, max_body: int = MAX_BODY_BYTES) -> Starlette:
    """The ASGI app over one store; tests and ``tutor collector serve`` both use this."""

    async def post_batch(request: Request) -> Response:
        enrolment = await _enrolment(request, store)
        body = await _read_body(request, max_body)
        try:
            batch = decode_batch(body, max_json_bytes=MAX_JSON_BYTES)
        except BatchError as exc:
            status = 413 if exc.code == "too_large" else 400
            return error(status, exc.code, str(exc))
        sent = _sent_times(request) or SentTimes(batch.sent_wall, batch.sent_mono, batch.sent_boot)
        try:
            result = await run_in_threadpool(
                store.ingest, batch, enrolment_id=enrolment.id, via="net", sent=sent
            )
        except Conflict as exc:
            return JSONResponse(
                {
                    "error": "seq_conflict",
                    "detail": _("Some events differ from those already stored: a cloned PC?"),
                    "seqs": list(exc.seqs),
                },
                status_code=409,
            )
        except StreamOwnedElsewhere:
            return error(403, "not_your_stream", _("This device id belongs to another enrolment."))
        now = store.clock_ms()
        return JSONResponse(
            {
                "acked": result.acked,
                "chain": result.chain,
                "stored": result.stored,
                "server_time": now,
                "clock_offset_ms": now - sent.wall,
            }
        )

    async def get_ack(request: Request) -> Response:
        dev = request.path_params["dev"]
        if not DEV_PATTERN.match(dev):
            return error(400, "bad_dev", _("The device id has characters that are not allowed."))
        enrolment = await _enrolment(request, store)
        at_raw = request.query_params.get("at")
        if at_raw is not None and not _DIGITS.match(at_raw):
            return error(400, "bad_at", _("'at' must be a whole number."))
        owner = await run_in_threadpool(store.stream_owner, dev)
        if owner is not None and owner != enrolment.id:
            return error(403, "not_your_stream", _("This device id belongs to another enrolment."))
        info = await run_in_threadpool(store.ack, dev, int(at_raw) if at_raw else None)
        doc: dict[str, Any] = {
            "dev": dev,
            "acked": info.acked,
            "chain": info.chain,
            "server_time": store.clock_ms(),
        }
        if at_raw is not None:
            doc.update({"at": int(at_raw), "at_chain": info.at_chain})
        return JSONResponse(doc)

    async def enrol(request: Request) -> Response:
        body = await _read_body(request, MAX_SMALL_BODY)
        try:
            doc = json.loads(body)
        except (ValueError, RecursionError):
            return error(400, "bad_json", _("The request is not valid JSON."))
        if not isinstance(doc, dict):
            return error(400, "bad_json", _("The request must be a JSON object."))
        code, dev = doc.get("code"), doc.get("dev")
        if not isinstance(code, str) or not _CODE.match(code):
            return error(400, "bad_code", _("An enrolment code is required."))
        if not isinstance(dev, str) or not DEV_PATTERN.match(dev):
            return error(400, "bad_dev", _("The device id has characters that are not allowed."))
        try:
            token = await run_in_threadpool(store.enrol, code, dev)
        except EnrolError:
            return error(403, "bad_code", _("The code is unknown, already used or expired."))
        return JSONResponse({"token": token, "dev": dev})

    async def health(_request: Request) -> Response:
        return JSONResponse({"ok": True})

    async def openapi(_request: Request) -> Response:
        return JSONResponse(OPENAPI)

    def guarded(handler):  # noqa: ANN001, ANN202
        async def run(request: Request) -> Response:
            try:
                return await handler(request)
            except _Reject as rej:
                return rej.response
            except ClientDisconnect:
                return Response(status_code=400)  # nobody is listening; nothing was stored
            except OperationalError:
                return error(
                    503, "busy", _("The collector is busy; try again."), {"Retry-After": "5"}
                )

        return run

    routes = [
        Route("/v1/batches", guarded(post_batch), methods=["POST"]),
        Route("/v1/devices/{dev}/ack", guarded(get_ack), methods=["GET"]),
        Route("/v1/enrol", guarded(enrol), methods=["POST"]),
        Route("/v1/health", guarded(health), methods=["GET"]),
        Route("/openapi.json", guarded(openapi), methods=["GET"]),
    ]
    try:  # the dashboard, CSV exports and xAPI (issue 8); its libraries are in the extra
        from tutor.collector.dashboard.routes import dashboard_routes

        routes += dashboard_routes(store)
    except ModuleNotFoundError:
        pass
    return Starlette(routes=routes)
