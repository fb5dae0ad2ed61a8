"""The core never imports Textual: each module is imported in a fresh interpreter."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import tutor

CORE_PACKAGES = (
    "domain",
    "store",
    "packs",
    "sync",
    "collector",
    "lessons",
    "services",
    "i18n",
    "simulator",
)


def core_modules() -> list[str]:
    root = Path(tutor.__file__).parent
    names: list[str] = []
    for package in CORE_PACKAGES:
        folder = root / package
        if not folder.is_dir():
            continue
        names.append(f"tutor.{package}")
        for info in pkgutil.walk_packages([str(folder)], prefix=f"tutor.{package}."):
            names.append(info.name)
    return names


def test_core_modules_are_found() -> None:
    found = core_modules()
    assert "tutor.domain.progress" in found
    assert "tutor.store" in found


@pytest.mark.parametrize("chunk", range(4))
def test_core_never_imports_textual(chunk: int) -> None:
    modules = core_modules()[chunk::4]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except ImportError as exc:\n"
        "        if 'textual' in str(exc): raise\n"
        "    bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
        "    assert not bad, f'{name} imported textual'\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
