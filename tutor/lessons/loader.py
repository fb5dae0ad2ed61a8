"""Loading a lesson tree into the models the tutor shows: the public entry points.

``load_tree`` is what the app calls at start (in a worker): it never raises on bad content,
returns whatever could be loaded and lists the problems. ``check_tree`` in
:mod:`tutor.lessons.check` adds the checks between files and languages.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from tutor.domain.glossary import Glossary
from tutor.domain.lesson import Curriculum, Lesson
from tutor.lessons.lesson_file import parse_lesson_file
from tutor.lessons.parse_cache import ParseCache
from tutor.lessons.problems import Problem
from tutor.lessons.tree_scan import scan_tree


@dataclass(frozen=True)
class LoadResult:
    """A loaded tree: the curriculum and glossary, and the problems met on the way."""

    curriculum: Curriculum
    glossary: Glossary
    problems: list[Problem]


def load_tree(root: Path, *, cache_file: Path | None = None) -> LoadResult:
    """Load every module, lesson and glossary file under ``root``.

    ``cache_file`` (in the data folder: use :func:`cache_file_for`) keeps parsed lessons
    between starts; see :mod:`tutor.lessons.parse_cache`. Leave it out in tools.
    """
    cache = ParseCache(Path(cache_file)) if cache_file is not None else None
    scan = scan_tree(Path(root), cache, links=False)
    return LoadResult(scan.curriculum, scan.glossary, sort_problems(scan.problems))


def cache_file_for(cache_dir: Path, root: Path) -> Path:
    """The cache file for the tree at ``root``: one per tree, because a cache keeps only
    the files of its last load, so trees sharing one file would evict each other."""
    name = str(Path(root).resolve()).encode("utf-8", "surrogatepass")
    return Path(cache_dir) / f"lessons-{hashlib.sha256(name).hexdigest()[:16]}.json"


def parse_lesson(text: str, *, source: str, lang: str) -> tuple[Lesson | None, list[Problem]]:
    """Parse one lesson's text; ``source`` names it in problems and in ``Lesson.source``."""
    parsed = parse_lesson_file(text, file=source, lang=lang)
    return parsed.lesson, parsed.problems


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Problems by file then line, the order a writer fixes them in."""
    return sorted(problems, key=lambda p: (p.file, p.line, p.code))
