"""The trainee's install has no collector libraries: the sync client must not need them."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import tutor.sync

SERVER_ONLY = ("sqlalchemy", "starlette", "uvicorn", "httpx", "psycopg", "textual")


def test_sync_client_imports_no_server_or_ui_library() -> None:
    folder = Path(tutor.sync.__file__).parent
    modules = [f"tutor.sync.{m.name}" for m in pkgutil.iter_modules([str(folder)])]
    assert "tutor.sync.uploader" in modules and "tutor.sync.commands" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"bad = sorted({{m.split('.')[0] for m in sys.modules}} & set({SERVER_ONLY!r}))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_collector_commands_module_is_light() -> None:
    code = (
        "import sys, tutor.collector.commands\n"
        "top = {m.split('.')[0] for m in sys.modules}\n"
        f"print(','.join(sorted(top & set({SERVER_ONLY!r}))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
