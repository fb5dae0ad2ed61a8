"""Checks between the English and Urdu files of a lesson, and of the glossary.

A trainee who switches language stays on the same section and keeps their quiz answers, so
the Urdu file must have the same section ids, question ids and correct options, in order.
Files are paired by folder and name (``x.en.md`` with ``x.ur.md``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from tutor.lessons.glossary_file import ParsedGlossary
from tutor.lessons.lesson_file import ParsedLesson
from tutor.lessons.problems import Problem, problem
from tutor.lessons.tree_scan import TreeScan

_NONE = "-"


def lesson_language_problems(scan: TreeScan) -> list[Problem]:
    """Missing translations and differences between each lesson's two languages."""
    by_pair: dict[tuple[Path, str], dict[str, ParsedLesson]] = {}
    for parsed in scan.lessons:
        md = scan.lesson_files[parsed.file]
        by_pair.setdefault((md.folder, md.name), {})[parsed.lang] = parsed
    # Files that exist, even if unreadable: those already have their own problem.
    existing = {(md.folder, md.name, md.lang) for md in scan.lesson_files.values()}
    problems: list[Problem] = []
    for (folder, name), langs in by_pair.items():
        en, ur = langs.get("en"), langs.get("ur")
        if ur is not None and en is None and (folder, name, "en") not in existing:
            problems.append(problem("english-missing", ur.file, 1, name=f"{name}.en.md"))
        elif en is not None and ur is None and (folder, name, "ur") not in existing:
            problems.append(problem("urdu-missing", en.file, 1, name=f"{name}.ur.md"))
        elif en is not None and ur is not None:
            problems.extend(compare_lessons(en, ur))
    return problems


def compare_lessons(en: ParsedLesson, ur: ParsedLesson) -> list[Problem]:
    """Differences of the Urdu file ``ur`` from the English file ``en``."""
    problems: list[Problem] = []
    eh, uh = en.header, ur.header
    if eh.id is not None and uh.id is not None and eh.id != uh.id:
        problems.append(problem("id-mismatch", ur.file, uh.line("id"), id=uh.id, other_id=eh.id))
    for key in ("module", "order"):
        mine, theirs = getattr(uh, key), getattr(eh, key)
        if mine is not None and theirs is not None and mine != theirs:
            problems.append(
                problem(
                    "header-differs", ur.file, uh.line(key), field=key, value=mine, expected=theirs
                )
            )
    problems.extend(_sequence_problem("sections-differ", en, ur, _section_marks))
    quiz_problem = _sequence_problem("questions-differ", en, ur, _quiz_marks)
    problems.extend(quiz_problem)
    if not quiz_problem:
        problems.extend(_answer_problems(en, ur))
    return problems


def _section_marks(parsed: ParsedLesson) -> list[tuple[str, int]]:
    return [(s.id, s.line) for s in parsed.sections]


def _quiz_marks(parsed: ParsedLesson) -> list[tuple[str, int]]:
    return [(q.id or _NONE, q.line) for q in parsed.quizzes]


Marks = Callable[[ParsedLesson], Sequence[tuple[str, int]]]


def _sequence_problem(code: str, en: ParsedLesson, ur: ParsedLesson, marks: Marks) -> list[Problem]:
    """The first place the Urdu id sequence departs from the English one (later ones follow)."""
    theirs, mine = marks(en), marks(ur)
    for index in range(max(len(theirs), len(mine))):
        expected = theirs[index][0] if index < len(theirs) else _NONE
        found = mine[index][0] if index < len(mine) else _NONE
        if expected != found:
            line = mine[min(index, len(mine) - 1)][1] if mine else 1
            return [problem(code, ur.file, line, index=index + 1, found=found, expected=expected)]
    return []


def _answer_problems(en: ParsedLesson, ur: ParsedLesson) -> list[Problem]:
    problems: list[Problem] = []
    for theirs, mine in zip(en.quizzes, ur.quizzes, strict=False):
        if theirs.question is None or mine.question is None:
            continue
        qid = mine.question.id
        if len(mine.question.options) != len(theirs.question.options):
            problems.append(
                problem(
                    "options-differ",
                    ur.file,
                    mine.line,
                    id=qid,
                    count=len(mine.question.options),
                    expected=len(theirs.question.options),
                )
            )
        elif mine.question.correct_indexes != theirs.question.correct_indexes:
            problems.append(
                problem(
                    "answers-differ",
                    ur.file,
                    mine.line,
                    id=qid,
                    found=_numbers(mine.question.correct_indexes),
                    expected=_numbers(theirs.question.correct_indexes),
                )
            )
    return problems


def _numbers(indexes: tuple[int, ...]) -> str:
    """Option positions as a writer counts them (from 1)."""
    return ", ".join(str(i + 1) for i in indexes)


def glossary_language_problems(glossaries: list[ParsedGlossary]) -> list[Problem]:
    """Terms in Urdu but not English (error) or English but not Urdu (warning)."""
    seen: dict[str, dict[str, tuple[str, int]]] = {"en": {}, "ur": {}}
    for parsed in glossaries:
        for entry in parsed.terms:
            seen.setdefault(parsed.lang, {}).setdefault(entry.id, (parsed.file, entry.line))
    problems: list[Problem] = []
    for term, (file, line) in seen["ur"].items():
        if term not in seen["en"]:
            problems.append(problem("term-english-missing", file, line, id=term))
    for term, (file, line) in seen["en"].items():
        if term not in seen["ur"]:
            problems.append(problem("term-urdu-missing", file, line, id=term))
    return problems
