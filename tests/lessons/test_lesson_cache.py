"""The parse cache: same result as parsing, reused when unchanged, harmless when damaged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lesson_texts import EN, LESSON_EN

import tutor.lessons.tree_scan as tree_scan
from tutor.lessons.loader import cache_file_for, load_tree
from tutor.lessons.parse_cache import FORMAT


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("parsed although the cache holds this file")

    monkeypatch.setattr(tree_scan, "parse_lesson_file", fail)


def test_cached_load_equals_a_fresh_load_and_skips_parsing(tree, tmp_path, monkeypatch) -> None:
    root = tree({EN: LESSON_EN.replace("minutes: 8", "minutes: 8\nlevel: easy")})
    cache = tmp_path / "data" / "lesson-cache.json"
    fresh = load_tree(root)
    assert load_tree(root, cache_file=cache) == fresh
    assert json.loads(cache.read_text("utf-8"))["format"] == FORMAT
    _no_parsing(monkeypatch)
    again = load_tree(root, cache_file=cache)
    assert again == fresh
    assert [p.code for p in again.problems] == ["unknown-field"]


def test_a_changed_file_is_parsed_again(tree, tmp_path) -> None:
    root = tree()
    cache = tmp_path / "cache.json"
    load_tree(root, cache_file=cache)
    (root / EN).write_text(LESSON_EN.replace("First steps", "Second steps"), encoding="utf-8")
    result = load_tree(root, cache_file=cache)
    assert result.curriculum.lessons[("first-steps", "en")].title == "Second steps"
    assert len(json.loads(cache.read_text("utf-8"))["entries"]) == 2  # the old entry is gone


@pytest.mark.parametrize(
    "damage",
    [
        b"\x00\xffnot json",
        b"[" * 100_000,
        json.dumps({"format": "other"}).encode(),
        json.dumps({"format": FORMAT, "entries": []}).encode(),
    ],
    ids=["garbage", "deep", "other-format", "entries-not-a-map"],
)
def test_a_damaged_cache_file_is_ignored_and_rewritten(tree, tmp_path, damage) -> None:
    root = tree()
    cache = tmp_path / "cache.json"
    cache.write_bytes(damage)
    assert load_tree(root, cache_file=cache) == load_tree(root)
    assert json.loads(cache.read_text("utf-8"))["format"] == FORMAT


def test_damaged_entries_are_parsed_again(tree, tmp_path) -> None:
    root = tree()
    cache = tmp_path / "cache.json"
    load_tree(root, cache_file=cache)
    data = json.loads(cache.read_text("utf-8"))
    for key in data["entries"]:
        data["entries"][key] = {"lesson": [1, 2], "header": "x"}
    cache.write_text(json.dumps(data), encoding="utf-8")
    assert load_tree(root, cache_file=cache) == load_tree(root)
    assert all(
        "header" in e and e["file"] for e in json.loads(cache.read_text())["entries"].values()
    )


def test_a_cache_that_cannot_be_written_does_not_stop_loading(tree, tmp_path) -> None:
    root = tree()
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    result = load_tree(root, cache_file=blocker / "cache.json")
    assert result == load_tree(root)
    assert not list(Path(tmp_path).glob("**/*.tmp"))


def test_each_tree_gets_its_own_cache_file(tree, tmp_path) -> None:
    root = tree()
    other = tmp_path / "other"
    other.mkdir()
    data = tmp_path / "data"
    assert cache_file_for(data, root) == cache_file_for(data, root / ".." / root.name)
    assert cache_file_for(data, root) != cache_file_for(data, other)
    assert cache_file_for(data, root).parent == data
