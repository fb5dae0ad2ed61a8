"""Event log after a crash: torn tails at every byte, flipped bytes, damage in old segments."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from store_testkit import new_event

from tutor.store.event_log import (
    CORRUPT_RECORD,
    FOREIGN_DEVICE,
    SEQ_GAP,
    TORN_TAIL,
    list_segments,
    segment_name,
)

N = 5


@pytest.fixture
def written(tmp_path: Path, open_log):
    """A one-segment log of N events: (folder, events, bytes, record boundaries)."""
    folder = tmp_path / "orig"
    with open_log(folder) as log:
        events = [log.append(new_event(n)) for n in range(1, N + 1)]
    data = (folder / segment_name(1)).read_bytes()
    ends = [i + 1 for i, byte in enumerate(data) if byte == 0x0A]
    assert len(ends) == N
    return folder, events, data, ends


def _fresh_copy(src: Path, dst: Path) -> Path:
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst)
    return dst


def _cut_points(data: bytes, ends: list[int]) -> list[int]:
    """Every byte of the last record, and around every earlier record boundary."""
    around = {p for end in [0, *ends] for p in (end - 1, end, end + 1) if 0 <= p <= len(data)}
    return sorted(around | set(range(ends[-2], len(data) + 1)))


def test_cut_at_every_byte_keeps_complete_records_and_continues(
    tmp_path: Path, open_log, written
) -> None:
    folder, events, data, ends = written
    cuts = _cut_points(data, ends)
    assert len(cuts) > len(data) - ends[-2]
    for cut in cuts:
        work = _fresh_copy(folder, tmp_path / "work")
        segment = work / segment_name(1)
        segment.write_bytes(data[:cut])
        complete = sum(1 for end in ends if end <= cut)
        good_end = ends[complete - 1] if complete else 0
        with open_log(work) as log:
            assert log.last_seq == complete, cut
            assert list(log.read()) == events[:complete], cut
            torn = [r for r in log.repairs if r.reason == TORN_TAIL]
            if cut == good_end:
                assert log.repairs == [], cut
            else:
                assert len(torn) == 1 and len(log.repairs) == 1, cut
                assert (torn[0].offset, torn[0].dropped_bytes) == (good_end, cut - good_end)
                assert (work / torn[0].detail).read_bytes() == data[good_end:cut]
                assert str(cut - good_end) in torn[0].message()
            assert segment.stat().st_size == good_end
            assert log.append(new_event(99)).seq == complete + 1
        with open_log(work) as log:  # the repaired log opens clean
            assert log.repairs == []
            assert [e.seq for e in log.read()] == list(range(1, complete + 2))


@pytest.mark.parametrize("mask", [0x01, 0x20, 0xFF])
def test_flipped_byte_in_last_record_is_caught_and_cut(
    tmp_path: Path, open_log, written, mask: int
) -> None:
    folder, events, data, ends = written
    start = ends[-2]
    for pos in range(start, len(data)):
        damaged = bytearray(data)
        damaged[pos] ^= mask
        work = _fresh_copy(folder, tmp_path / "work")
        (work / segment_name(1)).write_bytes(bytes(damaged))
        with open_log(work) as log:
            assert list(log.read()) == events[:-1], pos
            assert [r.reason for r in log.repairs] == [TORN_TAIL], pos
            assert log.repairs[0].offset == start
            if pos % 10 == 0:
                assert log.append(new_event(9)).seq == N, pos


def test_damaged_record_inside_the_last_segment_is_skipped_not_cut(
    tmp_path: Path, open_log, written
) -> None:
    folder, events, data, ends = written
    damaged = bytearray(data)
    damaged[ends[1] + 20] ^= 0x04  # inside record 3 of 5
    (folder / segment_name(1)).write_bytes(bytes(damaged))
    with open_log(folder) as log:
        assert log.last_seq == N
        assert [e.seq for e in log.read()] == [1, 2, 4, 5]
        reasons = {r.reason for r in log.repairs}
        assert reasons == {CORRUPT_RECORD, SEQ_GAP}
        gap = next(r for r in log.repairs if r.reason == SEQ_GAP)
        assert gap.detail == "3-3"
        assert log.append(new_event(6)).seq == N + 1
    assert (folder / segment_name(1)).read_bytes()[: len(data)] == bytes(damaged)


def test_damage_in_an_older_segment_is_skipped_reported_and_kept(tmp_path: Path, open_log) -> None:
    folder = tmp_path / "events"
    with open_log(folder, segment_bytes=1024) as log:
        for n in range(1, 41):
            log.append(new_event(n))
    first = folder / segment_name(1)
    data = bytearray(first.read_bytes())
    lines = bytes(data).split(b"\n")
    offset = len(lines[0]) + 1 + 15  # inside the second record
    data[offset] ^= 0x10
    first.write_bytes(bytes(data))
    with open_log(folder, segment_bytes=1024) as log:
        assert log.repairs == []  # only the last segment is checked on open
        later = list(log.read(30))
        assert [e.seq for e in later] == list(range(30, 41))
        assert log.repairs == []  # reading from seq 30 never touched segment 1
        seqs = [e.seq for e in log.read()]
        assert seqs == [1] + list(range(3, 41))
        corrupt = [r for r in log.repairs if r.reason == CORRUPT_RECORD]
        assert len(corrupt) == 1 and corrupt[0].file == segment_name(1)
        assert corrupt[0].offset == len(lines[0]) + 1
        assert "not changed" in corrupt[0].message()
        list(log.read())
        assert len([r for r in log.repairs if r.reason == CORRUPT_RECORD]) == 1  # no repeats
    assert first.read_bytes() == bytes(data)


def test_unfinished_line_at_the_end_of_an_older_segment_is_reported(
    tmp_path: Path, open_log
) -> None:
    folder = tmp_path / "events"
    with open_log(folder, segment_bytes=1024) as log:
        for n in range(1, 30):
            log.append(new_event(n))
    with (folder / segment_name(1)).open("ab") as fh:
        fh.write(b"0000abcd {garbage")
    with open_log(folder, segment_bytes=1024) as log:
        assert [e.seq for e in log.read()] == list(range(1, 30))
        assert [r.reason for r in log.repairs] == [CORRUPT_RECORD]


def test_records_of_another_device_are_reported(tmp_path: Path, open_log) -> None:
    folder = tmp_path / "events"
    with open_log(folder, dev="aaaaaaaaaaaaaaaa") as log:
        log.append(new_event(1))
    with open_log(folder, dev="bbbbbbbbbbbbbbbb") as log:
        assert [r.reason for r in log.repairs] == [FOREIGN_DEVICE]
        assert log.repairs[0].detail == "aaaaaaaaaaaaaaaa"
        assert "another PC" in log.repairs[0].message()
        assert log.append(new_event(2)).seq == 2  # seq is never reused


def test_torn_tail_after_a_rollover_keeps_the_sequence(tmp_path: Path, open_log) -> None:
    folder = tmp_path / "events"
    with open_log(folder, segment_bytes=1024) as log:
        for n in range(1, 40):
            log.append(new_event(n))
    last = folder / segment_name(list_segments(folder)[-1])
    data = last.read_bytes()
    first_end = data.index(b"\n") + 1
    last.write_bytes(data[: first_end - 3])  # the only record of the new segment is torn
    with open_log(folder, segment_bytes=1024) as log:
        seqs = [e.seq for e in log.read()]
        assert log.last_seq == seqs[-1] == len(seqs)
        assert log.append(new_event(99)).seq == len(seqs) + 1
        assert [r.reason for r in log.repairs] == [TORN_TAIL]


def test_second_tear_at_the_same_offset_keeps_both_quarantine_files(
    tmp_path: Path, open_log
) -> None:
    folder = tmp_path / "events"
    with open_log(folder) as log:
        log.append(new_event(1))
    segment = folder / segment_name(1)
    for junk in (b"first-junk", b"second-junk"):
        with segment.open("ab") as fh:
            fh.write(junk)
        with open_log(folder) as log:
            assert log.last_seq == 1
    kept = sorted(p.read_bytes() for p in folder.glob("quarantine-*.bin"))
    assert kept == [b"first-junk", b"second-junk"]


def test_hostile_records_with_valid_checksums_are_skipped(tmp_path: Path, open_log) -> None:
    from tutor.store.framing import frame_line

    folder = tmp_path / "events"
    with open_log(folder) as log:
        log.append(new_event(1))
    hostile = [
        b"[" * 100_000 + b"]" * 100_000,  # nesting deep enough to break a recursive parser
        b'{"dev": "x", "seq": "many"}',
        b'{"dev": "x", "seq": 0, "lrn": "a", "t": "b"}',
        b"\xff\xfe not utf-8",
        b"[1, 2]",
    ]
    with (folder / segment_name(1)).open("ab") as fh:
        for payload in hostile:
            fh.write(frame_line(payload))
    with open_log(folder) as log:
        assert log.last_seq == 1
        assert [e.seq for e in log.read()] == [1]
        assert {r.reason for r in log.repairs} == {TORN_TAIL}
        assert log.append(new_event(2)).seq == 2
