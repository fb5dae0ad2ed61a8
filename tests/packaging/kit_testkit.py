"""Helpers for the install-kit tests: load the build scripts, block the network, run the kit."""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
if str(PACKAGING) not in sys.path:
    sys.path.insert(0, str(PACKAGING))  # kit_builder and wheel_repack live there


@dataclass(frozen=True)
class BuiltKit:
    kit: Path
    public_key: str


@dataclass(frozen=True)
class InstalledKit:
    kit: BuiltKit
    app: Path
    home: Path
    data: Path
    env: dict[str, str]
    result: subprocess.CompletedProcess


DEAD_PROXY = "http://127.0.0.1:9"  # the discard port: nothing listens, so any fetch fails


@functools.cache
def can_unshare_net() -> bool:
    """True where ``unshare -n`` gives a process no network at all (root, or user namespaces)."""
    if not shutil.which("unshare"):
        return False
    return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0


def offline_env(home: Path, data: Path) -> dict[str, str]:
    """A clean environment for the installer: its own HOME and data folder, dead proxies."""
    env = {
        # the interpreter this kit was built for comes first, as on a PC with one Python
        "PATH": f"{Path(system_python()).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(home),
        "TUTOR_HOME": str(data),
        "LANG": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
    }
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy"):
        env[name] = DEAD_PROXY
    for name in ("PYENV_VERSION", "PYENV_ROOT"):
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def run_offline(
    cmd: list[str], env: dict[str, str], timeout: float = 180
) -> subprocess.CompletedProcess:
    """Run ``cmd`` with no network: in a new network namespace when possible."""
    prefix = ["unshare", "-n"] if can_unshare_net() else []
    return subprocess.run(prefix + cmd, env=env, capture_output=True, text=True, timeout=timeout)


def system_python() -> str:
    """The interpreter the installer runs with: this one's base, not the dev venv."""
    return str(Path(sys._base_executable))  # type: ignore[attr-defined]


def tree_digest(folder: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """sha256 of every file under ``folder`` (relative names), leaving out ``skip`` prefixes."""
    out = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        if not rel.startswith(skip):
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out
