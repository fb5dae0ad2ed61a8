"""Each checker rule: one small fault in an otherwise clean tree -> that code, file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from lesson_texts import EN, GLOSSARY_EN, GLOSSARY_UR, LESSON_EN, LESSON_UR, MODULE_YAML, UR

from tutor.lessons.check import check_tree
from tutor.lessons.messages import MESSAGES


def sub(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


QUIZ_OPTIONS = """\
  - text: A platform keeps a fee
    correct: true
    why: The fee pays for the service.
  - text: A platform is free
    why: Platforms earn from fees.
"""

# (case id, changed files, code, file, line, severity)
CASES: list[tuple[str, dict[str, str | bytes | None], str, str, int, str]] = [
    ("binary", {EN: b"---\nid: x\n\x00\x01"}, "binary", EN, 3, "error"),
    ("latin-1", {EN: "---\nid: x\ntitle: caf\xe9\n".encode("latin-1")}, "not-utf8", EN, 3, "error"),
    ("empty", {EN: ""}, "empty", EN, 1, "error"),
    ("too-large", {EN: "x" * (1024 * 1024 + 1)}, "too-large", EN, 1, "error"),
    (
        "file-name",
        {"basics/notes.fr.md": "# hi\n"},
        "file-name",
        "basics/notes.fr.md",
        0,
        "warning",
    ),
    (
        "no-module-yaml",
        {"extra/other.en.md": LESSON_EN},
        "missing-module-yaml",
        "extra",
        0,
        "error",
    ),
    (
        "header-yaml",
        {EN: sub(LESSON_EN, "title: First steps", "title: [First")},
        "yaml-syntax",
        EN,
        5,
        "error",
    ),
    (
        "quiz-yaml",
        {EN: sub(LESSON_EN, "question: Which is true?", "question: Which: is: true?")},
        "yaml-syntax",
        EN,
        21,
        "error",
    ),
    (
        "alias",
        {EN: sub(LESSON_EN, "why: Platforms earn from fees.", "why: *Platforms* earn")},
        "yaml-alias",
        EN,
        27,
        "error",
    ),
    (
        "too-deep",
        {EN: sub(LESSON_EN, "question: Which is true?", "question: " + "[" * 200 + "]" * 200)},
        "yaml-too-complex",
        EN,
        20,
        "error",
    ),
    (
        "dup-key",
        {EN: sub(LESSON_EN, "minutes: 8", "minutes: 8\ntitle: Again")},
        "duplicate-key",
        EN,
        7,
        "error",
    ),
    (
        "header-list",
        {EN: "---\n- one\n- two\n---\n\n## The idea {#idea}\n\nText.\n"},
        "not-mapping",
        EN,
        1,
        "error",
    ),
    (
        "quiz-scalar",
        {
            EN: sub(LESSON_EN, "id: q1\n", "just text\n").replace(
                "question: Which is true?\noptions:\n" + QUIZ_OPTIONS, ""
            )
        },
        "not-mapping",
        EN,
        19,
        "error",
    ),
    ("no-minutes", {EN: sub(LESSON_EN, "minutes: 8\n", "")}, "missing-field", EN, 2, "error"),
    (
        "no-why",
        {EN: sub(LESSON_EN, "    why: Platforms earn from fees.\n", "")},
        "missing-field",
        EN,
        26,
        "error",
    ),
    (
        "unknown-field",
        {EN: sub(LESSON_EN, "minutes: 8", "minutes: 8\nlevel: easy")},
        "unknown-field",
        EN,
        7,
        "warning",
    ),
    (
        "bad-lesson-id",
        {EN: sub(LESSON_EN, "id: first-steps", "id: First_Steps")},
        "bad-id",
        EN,
        2,
        "error",
    ),
    ("bad-section-id", {EN: sub(LESSON_EN, "{#idea}", "{#The Idea}")}, "bad-id", EN, 13, "error"),
    ("bad-quiz-id", {EN: sub(LESSON_EN, "id: q1", "id: Q 1")}, "bad-id", EN, 20, "error"),
    (
        "title-number",
        {EN: sub(LESSON_EN, "title: First steps", "title: 42")},
        "not-text",
        EN,
        5,
        "error",
    ),
    (
        "empty-why",
        {EN: sub(LESSON_EN, "why: The fee pays for the service.", 'why: ""')},
        "not-text",
        EN,
        25,
        "error",
    ),
    ("order-text", {EN: sub(LESSON_EN, "order: 1", "order: first")}, "bad-order", EN, 4, "error"),
    (
        "minutes-zero",
        {EN: sub(LESSON_EN, "minutes: 8", "minutes: 0")},
        "bad-minutes",
        EN,
        6,
        "error",
    ),
    (
        "minutes-bool",
        {EN: sub(LESSON_EN, "minutes: 8", "minutes: yes")},
        "bad-minutes",
        EN,
        6,
        "error",
    ),
    (
        "objectives-empty",
        {EN: sub(LESSON_EN, "objectives:\n  - Say what a platform does", "objectives: []")},
        "bad-objectives",
        EN,
        7,
        "error",
    ),
    (
        "module-title-text",
        {
            "basics/module.yaml": sub(
                MODULE_YAML, "title:\n  en: Basics\n  ur: بنیادی باتیں\n", "title: Basics\n"
            )
        },
        "bad-lang-map",
        "basics/module.yaml",
        3,
        "error",
    ),
    (
        "module-no-en",
        {"basics/module.yaml": sub(MODULE_YAML, "  en: Basics\n", "")},
        "no-english",
        "basics/module.yaml",
        3,
        "error",
    ),
    (
        "module-no-ur",
        {"basics/module.yaml": sub(MODULE_YAML, "  ur: بنیادی باتیں\n", "")},
        "no-urdu",
        "basics/module.yaml",
        3,
        "warning",
    ),
    (
        "module-twice",
        {"more/module.yaml": MODULE_YAML.replace("order: 1", "order: 2")},
        "duplicate-module",
        "more/module.yaml",
        1,
        "error",
    ),
    ("no-header", {EN: LESSON_EN.split("---\n", 2)[2]}, "no-front-matter", EN, 1, "error"),
    (
        "unclosed-header",
        {EN: "---\nid: first-steps\n\n## The idea {#idea}\n\nText.\n"},
        "unclosed-front-matter",
        EN,
        1,
        "error",
    ),
    (
        "module-mismatch",
        {
            "safety/module.yaml": "id: safety\norder: 2\ntitle:\n  en: Safety\n  ur: حفاظت\n",
            "safety/x.en.md": sub(LESSON_EN, "id: first-steps", "id: other-lesson"),
            "safety/x.ur.md": sub(LESSON_UR, "id: first-steps", "id: other-lesson"),
        },
        "module-mismatch",
        "safety/x.en.md",
        3,
        "error",
    ),
    (
        "unknown-module",
        {EN: sub(LESSON_EN, "module: basics", "module: nowhere")},
        "unknown-module",
        EN,
        3,
        "error",
    ),
    (
        "same-id",
        {"basics/copy.en.md": LESSON_EN, "basics/copy.ur.md": LESSON_UR},
        "duplicate-lesson",
        "basics/first-steps.en.md",
        2,
        "error",
    ),
    (
        "same-order",
        {
            "basics/second.en.md": sub(LESSON_EN, "id: first-steps", "id: second"),
            "basics/second.ur.md": sub(LESSON_UR, "id: first-steps", "id: second"),
        },
        "duplicate-order",
        "basics/second.en.md",
        4,
        "warning",
    ),
    ("no-sections", {EN: LESSON_EN.split("## The idea")[0]}, "no-sections", EN, 10, "error"),
    (
        "section-no-id",
        {EN: sub(LESSON_EN, "## The idea {#idea}", "## The idea")},
        "section-no-id",
        EN,
        13,
        "error",
    ),
    (
        "section-twice",
        {EN: sub(LESSON_EN, "{#practice}", "{#idea}")},
        "duplicate-section",
        EN,
        17,
        "error",
    ),
    ("unclosed-quiz", {EN: LESSON_EN.rstrip("`\n") + "\n"}, "unclosed-fence", EN, 19, "error"),
    (
        "options-scalar",
        {EN: sub(LESSON_EN, "options:\n" + QUIZ_OPTIONS, "options: A or B\n")},
        "bad-options",
        EN,
        22,
        "error",
    ),
    (
        "one-option",
        {
            EN: sub(
                LESSON_EN, "  - text: A platform is free\n    why: Platforms earn from fees.\n", ""
            )
        },
        "option-count",
        EN,
        22,
        "error",
    ),
    (
        "none-correct",
        {EN: sub(LESSON_EN, "    correct: true\n", "")},
        "no-correct-option",
        EN,
        22,
        "error",
    ),
    (
        "correct-text",
        {EN: sub(LESSON_EN, "correct: true", 'correct: "yes"')},
        "bad-correct",
        EN,
        24,
        "error",
    ),
    (
        "question-twice",
        {
            EN: LESSON_EN
            + "\n```quiz\nid: q1\nquestion: Again?\noptions:\n"
            + QUIZ_OPTIONS
            + "```\n"
        },
        "duplicate-question",
        EN,
        30,
        "error",
    ),
    ("no-urdu", {UR: None}, "urdu-missing", EN, 1, "warning"),
    ("no-english", {EN: None}, "english-missing", UR, 1, "error"),
    (
        "ur-other-id",
        {UR: sub(LESSON_UR, "id: first-steps", "id: first-step")},
        "id-mismatch",
        UR,
        2,
        "error",
    ),
    (
        "ur-other-order",
        {UR: sub(LESSON_UR, "order: 1", "order: 2")},
        "header-differs",
        UR,
        4,
        "error",
    ),
    (
        "ur-other-section",
        {UR: sub(LESSON_UR, "{#practice}", "{#exercise}")},
        "sections-differ",
        UR,
        17,
        "error",
    ),
    (
        "ur-section-gone",
        {UR: sub(LESSON_UR, "## مشق {#practice}\n", "")},
        "sections-differ",
        UR,
        13,
        "error",
    ),
    (
        "ur-other-quiz",
        {UR: sub(LESSON_UR, "id: q1", "id: q2")},
        "questions-differ",
        UR,
        19,
        "error",
    ),
    (
        "ur-three-options",
        {UR: sub(LESSON_UR, "```\n", "  - text: تیسرا\n    why: وجہ۔\n```\n")},
        "options-differ",
        UR,
        19,
        "error",
    ),
    (
        "ur-other-answer",
        {
            UR: sub(
                sub(LESSON_UR, "    correct: true\n", ""),
                "    why: پلیٹ فارم فیس",
                "    correct: true\n    why: پلیٹ فارم فیس",
            )
        },
        "answers-differ",
        UR,
        19,
        "error",
    ),
    (
        "lesson-link",
        {EN: LESSON_EN + "\nSee [next](lesson:nowhere).\n"},
        "broken-lesson-link",
        EN,
        30,
        "error",
    ),
    (
        "section-link",
        {EN: sub(LESSON_EN, "A short introduction.", "See [it](lesson:first-steps#nope).")},
        "broken-section-link",
        EN,
        11,
        "error",
    ),
    (
        "anchor-link",
        {EN: sub(LESSON_EN, "A short introduction.", "See\n[it](#nope).")},
        "broken-section-link",
        EN,
        12,
        "error",
    ),
    (
        "glossary-link",
        {EN: sub(LESSON_EN, "glossary:platform", "glossary:escrow")},
        "missing-glossary-term",
        EN,
        15,
        "error",
    ),
    (
        "quiz-link",
        {EN: sub(LESSON_EN, "why: Platforms earn from fees.", "why: See [fees](glossary:fees).")},
        "missing-glossary-term",
        EN,
        27,
        "error",
    ),
    (
        "practice-link",
        {EN: sub(LESSON_EN, "A short introduction.", "Try [it](practice:bidding).")},
        "unknown-practice",
        EN,
        11,
        "error",
    ),
    (
        "file-link",
        {EN: sub(LESSON_EN, "A short introduction.", "A [note](notes.md).")},
        "file-link",
        EN,
        11,
        "warning",
    ),
    (
        "term-twice",
        {"basics/glossary.en.md": GLOSSARY_EN},
        "duplicate-term",
        "basics/glossary.en.md",
        3,
        "error",
    ),
    (
        "term-id-twice",
        {"glossary.en.md": GLOSSARY_EN + "\n## Again {#platform}\n\nMore.\n"},
        "duplicate-section",
        "glossary.en.md",
        7,
        "error",
    ),
    (
        "term-empty",
        {"glossary.en.md": GLOSSARY_EN + "\n## Escrow {#escrow}\n"},
        "empty-term",
        "glossary.en.md",
        7,
        "error",
    ),
    (
        "term-no-urdu",
        {"glossary.en.md": GLOSSARY_EN + "\n## Escrow {#escrow}\n\nMoney held.\n"},
        "term-urdu-missing",
        "glossary.en.md",
        7,
        "warning",
    ),
    (
        "term-no-english",
        {"glossary.ur.md": GLOSSARY_UR + "\n## ایسکرو {#escrow}\n\nرقم۔\n"},
        "term-english-missing",
        "glossary.ur.md",
        7,
        "error",
    ),
]

# Codes whose cases need more than a changed file; tested in test_lesson_files.py.
TESTED_ELSEWHERE = {"path-missing", "unreadable", "not-lesson-file"}


@pytest.mark.parametrize(
    ("changes", "code", "file", "line", "severity"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_rule_reports_code_file_and_line(tree, changes, code, file, line, severity) -> None:
    root = tree(changes)
    found = check_tree(root)
    where = [(p.code, str(Path(p.file).relative_to(root)), p.line) for p in found]
    assert (code, file, line) in where
    match = next(p for p in found if p.code == code and p.line == line)
    assert match.severity == severity
    assert match.message_en and match.message_ur and match.message_en != match.message_ur


def test_clean_base_tree_has_no_problems(tree) -> None:
    assert check_tree(tree()) == []


def test_every_message_code_has_a_test() -> None:
    covered = {case[2] for case in CASES} | TESTED_ELSEWHERE
    assert covered == set(MESSAGES)


def test_yaml_error_line_is_fence_line_plus_mark_line(tree) -> None:
    # The fence opens on line 19, so YAML line 0 is file line 20 and YAML line 3 is 23.
    broken = sub(LESSON_EN, "  - text: A platform keeps a fee", "  - text: [unclosed")
    found = check_tree(tree({EN: broken}))
    syntax = [p for p in found if p.code == "yaml-syntax"]
    assert [(p.line, p.file.endswith(EN)) for p in syntax] == [(23, True)]


def test_one_file_can_have_many_problems(tree) -> None:
    text = sub(LESSON_EN, "minutes: 8", "minutes: -3")
    text = sub(text, "order: 1", "order: x")
    text = sub(text, "## The idea {#idea}", "## The idea")
    found = check_tree(tree({EN: text}))
    codes = {(p.code, p.line) for p in found if p.file.endswith(EN)}
    assert {("bad-minutes", 6), ("bad-order", 4), ("section-no-id", 13)} <= codes


def test_only_warnings_means_no_errors(tree) -> None:
    found = check_tree(tree({UR: None, "basics/notes.fr.md": "# notes\n"}))
    assert {p.code for p in found} == {"urdu-missing", "file-name"}
    assert not any(p.is_error for p in found)
