"""Enrolling a PC: trade the programme's one-time code for a device token.

Enrolling again (after a revocation, or with a new collector URL) keeps the PC's streams
and acks, so a re-enrolled PC never re-issues events under a new identity.
"""

from __future__ import annotations

import json
from dataclasses import replace

from tutor.i18n import _
from tutor.sync.batch_format import DEV_PATTERN
from tutor.sync.sync_state import Stream, SyncState, SyncStateError, SyncStateFile
from tutor.sync.transport import Transport, TransportError


class EnrolFailed(Exception):
    """Enrolment did not happen; the message says why. Nothing was saved."""


def enrol(
    transport: Transport, state_file: SyncStateFile, url: str, code: str, dev: str
) -> SyncState:
    if not DEV_PATTERN.match(dev):
        raise EnrolFailed(_("This PC's device id is not valid."))
    previous = state_file.load() if state_file.exists() else None
    stream_dev = previous.stream.dev if previous else dev
    body = json.dumps({"code": code, "dev": stream_dev}).encode()
    try:
        resp = transport.request("POST", "/v1/enrol", body, {"Content-Type": "application/json"})
    except TransportError as exc:
        raise EnrolFailed(_("Cannot reach the collector: {err}").format(err=exc)) from exc
    try:
        doc = json.loads(resp.body)
    except ValueError:
        doc = {}
    if resp.status != 200 or not isinstance(doc, dict) or not isinstance(doc.get("token"), str):
        detail = doc.get("detail") if isinstance(doc, dict) else None
        raise EnrolFailed(
            _("The collector refused the code: {detail}").format(detail=detail or resp.status)
        )
    if previous is not None:
        state = replace(previous, url=url, token=doc["token"])
    else:
        state = SyncState(url=url, token=doc["token"], streams=(Stream(dev=dev),))
    state_file.save(state)
    return state


__all__ = ["EnrolFailed", "SyncStateError", "enrol"]
