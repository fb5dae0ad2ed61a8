"""Drive a full-screen terminal program through a pseudo-terminal and read its screen.

What a trainee sees is what the program drew on a real terminal, so the program runs on a
pty of a fixed size and its output is fed to ``pyte`` (a terminal emulator in pure Python).
No tmux: a clean CI machine may not have it. Tests poll the screen until the text they wait
for is there, or fail with the last screen when the time is up.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import termios
import time
from pathlib import Path

import pyte

KEYS = {"enter": b"\r", "tab": b"\t", "ctrl+q": b"\x11", "escape": b"\x1b"}


def _found(needle: str | re.Pattern, screen: str) -> bool:
    return needle in screen if isinstance(needle, str) else needle.search(screen) is not None


def _become_terminal_owner() -> None:
    """In the child: a new session whose controlling terminal is the pty (fd 0)."""
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class PtyScreen:
    """One program on a ``cols`` x ``rows`` pty; ``text()`` is its screen as lines."""

    def __init__(self, argv: list[str], env: dict[str, str], cwd: Path, cols=100, rows=30):
        self.screen = pyte.Screen(cols, rows)
        self._stream = pyte.ByteStream(self.screen)
        self._master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.proc = subprocess.Popen(  # noqa: S603 (argv is the test's own)
            argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=cwd,
            preexec_fn=_become_terminal_owner,  # noqa: PLW1509 (no threads start before exec)
            close_fds=True,
        )
        os.close(slave)
        self._open = True

    def _pump(self, wait: float) -> None:
        """Feed whatever the program wrote within ``wait`` seconds to the emulator."""
        if not self._open:
            time.sleep(wait)
            return
        ready, _w, _x = select.select([self._master], [], [], wait)
        if not ready:
            return
        try:
            data = os.read(self._master, 65536)
        except OSError:  # EIO: the program closed the terminal (it has ended)
            data = b""
        if data:
            self._stream.feed(data)
        else:
            self._open = False

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait_for(
        self, *needles: str | re.Pattern, absent: tuple[str, ...] = (), timeout: float = 60
    ) -> str:
        """Poll until every needle (text or pattern) is on the screen and nothing in ``absent``
        is; returns the screen, or raises with it. Frames arrive in pieces, so one look may
        catch half of one: wait for everything a check needs, then check.
        """
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.text()
            if all(_found(n, shown) for n in needles) and not any(a in shown for a in absent):
                return shown
            if not self._open and self.proc.poll() is not None:
                break
            self._pump(0.05)
        raise AssertionError(
            f"{needles} (and not {absent}) not on screen after {timeout} s:\n{self.text()}"
        )

    def press(self, *keys: str) -> None:
        """Send named keys (``enter``, ``tab``, ``ctrl+q`` ...) in order."""
        for key in keys:
            os.write(self._master, KEYS[key])

    def type(self, text: str) -> None:
        os.write(self._master, text.encode("utf-8"))

    def wait_exit(self, timeout: float = 30) -> int:
        """The exit code once the program has ended; reads its last output meanwhile."""
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < deadline:
            self._pump(0.05)
        if self.proc.poll() is None:
            raise AssertionError(f"still running after {timeout} s:\n{self.text()}")
        return self.proc.returncode

    def close(self) -> None:
        """Kill the program if a failed test left it running, and free the pty."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
        os.close(self._master)
