"""Quiz blocks: a ```quiz fence holding one question in YAML, checked field by field."""

from __future__ import annotations

from dataclasses import dataclass, field

from tutor.domain.lesson import Option, Question
from tutor.lessons.fields import FieldReader, yaml_failure_problem
from tutor.lessons.markdown_blocks import Fence, Link, inline_links
from tutor.lessons.problems import Problem, problem
from tutor.lessons.yaml_block import LineDict, YamlFailure, load_yaml

QUIZ_FIELDS = ("id", "question", "options")
OPTION_FIELDS = ("text", "correct", "why")
MIN_OPTIONS, MAX_OPTIONS = 2, 6


@dataclass
class QuizBlock:
    """One quiz fence after checking. ``question`` is ``None`` when it has errors.

    ``id`` is kept even for a broken question so the languages can still be compared.
    """

    line: int
    id: str | None = None
    question: Question | None = None
    problems: list[Problem] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


def read_quiz(fence: Fence, file: str, *, links: bool = True) -> QuizBlock:
    """Check one quiz fence and build its :class:`Question` (and find its links)."""
    block = QuizBlock(line=fence.line)
    if not fence.closed:
        block.problems.append(problem("unclosed-fence", file, fence.line))
        return block
    first_line = fence.line + 1
    data = load_yaml(fence.content)
    if isinstance(data, YamlFailure):
        block.problems.append(yaml_failure_problem(data, file, first_line))
        return block
    if not isinstance(data, LineDict):
        block.problems.append(problem("not-mapping", file, fence.line))
        return block
    reader = FieldReader(data, file, first_line)
    block.id = reader.id()
    prompt = reader.text("question")
    options = _options(reader)
    reader.warn_unknown(QUIZ_FIELDS)
    block.problems.extend(reader.problems)
    block.links = _links(reader) if links else []
    if any(p.is_error for p in reader.problems):
        return block
    if block.id is not None and prompt is not None and options is not None:
        block.question = Question(id=block.id, prompt=prompt, options=options)
    return block


def _options(reader: FieldReader) -> tuple[Option, ...] | None:
    if not reader.present("options"):
        return None
    items = reader.data["options"]
    if not isinstance(items, list) or not all(isinstance(i, LineDict) for i in items):
        reader.add("bad-options", "options")
        return None
    if not MIN_OPTIONS <= len(items) <= MAX_OPTIONS:
        reader.add("option-count", "options", count=len(items))
        return None
    readers = [FieldReader(item, reader.file, reader.first_line) for item in items]
    options = [_option(option_reader) for option_reader in readers]
    for option_reader in readers:
        reader.problems.extend(option_reader.problems)
    if any(o is None for o in options):
        return None
    if not any(o.correct for o in options if o is not None):
        reader.add("no-correct-option", "options")
        return None
    return tuple(o for o in options if o is not None)


def _option(reader: FieldReader) -> Option | None:
    """One option; ``correct`` may be left out (false), ``text`` and ``why`` may not."""
    text = reader.text("text")
    why = reader.text("why")
    correct = reader.data.get("correct", False)
    if not isinstance(correct, bool):
        reader.add("bad-correct", "correct")
    reader.warn_unknown(OPTION_FIELDS)
    if text is None or why is None or not isinstance(correct, bool):
        return None
    return Option(text=text, correct=correct, why=why)


def _links(reader: FieldReader) -> list[Link]:
    """Links written inside the question and its options, placed on their key's line."""
    found: list[Link] = []
    question = reader.data.get("question")
    if isinstance(question, str):
        found.extend(inline_links(question, reader.line("question")))
    items = reader.data.get("options")
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, LineDict):
            continue
        for key in ("text", "why"):
            value = item.get(key)
            if isinstance(value, str):
                found.extend(inline_links(value, reader.first_line + item.key_line(key)))
    return found
