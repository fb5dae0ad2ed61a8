"""Atomic file replacement: retries only where a short hold is normal (Windows)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tutor.store.atomic_file import move_aside, replace_file, write_file_atomic


def _flaky_replace(monkeypatch, failures: int) -> list[int]:
    real = os.replace
    calls: list[int] = []

    def replace(src, dst):
        calls.append(1)
        if len(calls) <= failures:
            raise PermissionError(13, "in use by another process")
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    return calls


def test_windows_rename_is_retried_while_another_program_holds_the_file(
    tmp_path: Path, monkeypatch
) -> None:
    (tmp_path / "new").write_text("new")
    (tmp_path / "cur").write_text("old")
    calls = _flaky_replace(monkeypatch, failures=2)
    pauses: list[float] = []
    replace_file(tmp_path / "new", tmp_path / "cur", sleep=pauses.append, windows=True)
    assert (tmp_path / "cur").read_text() == "new"
    assert len(calls) == 3 and len(pauses) == 2 and pauses[1] > pauses[0]


def test_windows_rename_gives_up_after_a_few_tries(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "new").write_text("new")
    calls = _flaky_replace(monkeypatch, failures=100)
    with pytest.raises(PermissionError):
        replace_file(tmp_path / "new", tmp_path / "cur", sleep=lambda s: None, windows=True)
    assert 2 < len(calls) < 10


def test_elsewhere_permission_error_is_not_retried(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "new").write_text("new")
    calls = _flaky_replace(monkeypatch, failures=1)
    with pytest.raises(PermissionError):
        replace_file(tmp_path / "new", tmp_path / "cur", sleep=lambda s: None, windows=False)
    assert len(calls) == 1


def test_atomic_write_keeps_the_previous_generation_when_asked(tmp_path: Path) -> None:
    target, previous = tmp_path / "f", tmp_path / "f.prev"
    write_file_atomic(target, b"one", previous=previous)
    assert target.read_bytes() == b"one" and not previous.exists()
    write_file_atomic(target, b"two", previous=previous)
    assert (target.read_bytes(), previous.read_bytes()) == (b"two", b"one")
    write_file_atomic(target, b"three")
    assert (target.read_bytes(), previous.read_bytes()) == (b"three", b"one")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f", "f.prev"]


def test_move_aside_picks_the_first_free_number(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / "x").write_text(str(n))
        assert move_aside(tmp_path / "x").name == f"x.damaged-{n + 1}"
    assert not (tmp_path / "x").exists()
