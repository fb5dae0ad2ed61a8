"""Events as xAPI 1.0.3 statements, for programmes that run a Learning Record Store.

Each event becomes one statement whose id is ``uuid5(NAMESPACE, f"{dev}:{seq}")``, so the
same event always has the same id, whichever collector serves it and however often. IRIs
that xAPI's ADL vocabulary has (launched, experienced, answered, passed, failed,
completed, registered) are used; the rest are ``urn:tutor:...`` names, stable across
installs. Filters (``verb``, ``activity``, ``since``, ``until``) become SQL conditions;
paging is by a cursor on (stored time, device, seq), carried in the ``more`` link.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import quote, unquote, urlencode

from sqlalchemy import and_, false, not_, or_, select, true
from sqlalchemy.engine import Connection
from sqlalchemy.sql.expression import ColumnElement

from tutor.collector.dashboard.sql_json import json_text, json_true
from tutor.collector.schema import events
from tutor.domain import events as ev
from tutor.simulator import sim_events as sim

VERSION = "1.0.3"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:tutor:xapi:statement")
HOME_PAGE = "https://tutor.local/learners"  # actor account home page: stable, not a real site
MAX_LIMIT = 500
DEFAULT_LIMIT = 100
ADL = "http://adlnet.gov/expapi/verbs/"
ADL_ACT = "http://adlnet.gov/expapi/activities/"

VERBS: dict[str, tuple[str, str]] = {
    ev.PROFILE_CREATED: (ADL + "registered", "registered"),
    ev.LANGUAGE_CHANGED: ("urn:tutor:verb:changed-language", "changed language"),
    ev.LESSON_OPENED: (ADL + "launched", "launched"),
    ev.SECTION_READ: (ADL + "experienced", "experienced"),
    ev.QUIZ_ANSWERED: (ADL + "answered", "answered"),
    ev.LESSON_COMPLETED: (ADL + "completed", "completed"),
    ev.MILESTONE_REPORTED: ("urn:tutor:verb:reported-milestone", "reported milestone"),
}
PASSED, FAILED = (ADL + "passed", "passed"), (ADL + "failed", "failed")
LESSON_TYPES = (ev.LESSON_OPENED, ev.SECTION_READ, ev.QUIZ_FINISHED, ev.LESSON_COMPLETED)
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_CURSOR = re.compile(r"^([0-9]{1,15})\.([0-9A-Za-z_-]{1,64})\.([0-9]{1,15})$")


class QueryError(ValueError):
    """A statements query parameter that is not valid; the message names it."""


def statement_id(dev: str, seq: int) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{dev}:{seq}"))


def iso(ms: int) -> str:
    """xAPI timestamps: ISO 8601 in UTC with milliseconds."""
    moment = datetime.fromtimestamp(ms / 1000, tz=timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


def _q(value: Any) -> str:
    return quote(str(value), safe="")


def _verb(etype: str, payload: dict) -> tuple[str, str]:
    if etype == ev.QUIZ_FINISHED:
        return PASSED if payload.get("passed") is True else FAILED
    if etype in VERBS:
        return VERBS[etype]
    return "urn:tutor:verb:" + _q(etype), etype


def _activity(etype: str, payload: dict) -> tuple[str, str, str]:
    """(activity IRI, activity type IRI, name) of the thing an event is about."""
    lesson = payload.get("lesson")
    if etype == ev.QUIZ_ANSWERED and lesson is not None:
        qid = payload.get("question", "")
        return f"urn:tutor:question:{_q(lesson)}/{_q(qid)}", ADL_ACT + "cmi.interaction", str(qid)
    if etype in LESSON_TYPES and lesson is not None:
        return f"urn:tutor:lesson:{_q(lesson)}", ADL_ACT + "lesson", str(lesson)
    if etype == ev.MILESTONE_REPORTED:
        name = payload.get("milestone", "")
        return f"urn:tutor:milestone:{_q(name)}", ADL_ACT + "objective", str(name)
    if etype.startswith("sim."):
        job = payload.get("job")
        if job is not None:
            return f"urn:tutor:sim:job:{_q(job)}", ADL_ACT + "simulation", str(job)
        return "urn:tutor:sim:career", ADL_ACT + "simulation", "bid simulator"
    return "urn:tutor:app", ADL_ACT + "course", "tutor"


def _result(etype: str, p: dict) -> dict[str, Any] | None:
    if etype == ev.QUIZ_ANSWERED:
        return {"success": p.get("correct") is True, "response": str(p.get("choice", ""))}
    if etype == ev.QUIZ_FINISHED:
        out: dict[str, Any] = {"success": p.get("passed") is True, "completion": True}
        raw, top = p.get("score"), p.get("total")
        if type(raw) is int and type(top) is int and 0 <= raw <= top and top > 0:
            out["score"] = {"raw": raw, "min": 0, "max": top, "scaled": round(raw / top, 4)}
        return out
    if etype == ev.LESSON_COMPLETED:
        return {"completion": True}
    if etype == sim.BID_OUTCOME:
        return {"success": p.get("won") is True}
    if etype == ev.MILESTONE_REPORTED and "value" in p:
        return {"response": str(p["value"])}
    return None


def to_statement(
    dev: str, seq: int, body: str, received_at: int, est_time: int | None
) -> dict[str, Any]:
    """The statement for one stored event (its canonical JSON record in ``body``)."""
    rec = json.loads(body)
    payload = rec.get("p") if isinstance(rec.get("p"), dict) else {}
    etype = str(rec.get("t", ""))
    verb_id, verb_name = _verb(etype, payload)
    act_id, act_type, act_name = _activity(etype, payload)
    when = est_time if est_time is not None else received_at
    statement: dict[str, Any] = {
        "id": statement_id(dev, seq),
        "version": VERSION,
        "actor": {
            "objectType": "Agent",
            "account": {"homePage": HOME_PAGE, "name": str(rec.get("lrn", ""))},
        },
        "verb": {"id": verb_id, "display": {"en-US": verb_name}},
        "object": {
            "objectType": "Activity",
            "id": act_id,
            "definition": {"type": act_type, "name": {"en-US": act_name}},
        },
        "timestamp": iso(when),
        "stored": iso(received_at),
        "context": {
            "platform": "tutor",
            "extensions": {
                "urn:tutor:ext:device": dev,
                "urn:tutor:ext:seq": seq,
                "urn:tutor:ext:event-type": etype,
                "urn:tutor:ext:payload": payload,
                "urn:tutor:ext:time-estimated": est_time is not None,
            },
        },
    }
    result = _result(etype, payload)
    if result is not None:
        statement["result"] = result
    return statement


# ---- queries ---------------------------------------------------------------------------------
def _lesson_is(value: str) -> ColumnElement:
    return json_text(events.c.body, "p", "lesson") == value


def verb_condition(verb: str) -> ColumnElement:
    """Events whose statement has this verb IRI."""
    passed = json_true(events.c.body, "p", "passed")
    if verb == PASSED[0]:
        return and_(events.c.type == ev.QUIZ_FINISHED, passed)
    if verb == FAILED[0]:
        return and_(events.c.type == ev.QUIZ_FINISHED, not_(passed))
    types = [t for t, (iri, _n) in VERBS.items() if iri == verb]
    if types:
        return events.c.type.in_(types)
    if verb.startswith("urn:tutor:verb:"):
        etype = unquote(verb[len("urn:tutor:verb:") :])
        if etype not in VERBS and etype != ev.QUIZ_FINISHED:
            return events.c.type == etype
    return false()


def activity_condition(activity: str) -> ColumnElement:
    """Events whose statement's object is this activity IRI."""
    field = lambda name: json_text(events.c.body, "p", name)  # noqa: E731
    prefix, _sep, rest = activity.rpartition(":")
    if activity.startswith("urn:tutor:question:"):
        lesson, slash, qid = activity[len("urn:tutor:question:") :].partition("/")
        if not slash:
            return false()
        return and_(
            events.c.type == ev.QUIZ_ANSWERED,
            _lesson_is(unquote(lesson)),
            field("question") == unquote(qid),
        )
    if prefix == "urn:tutor:lesson":
        return and_(events.c.type.in_(LESSON_TYPES), _lesson_is(unquote(rest)))
    if prefix == "urn:tutor:milestone":
        return and_(events.c.type == ev.MILESTONE_REPORTED, field("milestone") == unquote(rest))
    if prefix == "urn:tutor:sim:job":
        return and_(events.c.type.like("sim.%"), field("job") == unquote(rest))
    if activity == "urn:tutor:app":
        return events.c.type.in_((ev.PROFILE_CREATED, ev.LANGUAGE_CHANGED))
    return false()


