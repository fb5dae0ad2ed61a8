"""Dashboard summaries kept batch by batch at ingest equal a rebuild from every event.

Events come in small batches, in shuffled order across and within devices, some batches
sent twice, and one PC known first from USB bundles gets enrolled part way: whatever the
order, the summary tables must hold what folding all stored events at once gives. The same
rebuild is what migration 4 runs on an existing collector, tested here too.
"""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from tutor.collector import summary_model as sm
from tutor.collector.ingest import SentTimes
from tutor.collector.schema import (
    SUMMARY_TABLES,
    cohorts,
    enrol_codes,
    enrolments,
    events,
    metadata,
    migrate,
    schema_version,
    streams,
    sum_centre_counts,
    sum_centre_lessons,
    sum_lesson_minutes,
)
from tutor.collector.store import CollectorStore
from tutor.collector.summaries import rebuild_summaries
from tutor.sync.batch_format import decode_batch, encode_batch

NOW = 1_780_000_000_000
SENT_MONO = 10**9
MINUTE = 60_000
DEVS = ("aaaa000000000001", "bbbb000000000002", "cccc000000000003")  # the last: USB first
LESSONS = ("intro", "profile", 7)  # 7: a number where a lesson id should be
ZERO_DROPPED = {sum_centre_lessons.name, sum_lesson_minutes.name, sum_centre_counts.name}

payloads = st.one_of(
    st.tuples(
        st.just("lesson.opened"), st.fixed_dictionaries({"lesson": st.sampled_from(LESSONS)})
    ),
    st.tuples(st.just("section.read"), st.fixed_dictionaries({"lesson": st.sampled_from(LESSONS)})),
    st.tuples(
        st.just("quiz.answered"),
        st.fixed_dictionaries(
            {
                "lesson": st.sampled_from(LESSONS),
                "question": st.sampled_from(("q1", "q2")),
                "correct": st.booleans(),
            }
        ),
    ),
    st.tuples(
        st.just("quiz.finished"),
        st.fixed_dictionaries({"lesson": st.sampled_from(LESSONS), "passed": st.booleans()}),
    ),
    st.tuples(
        st.just("lesson.completed"), st.fixed_dictionaries({"lesson": st.sampled_from(LESSONS)})
    ),
    st.tuples(
        st.just("milestone.reported"),
        st.fixed_dictionaries(
            {
                "milestone": st.sampled_from(
                    ("platform_profile", "first_proposal", "first_job", "earnings_band")
                ),
                "value": st.sampled_from(("under_50", "50_200", "200_plus")),
            }
        ),
    ),
    st.tuples(st.just("sim.career_started"), st.just({"scn": "s"})),
    st.tuples(st.just("sim.bid_submitted"), st.just({"job": "j"})),
    st.tuples(st.just("sim.bid_outcome"), st.fixed_dictionaries({"won": st.booleans()})),
    st.tuples(
        st.just("sim.career_ended"),
        st.fixed_dictionaries({"standing": st.sampled_from(("sinking", "surviving"))}),
    ),
)
an_event = st.tuples(
    st.sampled_from(("amina", "bilal", "sana")),  # learner
    st.integers(0, len(DEVS) - 1),  # device
    payloads,
    st.integers(0, 60).map(lambda k: k * 4 * MINUTE),  # how long ago: gaps of 4, 8, ... min
)


def _reset(store: CollectorStore) -> dict[str, int]:
    """Empty every table; enrol the first two PCs; returns their enrolment ids."""
    with store.engine.begin() as conn:
        for table in (*SUMMARY_TABLES, cohorts, events, streams, enrolments, enrol_codes):
            conn.execute(delete(table))
    ids = {}
    for dev, centre in zip(DEVS, ("Gilgit", "Swat", "Swat"), strict=True):
        token = store.enrol(store.create_code(centre), dev)
        ids[dev] = store.authenticate(token).id
    return ids


def _batches(generated: list, data) -> list[tuple[str, list[dict]]]:  # noqa: ANN001
    """Each device's events in seq order, cut in small batches, shuffled, some twice."""
    per_dev: dict[str, list[dict]] = {d: [] for d in DEVS}
    for learner, d, (etype, payload), ago in generated:
        recs = per_dev[DEVS[d]]
        recs.append(
            {
                "seq": len(recs) + 1,
                "lrn": learner,
                "t": etype,
                "p": payload,
                "wall": 0,
                "boot": "b",
                "mono": SENT_MONO - ago,
            }
        )
    out = []
    for dev, recs in per_dev.items():
        i = 0
        while i < len(recs):
            size = data.draw(st.integers(1, 4))
            out.append((dev, recs[i : i + size]))
            i += size
    out += data.draw(st.lists(st.sampled_from(out), max_size=3)) if out else []
    rng = random.Random(data.draw(st.integers(0, 2**32)))
    rng.shuffle(out)
    return out


