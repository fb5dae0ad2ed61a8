"""Fixtures for the lesson tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from lesson_texts import base_files, write_tree


@pytest.fixture
def tree(tmp_path: Path) -> Callable[..., Path]:
    """``tree(changes)``: write the clean base tree with some files replaced or removed."""

    def make(changes: dict[str, str | bytes | None] | None = None) -> Path:
        files = base_files()
        files.update(changes or {})
        return write_tree(tmp_path / "lessons", files)

    return make
