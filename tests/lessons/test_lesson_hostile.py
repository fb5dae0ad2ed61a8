"""Hostile and random input: a problem listed, never a crash, never a long hang."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lesson_texts import EN, LESSON_EN

from tutor.lessons.check import check_tree
from tutor.lessons.loader import parse_lesson
from tutor.lessons.problems import shown
from tutor.lessons.yaml_block import YamlFailure, load_yaml

BILLION_LAUGHS = """\
id: q1
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
question: [*d,*d,*d,*d,*d,*d,*d,*d,*d]
"""


def _with_quiz(yaml_text: str) -> str:
    return LESSON_EN.split("```quiz\n", 1)[0] + "```quiz\n" + yaml_text + "```\n"


def test_yaml_aliases_are_refused() -> None:
    started = time.perf_counter()
    lesson, problems = parse_lesson(_with_quiz(BILLION_LAUGHS), source="x", lang="en")
    assert time.perf_counter() - started < 2
    assert [(p.code, p.line) for p in problems] == [("yaml-alias", 21)]
    assert lesson is not None and lesson.quiz == ()


def test_deep_nesting_does_not_reach_the_c_parser() -> None:
    # libyaml recurses on the C stack: ~5,000 levels crash a 1 MB-stack thread outright.
    for text in ("[" * 5000 + "]" * 5000, "- " * 5000 + "x", "a: {" * 3000):
        failure = load_yaml(text)
        assert isinstance(failure, YamlFailure)
        assert failure.kind == "too-complex"


def test_ordinary_nesting_still_loads() -> None:
    text = "a:\n" + "".join(" " * i + "b:\n" for i in range(1, 40))
    assert not isinstance(load_yaml(text), YamlFailure)


def test_deep_markdown_nesting_is_bounded() -> None:
    text = LESSON_EN + "> " * 50_000 + "deep\n" + "- " * 50_000 + "deeper\n"
    started = time.perf_counter()
    lesson, problems = parse_lesson(text, source="x", lang="en")
    assert time.perf_counter() - started < 5
    assert problems == [] and lesson is not None


def test_shown_cuts_long_values_and_replaces_control_characters() -> None:
    assert shown("a\x1b[2Jb") == "a\N{REPLACEMENT CHARACTER}[2Jb"
    assert shown("\u202eevil") == "\N{REPLACEMENT CHARACTER}evil"
    assert len(shown("x" * 10_000)) == 60
    assert shown(["a"] * 3) == "['a', 'a', 'a']"


def test_a_huge_id_is_reported_short(tree) -> None:
    root = tree({EN: LESSON_EN.replace("id: first-steps", "id: " + "a" * 5000)})
    bad = [p for p in check_tree(root) if p.code == "bad-id"]
    assert len(bad) == 1 and len(bad[0].message_en) < 200


LESSONISH = st.lists(
    st.sampled_from(
        [
            "---",
            "id: x",
            "module: basics",
            "order: 1",
            "title: T",
            "minutes: 5",
            "objectives:",
            "  - one",
            "## A {#a}",
            "## B {#a}",
            "## C",
            "```quiz",
            "```",
            "id: q",
            "options:",
            "  - text: a",
            "    correct: true",
            "    why: w",
            "[l](lesson:x#a)",
            "> quote",
            "    code",
            "*bold* &anchor *alias",
            "",
        ]
    ),
    max_size=40,
).map("\n".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(LESSONISH, st.text(max_size=300)))
def test_parse_lesson_never_raises(text: str) -> None:
    lesson, problems = parse_lesson(text, source="x.en.md", lang="en")
    assert lesson is not None or problems
    for problem in problems:
        assert problem.line >= 0 and problem.code and problem.message_ur
    if lesson is not None:
        assert lesson.sections
