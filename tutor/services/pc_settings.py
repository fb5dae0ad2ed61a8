"""Settings that belong to the PC, not to a trainee: first language, right-to-left mode."""

from __future__ import annotations

from typing import Any

from tinydb import TinyDB

TABLE = "settings"
DOC_ID = 1


class PcSettings:
    """One document of PC-wide settings in the state database."""

    def __init__(self, db: TinyDB) -> None:
        self._table = db.table(TABLE)

    def _doc(self) -> dict[str, Any]:
        doc = self._table.get(doc_id=DOC_ID)
        return dict(doc) if isinstance(doc, dict) else {}

    def get(self, key: str, default: Any = None) -> Any:
        return self._doc().get(key, default)

    def set(self, key: str, value: Any) -> None:
        doc = self._doc()
        doc[key] = value
        from tinydb.table import Document

        self._table.upsert(Document(doc, doc_id=DOC_ID))

    @property
    def language(self) -> str | None:
        value = self.get("language")
        return str(value) if value else None

    @property
    def rtl(self) -> str:
        return str(self.get("rtl", "auto"))
