"""Hatchling build hook: compile ``locales/*/LC_MESSAGES/tutor.po`` into ``.mo`` in the wheel.

A trainee never runs ``pybabel``: the wheel carries compiled catalogs under
``tutor/_bundled/locales``. Editable installs skip this; the tutor compiles ``.po`` files
in memory when no ``.mo`` is beside them (``tutor/i18n/catalog.py``).

Runs in the isolated build environment, so it imports only hatchling and Babel (listed in
``[build-system] requires``), never the tutor package.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

DOMAIN = "tutor"
TARGET_PREFIX = "tutor/_bundled/locales"


def compile_catalogs(locales: Path, out_dir: Path) -> dict[str, str]:
    """Compile every catalog under ``locales``; returns {compiled file: path in the wheel}.

    Fuzzy entries are left out (they are guesses), so the English text shows instead.
    An unreadable catalog stops the build with the file's name.
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    mapping: dict[str, str] = {}
    for po in sorted(locales.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        lang = po.parent.parent.name
        try:
            with po.open("rb") as fh:
                catalog = read_po(fh, locale=lang, abort_invalid=True)
        except Exception as exc:  # any parse error must name the file
            raise RuntimeError(f"cannot compile {po}: {exc}") from exc
        buf = io.BytesIO()
        write_mo(buf, catalog, use_fuzzy=False)
        mo = out_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
        mo.parent.mkdir(parents=True, exist_ok=True)
        mo.write_bytes(buf.getvalue())
        mapping[str(mo)] = f"{TARGET_PREFIX}/{lang}/LC_MESSAGES/{DOMAIN}.mo"
    return mapping


class CustomBuildHook(BuildHookInterface):
    """Adds compiled catalogs to regular (not editable) wheels."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        self._tmp = tempfile.TemporaryDirectory(prefix="tutor-mo-")
        mapping = compile_catalogs(Path(self.root) / "locales", Path(self._tmp.name))
        build_data.setdefault("force_include", {}).update(mapping)

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        tmp = getattr(self, "_tmp", None)
        if tmp is not None:
            tmp.cleanup()
