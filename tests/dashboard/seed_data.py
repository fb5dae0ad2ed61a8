"""A small programme's worth of synced events, stored through the collector's real ingest.

Times are set through the monotonic clock, the way the collector estimates true times, so
each event's estimated time is exactly ``days_ago`` days before the store's clock.
"""

from __future__ import annotations

from tutor.collector.ingest import SentTimes
from tutor.collector.store import CollectorStore
from tutor.sync.batch_format import decode_batch, encode_batch

DAY = 24 * 3600 * 1000
SENT_MONO = 400 * DAY


class Device:
    """One enrolled PC writing events for any number of trainees."""

    def __init__(self, store: CollectorStore, dev: str, centre: str) -> None:
        self.store, self.dev, self.seq = store, dev, 0
        token = store.enrol(store.create_code(centre), dev)
        enrolment = store.authenticate(token)
        assert enrolment is not None
        self.enrolment_id = enrolment.id
        self.pending: list[dict] = []

    def add(self, learner: str, etype: str, days_ago: float, **payload: object) -> None:
        self.seq += 1
        self.pending.append(
            {
                "seq": self.seq,
                "lrn": learner,
                "t": etype,
                "p": payload,
                "wall": 1000 + self.seq,  # a wrong PC clock: never used for times
                "boot": "b1",
                "mono": SENT_MONO - int(days_ago * DAY),
            }
        )

    def sync(self) -> None:
        if not self.pending:
            return
        body = encode_batch(
            self.dev, self.pending, sent_wall=5000, sent_mono=SENT_MONO, sent_boot="b1"
        )
        batch = decode_batch(body)
        self.store.ingest(
            batch,
            enrolment_id=self.enrolment_id,
            via="net",
            sent=SentTimes(5000, SENT_MONO, "b1"),
        )
        self.pending = []


def lesson_done(d: Device, who: str, lesson: str, days_ago: float, passed: bool = True) -> None:
    d.add(who, "lesson.opened", days_ago, lesson=lesson)
    d.add(who, "section.read", days_ago, lesson=lesson, section="s1", index=0, of=1)
    d.add(who, "quiz.answered", days_ago, lesson=lesson, question="q1", choice=0, correct=passed)
    d.add(
        who,
        "quiz.finished",
        days_ago,
        lesson=lesson,
        score=1 if passed else 0,
        total=1,
        passed=passed,
    )
    if passed:
        d.add(who, "lesson.completed", days_ago, lesson=lesson)


def seed_programme(store: CollectorStore) -> dict[str, Device]:
    """Trainees in known states, for the rules the pages state:

    - ``amina`` (Gilgit): active, two lessons done this week, a first job and 50-200 $/month.
    - ``bilal`` (Gilgit): stuck, failed the same quiz three times, last week.
    - ``sana`` (Peshawar): dropped out, nothing for 40 days.
    - ``omar`` (Peshawar): finished every lesson (total lessons = 2 in these tests).
    - ``zara`` (Peshawar): no progress for 20 days (stuck by the 14-day rule), a profile.
    """
    g, p = Device(store, "devgilgit01", "Gilgit"), Device(store, "devpesh0001", "Peshawar")
    g.add("amina", "profile.created", 10, name="Amina")
    lesson_done(g, "amina", "what-is-online-work", 3)
    lesson_done(g, "amina", "platforms-compared", 1)
    g.add("amina", "milestone.reported", 1, milestone="platform_profile")
    g.add("amina", "milestone.reported", 1, milestone="first_job")
    g.add("amina", "milestone.reported", 0.5, milestone="earnings_band", value="50_200")
    g.add("amina", "sim.career_started", 2, scn="s1", seed=1, weeks=4)
    g.add("amina", "sim.bid_submitted", 2, job="j1", tpl="t", wk=1, price_c=500, conn=2, q=1)
    g.add("amina", "sim.bid_outcome", 2, job="j1", won=True, hired=True, rank=1, of=5, open=1)
    g.add("amina", "sim.career_ended", 2, standing="surviving", wk=4, n=1, pkr=1000)
    for _ in range(3):
        lesson_done(g, "bilal", "what-is-online-work", 5, passed=False)
    lesson_done(p, "sana", "what-is-online-work", 40)
    lesson_done(p, "omar", "what-is-online-work", 6)
    lesson_done(p, "omar", "platforms-compared", 2)
    p.add("omar", "milestone.reported", 2, milestone="first_proposal")
    p.add("zara", "lesson.opened", 20, lesson="what-is-online-work")
    p.add("zara", "section.read", 20, lesson="what-is-online-work", section="s1", index=0, of=1)
    p.add("zara", "milestone.reported", 20, milestone="platform_profile")
    g.sync()
    p.sync()
    return {"gilgit": g, "peshawar": p}
