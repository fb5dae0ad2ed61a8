"""Checking ``lesson:``, ``glossary:`` and ``practice:`` links (and ``#section`` links).

A broken link in a lesson is a dead end for a trainee with no internet to look things up,
so every internal link must resolve. Web links are left alone; a link to a file path will
not open inside the tutor and gets a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from tutor.lessons.markdown_blocks import Link
from tutor.lessons.problems import Problem, problem

LESSON_SCHEME = "lesson:"
GLOSSARY_SCHEME = "glossary:"
PRACTICE_SCHEME = "practice:"
# What a lesson can send the trainee to practise: ``practice:bid`` opens the bid simulator.
PRACTICE_TARGETS = frozenset({"bid"})
_HAS_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass
class LinkTargets:
    """What links may point at: lesson ids with their section ids per language, and terms."""

    sections: dict[str, dict[str, set[str]]] = field(default_factory=dict)  # id -> lang -> ids
    terms: set[str] = field(default_factory=set)

    def add_lesson(self, lesson_id: str, lang: str, section_ids: Iterable[str]) -> None:
        self.sections.setdefault(lesson_id, {}).setdefault(lang, set()).update(section_ids)

    def section_ids(self, lesson_id: str, lang: str) -> set[str]:
        """Sections of the lesson in ``lang``; English when that language is missing."""
        langs = self.sections.get(lesson_id, {})
        return langs.get(lang) or langs.get("en") or set().union(*langs.values())


def link_problems(
    links: Iterable[Link], *, file: str, lang: str, own_id: str | None, targets: LinkTargets
) -> list[Problem]:
    """Problems with the links of one file. ``own_id`` resolves ``#section`` links."""
    problems: list[Problem] = []
    for link in links:
        found = _check(link, file, lang, own_id, targets)
        if found is not None:
            problems.append(found)
    return problems


def _check(
    link: Link, file: str, lang: str, own_id: str | None, targets: LinkTargets
) -> Problem | None:
    target = link.target
    if target.startswith(GLOSSARY_SCHEME):
        term = target[len(GLOSSARY_SCHEME) :]
        if term in targets.terms:
            return None
        return problem("missing-glossary-term", file, link.line, target=target, term=term)
    if target.startswith(PRACTICE_SCHEME):
        if target[len(PRACTICE_SCHEME) :] in PRACTICE_TARGETS:
            return None
        known = ", ".join(PRACTICE_SCHEME + name for name in sorted(PRACTICE_TARGETS))
        return problem("unknown-practice", file, link.line, target=target, known=known)
    if target.startswith(LESSON_SCHEME):
        lesson_id, _, section = target[len(LESSON_SCHEME) :].partition("#")
        return _check_lesson(link, file, lang, lesson_id, section, targets)
    if target.startswith("#"):
        if own_id is None:
            return None  # the lesson's own header is broken; that problem is reported already
        return _check_lesson(link, file, lang, own_id, target[1:], targets)
    if _HAS_SCHEME.match(target) is None:
        return problem("file-link", file, link.line, target=target)
    return None


def _check_lesson(
    link: Link, file: str, lang: str, lesson_id: str, section: str, targets: LinkTargets
) -> Problem | None:
    if lesson_id not in targets.sections:
        return problem("broken-lesson-link", file, link.line, target=link.target, lesson=lesson_id)
    if section and section not in targets.section_ids(lesson_id, lang):
        return problem(
            "broken-section-link",
            file,
            link.line,
            target=link.target,
            lesson=lesson_id,
            section=section,
        )
    return None
