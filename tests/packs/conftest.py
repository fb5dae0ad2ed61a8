"""Keys and a good pack for the pack tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pack_testkit import LESSONS

from tutor.packs.pack_build import build_pack
from tutor.packs.pack_keys import public_line


@pytest.fixture(scope="session")
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture(scope="session")
def public(key: Ed25519PrivateKey) -> str:
    return public_line(key.public_key())


@pytest.fixture
def good_pack(tmp_path: Path, key: Ed25519PrivateKey) -> Path:
    out = tmp_path / "basics.tpack"
    build_pack(LESSONS, key, out, pack_id="basics", version=1, check=False)
    return out
