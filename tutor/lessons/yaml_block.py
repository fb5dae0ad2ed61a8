"""Safe YAML for lesson headers, quiz blocks and module.yaml, remembering line numbers.

Problems must point at the exact line (``options`` item 3 has no ``why``), so mappings are
loaded as :class:`LineDict`, which records the line of each key. Loading is ``safe_load``
semantics (SafeLoader: plain data only) with two more limits for hostile files: anchors and
aliases are refused, and blocks too big or too deeply nested for a lesson are refused
before the C parser sees them (libyaml recurses on the C stack and crashes on deep nesting).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, ScalarNode

MAX_BLOCK_CHARS = 16 * 1024  # a long quiz is ~3 KB; bounds parsing time on hostile input
MAX_DEPTH = 100  # lesson YAML nests 3 levels; libyaml crashes somewhere past ~2,000

_ALIAS_MESSAGE = "alias"
_BRACKETS = re.compile(r"[\[\]{}]")


class LineDict(dict):  # type: ignore[type-arg]
    """A YAML mapping with the 0-based line of the mapping and of each key in its block."""

    line: int = 0
    key_lines: dict[str, int]
    duplicate_keys: list[tuple[str, int]]

    def key_line(self, key: str) -> int:
        """Line of ``key`` (or of the mapping itself when the key is absent)."""
        return self.key_lines.get(key, self.line)


def _construct_map(loader: yaml.SafeLoader, node: MappingNode) -> Any:
    data = LineDict()
    data.line = node.start_mark.line
    data.key_lines = {}
    data.duplicate_keys = []
    yield data
    for key_node, _value_node in node.value:
        if isinstance(key_node, ScalarNode):
            key, line = key_node.value, key_node.start_mark.line
            if key in data.key_lines:
                data.duplicate_keys.append((key, line))
            else:
                data.key_lines[key] = line
    data.update(loader.construct_mapping(node))


def _no_aliases(self: Any, node: Any, deep: bool = False) -> Any:
    # An alias makes libyaml hand the constructor a node it has already built.
    if node in self.constructed_objects:
        raise ConstructorError(None, None, _ALIAS_MESSAGE, node.start_mark)
    return yaml.constructor.BaseConstructor.construct_object(self, node, deep=deep)


def _loader_class(base: type[yaml.SafeLoader]) -> type[yaml.SafeLoader]:
    cls: type[yaml.SafeLoader] = type(
        f"Line{base.__name__}", (base,), {"construct_object": _no_aliases}
    )
    cls.add_constructor("tag:yaml.org,2002:map", _construct_map)
    return cls


_LOADER = _loader_class(getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@dataclass(frozen=True)
class YamlFailure:
    """Why a YAML block could not be loaded. ``line`` is 0-based inside the block."""

    kind: str  # "syntax" | "alias" | "too-complex"
    line: int
    detail: str = ""


def load_yaml(text: str) -> Any | YamlFailure:
    """Load one YAML document, or say why not. Never raises on bad content."""
    if len(text) > MAX_BLOCK_CHARS or _too_deep(text):
        return YamlFailure("too-complex", 0)
    try:
        return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a SafeLoader subclass
    except RecursionError:
        return YamlFailure("too-complex", 0)
    except yaml.MarkedYAMLError as exc:
        # The context mark is where the broken construct starts (an unclosed "[" or quote):
        # nearer the mistake than where the parser gave up.
        mark = exc.context_mark or exc.problem_mark
        line = mark.line if mark is not None else 0
        if exc.problem == _ALIAS_MESSAGE or "alias" in f"{exc.context} {exc.problem}":
            return YamlFailure("alias", line)
        return YamlFailure("syntax", line, _describe(exc))
    except yaml.YAMLError as exc:
        return YamlFailure("syntax", 0, str(exc).splitlines()[0] if str(exc) else "")


def _too_deep(text: str) -> bool:
    """Whether ``text`` nests deeper than :data:`MAX_DEPTH` (checked before libyaml sees it).

    Flow nesting (``[[[``) is bounded by counting brackets, an over-estimate because
    brackets inside quotes count too; libyaml is also quadratic in it. Block nesting
    (``- - -`` or indentation) needs ``-``, ``?`` or ``:`` per level, so only text with
    many of those gets the exact check by walking libyaml's (non-recursive) event stream.
    """
    depth = deepest = 0
    for bracket in _BRACKETS.findall(text):
        if bracket in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif depth:
            depth -= 1
    if deepest > MAX_DEPTH:
        return True
    if deepest + text.count("-") + text.count("?") + text.count(":") <= MAX_DEPTH:
        return False
    return _event_depth(text) > MAX_DEPTH


def _event_depth(text: str) -> int:
    depth = deepest = 0
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                deepest = max(deepest, depth)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        pass  # the real load reports the syntax error with its line
    return deepest


def _describe(exc: yaml.MarkedYAMLError) -> str:
    """PyYAML's own words for the problem, without its multi-line position report."""
    parts = [p for p in (exc.context, exc.problem) if p]
    return ", ".join(parts) or "invalid YAML"
