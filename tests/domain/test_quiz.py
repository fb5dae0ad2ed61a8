from __future__ import annotations

import pytest

from tutor.domain.lesson import Option, Question
from tutor.domain.quiz import grade, result

Q = Question(
    "fees",
    "Which is true?",
    (Option("right", True, "because"), Option("wrong", False, "no"), Option("also", True, "yes")),
)


def test_grade_right_and_wrong_answers() -> None:
    assert grade(Q, 0).correct
    assert not grade(Q, 1).correct
    assert grade(Q, 1).correct_indexes == (0, 2)


def test_grade_rejects_choice_outside_options() -> None:
    with pytest.raises(ValueError):
        grade(Q, 3)
    with pytest.raises(ValueError):
        grade(Q, -1)


@pytest.mark.parametrize(
    ("answers", "score", "passed"),
    [([0, 0, 0, 0], 4, True), ([0, 0, 0, 1], 3, True), ([0, 0, 1, 1], 2, False), ([], 0, False)],
)
def test_result_pass_mark_is_seventy_percent(answers: list[int], score: int, passed: bool) -> None:
    res = result([grade(Q, a) for a in answers])
    assert res.score == score
    assert res.passed is passed
