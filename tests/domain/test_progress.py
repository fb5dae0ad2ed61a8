"""Progress is a pure fold: the same events always give the same view."""

from __future__ import annotations

from tutor.domain import events as ev
from tutor.domain.events import Event
from tutor.domain.lesson import Curriculum, Lesson, Module, Section
from tutor.domain.progress import (
    LearnerProgress,
    fold,
    fold_all,
    module_progress,
    resume_point,
    section_index,
)


def make_events(*specs: tuple[str, str, dict]) -> list[Event]:
    return [
        Event(dev="d1", seq=i, learner=lrn, type=t, payload=p, wall=1000 * i)
        for i, (lrn, t, p) in enumerate(specs, 1)
    ]


def lesson(lid: str, module: str, order: int, n_sections: int = 3) -> Lesson:
    sections = tuple(Section(f"s{i}", f"S{i}", "body") for i in range(1, n_sections + 1))
    return Lesson(lid, module, order, "en", lid.title(), 5, ("obj",), sections)


def curriculum() -> Curriculum:
    lessons = {(lid, "en"): lesson(lid, "m1", i) for i, lid in enumerate(["a", "b", "c"], 1)}
    return Curriculum((Module("m1", 1, {"en": "M1"}),), lessons)


def test_sections_read_and_resume_point_follow_the_last_section() -> None:
    events = make_events(
        ("amna", ev.LESSON_OPENED, {"lesson": "a"}),
        ("amna", ev.SECTION_READ, {"lesson": "a", "section": "s1"}),
        ("amna", ev.SECTION_READ, {"lesson": "a", "section": "s2"}),
        ("bilal", ev.SECTION_READ, {"lesson": "b", "section": "s3"}),
    )
    p = fold(events, "amna")
    assert p.lesson("a").sections_read == {"s1", "s2"}
    assert p.lesson("a").last_section == "s2"
    assert p.lesson("b").sections_read == frozenset()
    point = resume_point(curriculum(), p)
    assert point is not None and (point.lesson_id, point.section_id) == ("a", "s2")


def test_completed_last_lesson_resumes_at_first_unfinished() -> None:
    events = make_events(
        ("amna", ev.LESSON_COMPLETED, {"lesson": "a"}),
        ("amna", ev.SECTION_READ, {"lesson": "c", "section": "s1"}),
        ("amna", ev.LESSON_COMPLETED, {"lesson": "c"}),
    )
    point = resume_point(curriculum(), fold(events, "amna"))
    assert point is not None and point.lesson_id == "b"


def test_everything_done_has_no_resume_point() -> None:
    events = make_events(*[("amna", ev.LESSON_COMPLETED, {"lesson": x}) for x in "abc"])
    assert resume_point(curriculum(), fold(events, "amna")) is None
    mp = module_progress(curriculum(), fold(events, "amna"), "m1")
    assert (mp.completed, mp.total, mp.percent) == (3, 3, 100)


def test_quiz_best_score_is_kept_and_passing_sticks() -> None:
    events = make_events(
        ("amna", ev.QUIZ_FINISHED, {"lesson": "a", "score": 4, "total": 4, "passed": True}),
        ("amna", ev.QUIZ_FINISHED, {"lesson": "a", "score": 1, "total": 4, "passed": False}),
    )
    lp = fold(events, "amna").lesson("a")
    assert (lp.best_score, lp.quiz_total, lp.passed) == (4, 4, True)


def test_fold_all_equals_fold_per_learner_and_ignores_unknown_types() -> None:
    events = make_events(
        ("amna", ev.SECTION_READ, {"lesson": "a", "section": "s1"}),
        ("bilal", "sim.bid_submitted", {"job": "j1"}),
        ("bilal", ev.LANGUAGE_CHANGED, {"lang": "ur"}),
    )
    everyone = fold_all(events)
    assert everyone["amna"] == fold(events, "amna")
    assert everyone["bilal"] == fold(events, "bilal")
    assert everyone["bilal"].language == "ur"
    assert everyone["bilal"].events_seen == 2


def test_section_index_falls_back_to_start_when_section_vanished() -> None:
    assert section_index(["s1", "s2"], "s2") == 1
    assert section_index(["s1", "s2"], "gone") == 0
    assert section_index(["s1"], None) == 0


def test_empty_progress_is_module_zero() -> None:
    mp = module_progress(curriculum(), LearnerProgress(), "m1")
    assert (mp.completed, mp.total, mp.percent) == (0, 3, 0)
