"""Load bid-simulator scenarios from a lesson tree (``<tree>/simulator/*.yaml``).

Scenario files travel on USB sticks inside lesson packs, so a file may be cut short,
garbage, or hostile. Every failure becomes a :class:`ScenarioFileError` naming the file,
the line and what is wrong (through ``_()``), and nothing is half-loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tutor.domain.sim.scenario import Scenario
from tutor.domain.sim.scenario_parse import ScenarioError, scenario_from_dict
from tutor.i18n import _

FOLDER = "simulator"
MAX_FILE_BYTES = 512 * 1024
MAX_DEPTH = 16  # a scenario nests about 5 levels


class ScenarioFileError(Exception):
    """A scenario file cannot be used; ``str()`` gives file, line and the reason."""

    def __init__(self, path: Path, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class LoadedScenario:
    """A scenario and the file it came from."""

    path: Path
    scenario: Scenario


def scenario_paths(lesson_root: Path) -> list[Path]:
    """Scenario files of a lesson tree, in name order (none if the folder is missing)."""
    folder = Path(lesson_root) / FOLDER
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ScenarioFileError(
                path,
                None,
                _("The file is too large ({n} KB at most).").format(n=MAX_FILE_BYTES // 1024),
            )
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioFileError(path, None, _("The file is not UTF-8 text.")) from exc
    except OSError as exc:
        raise ScenarioFileError(
            path, None, _("The file cannot be read: {error}").format(error=exc.strerror or exc)
        ) from exc


def _compose(path: Path, text: str) -> yaml.Node | None:
    """Parse to a node tree (keeps line numbers).

    A first pass over the parser's events refuses anchors and aliases (an alias bomb) and
    nesting deeper than any scenario needs, before PyYAML builds anything: very deep
    nesting makes its composer recurse and its scanner slow down badly.
    """
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            line = event.start_mark.line + 1 if event.start_mark else None
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise ScenarioFileError(
                    path, line, _("Anchors and aliases (& and *) are not allowed.")
                )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise ScenarioFileError(path, line, _("The file is nested too deeply."))
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise ScenarioFileError(path, line, _("This is not valid YAML.")) from exc


def _line_of(node: yaml.Node | None, key_path: tuple[str | int, ...]) -> int | None:
    """The line of the deepest node along ``key_path`` that exists (1-based)."""
    line = node.start_mark.line + 1 if node is not None else None
    for part in key_path:
        if isinstance(node, yaml.MappingNode):
            pair = next((kv for kv in node.value if getattr(kv[0], "value", None) == part), None)
            if pair is None:
                break
            node, line = pair[1], pair[0].start_mark.line + 1  # the key's line
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value)
        ):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


def _construct(path: Path, node: yaml.Node | None) -> Any:
    try:
        return yaml.SafeLoader("").construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ScenarioFileError(
            path, mark.line + 1 if mark else None, _("This is not valid YAML.")
        ) from exc


def load_scenario(path: Path) -> LoadedScenario:
    """Read, parse and validate one scenario file."""
    path = Path(path)
    node = _compose(path, _read_text(path))
    data = _construct(path, node)
    try:
        return LoadedScenario(path, scenario_from_dict(data))
    except ScenarioError as exc:
        where = exc.where()
        message = f"{where}: {exc.message}" if where else exc.message
        raise ScenarioFileError(path, _line_of(node, exc.path), message) from exc


def load_scenarios(lesson_root: Path) -> tuple[list[LoadedScenario], list[ScenarioFileError]]:
    """Every usable scenario of a tree, and the errors of the files that are not."""
    loaded: list[LoadedScenario] = []
    errors: list[ScenarioFileError] = []
    for path in scenario_paths(lesson_root):
        try:
            loaded.append(load_scenario(path))
        except ScenarioFileError as exc:
            errors.append(exc)
    return loaded, errors


def load_scenarios_from(
    lesson_roots: list[Path],
) -> tuple[list[LoadedScenario], list[ScenarioFileError]]:
    """Scenarios of several trees (installed packs first, then the bundled lessons).

    A scenario id found again in a later tree is skipped, so an installed pack can replace
    the bundled scenario by shipping one with the same id.
    """
    loaded: list[LoadedScenario] = []
    errors: list[ScenarioFileError] = []
    seen: set[str] = set()
    for root in lesson_roots:
        found, failed = load_scenarios(root)
        errors.extend(failed)
        for item in found:
            if item.scenario.id not in seen:
                seen.add(item.scenario.id)
                loaded.append(item)
    return loaded, errors
