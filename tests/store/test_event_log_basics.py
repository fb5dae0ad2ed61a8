"""Event log: append, read back, segments, read(from_seq), reopen."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from store_testkit import DEV, new_event

from tutor.domain.events import NewEvent
from tutor.store.event_log import decode_line, device_of_log, list_segments, segment_name
from tutor.store.framing import unframe_line


def test_empty_log_starts_at_zero_and_first_append_is_seq_1(tmp_path: Path, open_log) -> None:
    with open_log(tmp_path / "events") as log:
        assert log.last_seq == 0
        assert list(log.read()) == []
        event = log.append(new_event(1))
    assert (event.seq, event.dev, event.boot) == (1, DEV, "boot-1")
    assert event.payload == new_event(1).payload
    assert list_segments(tmp_path / "events") == [1]


def test_appended_events_read_back_equal_after_reopen(tmp_path: Path, open_log) -> None:
    folder = tmp_path / "events"
    with open_log(folder) as log:
        written = [log.append(new_event(n)) for n in range(1, 21)]
        assert list(log.read()) == written
    with open_log(folder) as log:
        assert log.last_seq == 20
        assert list(log.read()) == written
        assert log.repairs == []
        assert log.append(new_event(21)).seq == 21


def test_each_line_is_crc_framed_compact_utf8_json(tmp_path: Path, open_log) -> None:
    folder = tmp_path / "events"
    with open_log(folder) as log:
        log.append(NewEvent("learner-1", "language.changed", {"lang": "ur", "name": "علی"}))
    raw = (folder / segment_name(1)).read_bytes()
    assert raw.endswith(b"\n") and raw.count(b"\n") == 1
    payload = unframe_line(raw[:-1])
    assert payload is not None
    assert "علی".encode() in payload  # not \u escaped
    assert b", " not in payload and b": " not in payload
    record = json.loads(payload)
    assert record["seq"] == 1 and record["t"] == "language.changed" and record["lrn"] == "learner-1"


def test_wall_and_mono_come_from_the_given_clocks(tmp_path: Path) -> None:
    from tutor.store.event_log import EventLog

    ticks = iter(range(100, 200))
    with EventLog.open(
        tmp_path, DEV, clock_ms=lambda: 42, mono_ms=lambda: next(ticks), boot_id="b-9"
    ) as log:
        first, second = log.append(new_event(1)), log.append(new_event(2))
    assert (first.wall, first.mono, first.boot) == (42, 100, "b-9")
    assert second.mono == 101


def test_segments_roll_over_and_read_crosses_them(tmp_path: Path, open_log) -> None:
    folder = tmp_path / "events"
    with open_log(folder, segment_bytes=1024) as log:
        written = [log.append(new_event(n)) for n in range(1, 61)]
    segments = list_segments(folder)
    assert len(segments) > 3
    for number in segments:
        assert (folder / segment_name(number)).stat().st_size <= 1024
    with open_log(folder, segment_bytes=1024) as log:
        assert log.last_seq == 60
        assert [e.seq for e in log.read()] == list(range(1, 61))
        assert list(log.read()) == written
        log.append(new_event(61))
    # the events in the segments, in file order, are dense from 1
    seqs = []
    for number in list_segments(folder):
        for line in (folder / segment_name(number)).read_bytes().splitlines():
            event = decode_line(line)
            assert event is not None
            seqs.append(event.seq)
    assert seqs == list(range(1, 62))


def test_a_record_bigger_than_a_segment_gets_a_segment_of_its_own(tmp_path: Path, open_log):
    folder = tmp_path / "events"
    with open_log(folder, segment_bytes=300) as log:
        log.append(new_event(1))
        big = log.append(NewEvent("learner-1", "quiz.answered", {"x": "y" * 1000}))
        log.append(new_event(3))
        assert [e.seq for e in log.read()] == [1, 2, 3]
        assert big.payload["x"] == "y" * 1000
    assert list_segments(folder) == [1, 2, 3]


@pytest.mark.parametrize("from_seq", [1, 2, 17, 33, 34, 59, 60, 61, 500])
def test_read_from_seq_starts_there_across_segments(
    tmp_path: Path, open_log, from_seq: int
) -> None:
    with open_log(tmp_path, segment_bytes=1024) as log:
        for n in range(1, 61):
            log.append(new_event(n))
        assert [e.seq for e in log.read(from_seq)] == list(range(from_seq, 61))
        assert log.repairs == []


def test_reopen_with_an_empty_new_last_segment_keeps_the_sequence(tmp_path: Path, open_log):
    folder = tmp_path / "events"
    with open_log(folder, segment_bytes=1024) as log:
        for n in range(1, 31):
            log.append(new_event(n))
    last = list_segments(folder)[-1]
    (folder / segment_name(last + 1)).write_bytes(b"")  # a roll that died before its write
    with open_log(folder, segment_bytes=1024) as log:
        assert log.last_seq == 30
        assert log.append(new_event(31)).seq == 31
        assert [e.seq for e in log.read(29)] == [29, 30, 31]


def test_appends_from_threads_get_distinct_dense_seqs(tmp_path: Path, open_log) -> None:
    with open_log(tmp_path, segment_bytes=2048) as log:
        got: list[int] = []
        lock = threading.Lock()

        def worker() -> None:
            for n in range(25):
                seq = log.append(new_event(n)).seq
                with lock:
                    got.append(seq)

        threads = [threading.Thread(target=worker) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(got) == list(range(1, 101))
        assert [e.seq for e in log.read()] == list(range(1, 101))


def test_payload_that_is_not_json_is_refused_and_nothing_is_written(tmp_path: Path, open_log):
    with open_log(tmp_path) as log:
        log.append(new_event(1))
        with pytest.raises((TypeError, ValueError)):
            log.append(NewEvent("learner-1", "x", {"bad": object()}))
        with pytest.raises(ValueError):
            log.append(NewEvent("learner-1", "x", {"bad": float("nan")}))
        assert log.append(new_event(2)).seq == 2
        assert [e.seq for e in log.read()] == [1, 2]


def test_closed_log_refuses_work_and_close_twice_is_fine(tmp_path: Path, open_log) -> None:
    log = open_log(tmp_path)
    log.close()
    log.close()
    with pytest.raises(ValueError):
        log.append(new_event(1))
    with pytest.raises(ValueError):
        list(log.read())


def test_device_of_log_names_the_writer_without_changing_files(tmp_path: Path, open_log):
    assert device_of_log(tmp_path / "missing") is None
    with open_log(tmp_path / "events") as log:
        assert device_of_log(tmp_path / "events") is None
        log.append(new_event(1))
    segment = tmp_path / "events" / segment_name(1)
    with segment.open("ab") as fh:
        fh.write(b"torn")
    before = segment.read_bytes()
    assert device_of_log(tmp_path / "events") == DEV
    assert segment.read_bytes() == before


def test_tiny_segment_size_is_refused(tmp_path: Path, open_log) -> None:
    with pytest.raises(ValueError):
        open_log(tmp_path, segment_bytes=10)
