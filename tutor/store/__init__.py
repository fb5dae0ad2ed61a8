"""Durable local storage: the event log, the small TinyDB state and this PC's identity.

Everything here is written so that a power cut or a full disk never loses what the user was
told is saved (DESIGN §2, §3, §8). The package imports no Textual and nothing heavy, so a
child process can import it in a few tens of milliseconds.

Modules: ``event_log`` (append-only, checksummed JSON lines), ``state_db`` (TinyDB behind an
atomic, checksummed storage), ``device`` (device id, boot id), ``lock`` (one tutor per data
folder), ``errors`` (user-facing store errors), ``framing`` and ``atomic_file`` (the byte
level pieces the others share).
"""