def parse_time(value: str, name: str) -> int:
    """An ISO 8601 timestamp as epoch milliseconds (a zone is required)."""
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise QueryError(name) from exc
    if moment.tzinfo is None:
        raise QueryError(name)
    return (moment - _EPOCH) // timedelta(milliseconds=1)  # exact: no float rounding


@dataclass(frozen=True)
class StatementQuery:
    since: int | None = None
    until: int | None = None
    limit: int = DEFAULT_LIMIT
    verb: str | None = None
    activity: str | None = None
    ascending: bool = False
    cursor: tuple[int, str, int] | None = None

    @classmethod
    def from_params(cls, params: dict[str, str]) -> StatementQuery:
        known = {"since", "until", "limit", "verb", "activity", "ascending", "cursor", "format"}
        unknown = set(params) - known
        if unknown:
            raise QueryError(sorted(unknown)[0])
        for key, value in params.items():
            if len(value) > 1000:
                raise QueryError(key)
        limit = params.get("limit", str(DEFAULT_LIMIT))
        if not limit.isdigit() or len(limit) > 6:
            raise QueryError("limit")
        ascending = params.get("ascending", "false")
        if ascending not in ("true", "false"):
            raise QueryError("ascending")
        cursor = None
        if "cursor" in params:
            m = _CURSOR.match(params["cursor"])
            if not m:
                raise QueryError("cursor")
            cursor = (int(m.group(1)), m.group(2), int(m.group(3)))
        return cls(
            since=parse_time(params["since"], "since") if "since" in params else None,
            until=parse_time(params["until"], "until") if "until" in params else None,
            limit=min(int(limit) or MAX_LIMIT, MAX_LIMIT),
            verb=params.get("verb"),
            activity=params.get("activity"),
            ascending=ascending == "true",
            cursor=cursor,
        )


