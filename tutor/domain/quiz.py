"""Quiz grading: pure functions from a question and a choice to feedback."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tutor.domain.lesson import Question

PASS_PERCENT = 70  # a lesson's quiz is passed at 70% or more


@dataclass(frozen=True)
class Feedback:
    """The result of answering one question, with every option's explanation."""

    question_id: str
    choice: int
    correct: bool
    correct_indexes: tuple[int, ...]


def grade(question: Question, choice: int) -> Feedback:
    """Grade one answer. Raises ValueError for a choice that is not an option."""
    if not 0 <= choice < len(question.options):
        raise ValueError(f"choice {choice} is not an option of {question.id}")
    return Feedback(question.id, choice, question.options[choice].correct, question.correct_indexes)


@dataclass(frozen=True)
class QuizResult:
    score: int
    total: int

    @property
    def percent(self) -> int:
        return 0 if self.total == 0 else round(100 * self.score / self.total)

    @property
    def passed(self) -> bool:
        return self.total > 0 and 100 * self.score >= PASS_PERCENT * self.total


def result(feedback: Sequence[Feedback]) -> QuizResult:
    """Score of a finished quiz: one point per correctly answered question."""
    return QuizResult(sum(1 for f in feedback if f.correct), len(feedback))
