"""State file: TinyDB through AtomicJSONStorage survives damage and failed writes."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
import tinydb

from tutor.store.errors import DiskFullError, StoreError
from tutor.store.framing import frame_file
from tutor.store.state_db import (
    EMPTY_AFTER_DAMAGE,
    FROM_CURRENT,
    FROM_NOTHING,
    FROM_PREVIOUS,
    encode_state,
    open_state,
    state_report,
)


def test_new_state_is_empty_then_keeps_what_was_written(tmp_path: Path) -> None:
    path = tmp_path / "home" / "state.json"
    db = open_state(path)
    assert state_report(db).source == FROM_NOTHING and state_report(db).message() is None
    assert db.all() == []
    db.table("profiles").insert({"name": "عائشہ", "lang": "ur"})
    db.table("settings").insert({"rtl": "auto"})
    db.close()
    again = open_state(path)
    assert state_report(again).source == FROM_CURRENT
    assert again.table("profiles").all() == [{"name": "عائشہ", "lang": "ur"}]
    assert again.table("settings").all() == [{"rtl": "auto"}]
    assert path.read_bytes().startswith(b"TUTOR1 sha256=")
    assert "عائشہ".encode() in path.read_bytes()


def test_each_write_keeps_the_previous_generation(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    db = open_state(path)
    db.insert({"v": 1})
    db.insert({"v": 2})
    previous = tmp_path / "state.json.prev"
    old = open_state(previous)  # the previous file is itself a valid state file
    assert [d["v"] for d in old.all()] == [1]
    assert not (tmp_path / "state.json.tmp").exists()


def test_query_and_update_work_through_the_storage(tmp_path: Path) -> None:
    db = open_state(tmp_path / "state.json")
    table = db.table("profiles")
    table.insert_multiple([{"id": "a", "xp": 1}, {"id": "b", "xp": 2}])
    table.update({"xp": 5}, tinydb.Query().id == "b")
    reopened = open_state(tmp_path / "state.json").table("profiles")
    assert reopened.get(tinydb.Query().id == "b") == {"id": "b", "xp": 5}


# -- power cut during write-back: the file is old or new, never a mix ----------------------

BLOCK = 512


def _state(tag: str, docs: int) -> dict[str, dict[str, dict]]:
    return {
        "profiles": {str(i): {"name": f"{tag}-{i}", "note": "ن" * (i % 9)} for i in range(docs)},
        "settings": {"1": {"tag": tag, "rtl": "auto"}},
    }


def _mixed(base: bytes, new: bytes, written: set[int], length: int) -> bytes:
    size = max(len(base), len(new), length)
    out = bytearray(base.ljust(size, b"\0"))
    padded_new = new.ljust(size, b"\0")
    for block in written:
        out[block * BLOCK : (block + 1) * BLOCK] = padded_new[block * BLOCK : (block + 1) * BLOCK]
    return bytes(out[:length])


def _open_tables(folder: Path, current: bytes | None, previous: bytes | None) -> dict:
    for leftover in folder.glob("state.json*"):
        leftover.unlink()
    if current is not None:
        (folder / "state.json").write_bytes(current)
    if previous is not None:
        (folder / "state.json.prev").write_bytes(previous)
    db = open_state(folder / "state.json")
    return db.storage.read() or {}


def _cases(n_blocks: int, rng_seed: int | None, count: int = 0):
    if rng_seed is None:
        for mask in range(2**n_blocks):
            yield {b for b in range(n_blocks) if mask >> b & 1}
        return
    import random

    rng = random.Random(rng_seed)
    for _ in range(count):
        order = list(range(n_blocks))
        rng.shuffle(order)
        yield set(order[: rng.randint(0, n_blocks)])


@pytest.mark.parametrize(
    ("old_docs", "new_docs", "seed", "count"),
    [(20, 26, None, 0), (26, 20, None, 0), (60, 75, 7, 80), (75, 60, 8, 80)],
)
def test_any_write_back_order_gives_exactly_old_or_new(
    tmp_path: Path, old_docs: int, new_docs: int, seed: int | None, count: int
) -> None:
    old, new = _state("old", old_docs), _state("new", new_docs)
    old_bytes = encode_state(old)
    new_bytes = encode_state(new)
    n_blocks = -(-max(len(old_bytes), len(new_bytes)) // BLOCK)
    assert n_blocks >= 3
    if seed is None:
        assert n_blocks <= 8
    garbage = bytes((i * 73 + 11) % 256 for i in range(n_blocks * BLOCK))
    results = {"old": 0, "new": 0}
    for written in _cases(n_blocks, seed, count):
        for base in (old_bytes, b"", garbage):  # in place over old, or a fresh file's blocks
            for length in {len(old_bytes), len(new_bytes)}:
                mixed = _mixed(base, new_bytes, written, length)
                got = _open_tables(tmp_path, mixed, old_bytes)
                assert got in (old, new), (written, length)
                results["new" if got == new else "old"] += 1
                if mixed == new_bytes:
                    assert got == new  # a finished write is never rolled back
    assert results["old"] and results["new"]


def test_first_ever_write_torn_gives_empty_or_new(tmp_path: Path) -> None:
    new = _state("new", 25)
    new_bytes = encode_state(new)
    n_blocks = -(-len(new_bytes) // BLOCK)
    for written in _cases(n_blocks, None):
        mixed = _mixed(b"", new_bytes, written, len(new_bytes))
        got = _open_tables(tmp_path, mixed, None)
        assert got in ({}, new)


def test_power_cut_at_each_step_of_a_write_leaves_old_or_new(tmp_path: Path, monkeypatch):
    """Fail the k-th write/fsync/replace of an update, for every k: reopen gives old or new."""
    path = tmp_path / "state.json"
    calls = {"n": 0, "fail_at": -1}
    real = {"write": os.write, "fsync": os.fsync, "replace": os.replace}

    def failing(name):
        def call(*args):
            calls["n"] += 1
            if calls["n"] == calls["fail_at"]:
                raise OSError(errno.EIO, "Input/output error")
            return real[name](*args)

        return call

    for name in real:
        monkeypatch.setattr(os, name, failing(name))
    k = 1
    while True:
        for leftover in tmp_path.iterdir():
            leftover.unlink()
        db = open_state(path)
        db.insert({"v": "old"})
        calls.update(n=0, fail_at=k)
        try:
            db.insert({"v": "new"})
            finished = True
        except StoreError:
            finished = False
            assert [d["v"] for d in db.all()] == ["old"]  # memory stays on the old state
        calls["fail_at"] = -1
        got = [d["v"] for d in open_state(path).all()]
        assert got in (["old"], ["old", "new"]), k
        if finished:
            assert got == ["old", "new"]
            break
        db.insert({"v": "after"})  # the live database still writes fine afterwards
        assert [d["v"] for d in open_state(path).all()] == ["old", "after"]
        k += 1
    assert k > 4  # the update really went through several steps


# -- damaged files ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00" * 700,
        b'{"_default": {"1": {"a": 1}}}',  # plain TinyDB file: no checksum
        b"TUTOR1 sha256=" + b"0" * 64 + b" len=2\n{}",
        frame_file(b"[1, 2, 3]"),  # checksum fine, not TinyDB tables
        frame_file(b'{"t": [1]}'),
        frame_file(b"not json"),
        bytes(range(256)) * 3,
    ],
)
def test_damaged_file_with_good_previous_uses_previous(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "state.json"
    db = open_state(path)
    db.insert({"v": 1})
    db.insert({"v": 2})  # now .prev holds [1]
    path.write_bytes(content)
    again = open_state(path)
    assert [d["v"] for d in again.all()] == [1]
    report = state_report(again)
    assert report.source == FROM_PREVIOUS and not report.lost_data
    assert report.message()
    again.insert({"v": 3})  # and writing goes on without losing .prev to the damaged file
    assert [d["v"] for d in open_state(path).all()] == [1, 3]
    if content:
        kept = tmp_path / "state.json.damaged-1"
        assert kept.read_bytes() == content


def test_nothing_valid_left_starts_empty_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(b'{"_default": {"1": {"a": 1}}')  # truncated
    (tmp_path / "state.json.prev").write_bytes(b"garbage")
    db = open_state(path)
    assert db.all() == []
    report = state_report(db)
    assert report.source == EMPTY_AFTER_DAMAGE and report.lost_data
    kept = sorted(p.name for p in report.damaged)
    assert kept == ["state.json.damaged-1", "state.json.prev.damaged-1"]
    assert "state.json.damaged-1" in (report.message() or "")
    assert (tmp_path / "state.json.damaged-1").read_bytes() == b'{"_default": {"1": {"a": 1}}'
    db.insert({"fresh": True})
    assert open_state(path).all() == [{"fresh": True}]


def test_truncated_at_every_offset_never_raises(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    db = open_state(path)
    db.insert({"v": 1})
    db.insert({"v": 2, "text": "ایک دو تین" * 5})
    good, previous = path.read_bytes(), (tmp_path / "state.json.prev").read_bytes()
    for cut in range(len(good)):
        got = _open_tables(tmp_path, good[:cut], previous)
        assert got == json.loads(previous.split(b"\n", 1)[1]), cut


def test_damaged_files_are_numbered_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    for n in range(3):
        path.write_bytes(b"bad %d" % n)
        open_state(path)
    kept = sorted(p.read_bytes() for p in tmp_path.glob("state.json.damaged-*"))
    assert kept == [b"bad 0", b"bad 1", b"bad 2"]


# -- failures the user must hear about ---------------------------------------------------


def test_disk_full_while_saving_keeps_the_old_state(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "state.json"
    db = open_state(path)
    db.insert({"v": 1})
    before = path.read_bytes()
    real_write = os.write

    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(DiskFullError):
        db.insert({"v": 2})
    monkeypatch.setattr(os, "write", real_write)
    assert path.read_bytes() == before
    assert not (tmp_path / "state.json.tmp").exists()
    assert [d["v"] for d in db.all()] == [1]
    db.insert({"v": 3})
    assert [d["v"] for d in open_state(path).all()] == [1, 3]


def test_folder_that_is_a_file_raises_store_error(tmp_path: Path) -> None:
    (tmp_path / "home").write_text("x")
    with pytest.raises(StoreError) as info:
        open_state(tmp_path / "home" / "state.json")
    assert "should be a folder" in str(info.value)


def test_state_path_that_is_a_folder_raises_store_error(tmp_path: Path) -> None:
    (tmp_path / "state.json").mkdir()
    with pytest.raises(StoreError) as info:
        open_state(tmp_path / "state.json")
    assert "is a folder" in str(info.value)


def test_unreadable_state_raises_store_error_and_changes_nothing(tmp_path, monkeypatch):
    path = tmp_path / "state.json"
    db = open_state(path)
    db.insert({"v": 1})
    before = sorted(p.name for p in tmp_path.iterdir())
    real_open = open

    def denied(file, *args, **kwargs):
        if Path(file) == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", denied)
    with pytest.raises(StoreError) as info:
        open_state(path)
    monkeypatch.setattr("builtins.open", real_open)
    assert "not allowed" in str(info.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert [d["v"] for d in open_state(path).all()] == [1]


def test_state_report_needs_an_open_state_database(tmp_path: Path) -> None:
    plain = tinydb.TinyDB(tmp_path / "plain.json")
    with pytest.raises(TypeError):
        state_report(plain)
    plain.close()


def test_hostile_nesting_with_a_valid_checksum_is_treated_as_damage(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(frame_file(b"[" * 100_000 + b"]" * 100_000))
    db = open_state(path)
    assert db.all() == [] and state_report(db).lost_data
