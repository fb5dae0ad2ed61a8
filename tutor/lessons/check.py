"""``check_tree``: everything ``tutor lessons check`` reports for a tree or a single file.

Loading finds problems inside each file; this adds the checks that need the whole tree:
English and Urdu files agree, links resolve, glossary terms exist in both languages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tutor.lessons.cross_language import glossary_language_problems, lesson_language_problems
from tutor.lessons.glossary_file import GLOSSARY_NAME, parse_glossary_file
from tutor.lessons.lesson_file import parse_lesson_file
from tutor.lessons.link_check import LinkTargets, link_problems
from tutor.lessons.loader import sort_problems
from tutor.lessons.module_file import MODULE_FILE, parse_module_file
from tutor.lessons.problems import Problem, problem
from tutor.lessons.text_file import path_kind, read_text
from tutor.lessons.tree_scan import TreeScan, md_name_parts, scan_tree


@dataclass(frozen=True)
class CheckReport:
    """The problems found and how many files were read to find them."""

    problems: list[Problem]
    files: int

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.is_error)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


def check_tree(root: Path) -> list[Problem]:
    """Every problem in the tree at ``root``, sorted by file and line."""
    return _check_scan(scan_tree(Path(root))).problems


def check_path(path: Path) -> CheckReport:
    """Check a tree (a folder) or one file of it; a missing path is itself a problem."""
    path = Path(path)
    kind = path_kind(path)
    if kind == "dir":
        return _check_scan(scan_tree(path))
    if kind == "missing":
        return CheckReport([problem("path-missing", str(path), 0)], 0)
    if kind != "file":
        return CheckReport([problem("unreadable", str(path), 0, reason=kind)], 0)
    return CheckReport(sort_problems(_check_file(path)), 1)


def _check_scan(scan: TreeScan) -> CheckReport:
    targets = _targets(scan)
    found = list(scan.problems)
    found.extend(lesson_language_problems(scan))
    found.extend(glossary_language_problems(scan.glossaries))
    for parsed in scan.lessons:
        found.extend(
            link_problems(
                parsed.links,
                file=parsed.file,
                lang=parsed.lang,
                own_id=parsed.header.id,
                targets=targets,
            )
        )
    for glossary in scan.glossaries:
        found.extend(
            link_problems(
                glossary.links, file=glossary.file, lang=glossary.lang, own_id=None, targets=targets
            )
        )
    return CheckReport(sort_problems(found), scan.files_read)


def _targets(scan: TreeScan) -> LinkTargets:
    targets = LinkTargets(terms=set(scan.glossary.terms))
    for parsed in scan.lessons:
        if parsed.header.id is not None:
            targets.add_lesson(parsed.header.id, parsed.lang, (s.id for s in parsed.sections))
    return targets


def _check_file(path: Path) -> list[Problem]:
    """One file on its own: what can be checked without the rest of the tree."""
    file = str(path)
    parts = md_name_parts(path.name)
    if path.name != MODULE_FILE and parts is None:
        return [problem("not-lesson-file", file, 0)]
    text, problems = read_text(path, file)
    if text is None:
        return problems
    if path.name == MODULE_FILE:
        return parse_module_file(text, file=file).problems
    assert parts is not None
    name, lang = parts
    if name == GLOSSARY_NAME:
        return parse_glossary_file(text, file=file, lang=lang).problems
    parsed = parse_lesson_file(text, file=file, lang=lang)
    found = list(parsed.problems)
    found.extend(_folder_module_problems(path, parsed.header.module, parsed.header.line("module")))
    own = LinkTargets()
    if parsed.header.id is not None:
        own.add_lesson(parsed.header.id, parsed.lang, (s.id for s in parsed.sections))
    anchors = [link for link in parsed.links if link.target.startswith("#")]
    found.extend(
        link_problems(anchors, file=file, lang=parsed.lang, own_id=parsed.header.id, targets=own)
    )
    return found


def _folder_module_problems(path: Path, module: str | None, line: int) -> list[Problem]:
    """The lesson's module against its folder's module.yaml, when that can be read."""
    module_yaml = path.parent / MODULE_FILE
    if module is None or not module_yaml.is_file():
        return []
    text, _ = read_text(module_yaml, str(module_yaml))
    if text is None:
        return []
    folder = parse_module_file(text, file=str(module_yaml)).id
    if folder is None or folder == module:
        return []
    return [problem("module-mismatch", str(path), line, module=module, folder=folder)]
