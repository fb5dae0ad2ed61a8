"""Which module each lesson belongs to, for rolling lesson reports up to modules.

Events name only the lesson; the curriculum says its module, order and titles. The
collector reads the bundled lesson tree once (a programme that ships its own pack can pass
another tree). Lessons the curriculum does not know still appear in lesson tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class ModuleInfo:
    id: str
    titles: dict[str, str]
    lessons: tuple[str, ...]

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or self.titles.get("en") or self.id


@dataclass(frozen=True)
class CurriculumIndex:
    modules: tuple[ModuleInfo, ...] = ()
    lesson_titles: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def lesson_order(self) -> list[str]:
        return [lid for m in self.modules for lid in m.lessons]

    @property
    def total_lessons(self) -> int:
        return sum(len(m.lessons) for m in self.modules)

    def lesson_title(self, lesson_id: str, lang: str) -> str:
        titles = self.lesson_titles.get(lesson_id, {})
        return titles.get(lang) or titles.get("en") or lesson_id


def load_index(root: Path | None = None) -> CurriculumIndex:
    """The index of a lesson tree (default: the bundled curriculum); empty if unreadable."""
    from tutor.lessons.loader import load_tree
    from tutor.paths import bundled_dir

    try:
        cur = load_tree(root or bundled_dir("lessons")).curriculum
    except OSError:
        return CurriculumIndex()
    modules = tuple(
        ModuleInfo(m.id, dict(m.titles), tuple(cur.lesson_ids(m.id)))
        for m in sorted(cur.modules, key=lambda m: (m.order, m.id))
    )
    titles: dict[str, dict[str, str]] = {}
    for (lid, lang), lesson in cur.lessons.items():
        titles.setdefault(lid, {})[lang] = lesson.title
    return CurriculumIndex(modules, titles)
