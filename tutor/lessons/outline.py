"""A Markdown outline of a curriculum for trainers: modules, lessons, minutes, objectives.

Always English: it is a planning document (``docs/curriculum.md`` is this output for the
bundled lessons) and must come out the same whatever language the tutor is set to.
"""

from __future__ import annotations

from tutor.domain.lesson import Curriculum, Lesson

GENERATED_BY = "tutor lessons outline lessons/ > docs/curriculum.md"


def render_outline(curriculum: Curriculum) -> str:
    """The outline text; lessons without an English file are left out (English is required)."""
    modules = sorted(curriculum.modules, key=lambda m: (m.order, m.id))
    out = ["# Curriculum outline", "", f"Generated with `{GENERATED_BY}`; do not edit by hand.", ""]
    lesson_count = minutes = 0
    blocks: list[str] = []
    for number, module in enumerate(modules, start=1):
        lessons = [
            found[0]
            for lid in curriculum.lesson_ids(module.id)
            if (found := curriculum.get(lid, "en")) is not None and not found[1]
        ]
        blocks.extend(
            _module_block(number, module.title("en"), module.summaries.get("en"), lessons)
        )
        lesson_count += len(lessons)
        minutes += sum(lesson.minutes for lesson in lessons)
    out.append(
        f"{_count(len(modules), 'module')}, {_count(lesson_count, 'lesson')}, "
        f"{_count(minutes, 'minute')} of reading."
    )
    out.append("")
    out.extend(blocks)
    return "\n".join(out).rstrip("\n") + "\n"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _module_block(number: int, title: str, summary: str | None, lessons: list[Lesson]) -> list[str]:
    lines = [f"## {number}. {title}", ""]
    if summary:
        lines += [summary, ""]
    for index, lesson in enumerate(lessons, start=1):
        lines += [f"### {number}.{index} {lesson.title} ({lesson.minutes} min)", ""]
        lines += [f"- {objective}" for objective in lesson.objectives]
        lines.append("")
    return lines
