"""This PC's identity (device id) and the id of the current boot.

The device id names this PC's event stream: events are keyed ``(dev, seq)`` (DESIGN §2). It
is made once, at first start, written atomically with a checksum, and read back unchanged on
every later start. The boot id lets the collector relate monotonic times within one boot.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tutor.i18n import _
from tutor.store.atomic_file import move_aside, read_file, write_file_atomic
from tutor.store.errors import store_error_from_os
from tutor.store.framing import frame_file, unframe_file

DEVICE_ID_BYTES = 8  # 64 random bits: no collision among a programme's PCs, short on 2G
_DEVICE_ID = re.compile(r"[0-9a-f]{16,64}")
_BOOT_ID_FILE = Path("/proc/sys/kernel/random/boot_id")


@dataclass(frozen=True)
class DeviceIdentity:
    """The device id and when it was made; ``damaged_copy`` is set if the old file was bad."""

    dev: str
    created_ms: int
    damaged_copy: Path | None = None

    def message(self) -> str | None:
        """A translated note when a damaged identity file was replaced, else ``None``."""
        if self.damaged_copy is None:
            return None
        return _(
            "This PC's identity file was damaged and has been replaced; it was kept as "
            "{kept}. Progress saved from now on is sent as a new stream; nothing already "
            "saved is lost."
        ).format(kept=self.damaged_copy.name)


def _valid_dev(dev: object) -> bool:
    return isinstance(dev, str) and _DEVICE_ID.fullmatch(dev) is not None


def _decode_device(data: bytes | None) -> DeviceIdentity | None:
    payload = unframe_file(data) if data is not None else None
    if payload is None:
        return None
    try:
        record = json.loads(payload)
    except (ValueError, RecursionError):
        return None
    if not isinstance(record, dict) or not _valid_dev(record.get("dev")):
        return None
    created = record.get("created_ms")
    if not isinstance(created, int) or isinstance(created, bool):
        return None
    return DeviceIdentity(dev=record["dev"], created_ms=created)


def load_or_create_device(
    path: Path,
    *,
    clock_ms: Callable[[], int],
    rng_hex: Callable[[int], str],
    fallback_dev: str | None = None,
) -> DeviceIdentity:
    """The identity stored at ``path``; made (once) when the file is missing or damaged.

    ``rng_hex(n)`` returns ``n`` random bytes as ``2n`` lowercase hex digits (as
    :func:`secrets.token_hex` does). A damaged file is moved aside (``device.json.damaged-N``)
    and reported through :attr:`DeviceIdentity.damaged_copy`. A new id starts a new event
    stream: the collector sees a new device from seq 1. To avoid that, pass the id found in
    the surviving event log as ``fallback_dev`` (see
    :func:`tutor.store.event_log.device_of_log`); it is used instead of a random one.

    Raises :class:`~tutor.store.errors.StoreError` when the file cannot be read or written.
    """
    try:
        data = read_file(path)
        found = _decode_device(data)
        if found is not None:
            return found
        damaged = move_aside(path) if data is not None else None
    except OSError as exc:
        raise store_error_from_os(exc, path) from exc
    dev = fallback_dev if fallback_dev and _valid_dev(fallback_dev) else rng_hex(DEVICE_ID_BYTES)
    if not _valid_dev(dev):
        raise ValueError("rng_hex must return lowercase hex digits")
    identity = DeviceIdentity(dev=dev, created_ms=int(clock_ms()))
    payload = json.dumps({"dev": identity.dev, "created_ms": identity.created_ms})
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise store_error_from_os(exc, path.parent) from exc
    write_file_atomic(path, frame_file(payload.encode("ascii")))
    return DeviceIdentity(identity.dev, identity.created_ms, damaged)


_process_boot_id: list[str] = []


def current_boot_id(boot_id_file: Path = _BOOT_ID_FILE) -> str:
    """The kernel's boot id where there is one (Linux), else a random id for this process.

    Without a kernel boot id (Windows, macOS) a process start stands in for a boot: the
    collector then treats monotonic times as comparable within one run only, which is safe.
    """
    try:
        text = boot_id_file.read_text(encoding="ascii").strip()
    except (OSError, ValueError):
        text = ""
    if text:
        return text
    if not _process_boot_id:
        _process_boot_id.append(uuid.uuid4().hex)
    return _process_boot_id[0]