def fetch(conn: Connection, query: StatementQuery) -> tuple[list[dict[str, Any]], str | None]:
    """A page of statements and the cursor for the next page (None at the end)."""
    key = (events.c.received_at, events.c.dev, events.c.seq)
    conds: list[ColumnElement] = [true()]
    if query.since is not None:
        conds.append(events.c.received_at > query.since)
    if query.until is not None:
        conds.append(events.c.received_at <= query.until)
    if query.verb:
        conds.append(verb_condition(query.verb))
    if query.activity:
        conds.append(activity_condition(query.activity))
    if query.cursor is not None:
        at, dev, seq = query.cursor
        after = (
            or_(
                key[0] > at,
                and_(key[0] == at, key[1] > dev),
                and_(key[0] == at, key[1] == dev, key[2] > seq),
            )
            if query.ascending
            else or_(
                key[0] < at,
                and_(key[0] == at, key[1] < dev),
                and_(key[0] == at, key[1] == dev, key[2] < seq),
            )
        )
        conds.append(after)
    order = [k.asc() if query.ascending else k.desc() for k in key]
    q = (
        select(events.c.dev, events.c.seq, events.c.body, events.c.received_at, events.c.est_time)
        .where(and_(*conds))
        .order_by(*order)
        .limit(query.limit + 1)
    )
    rows = conn.execute(q).all()
    page = rows[: query.limit]
    statements = [to_statement(d, s, b, r, e) for d, s, b, r, e in page]
    cursor = None
    if len(rows) > query.limit:
        last = page[-1]
        cursor = f"{last[3]}.{last[0]}.{last[1]}"
    return statements, cursor


def more_link(path: str, params: dict[str, str], cursor: str | None) -> str:
    """The ``more`` IRL: the same query from after the last statement, or empty."""
    if cursor is None:
        return ""
    return (
        path
        + "?"
        + urlencode({**{k: v for k, v in params.items() if k != "cursor"}, "cursor": cursor})
    )
