"""One kit per test session (building it takes ~15 s), installed once with no network."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from kit_testkit import (  # also puts packaging/ on sys.path
    PACKAGING,
    BuiltKit,
    InstalledKit,
    offline_env,
    run_offline,
)

PASSPHRASE = "throwaway-test-passphrase"


@pytest.fixture(scope="session")
def signing_key(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A throwaway programme key and a file holding its passphrase."""
    from tutor.packs.pack_keys import generate

    folder = tmp_path_factory.mktemp("keys")
    pem, line = generate(PASSPHRASE.encode())
    (folder / "programme.key").write_bytes(pem)
    (folder / "programme.pub").write_text(line + "\n", "utf-8")
    (folder / "pass").write_text(PASSPHRASE + "\n", "utf-8")
    return folder / "programme.key", folder / "pass"


@pytest.fixture(scope="session")
def built_kit(tmp_path_factory: pytest.TempPathFactory, signing_key: tuple[Path, Path]) -> BuiltKit:
    pytest.importorskip(
        "hatchling", reason="building the tutor wheel offline needs hatchling in the test env"
    )
    key, passfile = signing_key
    kit = tmp_path_factory.mktemp("stick") / "KIT"
    done = subprocess.run(
        [
            sys.executable,
            str(PACKAGING / "build-usb-kit"),
            str(kit),
            "--key",
            str(key),
            "--passphrase-file",
            str(passfile),
            "--from-installed",
            "--kit-id",
            "test-1",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PIP_NO_INDEX": "1"},
    )
    assert done.returncode == 0, done.stderr + done.stdout
    public = (key.parent / "programme.pub").read_text("utf-8").strip()
    return BuiltKit(kit, public)


@pytest.fixture(scope="session")
def installed_kit(tmp_path_factory: pytest.TempPathFactory, built_kit: BuiltKit) -> InstalledKit:
    root = tmp_path_factory.mktemp("pc")
    home, data, app = root / "home", root / "data", root / "app"
    (home / "Desktop").mkdir(parents=True)
    env = offline_env(home, data)
    result = run_offline(["sh", str(built_kit.kit / "install.sh"), "--app-dir", str(app)], env)
    return InstalledKit(built_kit, app, home, data, env, result)
