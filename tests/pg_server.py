"""A PostgreSQL for the collector tests.

``TUTOR_TEST_PG_URL`` wins (CI starts a server and sets it). Otherwise, where the Debian
``postgresql`` binaries are installed, a throw-away cluster is made in /tmp on a free
loopback port and removed at the end. Returns None with a reason when neither works.
"""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def _bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _as_db_user(cmd: list[str]) -> list[str]:
    """initdb refuses to run as root: run the server as the 'postgres' user then."""
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", "postgres", "--", *cmd]


class TempPostgres:
    def __init__(self) -> None:
        self.folder: Path | None = None
        self.url: str | None = None
        self.reason = ""

    def start(self) -> str | None:
        env_url = os.environ.get("TUTOR_TEST_PG_URL")
        if env_url:
            self.url = env_url
            return env_url
        initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
        if not initdb or not pg_ctl:
            self.reason = "PostgreSQL binaries not installed and TUTOR_TEST_PG_URL not set"
            return None
        try:
            return self._start(initdb, pg_ctl)
        except (OSError, subprocess.SubprocessError) as exc:
            self.reason = f"could not start a temporary PostgreSQL: {exc}"
            self.stop()
            return None

    def _start(self, initdb: str, pg_ctl: str) -> str:
        self.folder = Path(tempfile.mkdtemp(prefix="tutor-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        data = self.folder / "data"
        run = {"check": True, "capture_output": True, "timeout": 120}
        subprocess.run(_as_db_user([initdb, "-D", str(data), "-A", "trust", "-U", "tutor"]), **run)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        opts = f"-p {port} -c listen_addresses=127.0.0.1 -k {self.folder} -c fsync=off"
        subprocess.run(
            _as_db_user(
                [pg_ctl, "-D", str(data), "-o", opts, "-l", str(self.folder / "log"), "-w", "start"]
            ),
            **run,
        )
        self._pg_ctl, self._data = pg_ctl, data
        atexit.register(self.stop)  # also when the session ends abnormally
        self.url = f"postgresql://tutor@127.0.0.1:{port}/postgres"
        return self.url

    def stop(self) -> None:
        if self.folder is None:
            return
        if getattr(self, "_pg_ctl", None):
            subprocess.run(
                _as_db_user([self._pg_ctl, "-D", str(self._data), "-m", "immediate", "stop"]),
                capture_output=True,
                timeout=60,
            )
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None
