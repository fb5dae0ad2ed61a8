"""xAPI 1.0.3 statements: valid for every event type, deterministic ids, standard filters,
paging by the ``more`` link, staff authentication (session or HTTP Basic)."""

from __future__ import annotations

import base64
import re
import uuid
from datetime import datetime
from urllib.parse import urlparse

from dash_kit import PASSWORD
from seed_data import Device

from tutor.collector import xapi
from tutor.domain.events import EVENT_TYPES
from tutor.simulator.sim_events import SIM_EVENT_TYPES

ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


def _iri(value: object) -> bool:
    return isinstance(value, str) and bool(re.match(r"^[a-z][a-z0-9+.-]*:\S+$", value))


def assert_valid_statement(s: dict) -> None:
    """The xAPI 1.0.3 rules our statements must meet (spec part 2, section 2.4)."""
    assert uuid.UUID(s["id"]).version == 5 and s["version"] == "1.0.3"
    actor = s["actor"]
    assert actor["objectType"] == "Agent" and set(actor) == {"objectType", "account"}
    assert urlparse(actor["account"]["homePage"]).scheme == "https"
    assert isinstance(actor["account"]["name"], str) and actor["account"]["name"]
    assert _iri(s["verb"]["id"]) and all(isinstance(v, str) for v in s["verb"]["display"].values())
    obj = s["object"]
    assert obj["objectType"] == "Activity" and _iri(obj["id"]) and _iri(obj["definition"]["type"])
    assert ISO.match(s["timestamp"]) and ISO.match(s["stored"])
    assert all(_iri(k) for k in s["context"]["extensions"])
    result = s.get("result", {})
    assert set(result) <= {"success", "completion", "response", "score", "duration"}
    if "score" in result:
        sc = result["score"]
        assert sc["min"] <= sc["raw"] <= sc["max"] and 0 <= sc["scaled"] <= 1


def _all(client, **params) -> list[dict]:  # noqa: ANN001, ANN003
    url, out = "/xapi/statements", []
    first = True
    while url:
        r = client.get(url, params=params if first else None)
        first = False
        assert r.status_code == 200 and r.headers["x-experience-api-version"] == "1.0.3"
        out += r.json()["statements"]
        url = r.json()["more"]
    return out


def test_every_event_type_gives_a_valid_statement(staff, seeded):
    d = Device(seeded, "devallkinds", "Gilgit")
    for etype in sorted(EVENT_TYPES | SIM_EVENT_TYPES | {"some.future_type"}):
        d.add(
            "t1",
            etype,
            1,
            lesson="what-is-online-work",
            question="q1",
            job="j9",
            passed=True,
            milestone="first_job",
            score=3,
            total=4,
            correct=True,
            choice=1,
            won=False,
        )
    d.sync()
    statements = _all(staff, limit="0")
    assert len(statements) == seeded.count_events()
    for s in statements:
        assert_valid_statement(s)
    types = {s["context"]["extensions"]["urn:tutor:ext:event-type"] for s in statements}
    assert types >= EVENT_TYPES | SIM_EVENT_TYPES


def test_ids_are_uuid5_of_dev_and_seq_and_stable(staff):
    first, again = _all(staff), _all(staff)
    assert [s["id"] for s in first] == [s["id"] for s in again]
    s = first[0]
    ext = s["context"]["extensions"]
    assert s["id"] == str(
        uuid.uuid5(xapi.NAMESPACE, f"{ext['urn:tutor:ext:device']}:{ext['urn:tutor:ext:seq']}")
    )
    assert len({s["id"] for s in first}) == len(first)


def test_paging_with_more_returns_each_statement_once(staff, seeded):
    pages = staff.get("/xapi/statements", params={"limit": "7"}).json()
    assert len(pages["statements"]) == 7 and "cursor=" in pages["more"]
    assert pages["more"].startswith("/xapi/statements?") and "limit=7" in pages["more"]
    everything = _all(staff, limit="7")
    assert len(everything) == len({s["id"] for s in everything}) == seeded.count_events()
    stored = [s["stored"] for s in everything]
    assert stored == sorted(stored, reverse=True)  # newest first unless ascending=true
    ascending = _all(staff, limit="5", ascending="true")
    assert [s["id"] for s in ascending] == [s["id"] for s in reversed(everything)]


def test_verb_and_activity_filters(staff):
    completed = _all(staff, verb="http://adlnet.gov/expapi/verbs/completed")
    assert completed and all(s["verb"]["id"].endswith("/completed") for s in completed)
    assert len(completed) == 5  # amina 2, sana 1, omar 2
    failed = _all(staff, verb="http://adlnet.gov/expapi/verbs/failed")
    assert len(failed) == 3 and {s["actor"]["account"]["name"] for s in failed} == {"bilal"}
    lesson = "urn:tutor:lesson:platforms-compared"
    about = _all(staff, activity=lesson)
    assert about and all(s["object"]["id"] == lesson for s in about)
    question = "urn:tutor:question:what-is-online-work/q1"
    assert len(_all(staff, activity=question)) == 6
    both = _all(staff, activity=lesson, verb="http://adlnet.gov/expapi/verbs/launched")
    assert len(both) == 2
    sim = _all(staff, verb="urn:tutor:verb:sim.bid_submitted")
    assert len(sim) == 1 and sim[0]["object"]["id"] == "urn:tutor:sim:job:j1"


def test_since_and_until_use_stored_time(staff, seeded, clock):
    before = _all(staff)
    cut = datetime.fromtimestamp(clock.now / 1000).astimezone().isoformat()
    d = Device(seeded, "devlater999", "Gilgit")
    d.add("newbie", "profile.created", 0, name="N")
    d.sync()
    newer = _all(staff, since=cut)
    assert [s["actor"]["account"]["name"] for s in newer] == ["newbie"]
    assert len(_all(staff, until=cut)) == len(before)


def test_bad_parameters_are_400(staff):
    for params in (
        {"since": "yesterday"},
        {"until": "2026-01-01T00:00:00"},  # no zone
        {"limit": "-1"},
        {"ascending": "maybe"},
        {"cursor": "1.x;DROP.2"},
        {"agent": "{}"},
    ):
        r = staff.get("/xapi/statements", params=params)
        assert r.status_code == 400, params
        assert r.json()["parameter"] == next(iter(params))


def test_basic_auth_with_a_staff_account(client, sleeps):
    good = base64.b64encode(f"staff:{PASSWORD}".encode()).decode()
    bad = base64.b64encode(b"staff:nope").decode()
    assert (
        client.get("/xapi/statements", headers={"Authorization": f"Basic {bad}"}).status_code == 401
    )
    r = client.get("/xapi/statements", headers={"Authorization": f"Basic {good}"})
    assert r.status_code == 200 and r.json()["statements"]
    assert sleeps.waits == [0.0, 0.5]  # the failure slowed the next try down
    garbage = client.get("/xapi/statements", headers={"Authorization": "Basic !!!"})
    assert garbage.status_code == 401 and "WWW-Authenticate" in garbage.headers
