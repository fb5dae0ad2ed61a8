"""The kit builder's parts: repacking installed wheels, trimming Babel, refusing bad input."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import os
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import kit_builder
import pytest
import wheel_repack
from kit_testkit import PACKAGING


def record_matches(wheel: Path) -> bool:
    """Every member but RECORD is listed in RECORD with its true hash and size."""
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        record = next(n for n in names if n.endswith(".dist-info/RECORD"))
        rows = {r[0]: r for r in csv.reader(io.StringIO(zf.read(record).decode()))}
        for name in names:
            if name == record:
                continue
            data = zf.read(name)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            if rows.get(name) != [name, f"sha256={digest.decode()}", str(len(data))]:
                return False
        return set(rows) == set(names)


def fake_dist(tmp_path: Path, wheel_text: str) -> metadata.Distribution:
    info = tmp_path / "demo-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n")
    (info / "WHEEL").write_text(wheel_text)
    return metadata.PathDistribution(info)


def test_wheel_tags_are_compressed_as_pip_expects(tmp_path: Path) -> None:
    dist = fake_dist(
        tmp_path,
        "Wheel-Version: 1.0\nTag: cp311-abi3-manylinux_2_17_x86_64\n"
        "Tag: cp311-abi3-manylinux2014_x86_64\n",
    )
    assert wheel_repack.wheel_name(dist) == (
        "demo-1.0-cp311-abi3-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"
    )


def test_dist_without_wheel_tags_is_refused(tmp_path: Path) -> None:
    with pytest.raises(wheel_repack.RepackError, match="names no tag"):
        wheel_repack.wheel_tags(fake_dist(tmp_path, "Wheel-Version: 1.0\n"))


def test_repacked_wheel_has_a_true_record(tmp_path: Path) -> None:
    wheel = wheel_repack.repack(metadata.distribution("mdurl"), tmp_path)
    assert wheel.name.startswith("mdurl-") and wheel.name.endswith("-py3-none-any.whl")
    assert record_matches(wheel)
    names = zipfile.ZipFile(wheel).namelist()
    assert not [n for n in names if "__pycache__" in n or n.endswith("INSTALLER")]


def test_closure_follows_extras_and_markers() -> None:
    names = {
        d.metadata["Name"].lower()
        for d in wheel_repack.requirement_closure(["markdown-it-py[linkify]", "textual"])
    }
    assert {"markdown-it-py", "linkify-it-py", "rich", "pygments"} <= names
    assert "pytest" not in names


def test_missing_requirement_and_editable_install_are_refused() -> None:
    with pytest.raises(wheel_repack.RepackError, match="not installed"):
        wheel_repack.requirement_closure(["no-such-dist-for-tutor-tests"])
    tutor = metadata.distribution("tutor")
    if '"editable": true' not in (tutor.read_text("direct_url.json") or "").replace(
        '"editable":true', '"editable": true'
    ):
        pytest.skip("tutor is not an editable install here")
    with pytest.raises(wheel_repack.RepackError, match="editable"):
        wheel_repack.repack(tutor, Path("/nonexistent"))


def test_babel_trim_keeps_the_locale_chain_and_a_true_record(tmp_path: Path) -> None:
    wheel = tmp_path / "babel-9-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        for name in ("root", "en", "en_001", "en_PK", "ur", "ur_PK", "fr", "zh_Hant"):
            zf.writestr(f"babel/locale-data/{name}.dat", name * 100)
        zf.writestr("babel/core.py", "x = 1\n")
        zf.writestr("babel-9.dist-info/RECORD", "")
    saved = kit_builder.slim_babel(tmp_path)
    names = set(zipfile.ZipFile(wheel).namelist())
    assert saved > 0
    assert {
        "babel/locale-data/en_PK.dat",
        "babel/locale-data/ur_PK.dat",
        "babel/locale-data/en_001.dat",
        "babel/locale-data/root.dat",
        "babel/core.py",
    } <= names
    assert "babel/locale-data/fr.dat" not in names
    assert record_matches(wheel)


def run_builder(
    tmp_path: Path, out: Path, key: Path, passphrase: str
) -> subprocess.CompletedProcess:
    (tmp_path / "pass").write_text(passphrase, "utf-8")
    return subprocess.run(
        [
            sys.executable,
            str(PACKAGING / "build-usb-kit"),
            str(out),
            "--key",
            str(key),
            "--passphrase-file",
            str(tmp_path / "pass"),
            "--from-installed",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PIP_NO_INDEX": "1"},
    )


def test_wrong_passphrase_stops_before_anything_is_written(
    tmp_path: Path, signing_key: tuple[Path, Path]
) -> None:
    out = tmp_path / "KIT"
    done = run_builder(tmp_path, out, signing_key[0], "not-the-passphrase")
    assert done.returncode == 1
    assert "Wrong passphrase" in done.stderr
    assert not out.exists() and not (tmp_path / "KIT.partial").exists()


def test_garbage_key_file_is_refused(tmp_path: Path) -> None:
    key = tmp_path / "programme.key"
    key.write_bytes(os.urandom(300))
    done = run_builder(tmp_path, tmp_path / "KIT", key, "whatever-it-is")
    assert done.returncode == 1 and "Error:" in done.stderr
    assert not (tmp_path / "KIT").exists()


def test_non_empty_folder_is_not_overwritten(
    tmp_path: Path, signing_key: tuple[Path, Path]
) -> None:
    out = tmp_path / "KIT"
    out.mkdir()
    (out / "mine.txt").write_text("keep me")
    done = run_builder(tmp_path, out, signing_key[0], "x")
    assert done.returncode == 1 and "not empty" in done.stderr
    assert [p.name for p in out.iterdir()] == ["mine.txt"]
