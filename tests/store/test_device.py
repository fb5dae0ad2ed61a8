"""Device identity: made once, then the same; damage is kept aside and reported."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from tutor.store.device import current_boot_id, load_or_create_device
from tutor.store.errors import StoreError


def _hex_source(*values: str):
    queue = list(values)
    asked: list[int] = []

    def rng_hex(n: int) -> str:
        asked.append(n)
        return queue.pop(0)

    return rng_hex, asked


def test_made_once_then_always_the_same(tmp_path: Path) -> None:
    path = tmp_path / "home" / "device.json"
    rng_hex, asked = _hex_source("a1b2c3d4e5f60718", "ffffffffffffffff")
    first = load_or_create_device(path, clock_ms=lambda: 111, rng_hex=rng_hex)
    again = load_or_create_device(path, clock_ms=lambda: 999, rng_hex=rng_hex)
    assert first.dev == again.dev == "a1b2c3d4e5f60718"
    assert first.created_ms == again.created_ms == 111
    assert asked == [8]  # asked for randomness once, never again
    assert first.damaged_copy is None and first.message() is None
    assert not (path.parent / "device.json.tmp").exists()


def test_real_random_ids_differ_between_pcs(tmp_path: Path) -> None:
    a = load_or_create_device(tmp_path / "a.json", clock_ms=lambda: 1, rng_hex=secrets.token_hex)
    b = load_or_create_device(tmp_path / "b.json", clock_ms=lambda: 1, rng_hex=secrets.token_hex)
    assert a.dev != b.dev and len(a.dev) == 16


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"garbage",
        b'{"dev": "a1b2c3d4e5f60718", "created_ms": 1}',
        b"TUTOR1 sha256=00 len=1\n{",
    ],
)
def test_damaged_file_is_kept_aside_and_a_new_id_made(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "device.json"
    path.write_bytes(content)
    rng_hex, _ = _hex_source("0000111122223333")
    identity = load_or_create_device(path, clock_ms=lambda: 5, rng_hex=rng_hex)
    assert identity.dev == "0000111122223333"
    assert identity.damaged_copy == tmp_path / "device.json.damaged-1"
    assert identity.damaged_copy.read_bytes() == content
    assert "new stream" in (identity.message() or "")
    again = load_or_create_device(path, clock_ms=lambda: 6, rng_hex=rng_hex)
    assert again.dev == "0000111122223333" and again.damaged_copy is None


def test_fallback_dev_from_the_log_keeps_the_stream(tmp_path: Path) -> None:
    path = tmp_path / "device.json"
    path.write_bytes(b"\x00" * 40)
    rng_hex, asked = _hex_source()
    identity = load_or_create_device(
        path, clock_ms=lambda: 5, rng_hex=rng_hex, fallback_dev="abcdefabcdefabcd"
    )
    assert identity.dev == "abcdefabcdefabcd" and asked == []
    assert load_or_create_device(path, clock_ms=lambda: 5, rng_hex=rng_hex).dev == identity.dev


def test_bad_randomness_is_refused_and_nothing_written(tmp_path: Path) -> None:
    path = tmp_path / "device.json"
    rng_hex, _ = _hex_source("not hex!")
    with pytest.raises(ValueError):
        load_or_create_device(path, clock_ms=lambda: 5, rng_hex=rng_hex)
    assert not path.exists()


def test_device_path_that_is_a_folder_raises_store_error(tmp_path: Path) -> None:
    (tmp_path / "device.json").mkdir()
    with pytest.raises(StoreError):
        load_or_create_device(
            tmp_path / "device.json", clock_ms=lambda: 1, rng_hex=secrets.token_hex
        )
    assert (tmp_path / "device.json").is_dir()


def test_boot_id_from_the_kernel_file(tmp_path: Path) -> None:
    fake = tmp_path / "boot_id"
    fake.write_text("6c1d0a5e-0000-4000-8000-123456789abc\n")
    assert current_boot_id(fake) == "6c1d0a5e-0000-4000-8000-123456789abc"


def test_boot_id_without_kernel_file_is_random_but_stable_in_a_process(tmp_path: Path) -> None:
    first = current_boot_id(tmp_path / "missing")
    assert first == current_boot_id(tmp_path / "missing")
    assert len(first) == 32


def test_hostile_identity_file_is_replaced_not_fatal(tmp_path: Path) -> None:
    from tutor.store.framing import frame_file

    path = tmp_path / "device.json"
    for content in (
        frame_file(b"[" * 100_000 + b"]" * 100_000),
        frame_file(b'{"dev": "../../etc", "created_ms": 1}'),
        frame_file(b'{"dev": "0123456789abcdef", "created_ms": true}'),
    ):
        path.write_bytes(content)
        rng_hex, _ = _hex_source("fedcba9876543210")
        identity = load_or_create_device(path, clock_ms=lambda: 5, rng_hex=rng_hex)
        assert identity.dev == "fedcba9876543210" and identity.damaged_copy is not None
