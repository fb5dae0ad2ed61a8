"""Lesson packs: one signed file a trainer carries on a USB stick (DESIGN §4, docs/packs.md)."""
