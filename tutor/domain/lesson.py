"""The lesson model: what a loaded lesson is, independent of Markdown and files.

The loader (``tutor.lessons``) builds these from lesson files; the reader screen, the
progress fold and the checker only ever see these values.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Option:
    """One answer to a quiz question, with the explanation shown after answering."""

    text: str
    correct: bool
    why: str


@dataclass(frozen=True)
class Question:
    """A multiple-choice question. ``id`` is the same in every language of a lesson."""

    id: str
    prompt: str
    options: tuple[Option, ...]

    @property
    def correct_indexes(self) -> tuple[int, ...]:
        return tuple(i for i, o in enumerate(self.options) if o.correct)


@dataclass(frozen=True)
class Section:
    """A screenful-ish part of a lesson: an ``## heading`` and the Markdown under it."""

    id: str
    title: str
    body: str  # Markdown source of the section, without its heading


@dataclass(frozen=True)
class Lesson:
    """One lesson in one language."""

    id: str
    module: str
    order: int
    lang: str
    title: str
    minutes: int
    objectives: tuple[str, ...]
    sections: tuple[Section, ...]
    quiz: tuple[Question, ...] = ()
    intro: str = ""  # Markdown before the first section heading
    source: str = ""  # file the lesson came from, for messages


@dataclass(frozen=True)
class Module:
    """A group of lessons, e.g. "Your profile". Titles are per language."""

    id: str
    order: int
    titles: dict[str, str]
    summaries: dict[str, str] = field(default_factory=dict)

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or self.titles.get("en") or self.id


@dataclass(frozen=True)
class Curriculum:
    """Everything loaded from one lesson tree: modules and lessons in every language."""

    modules: tuple[Module, ...]
    lessons: dict[tuple[str, str], Lesson]  # (lesson id, lang) -> Lesson

    def lesson_ids(self, module_id: str) -> list[str]:
        """Lesson ids of a module in teaching order (any language decides the order)."""
        found: dict[str, int] = {}
        for (lid, _lang), lesson in self.lessons.items():
            if lesson.module == module_id:
                found[lid] = lesson.order
        return sorted(found, key=lambda lid: (found[lid], lid))

    def get(self, lesson_id: str, lang: str) -> tuple[Lesson, bool] | None:
        """The lesson in ``lang``, or in English with ``fallback=True`` when missing."""
        if (lesson_id, lang) in self.lessons:
            return self.lessons[(lesson_id, lang)], False
        if (lesson_id, "en") in self.lessons:
            return self.lessons[(lesson_id, "en")], True
        return None

    def all_lesson_ids(self) -> list[str]:
        ids: list[str] = []
        for m in sorted(self.modules, key=lambda m: (m.order, m.id)):
            ids.extend(self.lesson_ids(m.id))
        return ids
