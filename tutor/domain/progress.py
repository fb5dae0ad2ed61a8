"""Progress as a pure fold over events.

Nothing here is stored: every view of a trainee's progress is recomputed from the event log
(DESIGN §2), so a lost cache or a merged log from another PC can never disagree with it.
``apply`` folds one event, so the app can keep its view current after each append without
re-reading the log.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from tutor.domain import events as ev
from tutor.domain.events import Event

if TYPE_CHECKING:  # the lesson model loads after the first frame
    from tutor.domain.lesson import Curriculum


@dataclass(frozen=True)
class LessonProgress:
    """What one trainee has done in one lesson."""

    sections_read: frozenset[str] = frozenset()
    last_section: str | None = None  # the section to resume at
    quiz_answers: dict[str, bool] = field(default_factory=dict)  # latest answer per question
    best_score: int | None = None
    quiz_total: int = 0
    passed: bool = False
    completed: bool = False


@dataclass(frozen=True)
class LearnerProgress:
    """Everything derived for one trainee; ``last_lesson`` drives "continue"."""

    lessons: dict[str, LessonProgress] = field(default_factory=dict)
    last_lesson: str | None = None
    language: str | None = None
    milestones: dict[str, object] = field(default_factory=dict)
    events_seen: int = 0

    def lesson(self, lesson_id: str) -> LessonProgress:
        return self.lessons.get(lesson_id, LessonProgress())


def _with_lesson(p: LearnerProgress, lesson_id: str, lp: LessonProgress) -> LearnerProgress:
    lessons = dict(p.lessons)
    lessons[lesson_id] = lp
    return replace(p, lessons=lessons, last_lesson=lesson_id)


def apply(p: LearnerProgress, e: Event) -> LearnerProgress:
    """Fold one event into a trainee's progress. Unknown types are counted and ignored."""
    p = replace(p, events_seen=p.events_seen + 1)
    payload = e.payload
    lesson_id = str(payload.get("lesson", ""))
    if e.type == ev.LANGUAGE_CHANGED:
        return replace(p, language=str(payload.get("lang", "en")))
    if e.type == ev.MILESTONE_REPORTED:
        ms = dict(p.milestones)
        ms[str(payload.get("milestone"))] = payload.get("value", True)
        return replace(p, milestones=ms)
    if not lesson_id:
        return p
    lp = p.lesson(lesson_id)
    if e.type == ev.LESSON_OPENED:
        return _with_lesson(p, lesson_id, lp)
    if e.type == ev.SECTION_READ:
        section = str(payload.get("section", ""))
        lp = replace(lp, sections_read=lp.sections_read | {section}, last_section=section)
        return _with_lesson(p, lesson_id, lp)
    if e.type == ev.QUIZ_ANSWERED:
        answers = dict(lp.quiz_answers)
        answers[str(payload.get("question", ""))] = bool(payload.get("correct"))
        return _with_lesson(p, lesson_id, replace(lp, quiz_answers=answers))
    if e.type == ev.QUIZ_FINISHED:
        score, total = int(payload.get("score", 0)), int(payload.get("total", 0))
        best = score if lp.best_score is None else max(lp.best_score, score)
        passed = lp.passed or bool(payload.get("passed"))
        lp = replace(lp, best_score=best, quiz_total=total, passed=passed)
        return _with_lesson(p, lesson_id, lp)
    if e.type == ev.LESSON_COMPLETED:
        return _with_lesson(p, lesson_id, replace(lp, completed=True))
    return p


def fold(events: Iterable[Event], learner: str) -> LearnerProgress:
    """Progress of one trainee from any iterable of events (other trainees' are skipped)."""
    p = LearnerProgress()
    for e in events:
        if e.learner == learner:
            p = apply(p, e)
    return p


def fold_all(events: Iterable[Event]) -> dict[str, LearnerProgress]:
    """Progress of every trainee in one pass (trainer views, start-up)."""
    out: dict[str, LearnerProgress] = {}
    for e in events:
        out[e.learner] = apply(out.get(e.learner, LearnerProgress()), e)
    return out


@dataclass(frozen=True)
class ModuleProgress:
    module_id: str
    completed: int
    total: int

    @property
    def percent(self) -> int:
        return 0 if self.total == 0 else round(100 * self.completed / self.total)


def module_progress(cur: Curriculum, p: LearnerProgress, module_id: str) -> ModuleProgress:
    ids = cur.lesson_ids(module_id)
    done = sum(1 for lid in ids if p.lesson(lid).completed)
    return ModuleProgress(module_id, done, len(ids))


@dataclass(frozen=True)
class ResumePoint:
    """Where "continue where I left off" goes: a lesson and the section to open at."""

    lesson_id: str
    section_id: str | None


def resume_point(cur: Curriculum, p: LearnerProgress) -> ResumePoint | None:
    """The last lesson touched if unfinished, else the first lesson not yet completed."""
    order = cur.all_lesson_ids()
    last = p.last_lesson
    if last in order and not p.lesson(last).completed:
        return ResumePoint(last, p.lesson(last).last_section)
    for lid in order:
        if not p.lesson(lid).completed:
            return ResumePoint(lid, p.lesson(lid).last_section)
    return None


def section_index(section_ids: list[str], section_id: str | None) -> int:
    """Index to reopen a lesson at; 0 when the section is unknown (e.g. the lesson changed)."""
    if section_id in section_ids:
        return section_ids.index(section_id)
    return 0