def _send(store: CollectorStore, dev: str, recs: list[dict], enrolment: int | None) -> None:
    batch = decode_batch(encode_batch(dev, recs, sent_wall=0, sent_mono=SENT_MONO, sent_boot="b"))
    if enrolment is None:
        store.ingest(batch, enrolment_id=None, via="usb", sent=None)
    else:
        store.ingest(batch, enrolment_id=enrolment, via="net", sent=SentTimes(0, SENT_MONO, "b"))


def snapshot(store: CollectorStore) -> dict[str, list[tuple]]:
    """Every summary row, sorted; per-centre rows that count nothing are left out (ingest
    may leave such a row behind when a trainee moves to another centre)."""
    out = {}
    with store.engine.connect() as conn:
        for table in SUMMARY_TABLES:
            rows = sorted(tuple(r) for r in conn.execute(select(table)))
            if table.name in ZERO_DROPPED:
                keys = len(table.primary_key.columns)
                rows = [r for r in rows if any(r[keys:])]
            out[table.name] = rows
        conn.rollback()
    return out


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(generated=st.lists(an_event, max_size=30), enrol_usb=st.booleans(), data=st.data())
def test_incremental_summaries_equal_a_rebuild(store, generated, enrol_usb, data):  # noqa: ANN001
    fixed = CollectorStore(store.engine, lambda: NOW, random.Random(1))
    ids = _reset(fixed)
    batches = _batches(generated, data)
    # The USB PC's batches come by USB, or (once enrolled) some by network: each batch
    # always comes the same way, so both passes below store the same rows.
    net = {
        id(recs): dev != DEVS[2] or (enrol_usb and data.draw(st.booleans()))
        for dev, recs in batches
    }
    for dev, recs in batches:
        _send(fixed, dev, recs, ids[dev] if net[id(recs)] else None)
    kept = snapshot(fixed)
    with fixed.engine.begin() as conn:
        learners = rebuild_summaries(conn)
    assert snapshot(fixed) == kept
    assert learners == len({g[0] for g in generated})
    # The same events arriving in the opposite order, each batch once: the same summaries.
    ids = _reset(fixed)
    for dev, recs in reversed(list({id(r): (d, r) for d, r in batches}.values())):
        _send(fixed, dev, recs, ids[dev] if net[id(recs)] else None)
    assert snapshot(fixed) == kept


def test_migration_4_builds_summaries_from_events_already_stored(store):  # noqa: ANN001
    fixed = CollectorStore(store.engine, lambda: NOW, random.Random(1))
    ids = _reset(fixed)
    recs = [
        {
            "seq": s,
            "lrn": f"t{s % 3}",
            "t": t,
            "p": {"lesson": "intro"},
            "wall": 0,
            "boot": "b",
            "mono": SENT_MONO - s * MINUTE,
        }
        for s, t in enumerate(["lesson.opened", "section.read", "lesson.completed"] * 3, 1)
    ]
    _send(fixed, DEVS[0], recs, ids[DEVS[0]])
    kept = snapshot(fixed)
    assert len(kept["sum_learners"]) == 3
    with fixed.engine.begin() as conn:  # back to a version-3 collector holding these events
        for table in (*SUMMARY_TABLES, cohorts):
            table.drop(conn)
        conn.execute(delete(schema_version).where(schema_version.c.version == 4))
    assert migrate(fixed.engine, NOW) == 4
    assert snapshot(fixed) == kept
    assert {t.name for t in SUMMARY_TABLES} <= set(metadata.tables)


def test_sittings_do_not_depend_on_arrival_order():
    times = [0, 5 * MINUTE, 30 * MINUTE, 12 * MINUTE, 31 * MINUTE, 2 * MINUTE]
    one, other = [], []
    for t in times:
        sm.add_to_sittings(one, t)
    for t in reversed(times):
        sm.add_to_sittings(other, t)
    # 0, 2, 5, 12 are each at most 10 minutes apart: one sitting; 30-31 another
    assert one == other == [[0, 12 * MINUTE], [30 * MINUTE, 31 * MINUTE]]
    assert sum(b - a for a, b in one) == 13 * MINUTE


def test_usb_import_updates_the_summaries_once(store, tmp_path):  # noqa: ANN001
    from tutor.collector.importer import import_file
    from tutor.collector.schema import sum_learners

    recs = [
        {
            "seq": s,
            "lrn": "usb-only",
            "t": "lesson.completed",
            "p": {"lesson": f"l{s}"},
            "wall": 0,
            "boot": "b",
            "mono": s,
        }
        for s in (1, 2)
    ]
    bundle = tmp_path / "progress-0001.json.gz"
    bundle.write_bytes(encode_batch(DEVS[2], recs, sent_wall=0, sent_mono=9, sent_boot="b"))
    assert import_file(store, bundle).ok and import_file(store, bundle).ok  # twice: no change
    with store.engine.connect() as conn:
        row = conn.execute(
            select(sum_learners.c.centre, sum_learners.c.completed, sum_learners.c.n_events)
        ).all()
    assert row == [(sm.USB_CENTRE, 2, 2)]
