"""Checksum framing: how the store tells a complete write from a torn or damaged one.

Two shapes, both self-checking:

* a log **line**: ``crc32hex SP payload LF`` (8 lowercase hex digits, CRC-32 of the payload).
  Cheap enough for every append; a torn tail or a flipped byte fails the check.
* a whole **file** (state, device id): a header line ``TUTOR1 sha256=<64 hex> len=<n>`` then
  exactly ``n`` payload bytes. A file mixed from two generations (a power cut during
  write-back on FAT32, or ext4 without ordered data) fails the hash, so the reader can fall
  back to the previous generation instead of loading half of each.
"""

from __future__ import annotations

import hashlib
import re
import zlib

_CRC_LEN = 8
_HEX = frozenset(b"0123456789abcdef")

FILE_MAGIC = b"TUTOR1"
_FILE_HEADER = re.compile(rb"TUTOR1 sha256=([0-9a-f]{64}) len=([0-9]{1,12})\n")


def frame_line(payload: bytes) -> bytes:
    """One log line for ``payload`` (which must not contain a newline)."""
    if b"\n" in payload:
        raise ValueError("a framed payload cannot contain a newline")
    return b"%08x " % zlib.crc32(payload) + payload + b"\n"


def unframe_line(line: bytes) -> bytes | None:
    """The payload of one line (without its LF), or ``None`` if the checksum does not match."""
    if len(line) < _CRC_LEN + 1 or line[_CRC_LEN] != 0x20:
        return None
    head = line[:_CRC_LEN]
    if not _HEX.issuperset(head):
        return None
    payload = line[_CRC_LEN + 1 :]
    if int(head, 16) != zlib.crc32(payload):
        return None
    return payload


def frame_file(payload: bytes) -> bytes:
    """The full content of a checked file holding ``payload``."""
    digest = hashlib.sha256(payload).hexdigest().encode("ascii")
    return b"%s sha256=%s len=%d\n" % (FILE_MAGIC, digest, len(payload)) + payload


def unframe_file(data: bytes) -> bytes | None:
    """The payload of a checked file, or ``None`` if the header, length or hash is wrong."""
    match = _FILE_HEADER.match(data)
    if match is None:
        return None
    payload = data[match.end() :]
    if len(payload) != int(match.group(2)):
        return None
    if hashlib.sha256(payload).hexdigest().encode("ascii") != match.group(1):
        return None
    return payload
