"""App-wide messages."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class LanguageChanged(Message):
    """Posted to every screen after the interface language changed."""

    lang: str
