"""``module.yaml``: a module's id, order and per-language title and summary."""

from __future__ import annotations

from dataclasses import dataclass, field

from tutor.domain.lesson import Module
from tutor.lessons.fields import FieldReader, yaml_failure_problem
from tutor.lessons.problems import Problem, problem
from tutor.lessons.yaml_block import LineDict, YamlFailure, load_yaml

MODULE_FILE = "module.yaml"
MODULE_FIELDS = ("id", "order", "title", "summary")


@dataclass
class ParsedModule:
    """A module file after checking. ``module`` is ``None`` when it has errors."""

    file: str
    module: Module | None = None
    id: str | None = None  # kept when valid even if other fields are wrong
    id_line: int = 1
    problems: list[Problem] = field(default_factory=list)


def parse_module_file(text: str, *, file: str) -> ParsedModule:
    """Check a ``module.yaml`` text. Never raises on bad content."""
    parsed = ParsedModule(file=file)
    data = load_yaml(text)
    if isinstance(data, YamlFailure):
        parsed.problems.append(yaml_failure_problem(data, file, 1))
        return parsed
    if not isinstance(data, LineDict):
        parsed.problems.append(problem("not-mapping", file, 1))
        return parsed
    reader = FieldReader(data, file, 1)
    parsed.id = reader.id()
    parsed.id_line = reader.line("id")
    order = reader.whole_number("order", "bad-order")
    titles = reader.lang_map("title", required=True)
    summaries = reader.lang_map("summary", required=False)
    reader.warn_unknown(MODULE_FIELDS)
    parsed.problems.extend(reader.problems)
    if any(p.is_error for p in reader.problems):
        return parsed
    if parsed.id is not None and order is not None and titles is not None:
        parsed.module = Module(id=parsed.id, order=order, titles=titles, summaries=summaries or {})
    return parsed
