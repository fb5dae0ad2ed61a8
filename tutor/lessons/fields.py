"""Checks on single YAML values shared by lesson headers, quiz blocks and module.yaml.

Each check returns the clean value or ``None`` and adds at most one problem, so a file with
many mistakes gets one clear line per mistake.
"""

from __future__ import annotations

import re
from typing import Any

from tutor.lessons.problems import Problem, problem
from tutor.lessons.yaml_block import LineDict, YamlFailure

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
LANGS = ("en", "ur")


def is_valid_id(value: object) -> bool:
    return isinstance(value, str) and ID_PATTERN.match(value) is not None


def is_whole_number(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def yaml_failure_problem(failure: YamlFailure, file: str, first_line: int) -> Problem:
    """The problem for a YAML block that did not load; ``first_line`` is its line 1."""
    line = first_line + failure.line
    if failure.kind == "alias":
        return problem("yaml-alias", file, line)
    if failure.kind == "too-complex":
        return problem("yaml-too-complex", file, first_line)
    return problem("yaml-syntax", file, line, detail=failure.detail)


class FieldReader:
    """Reads fields of one YAML mapping, recording problems at the right lines.

    ``first_line`` is the 1-based file line of the block's YAML line 0.
    """

    def __init__(self, data: LineDict, file: str, first_line: int) -> None:
        self.data = data
        self.file = file
        self.first_line = first_line
        self.problems: list[Problem] = []
        for key, line in data.duplicate_keys:
            self.problems.append(problem("duplicate-key", file, first_line + line, key=key))

    def line(self, key: str | None = None) -> int:
        """File line of ``key`` (or of the mapping when ``key`` is None or absent)."""
        return self.first_line + (self.data.key_line(key) if key else self.data.line)

    def add(self, code: str, key: str | None = None, **args: object) -> None:
        self.problems.append(problem(code, self.file, self.line(key), **args))

    def warn_unknown(self, allowed: tuple[str, ...]) -> None:
        for key in self.data:
            if key not in allowed:
                self.add("unknown-field", str(key) if isinstance(key, str) else None, field=key)

    def present(self, key: str) -> bool:
        """Whether ``key`` is given; a missing required field is reported here."""
        if key in self.data:
            return True
        self.add("missing-field", field=key)
        return False

    def id(self, key: str = "id") -> str | None:
        if not self.present(key):
            return None
        value = self.data[key]
        if not is_valid_id(value):
            self.add("bad-id", key, value=value)
            return None
        return str(value)

    def text(self, key: str) -> str | None:
        if not self.present(key):
            return None
        value = self.data[key]
        if not isinstance(value, str) or not value.strip():
            self.add("not-text", key, field=key)
            return None
        return value.strip()

    def whole_number(self, key: str, code: str, *, minimum: int | None = None) -> int | None:
        if not self.present(key):
            return None
        value = self.data[key]
        if not is_whole_number(value) or (minimum is not None and value < minimum):
            self.add(code, key)
            return None
        return int(value)

    def text_list(self, key: str, code: str) -> tuple[str, ...] | None:
        """A non-empty list of non-empty texts (lesson objectives)."""
        if not self.present(key):
            return None
        value = self.data[key]
        if not isinstance(value, list) or not value:
            self.add(code, key)
            return None
        if not all(isinstance(item, str) and item.strip() for item in value):
            self.add(code, key)
            return None
        return tuple(item.strip() for item in value)

    def lang_map(self, key: str, *, required: bool) -> dict[str, str] | None:
        """Per-language text such as a module title: ``en`` required, ``ur`` expected."""
        if key not in self.data:
            if required:
                self.add("missing-field", field=key)
            return None
        value: Any = self.data[key]
        if not isinstance(value, LineDict) or not all(
            isinstance(text, str) and text.strip() for text in value.values()
        ):
            self.add("bad-lang-map", key, field=key)
            return None
        if "en" not in value:
            self.add("no-english", key, field=key)
            return None
        if "ur" not in value:
            self.add("no-urdu", key, field=key)
        for lang in value:
            if lang not in LANGS:
                self.problems.append(
                    problem(
                        "unknown-field",
                        self.file,
                        self.first_line + value.key_line(str(lang)),
                        field=f"{key}.{lang}",
                    )
                )
        return {str(lang): text.strip() for lang, text in value.items() if lang in LANGS}
