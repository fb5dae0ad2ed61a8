"""Which lessons the tutor shows: ``--lessons``, else the installed packs, else the built-in.

Several installed packs are merged into one curriculum; where two packs hold the same
lesson or module id, the pack listed later wins (pack folders are sorted by pack id).
"""

from __future__ import annotations

from pathlib import Path

from tutor.domain.glossary import Glossary
from tutor.domain.lesson import Curriculum
from tutor.paths import DataPaths, bundled_dir


def lesson_roots(paths: DataPaths, override: Path | None = None) -> list[Path]:
    if override is not None:
        return [override]
    from tutor.packs.pack_library import PackLibrary

    installed = [p for p in PackLibrary(paths.packs).lesson_folders() if p.is_dir()]
    return installed or [bundled_dir("lessons")]


def load_roots(roots: list[Path], cache_dir: Path | None = None):  # noqa: ANN201
    """Load and merge lesson trees (a LoadResult); problems of every tree are kept.

    With ``cache_dir``, parsed lessons are cached there (about 8x faster on the next start).
    """
    from tutor.lessons.loader import LoadResult, cache_file_for, load_tree

    results = [
        load_tree(root, cache_file=cache_file_for(cache_dir, root) if cache_dir else None)
        for root in roots
    ]
    if len(results) == 1:
        return results[0]
    modules: dict[str, object] = {}
    lessons: dict = {}
    terms: dict = {}
    problems: list = []
    for result in results:
        modules.update({m.id: m for m in result.curriculum.modules})
        lessons.update(result.curriculum.lessons)
        terms.update(result.glossary.terms)
        problems.extend(result.problems)
    curriculum = Curriculum(tuple(modules.values()), lessons)  # type: ignore[arg-type]
    return LoadResult(curriculum, Glossary(terms), problems)
