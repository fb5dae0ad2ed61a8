"""``tutor lessons check`` and ``tutor lessons outline``: output, exit codes, bad paths."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from lesson_texts import EN, FIXTURES, LESSON_EN, UR

from tutor.cli import main
from tutor.lessons.commands import write_line

VALID = FIXTURES / "valid"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["lessons", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_tree_exits_0_with_a_summary(capsys) -> None:
    code, out, _ = run(capsys, "check", str(VALID))
    assert code == 0
    assert out == "8 files checked: 0 errors, 0 warnings.\n"


def test_errors_print_file_line_english_and_urdu_and_exit_1(tree, capsys) -> None:
    root = tree({EN: LESSON_EN.replace("minutes: 8", "minutes: 0")})
    code, out, _ = run(capsys, "check", str(root))
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == (f"{root / EN}:6: error: 'minutes' must be a whole number greater than 0.")
    assert lines[1] == "    'minutes' صفر سے بڑا مکمل عدد ہونا چاہیے۔"
    assert lines[-1] == "5 files checked: 1 error, 0 warnings."


def test_warnings_alone_exit_0(tree, capsys) -> None:
    code, out, _ = run(capsys, "check", str(tree({UR: None})))
    assert code == 0
    assert ": warning: This lesson has no Urdu file" in out
    assert out.endswith("4 files checked: 0 errors, 1 warning.\n")


def test_missing_path_is_a_clear_error(tmp_path, capsys) -> None:
    code, out, _ = run(capsys, "check", str(tmp_path / "nope"))
    assert code == 1
    assert f"{tmp_path / 'nope'}:0: error: This path does not exist." in out
    assert "Traceback" not in out


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
        (b"", "The file is empty."),
        ("---\nid: caf\xe9\n".encode("cp1252"), "not UTF-8 text"),
        (b"---\n\xff\xfe\x00garbage", "not a text file"),
    ],
    ids=["png", "empty", "cp1252", "utf16"],
)
def test_bad_single_file_gets_a_message_not_a_traceback(
    tmp_path, capsys, content, expected
) -> None:
    path = tmp_path / "lesson.en.md"
    path.write_bytes(content)
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1
    assert expected in out
    assert out.endswith("1 file checked: 1 error, 0 warnings.\n")


def test_single_lesson_file_is_checked_against_its_module_yaml(tree, capsys) -> None:
    root = tree({EN: LESSON_EN.replace("module: basics", "module: safety")})
    code, out, _ = run(capsys, "check", str(root / EN))
    assert code == 1
    assert "The lesson says module 'safety' but its folder is module 'basics'." in out


def test_single_clean_file_passes(tree, capsys) -> None:
    root = tree()
    for rel in (EN, UR, "basics/module.yaml", "glossary.ur.md"):
        code, out, _ = run(capsys, "check", str(root / rel))
        assert (code, out) == (0, "1 file checked: 0 errors, 0 warnings.\n"), rel


def test_single_file_checks_its_own_section_links(tree, capsys) -> None:
    root = tree({EN: LESSON_EN + "\nBack to [the idea](#idea) or [nothing](#nope).\n"})
    code, out, _ = run(capsys, "check", str(root / EN))
    assert code == 1
    assert "lesson 'first-steps' has no section 'nope'" in out
    assert "'#idea'" not in out


def test_a_path_too_long_to_look_at(tmp_path, capsys) -> None:
    name = str(tmp_path / ("a" * 5000))
    code, out, _ = run(capsys, "check", name)
    assert code == 1
    assert ":0: error: Cannot read this file or folder (File name too long)." in out
    code, out, err = run(capsys, "outline", name)
    assert (code, out) == (1, "")
    assert "Not a lesson folder" in err


def test_a_file_that_is_not_part_of_a_lesson_tree(tmp_path, capsys) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1
    assert "Not a lesson tree file" in out


def test_unreadable_file_in_a_tree(tree, capsys) -> None:
    root = tree()
    os.symlink(root / "gone.en.md", root / "basics" / "second.en.md")
    code, out, _ = run(capsys, "check", str(root))
    assert code == 1
    assert f"{root / 'basics' / 'second.en.md'}:0: error: Cannot read this file" in out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_or_device_named_like_a_lesson_is_not_read(tree, capsys) -> None:
    root = tree()
    os.mkfifo(root / "basics" / "pipe.en.md")
    os.symlink("/dev/zero", root / "basics" / "zero.en.md")
    code, out, _ = run(capsys, "check", str(root))
    assert code == 1
    for name in ("pipe.en.md", "zero.en.md"):
        assert f"{name}:0: error: Cannot read this file or folder (not a regular file)." in out


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_file_without_read_permission(tree, capsys) -> None:
    root = tree()
    (root / EN).chmod(0)
    try:
        code, out, _ = run(capsys, "check", str(root))
    finally:
        (root / EN).chmod(0o644)
    assert code == 1
    assert "Cannot read this file" in out


def test_terminal_control_characters_are_not_echoed(tree, capsys) -> None:
    root = tree({EN: LESSON_EN.replace("id: first-steps", 'id: "\\e[2J\\e]0;pwned\\a"')})
    code, out, _ = run(capsys, "check", str(root))
    assert code == 1
    assert "\x1b" not in out and "\x07" not in out
    assert "is not a valid id" in out


def test_output_survives_a_console_without_urdu() -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp1252")
    write_line(stream, "x.ur.md:1: error: bad\n    غلطی")
    stream.flush()
    assert raw.getvalue() == b"x.ur.md:1: error: bad\n    ????\n"


def test_outline_of_the_fixture_tree(capsys) -> None:
    code, out, err = run(capsys, "outline", str(VALID))
    assert (code, err) == (0, "")
    assert out == (
        "# Curriculum outline\n\n"
        "Generated with `tutor lessons outline lessons/ > docs/curriculum.md`; "
        "do not edit by hand.\n\n"
        "2 modules, 2 lessons, 18 minutes of reading.\n\n"
        "## 1. Basics\n\nWhat a platform is.\n\n"
        "### 1.1 First steps (8 min)\n\n- Say what a platform does\n- Name two platforms\n\n"
        "## 2. Staying safe\n\n"
        "### 2.1 Spotting scams (10 min)\n\n- Name one red flag\n"
    )


def test_outline_reports_errors_on_stderr_and_exits_1(tree, capsys) -> None:
    root = tree({EN: LESSON_EN.replace("minutes: 8", "minutes: many")})
    code, out, err = run(capsys, "outline", str(root))
    assert code == 1
    assert out.startswith("# Curriculum outline")
    assert "1 error in the lessons" in err


def test_outline_of_a_missing_folder(tmp_path, capsys) -> None:
    code, out, err = run(capsys, "outline", str(tmp_path / "nope"))
    assert (code, out) == (1, "")
    assert "Not a lesson folder" in err


def test_importing_the_commands_stays_light() -> None:
    script = (
        "import argparse, sys\n"
        "import tutor.lessons.commands as c\n"
        "c.register(argparse.ArgumentParser().add_subparsers())\n"
        "print(sorted(m for m in ('markdown_it', 'yaml', 'mdit_py_plugins') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.stdout.strip() == "[]"
