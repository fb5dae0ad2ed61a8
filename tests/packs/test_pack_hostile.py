"""Hostile and broken packs: each refused with a reason, the installed library unchanged."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import zipfile
from pathlib import Path

import pytest
from pack_testkit import craft
from test_pack_roundtrip import tree_digest

from tutor.packs.pack_errors import PackError
from tutor.packs.pack_format import MAX_FILE_BYTES
from tutor.packs.pack_keys import generate
from tutor.packs.pack_library import PackLibrary
from tutor.packs.pack_verify import UNSIGNED, verify_pack

LESSON = b"---\nid: x\n---\n## A {#a}\ntext\n"


@pytest.fixture
def library(tmp_path: Path, good_pack: Path, public: str) -> PackLibrary:
    lib = PackLibrary(tmp_path / "installed")
    lib.install(verify_pack(good_pack, [public]))
    return lib


def refused(lib: PackLibrary, pack: Path, public: str, code: str) -> PackError:
    """Verify+install must fail with ``code`` and leave every installed byte as it was."""
    before = tree_digest(lib.root)
    with pytest.raises(PackError) as err:
        lib.install(verify_pack(pack, [public]))
    assert err.value.code == code, str(err.value)
    assert str(err.value)  # a message for the trainer
    assert tree_digest(lib.root) == before
    return err.value


def info(name: str, mode: int | None = None) -> zipfile.ZipInfo:
    zi = zipfile.ZipInfo(name)
    if mode is not None:
        zi.external_attr = mode << 16
    return zi


@pytest.mark.parametrize(
    "name",
    [
        "../evil.md",
        "a/../../evil.md",
        "/etc/passwd",
        "C:/x.md",
        "a\\..\\b.md",
        "a//b.md",
        ".",
        "a/./b.md",
    ],
)
def test_path_traversal_and_absolute_names(tmp_path, key, public, library, name) -> None:
    files = {"ok.en.md": LESSON}
    pack = craft(tmp_path / "p.tpack", key, files, extra=[(info("files/" + name), b"x")])
    refused(library, pack, public, "unsafe-path")


def test_unsafe_name_in_manifest_only(tmp_path, key, public, library) -> None:
    entry = {"path": "../x.md", "size": 1, "sha256": "0" * 64}
    pack = craft(tmp_path / "p.tpack", key, {}, manifest_files=[entry])
    refused(library, pack, public, "manifest-invalid")


def test_link_member(tmp_path, key, public, library) -> None:
    pack = craft(
        tmp_path / "p.tpack",
        key,
        {"ok.en.md": LESSON},
        extra=[(info("files/link.md", stat.S_IFLNK | 0o777), b"/etc/passwd")],
    )
    refused(library, pack, public, "link")


def test_duplicate_names(tmp_path, key, public, library) -> None:
    with pytest.warns(UserWarning):
        pack = craft(
            tmp_path / "p.tpack",
            key,
            {"ok.en.md": LESSON},
            extra=[(info("files/ok.en.md"), b"other")],
        )
    refused(library, pack, public, "duplicate")


def test_member_over_size_limit(tmp_path, key, public, library) -> None:
    big = os.urandom(MAX_FILE_BYTES + 1)
    pack = craft(
        tmp_path / "p.tpack",
        key,
        {"big.png": big},
        manifest_files=[{"path": "big.png", "size": 1, "sha256": "0" * 64}],
    )
    refused(library, pack, public, "too-big")


def test_zip_bomb(tmp_path, key, public, library) -> None:
    bomb = b"\0" * (4 * 1024 * 1024)
    pack = craft(tmp_path / "p.tpack", key, {"bomb.txt": bomb})
    refused(library, pack, public, "zip-bomb")


def test_truncated_zip(tmp_path, good_pack, public, library) -> None:
    data = good_pack.read_bytes()
    for cut in (10, len(data) // 2, len(data) - 10):
        half = tmp_path / f"cut{cut}.tpack"
        half.write_bytes(data[:cut])
        refused(library, half, public, "truncated")


def test_hash_differs_from_manifest(tmp_path, key, public, library) -> None:
    entry = {
        "path": "ok.en.md",
        "size": len(LESSON),
        "sha256": hashlib.sha256(b"something else").hexdigest(),
    }
    pack = craft(tmp_path / "p.tpack", key, {"ok.en.md": LESSON}, manifest_files=[entry])
    refused(library, pack, public, "hash-mismatch")


def test_file_not_in_manifest(tmp_path, key, public, library) -> None:
    pack = craft(
        tmp_path / "p.tpack",
        key,
        {"ok.en.md": LESSON},
        extra=[(info("files/extra.en.md"), b"sneaky")],
    )
    refused(library, pack, public, "not-listed")


def test_listed_file_missing(tmp_path, key, public, library) -> None:
    entry = {"path": "gone.en.md", "size": 3, "sha256": hashlib.sha256(b"abc").hexdigest()}
    pack = craft(tmp_path / "p.tpack", key, {}, manifest_files=[entry])
    refused(library, pack, public, "missing-file")


def test_bad_signature(tmp_path, key, public, library) -> None:
    pack = craft(tmp_path / "p.tpack", key, {"ok.en.md": LESSON}, sign_bytes=b"other bytes")
    refused(library, pack, public, "bad-signature")


def test_signature_by_a_key_other_than_the_one_named(tmp_path, key, public, library) -> None:
    _pem, other_public = generate(b"12345678 other")
    pack = craft(
        tmp_path / "p.tpack", key, {"ok.en.md": LESSON}, manifest_patch={"public_key": other_public}
    )
    refused(library, pack, public, "bad-signature")


def test_missing_signature_is_unsigned_not_trusted(tmp_path, public) -> None:
    pack = craft(tmp_path / "p.tpack", None, {"ok.en.md": LESSON})
    assert verify_pack(pack, [public]).trust == UNSIGNED


@pytest.mark.parametrize(
    "patch",
    [
        {"format": 9},
        {"id": "../x"},
        {"version": 0},
        {"version": "2"},
        {"files": []},
        {"languages": "en"},
    ],
)
def test_invalid_manifest(tmp_path, key, public, library, patch) -> None:
    pack = craft(tmp_path / "p.tpack", key, {"ok.en.md": LESSON}, manifest_patch=patch)
    refused(library, pack, public, "manifest-invalid")


def test_manifest_not_json(tmp_path, public, library) -> None:
    pack = tmp_path / "p.tpack"
    with zipfile.ZipFile(pack, "w") as zf:
        zf.writestr("manifest.json", b"\xff\xfe not json")
    refused(library, pack, public, "manifest-invalid")


def test_no_manifest(tmp_path, public, library) -> None:
    pack = tmp_path / "p.tpack"
    with zipfile.ZipFile(pack, "w") as zf:
        zf.writestr("files/a.en.md", LESSON)
    refused(library, pack, public, "manifest-missing")


def test_stick_pulled_out_at_every_read(tmp_path, key, public, library, monkeypatch) -> None:
    """An I/O error at the n-th read, for every n: refused or installed whole, never half."""
    import shutil

    from pack_testkit import LESSONS

    from tutor.packs.pack_build import build_pack

    v2 = tmp_path / "v2.tpack"
    src = tmp_path / "src"
    shutil.copytree(LESSONS, src)
    (src / "01-basics" / "03-new.en.md").write_text("new lesson\n")
    build_pack(src, key, v2, pack_id="basics", version=2, check=False)
    real_read = zipfile.ZipExtFile.read
    n = 0
    while True:
        calls = {"n": 0}

        def failing_read(self, *args, limit=n, calls=calls):
            calls["n"] += 1
            if calls["n"] > limit:
                raise OSError(errno.EIO, "Input/output error")
            return real_read(self, *args)

        before = tree_digest(library.root)
        monkeypatch.setattr(zipfile.ZipExtFile, "read", failing_read)
        try:
            library.install(verify_pack(v2, [public]))
            done = True
        except PackError as err:
            assert err.code == "read-failed"
            assert tree_digest(library.root) == before
            done = False
        monkeypatch.setattr(zipfile.ZipExtFile, "read", real_read)
        if done:
            assert library.get("basics").version == 2
            break
        n += 1
    assert n > 3


def test_disk_fills_during_unpack(tmp_path, key, public, library, monkeypatch) -> None:
    import shutil

    from pack_testkit import LESSONS

    import tutor.packs.pack_library as pack_library
    from tutor.packs.pack_build import build_pack

    src = tmp_path / "src"
    shutil.copytree(LESSONS, src)
    (src / "01-basics" / "03-new.en.md").write_text("new lesson\n" * 100)
    v2 = tmp_path / "v2.tpack"
    build_pack(src, key, v2, pack_id="basics", version=2, check=False)
    writes = {"n": 0}
    real = pack_library.write_all

    def full_disk(fd, data):
        writes["n"] += 1
        if writes["n"] > 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd, data)

    monkeypatch.setattr(pack_library, "write_all", full_disk)
    err = refused(library, v2, public, "disk-full")
    assert "full" in str(err)
    assert not list((library.root / "basics").glob(".incoming-*"))
