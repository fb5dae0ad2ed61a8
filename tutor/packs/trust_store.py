"""The public keys this PC trusts, kept in the PC's settings (one list per PC)."""

from __future__ import annotations

from tutor.packs.pack_keys import key_id, parse_public
from tutor.services.pc_settings import PcSettings

SETTING = "trusted_keys"


def trusted_keys(settings: PcSettings) -> list[str]:
    keys = settings.get(SETTING, [])
    return [k for k in keys if isinstance(k, str)] if isinstance(keys, list) else []


def trust(settings: PcSettings, public_line: str) -> str:
    """Add a key (validated first); returns its key id. Trusting twice changes nothing."""
    parse_public(public_line)
    line = public_line.strip()
    keys = trusted_keys(settings)
    if key_id(line) not in {key_id(k) for k in keys}:
        settings.set(SETTING, [*keys, line])
    return key_id(line)
