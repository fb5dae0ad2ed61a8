"""Build, verify, install, update and roll back a pack as a trainer would."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from pack_testkit import LESSONS

from tutor.packs.pack_build import build_pack
from tutor.packs.pack_errors import PackError
from tutor.packs.pack_keys import generate, load_private, parse_public
from tutor.packs.pack_library import PackLibrary
from tutor.packs.pack_verify import TRUSTED, UNKNOWN_KEY, verify_pack


def test_keygen_roundtrip_and_wrong_passphrase(tmp_path: Path) -> None:
    pem, pub = generate(b"correct horse")
    (tmp_path / "k.pem").write_bytes(pem)
    key = load_private(tmp_path / "k.pem", b"correct horse")
    parse_public(pub)  # parses
    with pytest.raises(PackError) as err:
        load_private(tmp_path / "k.pem", b"wrong passphrase")
    assert err.value.code == "key-locked"
    with pytest.raises(PackError):
        generate(b"short")
    assert key.public_key() is not None


def test_trusted_and_unknown_key(good_pack: Path, public: str) -> None:
    assert verify_pack(good_pack, [public]).trust == TRUSTED
    other = generate(b"another passphrase")[1]
    assert verify_pack(good_pack, [other]).trust == UNKNOWN_KEY
    assert verify_pack(good_pack, []).trust == UNKNOWN_KEY


def test_install_update_and_rollback(tmp_path: Path, key, public: str) -> None:
    lib = PackLibrary(tmp_path / "packs")
    v1 = tmp_path / "v1.tpack"
    build_pack(LESSONS, key, v1, pack_id="basics", version=1, check=False)
    installed = lib.install(verify_pack(v1, [public]))
    assert installed.version == 1
    lesson = installed.folder / "files" / "01-basics" / "01-first.en.md"
    assert lesson.read_bytes() == (LESSONS / "01-basics" / "01-first.en.md").read_bytes()

    src2 = tmp_path / "src2"
    shutil.copytree(LESSONS, src2)
    (src2 / "01-basics" / "02-second.en.md").unlink()
    first = src2 / "01-basics" / "01-first.en.md"
    first.write_text(first.read_text() + "\nMore text.\n")
    v2 = tmp_path / "v2.tpack"
    build_pack(src2, key, v2, pack_id="basics", version=2, check=False)
    current, plan = lib.plan(verify_pack(v2, [public]))
    assert current is not None and current.version == 1
    assert plan.updated == ("01-basics/01-first",)
    assert plan.removed == ("01-basics/02-second",)
    assert lib.install(verify_pack(v2, [public])).version == 2
    assert lib.get("basics").previous_version == 1

    with pytest.raises(PackError) as err:
        lib.install(verify_pack(v1, [public]))
    assert err.value.code == "older"
    back = lib.rollback("basics")
    assert back.version == 1
    assert (back.folder / "files" / "01-basics" / "02-second.en.md").is_file()
    assert lib.lesson_folders() == [back.folder / "files"]


def test_rollback_without_previous_is_refused(tmp_path: Path, good_pack: Path) -> None:
    lib = PackLibrary(tmp_path / "packs")
    with pytest.raises(PackError):
        lib.rollback("basics")
    lib.install(verify_pack(good_pack))
    with pytest.raises(PackError) as err:
        lib.rollback("basics")
    assert err.value.code == "no-previous"


def tree_digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


class PowerCut(BaseException):
    """Stands for the moment the power goes: nothing after it runs."""


def test_power_cut_at_every_step_of_an_update_leaves_a_whole_version(
    tmp_path: Path, key, public: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tutor.packs.pack_library as library

    v1, v2 = tmp_path / "v1.tpack", tmp_path / "v2.tpack"
    build_pack(LESSONS, key, v1, pack_id="basics", version=1, check=False)
    build_pack(LESSONS, key, v2, pack_id="basics", version=2, check=False)
    steps = 0
    while True:
        root = tmp_path / f"packs{steps}"
        lib = PackLibrary(root)
        lib.install(verify_pack(v1, [public]))
        calls = {"n": 0}

        def cut_after(real, limit=steps, calls=calls):
            def wrapped(*args, **kwargs):
                calls["n"] += 1
                if calls["n"] > limit:
                    raise PowerCut
                return real(*args, **kwargs)

            return wrapped

        with monkeypatch.context() as m:
            for name in ("write_all", "fsync_folder", "write_file_atomic"):
                m.setattr(library, name, cut_after(getattr(library, name)))
            m.setattr(library.os, "replace", cut_after(library.os.replace))
            m.setattr(library.os, "fsync", cut_after(library.os.fsync))
            try:
                lib.install(verify_pack(v2, [public]))
                finished = True
            except PowerCut:
                finished = False
        after = PackLibrary(root).get("basics")
        assert after is not None and after.version in (1, 2)
        files = after.folder / "files"
        expected = {f.path: f.sha256 for f in after.manifest.files}
        assert tree_digest(files) == expected
        if finished:
            assert after.version == 2
            break
        steps += 1
    assert steps > 5


def test_installing_the_same_pack_again_changes_nothing(tmp_path: Path, key, public: str) -> None:
    lib = PackLibrary(tmp_path / "packs")
    v1, v2 = tmp_path / "v1.tpack", tmp_path / "v2.tpack"
    build_pack(LESSONS, key, v1, pack_id="basics", version=1, check=False)
    build_pack(LESSONS, key, v2, pack_id="basics", version=2, check=False)
    lib.install(verify_pack(v1, [public]))
    lib.install(verify_pack(v2, [public]))
    before = tree_digest(lib.root)
    again = lib.install(verify_pack(v2, [public]))
    assert again.version == 2 and again.previous_version == 1
    assert tree_digest(lib.root) == before
    assert lib.rollback("basics").version == 1


def test_trust_command_says_when_the_key_was_already_trusted(
    tmp_path: Path, public: str, capsys
) -> None:
    from tutor.cli import main

    home = str(tmp_path / "home")
    assert main(["--home", home, "pack", "trust", public]) == 0
    assert "now trusts" in capsys.readouterr().out
    assert main(["--home", home, "pack", "trust", public]) == 0
    assert "already trusted" in capsys.readouterr().out
    assert main(["--home", home, "pack", "trust", "not a key"]) != 0


def test_install_command_writes_one_count_when_not_on_a_terminal(
    tmp_path: Path, good_pack: Path, public: str, capsys
) -> None:
    from tutor.cli import main

    home = str(tmp_path / "home")
    assert main(["--home", home, "pack", "trust", public]) == 0
    capsys.readouterr()
    assert main(["--home", home, "pack", "install", str(good_pack)]) == 0
    out = capsys.readouterr().out
    counts = [word for word in out.split() if "/" in word and word.replace("/", "").isdigit()]
    assert len(counts) == 1  # only the final "n/n", not every step
    done, total = counts[0].split("/")
    assert done == total and int(total) > 1
    assert "\r" not in out
