"""Walking a lesson tree: find module folders, lesson and glossary files, and parse them all.

The scan keeps per-file details (lines of sections, quiz ids, links) that the cross-file
checks in :mod:`tutor.lessons.check` need and the finished model does not carry.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from tutor.domain.glossary import Glossary, Term
from tutor.domain.lesson import Curriculum, Lesson
from tutor.lessons.fields import LANGS
from tutor.lessons.glossary_file import GLOSSARY_NAME, ParsedGlossary, parse_glossary_file
from tutor.lessons.lesson_file import ParsedLesson, parse_lesson_file
from tutor.lessons.module_file import MODULE_FILE, ParsedModule, parse_module_file
from tutor.lessons.parse_cache import ParseCache, cache_key
from tutor.lessons.problems import Problem, problem
from tutor.lessons.text_file import read_text

SIMULATOR_FOLDER = "simulator"  # bid-simulator data, owned and checked elsewhere
_SKIPPED_FOLDERS = {"__pycache__"}
_MD_NAME = re.compile(r"^(?P<name>.+)\.(?P<lang>[^.]+)\.md$")


@dataclass(frozen=True)
class MdFile:
    """A ``NAME.LANG.md`` file found in the tree."""

    path: Path
    folder: Path
    name: str
    lang: str

    @property
    def file(self) -> str:
        return str(self.path)


@dataclass
class TreeScan:
    """Everything read from one lesson tree, before the cross-file checks."""

    root: Path
    modules: list[ParsedModule] = field(default_factory=list)
    lessons: list[ParsedLesson] = field(default_factory=list)
    lesson_files: dict[str, MdFile] = field(default_factory=dict)  # file -> where it was
    glossaries: list[ParsedGlossary] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files_read: int = 0
    links: bool = True  # whether links were collected
    curriculum: Curriculum = field(default_factory=lambda: Curriculum(modules=(), lessons={}))
    glossary: Glossary = field(default_factory=Glossary)


@dataclass
class _Folder:
    path: Path
    module_yaml: Path | None = None
    lessons: list[MdFile] = field(default_factory=list)
    glossaries: list[MdFile] = field(default_factory=list)


def scan_tree(root: Path, cache: ParseCache | None = None, *, links: bool = True) -> TreeScan:
    """Read and parse every file of the tree at ``root``. Never raises on bad content.

    With a ``cache``, lesson files whose text has not changed since it was saved are not
    parsed again. ``links=False`` skips collecting links (only the checker needs them).
    """
    scan = TreeScan(root=root, links=links)
    folders = _walk(root, scan.problems)
    folder_module: dict[Path, str] = {}
    for folder in folders:
        if folder.module_yaml is not None:
            module = _read_module(folder.module_yaml, scan)
            if module is not None and module.id is not None:
                folder_module[folder.path] = module.id  # even if other fields are wrong
        elif folder.lessons:
            scan.problems.append(problem("missing-module-yaml", str(folder.path), 0))
    known = {m.id for m in scan.modules if m.id is not None}
    for folder in folders:
        for md in folder.lessons:
            _read_lesson(md, folder_module.get(folder.path), known, scan, cache)
        for md in folder.glossaries:
            _read_glossary(md, scan)
    if cache is not None:
        cache.save()
    scan.curriculum = _curriculum(scan)
    scan.glossary = _glossary(scan)
    return scan


def _walk(root: Path, problems: list[Problem]) -> list[_Folder]:
    """Folders of the tree in a stable order, with their files sorted into kinds."""

    def on_error(exc: OSError) -> None:
        where = exc.filename or str(root)
        problems.append(problem("unreadable", str(where), 0, reason=exc.strerror or "error"))

    folders: list[_Folder] = []
    for here, dirnames, filenames in os.walk(root, onerror=on_error):
        path = Path(here)
        dirnames[:] = sorted(d for d in dirnames if _keep_folder(path, d, root))
        folder = _Folder(path)
        for name in sorted(filenames):
            _classify(folder, name, problems)
        folders.append(folder)
    return folders


def _keep_folder(parent: Path, name: str, root: Path) -> bool:
    if name.startswith(".") or name in _SKIPPED_FOLDERS:
        return False
    return not (parent == root and name == SIMULATOR_FOLDER)


def _classify(folder: _Folder, name: str, problems: list[Problem]) -> None:
    if name == MODULE_FILE:
        folder.module_yaml = folder.path / name
        return
    if name.startswith(".") or not name.endswith(".md") or name.lower() == "readme.md":
        return  # images, data files and notes beside lessons are not ours to judge
    parts = md_name_parts(name)
    if parts is None:
        problems.append(problem("file-name", str(folder.path / name), 0))
        return
    md = MdFile(folder.path / name, folder.path, *parts)
    (folder.glossaries if md.name == GLOSSARY_NAME else folder.lessons).append(md)


def md_name_parts(filename: str) -> tuple[str, str] | None:
    """``"intro.ur.md"`` -> ``("intro", "ur")``; ``None`` unless LANG is a tutor language."""
    match = _MD_NAME.match(filename)
    if match is None or match["lang"] not in LANGS:
        return None
    return match["name"], match["lang"]


def _read_module(path: Path, scan: TreeScan) -> ParsedModule | None:
    text, problems = read_text(path, str(path))
    scan.problems.extend(problems)
    scan.files_read += 1
    if text is None:
        return None
    parsed = parse_module_file(text, file=str(path))
    scan.problems.extend(parsed.problems)
    earlier = next((m for m in scan.modules if m.id and m.id == parsed.id), None)
    if earlier is not None:
        scan.problems.append(
            problem(
                "duplicate-module", parsed.file, parsed.id_line, id=parsed.id, other=earlier.file
            )
        )
        return None
    scan.modules.append(parsed)
    return parsed


def _read_lesson(
    md: MdFile, folder_module: str | None, known: set[str], scan: TreeScan, cache: ParseCache | None
) -> None:
    text, problems = read_text(md.path, md.file)
    scan.problems.extend(problems)
    scan.files_read += 1
    scan.lesson_files[md.file] = md
    if text is None:
        return
    parsed = _parse_lesson(text, md, cache, scan.links)
    scan.problems.extend(parsed.problems)
    module = parsed.header.module
    if module is not None and module not in known:
        scan.problems.append(
            problem("unknown-module", md.file, parsed.header.line("module"), module=module)
        )
    elif module is not None and folder_module is not None and module != folder_module:
        scan.problems.append(
            problem(
                "module-mismatch",
                md.file,
                parsed.header.line("module"),
                module=module,
                folder=folder_module,
            )
        )
    scan.lessons.append(parsed)


def _parse_lesson(text: str, md: MdFile, cache: ParseCache | None, links: bool) -> ParsedLesson:
    if cache is None:
        return parse_lesson_file(text, file=md.file, lang=md.lang, links=links)
    key = cache_key(text, md.file, md.lang + ("+links" if links else ""))
    parsed = cache.get(key)
    if parsed is None:
        parsed = parse_lesson_file(text, file=md.file, lang=md.lang, links=links)
        cache.put(key, parsed)
    return parsed


def _read_glossary(md: MdFile, scan: TreeScan) -> None:
    text, problems = read_text(md.path, md.file)
    scan.problems.extend(problems)
    scan.files_read += 1
    if text is None:
        return
    parsed = parse_glossary_file(text, file=md.file, lang=md.lang, links=scan.links)
    scan.problems.extend(parsed.problems)
    scan.glossaries.append(parsed)


def _curriculum(scan: TreeScan) -> Curriculum:
    """Valid modules and the lessons that belong to them; the first of duplicates wins."""
    modules = sorted(
        (m.module for m in scan.modules if m.module is not None), key=lambda m: (m.order, m.id)
    )
    module_ids = {m.id for m in modules}
    lessons: dict[tuple[str, str], Lesson] = {}
    orders: dict[tuple[str, int], str] = {}
    for parsed in scan.lessons:
        lesson = parsed.lesson
        if lesson is None or lesson.module not in module_ids:
            continue
        key = (lesson.id, lesson.lang)
        if key in lessons:
            scan.problems.append(_duplicate_lesson(parsed, lessons[key]))
            continue
        lessons[key] = lesson
        if lesson.lang == "en":
            _note_order(parsed, lesson, orders, scan.problems)
    return Curriculum(modules=tuple(modules), lessons=lessons)


def _duplicate_lesson(parsed: ParsedLesson, first: Lesson) -> Problem:
    return problem(
        "duplicate-lesson",
        parsed.file,
        parsed.header.line("id"),
        id=first.id,
        lang=first.lang,
        other=first.source,
    )


def _note_order(
    parsed: ParsedLesson, lesson: Lesson, orders: dict[tuple[str, int], str], out: list[Problem]
) -> None:
    """Warn when two lessons of a module share an order (their sequence is then by id)."""
    slot = (lesson.module, lesson.order)
    if slot in orders:
        out.append(
            problem(
                "duplicate-order",
                parsed.file,
                parsed.header.line("order"),
                id=lesson.id,
                other=orders[slot],
                order=lesson.order,
                module=lesson.module,
            )
        )
    else:
        orders[slot] = lesson.id


def _glossary(scan: TreeScan) -> Glossary:
    """All glossary files merged; a term defined twice in one language keeps the first."""
    titles: dict[str, dict[str, str]] = {}
    explanations: dict[str, dict[str, str]] = {}
    where: dict[tuple[str, str], str] = {}
    for parsed in scan.glossaries:
        for entry in parsed.terms:
            key = (entry.id, parsed.lang)
            if key in where:
                scan.problems.append(
                    problem(
                        "duplicate-term",
                        parsed.file,
                        entry.line,
                        id=entry.id,
                        lang=parsed.lang,
                        other=where[key],
                    )
                )
                continue
            where[key] = parsed.file
            titles.setdefault(entry.id, {})[parsed.lang] = entry.title
            explanations.setdefault(entry.id, {})[parsed.lang] = entry.explanation
    terms = {tid: Term(tid, titles[tid], explanations[tid]) for tid in titles}
    return Glossary(terms=terms)
