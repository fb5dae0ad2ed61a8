"""The docs stay true: the worked example in docs/lesson-format.md passes the checker, and
docs/curriculum.md is the outline of the bundled lessons."""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt

from tutor.lessons.check import check_tree
from tutor.lessons.loader import load_tree
from tutor.lessons.outline import render_outline
from tutor.paths import bundled_dir

DOCS = Path(__file__).resolve().parents[2] / "docs"
_MARK = re.compile(r"<!--\s*example-file:\s*(\S+)\s*-->")


def example_files() -> dict[str, str]:
    """``<!-- example-file: PATH -->`` followed by a fenced block -> {PATH: block text}."""
    tokens = MarkdownIt("commonmark").parse((DOCS / "lesson-format.md").read_text("utf-8"))
    files: dict[str, str] = {}
    for token, following in zip(tokens, tokens[1:], strict=False):
        match = _MARK.search(token.content) if token.type == "html_block" else None
        if match:
            assert following.type == "fence", match[1]
            files[match[1]] = following.content
    return files


def test_worked_example_has_every_kind_of_file() -> None:
    names = sorted(example_files())
    assert names == [
        "06-staying-safe/module.yaml",
        "06-staying-safe/pay-on-the-platform.en.md",
        "06-staying-safe/pay-on-the-platform.ur.md",
        "glossary.en.md",
        "glossary.ur.md",
    ]


def test_worked_example_passes_the_checker(tmp_path: Path) -> None:
    for rel, text in example_files().items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert check_tree(tmp_path) == []
    result = load_tree(tmp_path)
    lesson = result.curriculum.lessons[("pay-on-the-platform", "ur")]
    assert [s.id for s in lesson.sections] == ["why", "reply"]
    assert lesson.quiz[0].correct_indexes == (1,)
    assert "escrow" in result.glossary


def test_curriculum_doc_is_the_outline_of_the_bundled_lessons() -> None:
    expected = render_outline(load_tree(bundled_dir("lessons")).curriculum)
    assert (DOCS / "curriculum.md").read_text("utf-8") == expected, (
        "regenerate it: tutor lessons outline lessons/ > docs/curriculum.md"
    )


def test_bundled_lessons_have_no_errors() -> None:
    errors = [p for p in check_tree(bundled_dir("lessons")) if p.is_error]
    assert errors == [], "\n".join(f"{p.file}:{p.line}: {p.message_en}" for p in errors)
