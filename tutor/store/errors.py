"""Errors the store raises; each message is already translated and fit to show a trainee.

The UI can show ``str(exc)`` as it is. Callers never see a raw ``OSError`` from the store, so
a full disk or a locked folder always becomes a sentence with a way out.
"""

from __future__ import annotations

import errno
from pathlib import Path

from tutor.i18n import _


class StoreError(Exception):
    """A storage problem the user must hear about; the message is user-facing."""


class DiskFullError(StoreError):
    """The disk (or the user's quota) is full; nothing partial was left behind."""


class StoreLockedError(StoreError):
    """Another tutor process holds this data folder."""


_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_NO_ACCESS = {errno.EACCES, errno.EPERM}
_NOT_A_FOLDER = {errno.ENOTDIR, errno.EEXIST}


def store_error_from_os(exc: OSError, path: Path | str) -> StoreError:
    """Turn an ``OSError`` about ``path`` into a store error with a clear, translated message.

    Why one place: every store module meets the same few failures (full disk, no access,
    read-only stick, a file where a folder should be) and the trainee should read the same
    advice for each, whichever file was involved.
    """
    where = str(path)
    code = exc.errno
    if code in _DISK_FULL:
        return DiskFullError(
            _(
                "The disk is full, so your work could not be saved in {path}. "
                "Free some space (for example, delete old downloads) and try again. "
                "Nothing was half-saved."
            ).format(path=where)
        )
    if code in _NO_ACCESS:
        return StoreError(
            _(
                "The tutor is not allowed to read or write {path}. Ask the centre's IT person "
                "to give this Windows/Linux user access, or start the tutor with --home set "
                "to a folder you own."
            ).format(path=where)
        )
    if code == errno.EROFS:
        return StoreError(
            _(
                "{path} is on a disk that cannot be written (a locked USB stick or a "
                "read-only drive). Unlock it or choose another folder with --home."
            ).format(path=where)
        )
    if code in _NOT_A_FOLDER or isinstance(exc, (NotADirectoryError, FileExistsError)):
        return StoreError(
            _(
                "{path} should be a folder, but a file with that name is in the way. "
                "Move or rename that file, or choose another folder with --home."
            ).format(path=where)
        )
    if code == errno.EISDIR:
        return StoreError(
            _(
                "{path} should be a file, but it is a folder. Move or rename that folder, "
                "or choose another data folder with --home."
            ).format(path=where)
        )
    if code == errno.EIO:
        return StoreError(
            _(
                "The disk reported a read/write error at {path}. The disk or USB stick may "
                "be failing: copy your data folder to another disk soon."
            ).format(path=where)
        )
    return StoreError(
        _("Could not use {path}: {detail}").format(path=where, detail=exc.strerror or exc)
    )
